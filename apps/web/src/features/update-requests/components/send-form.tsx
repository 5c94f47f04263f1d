import { type UpdateRequest, type UpdateRequestCreate, type UpdateRequestPreview, updateRequestCreateSchema } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { DistrictSelect } from "../../../components/form/district-select";
import { Field, FieldError, TextareaField } from "../../../components/form/field";
import { type IssueLike, issuesToFields } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { MunicipalityPicker, type PickedMunicipality } from "../../../components/municipality-picker";
import { CopyableLink } from "../../../components/workspace";
import { ApiError } from "../../../lib/api-client";
import { useCreateUpdateRequests, usePreviewUpdateRequests } from "../api";
import { SendPreview } from "./send-preview";

type Target = "ags" | "district" | "stale" | "fundingAtRisk";
const TARGETS: readonly Target[] = ["ags", "district", "stale", "fundingAtRisk"];
const FIELDS = ["ags", "district", "validDays", "message"] as const;
type FormField = (typeof FIELDS)[number];

/** Absolute form of a link the API gave (it may be relative to this site). */
function absolute(link: string): string {
  try {
    return new URL(link, window.location.origin).toString();
  } catch {
    return link;
  }
}

/**
 * Sends update requests to picked municipalities, a district or every stale record; shows the one-time links.
 * `prefill`: municipalities picked to begin with (a link from a municipality's page).
 */
export function SendForm({ prefill }: { prefill?: readonly PickedMunicipality[] | undefined } = {}) {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  const id = useId();
  const send = useCreateUpdateRequests();
  const preview = usePreviewUpdateRequests();
  // What the sender is asked to confirm, with the very body that will be sent.
  const [pending, setPending] = useState<{ body: UpdateRequestCreate; preview: UpdateRequestPreview } | null>(null);
  const [target, setTarget] = useState<Target>("ags");
  const [picked, setPicked] = useState<PickedMunicipality[]>(() => [...(prefill ?? [])]);
  const [district, setDistrict] = useState("");
  const [validDays, setValidDays] = useState("21");
  const [message, setMessage] = useState("");
  const [result, setResult] = useState<{ requests: UpdateRequest[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [resultFocus, setResultFocus] = useState(0);
  useEffect(() => {
    if (resultFocus > 0) resultRef.current?.focus();
  }, [resultFocus]);

  const labels: Record<FormField, string> = {
    ags: t("picker.label"),
    district: t("assignments.district"),
    validDays: t("requests.validDays"),
    message: t("requests.message"),
  };
  const form = useFormErrors(FIELDS, (field) => labels[field]);
  // The municipalities' issue belongs to the field the chosen target shows (none for "stale" and "fundingAtRisk").
  const placed = (issues: readonly IssueLike[]): IssueLike[] =>
    issues.map((issue) => {
      const path = typeof issue.path === "string" ? issue.path.replace(/^body\./, "") : issue.path.map(String).join(".");
      return path.split(".")[0] === "ags" ? { ...issue, path: target === "ags" || target === "district" ? target : "" } : issue;
    });
  const showIssues = (issues: readonly IssueLike[], word?: (field: FormField | null, issue: IssueLike) => string | undefined) => {
    const mapped = issuesToFields(placed(issues), FIELDS, word);
    form.show({ fields: mapped.fields, form: mapped.rest.length > 0 ? mapped.rest.join(" ") : null });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const days = /^\d+$/.test(validDays.trim()) ? Number(validDays.trim()) : Number.NaN;
    const body = {
      ...(target === "ags"
        ? { ags: picked.map((m) => m.ags) }
        : target === "district"
          ? { district: district || undefined }
          : target === "stale"
            ? { stale: true as const }
            : { fundingAtRisk: true as const }),
      validDays: days,
      message: message.trim() || null,
    };
    const parsed = updateRequestCreateSchema.safeParse(body);
    if (!parsed.success) {
      showIssues(parsed.error.issues, (field) => {
        const empty = (field === "ags" && picked.length === 0) || (field === "district" && district === "");
        return empty ? t("common.required") : field === "validDays" ? t("common.format") : undefined;
      });
      return;
    }
    form.clear();
    setResult(null);
    preview.mutate(parsed.data, {
      onSuccess: (answer) => setPending({ body: parsed.data, preview: answer }),
      onError: onSendError,
    });
  };

  function onSendError(error: Error) {
    if (error instanceof ApiError && error.issues.length > 0) {
      showIssues(error.issues);
      return;
    }
    setFailure(error instanceof ApiError && error.statusCode === 403 ? t("common.forbidden") : t("common.failed", { message: error.message }));
  }

  const confirm = () => {
    if (!pending) return;
    send.mutate(pending.body, {
      onSuccess: (created) => {
        setPending(null);
        setResult({ requests: created.requests });
        setPicked([]);
        setResultFocus((count) => count + 1);
      },
      onError: (error) => {
        setPending(null);
        onSendError(error);
      },
    });
  };

  return (
    <section className="record-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("requests.formHeading")}</h2>
      {failure ? (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      ) : null}
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("common.errorSummary")} items={form.summaryItems} /> : null}
      {pending ? (
        <SendPreview preview={pending.preview} busy={send.isPending} onConfirm={confirm} onCancel={() => setPending(null)} />
      ) : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={send.isPending || preview.isPending} hidden={pending !== null}>
        <fieldset className="radio-group">
          <legend>{t("requests.target")}</legend>
          {TARGETS.map((value) => (
            <label key={value}>
              <input type="radio" name="target" value={value} checked={target === value} onChange={() => setTarget(value)} />
              {value === "fundingAtRisk"
                ? t("sendTarget", { ns: "funding" })
                : t(value === "ags" ? "requests.targetAgs" : value === "district" ? "requests.targetDistrict" : "requests.targetStale")}
            </label>
          ))}
        </fieldset>
        {target === "ags" ? (
          <div className={`field${form.error("ags") ? " field--invalid" : ""}`}>
            <FieldError id={form.fieldId("ags")} error={form.error("ags")} />
            <MunicipalityPicker
              inputId={form.fieldId("ags")}
              label={labels.ags}
              value={picked}
              onChange={setPicked}
              invalid={Boolean(form.error("ags"))}
              errorId={form.error("ags") ? `${form.fieldId("ags")}-error` : undefined}
            />
          </div>
        ) : target === "district" ? (
          <DistrictSelect
            {...form.field("district")}
            label={labels.district}
            emptyLabel={t("assignments.chooseDistrict")}
            value={district}
            onChange={(e) => setDistrict(e.target.value)}
          />
        ) : null}
        <Field
          {...form.field("validDays")}
          label={labels.validDays}
          type="number"
          min={1}
          max={90}
          inputMode="numeric"
          value={validDays}
          onChange={(e) => setValidDays(e.target.value)}
        />
        <TextareaField {...form.field("message")} label={labels.message} rows={3} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} />
        <div>
          <button type="submit" className="button" disabled={preview.isPending}>
            {tw("preview.check")}
          </button>
        </div>
      </form>
      {result ? (
        <div className="notice notice--success" tabIndex={-1} ref={resultRef} role="status">
          <p className="notice__title">{t("requests.sent", { count: result.requests.length })}</p>
          <h3>{t("requests.linksHeading")}</h3>
          <p className="hint">{t("requests.linksHint")}</p>
          <ul className="plain-list">
            {result.requests.map((request) => (
              <li key={request.id}>
                <strong>{request.municipalityName}</strong>
                {request.link ? <CopyableLink href={absolute(request.link)} label={request.municipalityName} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
