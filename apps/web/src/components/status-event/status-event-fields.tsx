import { CONCEPT_KINDS, type Status } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { CheckboxField, DateField, Field, SelectField, TextareaField } from "../form/field";
import type { RecordFormField, RecordFormValues } from "./status-event-form";

/**
 * The fields of a status event, shared by the record's update form (accounts) and the answer form behind an
 * update-request link (no account): new status, concept kind, dates, document, horizon, note and, where
 * allowed, the internal-note box.
 */
export function StatusEventFields({
  values,
  onChange,
  fieldId,
  error,
  labels,
  statuses,
  chooseStatus,
  internalNoteAllowed,
}: {
  values: RecordFormValues;
  onChange: <K extends RecordFormField>(field: K, value: RecordFormValues[K]) => void;
  fieldId: (field: RecordFormField) => string;
  error: (field: RecordFormField) => string | undefined;
  labels: Record<Exclude<RecordFormField, "noteInternal">, string> & { noteInternal?: string };
  statuses: readonly Status[];
  chooseStatus: string;
  internalNoteAllowed: boolean;
}) {
  const { t } = useTranslation();
  const props = (field: RecordFormField) => ({ id: fieldId(field), error: error(field), name: field });
  const text = (field: "documentUrl" | "horizonYear" | "note") => ({
    ...props(field),
    label: labels[field],
    value: values[field],
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });
  return (
    <>
      <SelectField {...props("status")} label={labels.status} required value={values.status} onChange={(event) => onChange("status", event.target.value)}>
        <option value="">{chooseStatus}</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField {...props("conceptKind")} label={labels.conceptKind} value={values.conceptKind} onChange={(event) => onChange("conceptKind", event.target.value)}>
        <option value="">{t("common.notAvailable")}</option>
        {CONCEPT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {kind}
          </option>
        ))}
      </SelectField>
      <DateField {...props("effectiveDate")} label={labels.effectiveDate} value={values.effectiveDate} onChange={(value) => onChange("effectiveDate", value)} />
      <DateField
        {...props("councilResolutionDate")}
        label={labels.councilResolutionDate}
        value={values.councilResolutionDate}
        onChange={(value) => onChange("councilResolutionDate", value)}
      />
      <Field {...text("documentUrl")} type="url" />
      <Field {...text("horizonYear")} inputMode="numeric" />
      <TextareaField {...text("note")} rows={3} maxLength={4000} />
      {internalNoteAllowed ? (
        <CheckboxField
          {...props("noteInternal")}
          label={labels.noteInternal ?? ""}
          checked={values.noteInternal}
          onChange={(event) => onChange("noteInternal", event.target.checked)}
        />
      ) : null}
    </>
  );
}
