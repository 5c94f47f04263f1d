import { type ContactImportResult, type MunicipalityContactItem, contactImportFailedSchema, municipalityContactInputSchema } from "@insek/contracts";
import { type FormEvent, Fragment, useEffect, useId, useRef, useState } from "react";
import { ErrorSummary } from "../../../components/error-summary";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DistrictSelect } from "../../../components/form/district-select";
import { CheckboxField, Field } from "../../../components/form/field";
import { issuesToFields } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { QueryState } from "../../../components/query-state";
import { ApiError } from "../../../lib/api-client";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useFormatLocale } from "../../../lib/i18n";
import { paths } from "../../../lib/paths";
import { useImportContacts, useMunicipalityContacts, useRemoveContact, useSaveContact } from "../api";
import "../contacts.css";

const FIELDS = ["email", "name", "function"] as const;

/** The inline form of one municipality's contact: e-mail (required), name and function. */
function ContactForm({
  item,
  onDone,
  onCancel,
}: {
  item: MunicipalityContactItem;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("workflows");
  const { t: ta } = useTranslation("advisory");
  const id = useId();
  const save = useSaveContact();
  const remove = useRemoveContact();
  const [values, setValues] = useState({ email: item.contact?.email ?? "", name: item.contact?.name ?? "", function: item.contact?.function ?? "" });
  const labels = { email: t("contacts.email"), name: t("contacts.name"), function: t("contacts.function") };
  const form = useFormErrors(FIELDS, (field) => labels[field]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const word = (field: (typeof FIELDS)[number] | null) =>
    field === "email" ? (values.email.trim() === "" ? ta("common.required") : ta("common.email")) : field ? ta("common.tooLong") : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = municipalityContactInputSchema.safeParse({
      email: values.email.trim(),
      name: values.name.trim() || null,
      function: values.function.trim() || null,
    });
    if (!parsed.success) {
      const mapped = issuesToFields(parsed.error.issues, FIELDS, word);
      form.show({ fields: mapped.fields, form: null });
      return;
    }
    form.clear();
    save.mutate(
      { ags: item.ags, input: parsed.data },
      {
        onSuccess: () => onDone(t("contacts.saved", { name: item.municipalityName })),
        onError: (error) => {
          if (error instanceof ApiError && error.issues.length > 0) {
            const mapped = issuesToFields(error.issues, FIELDS, word);
            form.show({ fields: mapped.fields, form: mapped.rest.length > 0 ? mapped.rest.join(" ") : null });
            return;
          }
          form.show({ fields: {}, form: ta("common.failed", { message: error.message }) });
        },
      },
    );
  };

  return (
    <form className="contact-form stack-form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} tabIndex={-1} ref={headingRef}>
        {t("contacts.editHeading", { name: item.municipalityName })}
      </h3>
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={ta("common.errorSummary")} items={form.summaryItems} /> : null}
      <Field {...form.field("email")} label={labels.email} type="email" autoComplete="off" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} />
      <Field {...form.field("name")} label={labels.name} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
      <Field {...form.field("function")} label={labels.function} value={values.function} onChange={(e) => setValues({ ...values, function: e.target.value })} />
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {t("contacts.save")}
        </button>
        {item.contact ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(item.ags, {
                onSuccess: () => onDone(t("contacts.removed", { name: item.municipalityName })),
                onError: (error) => form.show({ fields: {}, form: ta("common.failed", { message: error.message }) }),
              })
            }
          >
            {t("contacts.remove")}
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("contacts.cancel")}
        </button>
      </div>
    </form>
  );
}

function ContactList() {
  const { t } = useTranslation("workflows");
  const locale = useFormatLocale();
  const id = useId();
  const [district, setDistrict] = useState("");
  const [q, setQ] = useState("");
  const [missing, setMissing] = useState(false);
  const contacts = useMunicipalityContacts({ ...(district ? { district } : {}), ...(q.trim() ? { q: q.trim() } : {}), ...(missing ? { missing: true } : {}) });
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("contacts.title")}</h2>
      <form className="filters" role="search" aria-label={t("contacts.filters")} onSubmit={(event) => event.preventDefault()}>
        <DistrictSelect id={`${id}-district`} label={t("contacts.district")} emptyLabel={t("contacts.allDistricts")} value={district} onChange={(e) => setDistrict(e.target.value)} />
        <Field id={`${id}-q`} className="field--search" type="search" label={t("contacts.search")} value={q} onChange={(e) => setQ(e.target.value)} />
        <CheckboxField id={`${id}-missing`} label={t("contacts.missingOnly")} checked={missing} onChange={(e) => setMissing(e.target.checked)} />
      </form>
      <div aria-live="polite">
        {notice ? (
          <p ref={noticeRef} tabIndex={-1} className="notice notice--success" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      <QueryState query={contacts}>{(loaded) => (
        <>
          <p>{t("contacts.withoutAddress", { count: loaded.withoutAddress })}</p>
          <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="data-table contacts-table">
              <caption id={`${id}-caption`}>{t("contacts.caption", { count: loaded.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("contacts.column.municipality")}</th>
                  <th scope="col">{t("contacts.column.contact")}</th>
                  <th scope="col">{t("contacts.column.accounts")}</th>
                  <th scope="col">{t("contacts.column.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.items.map((item) => (
                  <Fragment key={item.ags}>
                    <tr>
                      <th scope="row">
                        <Link to={paths.municipality(item.ags)}>{item.municipalityName}</Link>
                        <span className="cell-secondary"> {item.districtName}</span>
                      </th>
                      <td className="break-anywhere">
                        {item.contact ? (
                          <>
                            {item.contact.email}
                            {item.contact.name || item.contact.function ? (
                              <span className="cell-secondary"> {[item.contact.name, item.contact.function].filter(Boolean).join(", ")}</span>
                            ) : null}
                            <span className="cell-secondary">
                              {" "}
                              {t("contacts.changedBy", { date: formatTimestamp(item.contact.updatedAt, locale), name: item.contact.updatedBy ?? "–" })}
                            </span>
                          </>
                        ) : (
                          <strong>{t("contacts.none")}</strong>
                        )}
                      </td>
                      <td className="break-anywhere">{item.accountEmails.length > 0 ? item.accountEmails.join(", ") : t("contacts.noAccounts")}</td>
                      <td>
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t("contacts.editLabel", { name: item.municipalityName })}
                          aria-expanded={editing === item.ags}
                          onClick={() => {
                            setNotice(null);
                            setEditing(editing === item.ags ? null : item.ags);
                          }}
                        >
                          {t("contacts.edit")}
                        </button>
                      </td>
                    </tr>
                    {editing === item.ags ? (
                      <tr>
                        <td colSpan={4}>
                          <ContactForm
                            item={item}
                            onCancel={() => setEditing(null)}
                            onDone={(text) => {
                              setEditing(null);
                              setNotice(text);
                            }}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}</QueryState>
    </section>
  );
}

/** The per-row report of a contact import (dry run or real run). */
function ImportReport({ result }: { result: ContactImportResult }) {
  const { t } = useTranslation("workflows");
  const id = useId();
  return (
    <>
      <p role="status">{t("contacts.reportSummary", result.summary)}</p>
      <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="data-table import-report">
          <caption id={`${id}-caption`}>{t("contacts.reportCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("contacts.reportColumn.row")}</th>
              <th scope="col">{t("contacts.reportColumn.ags")}</th>
              <th scope="col">{t("contacts.reportColumn.outcome")}</th>
              <th scope="col">{t("contacts.reportColumn.errors")}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.row} data-outcome={row.outcome}>
                <th scope="row">{row.row}</th>
                <td>
                  {row.ags ?? "–"}
                  {row.municipalityName ? <span className="cell-secondary"> {row.municipalityName}</span> : null}
                </td>
                <td>{row.outcome === "error" ? <strong>✕ {t("contacts.outcome.error")}</strong> : t(`contacts.outcome.${row.outcome}`)}</td>
                <td>
                  {row.errors
                    .map((error) => `${error.field}: ${t(`contacts.error.${error.code}` as "contacts.error.INVALID_AGS", { defaultValue: error.message })}`)
                    .join(" ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ContactImport() {
  const { t } = useTranslation("workflows");
  const { t: ta } = useTranslation("advisory");
  const id = useId();
  const upload = useImportContacts();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ContactImportResult | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const canApply = result !== null && result.dryRun && result.summary.failed === 0 && file !== null;

  const run = (dryRun: boolean) => {
    setMessage(null);
    if (!file) {
      setMessage({ ok: false, text: t("contacts.noFile") });
      return;
    }
    upload.mutate(
      { file, dryRun },
      {
        onSuccess: (answer) => {
          setResult(answer);
          if (answer.applied) setMessage({ ok: true, text: t("contacts.applied", answer.summary) });
        },
        onError: (error) => {
          const report = error instanceof ApiError ? contactImportFailedSchema.safeParse(error.body) : null;
          if (report?.success) {
            setResult(report.data);
            return;
          }
          setResult(null);
          setMessage({
            ok: false,
            text: error instanceof ApiError && error.statusCode < 500 ? t("contacts.unreadable", { message: error.message }) : ta("common.failed", { message: error.message }),
          });
        },
      },
    );
  };

  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("contacts.importHeading")}</h2>
      <p className="hint">{t("contacts.importHint")}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("contacts.file")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setResult(null);
            setMessage(null);
          }}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button" disabled={upload.isPending} onClick={() => run(true)}>
          {t("contacts.dryRun")}
        </button>
        <button type="button" className="button button--secondary" disabled={upload.isPending || !canApply} aria-describedby={`${id}-apply-hint`} onClick={() => run(false)}>
          {t("contacts.apply")}
        </button>
      </div>
      <p className="hint" id={`${id}-apply-hint`}>
        {t("contacts.applyBlocked")}
      </p>
      <div aria-live="polite">
        {message ? (
          <p className={`notice ${message.ok ? "notice--success" : "notice--error"}`} role={message.ok ? "status" : "alert"}>
            {message.text}
          </p>
        ) : null}
      </div>
      {result ? <ImportReport result={result} /> : null}
    </section>
  );
}

/** /beratungen/kontakte: where update requests go, per municipality; kept by hand or imported from CSV. */
export function ContactsView() {
  return (
    <>
      <ContactList />
      <ContactImport />
    </>
  );
}
