import { assignmentCreateSchema, todayInSaxony } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/error-summary";
import { ErrorState, LoadingState } from "../../../components/query-state";
import { ApiError } from "../../../lib/api-client";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { useDistricts } from "../../../lib/api/get-districts";
import { useAssignments, useCreateAssignment, useDeleteAssignment } from "../api";
import { MunicipalityPicker, type PickedMunicipality } from "./municipality-picker";

type Field = "advisorEmail" | "ags" | "district" | "from" | "to";
interface Issue {
  field: Field | null;
  message: string;
}

function fieldOf(path: string): Field | null {
  const name = path.replace(/^body\./, "").split(".")[0] ?? "";
  return ["advisorEmail", "ags", "district", "from", "to"].includes(name) ? (name as Field) : null;
}

function AssignmentForm() {
  const { t } = useTranslation("advisory");
  const id = useId();
  const districts = useDistricts();
  const create = useCreateAssignment();
  const [advisorEmail, setAdvisorEmail] = useState("");
  const [target, setTarget] = useState<"ags" | "district">("district");
  const [picked, setPicked] = useState<PickedMunicipality[]>([]);
  const [district, setDistrict] = useState("");
  const [from, setFrom] = useState(todayInSaxony());
  const [to, setTo] = useState("");
  const [issues, setIssues] = useState<Issue[]>([]);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const [focus, setFocus] = useState<{ target: "summary" | "outcome" } | null>(null);
  useEffect(() => {
    if (focus) (focus.target === "summary" ? summaryRef : outcomeRef).current?.focus();
  }, [focus]);

  const labels: Record<Field, string> = {
    advisorEmail: t("assignments.advisorEmail"),
    ags: t("picker.labelOne"),
    district: t("assignments.district"),
    from: t("assignments.from"),
    to: t("assignments.to"),
  };
  const fieldId = (field: Field) => `${id}-${field}`;
  const message = (field: Field | null, code: string, fallback: string) => {
    if (field === "advisorEmail") return advisorEmail.trim() === "" ? t("common.required") : t("common.email");
    if (field === "to" && code === "custom") return t("common.toBeforeFrom");
    if ((field === "ags" && picked.length === 0) || (field === "district" && district === "") || (field === "from" && from === ""))
      return t("common.required");
    return fallback;
  };
  const issuesOf = (field: Field) => issues.filter((issue) => issue.field === field);
  const errorId = (field: Field) => (issuesOf(field).length > 0 ? `${fieldId(field)}-error` : undefined);
  const errorText = (field: Field) =>
    issuesOf(field).length > 0 ? (
      <p className="field__error" id={`${fieldId(field)}-error`}>
        {issuesOf(field).map((issue) => issue.message).join(" ")}
      </p>
    ) : null;
  const fieldClass = (field: Field) => `field${issuesOf(field).length > 0 ? " field--invalid" : ""}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const body = {
      advisorEmail: advisorEmail.trim(),
      ...(target === "ags" ? { ags: picked[0]?.ags } : { district: district || undefined }),
      from: from || undefined,
      to: to || null,
    };
    const parsed = assignmentCreateSchema.safeParse(body);
    if (!parsed.success) {
      const mapped = parsed.error.issues.map((issue) => {
        let field = fieldOf(issue.path.map(String).join("."));
        if (field === "ags" && target === "district") field = "district";
        return { field, message: message(field, issue.code, issue.message) };
      });
      setIssues(mapped.filter((issue, index) => mapped.findIndex((other) => other.field === issue.field) === index));
      setFocus({ target: "summary" });
      return;
    }
    setIssues([]);
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        setOutcome({ ok: true, text: t("assignments.created", { count: created.items.length }) });
        setPicked([]);
        setFocus({ target: "outcome" });
      },
      onError: (error) => {
        if (error instanceof ApiError && error.issues.length > 0) {
          setIssues(error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message })));
          setFocus({ target: "summary" });
          return;
        }
        setOutcome({ ok: false, text: t("common.failed", { message: error.message }) });
        setFocus({ target: "outcome" });
      },
    });
  };

  return (
    <section className="record-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("assignments.formHeading")}</h2>
      <div aria-live="polite">
        {outcome ? (
          <p ref={outcomeRef} tabIndex={-1} className={`notice ${outcome.ok ? "notice--success" : "notice--error"}`} role={outcome.ok ? "status" : "alert"}>
            {outcome.text}
          </p>
        ) : null}
      </div>
      {issues.length > 0 ? (
        <ErrorSummary
          ref={summaryRef}
          title={t("common.errorSummary")}
          items={issues.map((issue) => (issue.field ? { fieldId: fieldId(issue.field), label: labels[issue.field], message: issue.message } : { message: issue.message }))}
        />
      ) : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={create.isPending}>
        <div className={fieldClass("advisorEmail")}>
          <label htmlFor={fieldId("advisorEmail")}>{labels.advisorEmail}</label>
          {errorText("advisorEmail")}
          <input
            id={fieldId("advisorEmail")}
            type="email"
            autoComplete="off"
            value={advisorEmail}
            aria-invalid={issuesOf("advisorEmail").length > 0 || undefined}
            aria-describedby={errorId("advisorEmail")}
            onChange={(e) => setAdvisorEmail(e.target.value)}
          />
        </div>
        <fieldset className="radio-group">
          <legend>{t("assignments.target")}</legend>
          <label>
            <input type="radio" name="target" value="district" checked={target === "district"} onChange={() => setTarget("district")} />
            {t("assignments.targetDistrict")}
          </label>
          <label>
            <input type="radio" name="target" value="ags" checked={target === "ags"} onChange={() => setTarget("ags")} />
            {t("assignments.targetMunicipality")}
          </label>
        </fieldset>
        {target === "district" ? (
          <div className={fieldClass("district")}>
            <label htmlFor={fieldId("district")}>{labels.district}</label>
            {errorText("district")}
            <select
              id={fieldId("district")}
              value={district}
              aria-invalid={issuesOf("district").length > 0 || undefined}
              aria-describedby={errorId("district")}
              onChange={(e) => setDistrict(e.target.value)}
            >
              <option value="">{t("assignments.chooseDistrict")}</option>
              {districts.data?.items.map((item) => (
                <option key={item.key} value={item.key}>
                  {item.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className={fieldClass("ags")}>
            {errorText("ags")}
            <MunicipalityPicker
              inputId={fieldId("ags")}
              label={labels.ags}
              value={picked}
              onChange={setPicked}
              max={1}
              invalid={issuesOf("ags").length > 0}
              errorId={errorId("ags")}
            />
          </div>
        )}
        <div className={fieldClass("from")}>
          <label htmlFor={fieldId("from")}>{labels.from}</label>
          {errorText("from")}
          <input id={fieldId("from")} type="date" value={from} aria-describedby={errorId("from")} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className={fieldClass("to")}>
          <label htmlFor={fieldId("to")}>{labels.to}</label>
          {errorText("to")}
          <input id={fieldId("to")} type="date" value={to} aria-describedby={errorId("to")} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div>
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t("common.saving") : t("assignments.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

function AssignmentList() {
  const { t } = useTranslation("advisory");
  const format = useFormatters();
  const id = useId();
  const [advisor, setAdvisor] = useState("");
  const [activeOnly, setActiveOnly] = useState(true);
  const [applied, setApplied] = useState<{ advisor?: string; active?: boolean }>({ active: true });
  const assignments = useAssignments(applied);
  const remove = useDeleteAssignment();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  // The deleted row's button disappears: focus moves to the confirmation so keyboard users are not sent back to the page start.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("assignments.listHeading")}</h2>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied({ ...(advisor.trim() ? { advisor: advisor.trim() } : {}), ...(activeOnly ? { active: true } : {}) });
        }}
      >
        <div className="field field--search">
          <label htmlFor={`${id}-advisor`}>{t("assignments.filterAdvisor")}</label>
          <input id={`${id}-advisor`} type="text" value={advisor} onChange={(e) => setAdvisor(e.target.value)} />
        </div>
        <div className="field field--checkbox">
          <input id={`${id}-active`} type="checkbox" checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} />
          <label htmlFor={`${id}-active`}>{t("assignments.activeOnly")}</label>
        </div>
        <button type="submit" className="button">
          {t("common.apply")}
        </button>
      </form>
      <div aria-live="polite">
        {notice ? (
          <p ref={noticeRef} tabIndex={-1} className={`notice ${notice.ok ? "notice--success" : "notice--error"}`} role={notice.ok ? "status" : "alert"}>
            {notice.text}
          </p>
        ) : null}
      </div>
      {assignments.isPending ? (
        <LoadingState />
      ) : assignments.isError ? (
        <ErrorState error={assignments.error} onRetry={() => void assignments.refetch()} />
      ) : assignments.data.items.length === 0 ? (
        <p>{t("assignments.empty")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="data-table">
            <caption id={`${id}-caption`}>{t("assignments.caption", { count: assignments.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assignments.column.municipality")}</th>
                <th scope="col">{t("assignments.column.advisor")}</th>
                <th scope="col">{t("assignments.column.period")}</th>
                <th scope="col">{t("assignments.column.state")}</th>
                <th scope="col">{t("assignments.column.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={paths.municipality(item.ags)}>{item.municipalityName}</Link>
                  </th>
                  <td>
                    {item.advisor.displayName}
                    {item.advisor.email ? <span className="cell-secondary"> {item.advisor.email}</span> : null}
                  </td>
                  <td className="nowrap">
                    {format.date(item.from)} – {item.to ? format.date(item.to) : t("assignments.open")}
                  </td>
                  <td>{item.active ? `✓ ${t("assignments.active")}` : `– ${t("assignments.inactive")}`}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t("assignments.remove", { name: `${item.municipalityName} – ${item.advisor.displayName}` })}
                      disabled={remove.isPending}
                      onClick={() =>
                        remove.mutate(item.id, {
                          onSuccess: () => setNotice({ ok: true, text: t("assignments.removed") }),
                          onError: (error) => setNotice({ ok: false, text: t("common.failed", { message: error.message }) }),
                        })
                      }
                    >
                      {t("assignments.removeShort")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** /beratungen/zuordnungen (SMR): assign an advisor to a municipality or a whole district; list and delete. */
export function AssignmentsView() {
  return (
    <>
      <AssignmentForm />
      <AssignmentList />
    </>
  );
}
