import { type AssociationListItem, type District, MUNICIPALITY_TYPES, STATUSES, municipalityTypeSchema, statusSchema } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field, SelectField } from "../../../components/form/field";
import {
  type ListParamsChange,
  MAX_SEARCH_LENGTH,
  type MunicipalityListParams,
  hasActiveFilters,
} from "../list-params";

const SEARCH_DEBOUNCE_MS = 250;

export function MunicipalityFilters({
  params,
  districts,
  associations,
  onChange,
}: {
  params: MunicipalityListParams;
  districts: readonly Pick<District, "key" | "name">[];
  /** Verwaltungsgemeinschaften and -verbände, for the association filter. */
  associations: readonly Pick<AssociationListItem, "key" | "name" | "type">[];
  onChange: (change: ListParamsChange, options?: { replace?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(params.q);

  // Follow the URL when it changes from outside (back button, reset), but keep what the
  // user is typing, e.g. a trailing space before the next word.
  useEffect(() => {
    setDraft((current) => (current.trim() === params.q ? current : params.q));
  }, [params.q]);

  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  // Typing updates the URL after a pause; replace keeps the history free of every keystroke.
  useEffect(() => {
    const q = draft.trim();
    if (q === params.q) return;
    const timer = window.setTimeout(() => onChangeRef.current({ q }, { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, params.q]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = draft.trim();
    if (q !== params.q) onChange({ q }, { replace: true });
  };

  const districtMissing = params.district !== undefined && !districts.some((d) => d.key === params.district);
  const associationMissing =
    params.association !== undefined && !associations.some((a) => a.key === params.association);
  const associationsByName = [...associations].sort((a, b) => a.name.localeCompare(b.name, "de"));

  return (
    <form className="filters" role="search" aria-label={t("list.filtersLabel")} onSubmit={submit}>
      <Field
        id={`${id}-q`}
        className="field--search"
        label={t("list.searchLabel")}
        type="search"
        name="q"
        value={draft}
        maxLength={MAX_SEARCH_LENGTH}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setDraft(event.target.value)}
        action={
          <button type="submit" className="button">
            {t("list.searchButton")}
          </button>
        }
      />
      <SelectField
        id={`${id}-district`}
        label={t("list.districtLabel")}
        name="district"
        value={params.district ?? ""}
        onChange={(event) => onChange({ district: event.target.value || undefined })}
      >
        <option value="">{t("common.all")}</option>
        {districtMissing ? <option value={params.district}>{params.district}</option> : null}
        {districts.map((district) => (
          <option key={district.key} value={district.key}>
            {district.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={`${id}-association`}
        label={t("list.associationLabel")}
        name="association"
        value={params.association ?? ""}
        onChange={(event) => onChange({ association: event.target.value || undefined })}
      >
        <option value="">{t("common.all")}</option>
        {associationMissing ? <option value={params.association}>{params.association}</option> : null}
        {associationsByName.map((association) => (
          <option key={association.key} value={association.key}>
            {association.name} ({t(`association.typeShort.${association.type}`)})
          </option>
        ))}
      </SelectField>
      <SelectField
        id={`${id}-type`}
        label={t("list.typeLabel")}
        name="type"
        value={params.type ?? ""}
        onChange={(event) => {
          const type = municipalityTypeSchema.safeParse(event.target.value);
          onChange({ type: type.success ? type.data : undefined });
        }}
      >
        <option value="">{t("common.all")}</option>
        {MUNICIPALITY_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`municipalityType.${type}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={`${id}-status`}
        label={t("listRecord.statusLabel")}
        name="status"
        value={params.status ?? ""}
        onChange={(event) => {
          const status = statusSchema.safeParse(event.target.value);
          onChange({ status: status.success ? status.data : undefined });
        }}
      >
        <option value="">{t("common.all")}</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </SelectField>
      <fieldset className="field field--checkboxes">
        <legend>{t("listRecord.currencyLegend")}</legend>
        {(["current", "expiring", "stale"] as const).map((flag) => (
          <CheckboxField
            key={flag}
            id={`${id}-${flag}`}
            name={flag}
            label={t(flag === "current" ? "listRecord.onlyCurrent" : flag === "expiring" ? "listRecord.onlyExpiring" : "listRecord.onlyStale")}
            checked={params[flag]}
            onChange={(event) => onChange({ [flag]: event.target.checked })}
          />
        ))}
      </fieldset>
      {hasActiveFilters(params) ? (
        <div className="field field--action">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDraft("");
              onChange({
                q: "",
                district: undefined,
                association: undefined,
                type: undefined,
                status: undefined,
                current: false,
                expiring: false,
                stale: false,
              });
            }}
          >
            {t("list.reset")}
          </button>
        </div>
      ) : null}
    </form>
  );
}
