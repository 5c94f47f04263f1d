import { type Campaign, type UpdateRequest, updateRequestCreateSchema } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/error-summary";
import { DistrictSelect } from "../../../components/form/district-select";
import { Field, FieldError, TextareaField } from "../../../components/form/field";
import { type IssueLike, issuesToFields } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { QueryState } from "../../../components/query-state";
import { ApiError } from "../../../lib/api-client";
import { useFormatLocale } from "../../../lib/i18n";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { useDistricts } from "../../../lib/api/get-districts";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useCampaignRequests, useCampaigns, useCreateUpdateRequests, useOutbox, usePendingReviews, useReviewUpdateRequest } from "../api";
import { MunicipalityPicker, type PickedMunicipality } from "../../../components/municipality-picker";
import { CopyableLink } from "../../../components/workspace";

type Target = "ags" | "district" | "stale";
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

function SendForm() {
  const { t } = useTranslation("advisory");
  const id = useId();
  const send = useCreateUpdateRequests();
  const [target, setTarget] = useState<Target>("ags");
  const [picked, setPicked] = useState<PickedMunicipality[]>([]);
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
  // The municipalities' issue belongs to the field the chosen target shows (none for "stale").
  const placed = (issues: readonly IssueLike[]): IssueLike[] =>
    issues.map((issue) => {
      const path = typeof issue.path === "string" ? issue.path.replace(/^body\./, "") : issue.path.map(String).join(".");
      return path.split(".")[0] === "ags" ? { ...issue, path: target === "stale" ? "" : target } : issue;
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
      ...(target === "ags" ? { ags: picked.map((m) => m.ags) } : target === "district" ? { district: district || undefined } : { stale: true as const }),
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
    send.mutate(parsed.data, {
      onSuccess: (created) => {
        setResult({ requests: created.requests });
        setPicked([]);
        setResultFocus((count) => count + 1);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.issues.length > 0) {
          showIssues(error.issues);
          return;
        }
        setFailure(error instanceof ApiError && error.statusCode === 403 ? t("common.forbidden") : t("common.failed", { message: error.message }));
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
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={send.isPending}>
        <fieldset className="radio-group">
          <legend>{t("requests.target")}</legend>
          {(["ags", "district", "stale"] as const).map((value) => (
            <label key={value}>
              <input type="radio" name="target" value={value} checked={target === value} onChange={() => setTarget(value)} />
              {t(value === "ags" ? "requests.targetAgs" : value === "district" ? "requests.targetDistrict" : "requests.targetStale")}
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
          <button type="submit" className="button" disabled={send.isPending}>
            {send.isPending ? t("common.saving") : t("requests.submit")}
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

function CampaignRequests({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation("advisory");
  const locale = useFormatLocale();
  const requests = useCampaignRequests(campaign.id);
  return (
    <QueryState query={requests}>{(loaded) => (
    <div className="table-scroll" role="region" aria-label={t("requests.detailsCaption", { date: formatTimestamp(campaign.createdAt, locale) })} tabIndex={0}>
      <table className="data-table">
        <caption>{t("requests.detailsCaption", { date: formatTimestamp(campaign.createdAt, locale) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("requests.column.municipality")}</th>
            <th scope="col">{t("requests.column.state")}</th>
            <th scope="col">{t("requests.column.mail")}</th>
            <th scope="col">{t("requests.column.response")}</th>
            <th scope="col">{t("requests.column.review")}</th>
            <th scope="col">{t("requests.column.expires")}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.items.map((request) => (
            <tr key={request.id}>
              <th scope="row">
                <Link to={paths.municipality(request.ags)}>{request.municipalityName}</Link>
              </th>
              <td>{t(`requests.state.${request.state}`)}</td>
              <td>{request.mailState ? t(`requests.mailState.${request.mailState}`) : t("common.none")}</td>
              <td>{request.response ? t(`requests.response.${request.response}`) : t("common.none")}</td>
              <td>{request.review ? t(`requests.review.${request.review}`) : t("common.none")}</td>
              <td className="nowrap">{formatTimestamp(request.expiresAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    )}</QueryState>
  );
}

function Campaigns() {
  const { t } = useTranslation("advisory");
  const locale = useFormatLocale();
  const format = useFormatters();
  const id = useId();
  const campaigns = useCampaigns();
  const districts = useDistricts();
  const [open, setOpen] = useState<number | null>(null);
  const districtName = (key: string) => districts.data?.items.find((item) => item.key === key)?.name ?? key;
  const scope = (campaign: Campaign) =>
    "ags" in campaign.scope
      ? t("requests.scopeAgs", { count: campaign.scope.ags.length })
      : "district" in campaign.scope
        ? t("requests.scopeDistrict", { district: districtName(campaign.scope.district) })
        : t("requests.scopeStale");
  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("requests.campaignsHeading")}</h2>
      <QueryState query={campaigns}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("requests.campaignsEmpty")}</p>
      ) : (
        <>
          <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="data-table">
              <caption id={`${id}-caption`}>{t("requests.campaignCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("requests.column.created")}</th>
                  <th scope="col">{t("requests.column.scope")}</th>
                  <th scope="col" className="num">{t("requests.column.requests")}</th>
                  <th scope="col" className="num">{t("requests.column.sent")}</th>
                  <th scope="col" className="num">{t("requests.column.opened")}</th>
                  <th scope="col" className="num">{t("requests.column.answered")}</th>
                  <th scope="col" className="num">{t("requests.column.expired")}</th>
                  <th scope="col" className="num">{t("requests.column.pending")}</th>
                  <th scope="col">{t("requests.column.details")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.items.map((campaign) => (
                  <tr key={campaign.id}>
                    <th scope="row" className="nowrap">
                      {formatTimestamp(campaign.createdAt, locale)}
                      <span className="cell-secondary"> {campaign.createdBy.displayName}</span>
                    </th>
                    <td>{scope(campaign)}</td>
                    <td className="num">{format.integer(campaign.counts.requests)}</td>
                    <td className="num">{format.integer(campaign.counts.sent)}</td>
                    <td className="num">{format.integer(campaign.counts.opened)}</td>
                    <td className="num">{format.integer(campaign.counts.answered)}</td>
                    <td className="num">{format.integer(campaign.counts.expired)}</td>
                    <td className="num">{format.integer(campaign.counts.pendingReview)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-expanded={open === campaign.id}
                        onClick={() => setOpen(open === campaign.id ? null : campaign.id)}
                      >
                        {open === campaign.id ? t("requests.hideDetails") : t("requests.showDetails")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open !== null
            ? loaded.items
                .filter((campaign) => campaign.id === open)
                .map((campaign) => <CampaignRequests key={campaign.id} campaign={campaign} />)
            : null}
        </>
      )}</QueryState>
    </section>
  );
}

function PendingReviews() {
  const { t } = useTranslation("advisory");
  const locale = useFormatLocale();
  const pending = usePendingReviews();
  const review = useReviewUpdateRequest();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const decide = (request: UpdateRequest, decision: "accept" | "reject") =>
    review.mutate(
      { id: request.id, decision },
      {
        onSuccess: () =>
          setNotice({ ok: true, text: t(decision === "accept" ? "requests.accepted" : "requests.rejected", { name: request.municipalityName }) }),
        onError: (error) => setNotice({ ok: false, text: t("common.failed", { message: error.message }) }),
      },
    );
  return (
    <section className="workspace-section" aria-labelledby="pruefung">
      <h2 id="pruefung">{t("requests.pendingHeading")}</h2>
      <div aria-live="polite">
        {notice ? (
          <p className={`notice ${notice.ok ? "notice--success" : "notice--error"}`} role={notice.ok ? "status" : "alert"}>
            {notice.text}
          </p>
        ) : null}
      </div>
      <QueryState query={pending}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("requests.pendingEmpty")}</p>
      ) : (
        <ul className="consultation-list">
          {loaded.items.map((request) => (
            <li key={request.id} className="consultation">
              <h3 className="consultation__title">
                <Link to={paths.municipality(request.ags)}>{request.municipalityName}</Link>
              </h3>
              <p className="consultation__meta">
                {t("requests.pendingItem", { name: request.municipalityName, date: request.answeredAt ? formatTimestamp(request.answeredAt, locale) : "–" })}
                {" · "}
                {request.response ? t(`requests.response.${request.response}`) : null}
              </p>
              <div className="consultation__actions">
                <button
                  type="button"
                  className="button"
                  disabled={review.isPending}
                  aria-label={t("requests.acceptLabel", { name: request.municipalityName })}
                  onClick={() => decide(request, "accept")}
                >
                  {t("requests.accept")}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={review.isPending}
                  aria-label={t("requests.rejectLabel", { name: request.municipalityName })}
                  onClick={() => decide(request, "reject")}
                >
                  {t("requests.reject")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}</QueryState>
    </section>
  );
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;

function Outbox() {
  const { t } = useTranslation("advisory");
  const locale = useFormatLocale();
  const id = useId();
  const outbox = useOutbox();
  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("requests.outboxHeading")}</h2>
      <p className="hint">{t("requests.outboxHint")}</p>
      <QueryState query={outbox}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("requests.outboxEmpty")}</p>
      ) : (
        <ul className="plain-list">
          {loaded.items.map((message) => {
            const links = [...new Set(message.body.match(URL_PATTERN) ?? [])];
            return (
              <li key={message.id} className="outbox-message">
                <h3 className="consultation__title">{message.subject}</h3>
                <p className="consultation__meta">
                  {formatTimestamp(message.createdAt, locale)} · {t("requests.outboxTo", { recipients: message.recipients.join(", ") })} ·{" "}
                  {t(`requests.mailState.${message.state}`)}
                </p>
                {links.length > 0 ? (
                  <>
                    <p>
                      <strong>{t("requests.outboxLinks")}</strong>
                    </p>
                    {links.map((link) => (
                      <CopyableLink key={link} href={link} label={message.subject} />
                    ))}
                  </>
                ) : null}
                <details>
                  <summary>{t("requests.outboxBody")}</summary>
                  <pre>{message.body}</pre>
                </details>
              </li>
            );
          })}
        </ul>
      )}</QueryState>
    </section>
  );
}

/** /beratungen/anfragen: send update requests, follow the campaigns, review answers, read the outbox. */
export function UpdateRequestsView() {
  return (
    <>
      <PendingReviews />
      <SendForm />
      <Campaigns />
      <Outbox />
    </>
  );
}
