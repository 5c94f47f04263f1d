import { assignmentCreateSchema, todayInSaxony } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/error-summary";
import { DistrictSelect } from "../../../components/form/district-select";
import { CheckboxField, DateField, Field, FieldError } from "../../../components/form/field";
import { type IssueLike, issuesToFields } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { QueryState } from "../../../components/query-state";
import { ApiError } from "../../../lib/api-client";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { useAssignments } from "../../../lib/api/get-assignments";
import { useCreateAssignment, useDeleteAssignment } from "../api";
import { MunicipalityPicker, type PickedMunicipality } from "../../../components/municipality-picker";

const FIELDS = ["advisorEmail", "ags", "district", "from", "to"] as const;
type FormField = (typeof FIELDS)[number];

function AssignmentForm() {
  const { t } = useTranslation("advisory");
  const id = useId();
  const create = useCreateAssignment();
  const [advisorEmail, setAdvisorEmail] = useState("");
  const [target, setTarget] = useState<"ags" | "district">("district");
  const [picked, setPicked] = useState<PickedMunicipality[]>([]);
  const [district, setDistrict] = useState("");
  const [from, setFrom] = useState(todayInSaxony());
  const [to, setTo] = useState("");
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const [outcomeFocus, setOutcomeFocus] = useState(0);
  useEffect(() => {
    if (outcomeFocus > 0) outcomeRef.current?.focus();
  }, [outcomeFocus]);

  const labels: Record<FormField, string> = {
    advisorEmail: t("assignments.advisorEmail"),
    ags: t("picker.labelOne"),
    district: t("assignments.district"),
    from: t("assignments.from"),
    to: t("assignments.to"),
  };
  const form = useFormErrors(FIELDS, (field) => labels[field]);
  const word = (field: FormField | null, issue: IssueLike) => {
    if (field === "advisorEmail") return advisorEmail.trim() === "" ? t("common.required") : t("common.email");
    if (field === "to" && issue.code === "custom") return t("common.toBeforeFrom");
    if ((field === "ags" && picked.length === 0) || (field === "district" && district === "") || (field === "from" && from === ""))
      return t("common.required");
    return undefined;
  };

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
      // A district assignment lacks its district, not a municipality.
      const issues = parsed.error.issues.map((issue) =>
        target === "district" && issue.path[0] === "ags" ? { ...issue, path: ["district"] } : issue,
      );
      const mapped = issuesToFields(issues, FIELDS, word);
      form.show({ fields: mapped.fields, form: mapped.rest.length > 0 ? mapped.rest.join(" ") : null });
      return;
    }
    form.clear();
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        setOutcome({ ok: true, text: t("assignments.created", { count: created.items.length }) });
        setPicked([]);
        setOutcomeFocus((count) => count + 1);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.issues.length > 0) {
          const mapped = issuesToFields(error.issues, FIELDS);
          form.show({ fields: mapped.fields, form: mapped.rest.length > 0 ? mapped.rest.join(" ") : null });
          return;
        }
        setOutcome({ ok: false, text: t("common.failed", { message: error.message }) });
        setOutcomeFocus((count) => count + 1);
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
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("common.errorSummary")} items={form.summaryItems} /> : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={create.isPending}>
        <Field
          {...form.field("advisorEmail")}
          label={labels.advisorEmail}
          type="email"
          autoComplete="off"
          value={advisorEmail}
          onChange={(e) => setAdvisorEmail(e.target.value)}
        />
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
          <DistrictSelect
            {...form.field("district")}
            label={labels.district}
            emptyLabel={t("assignments.chooseDistrict")}
            value={district}
            onChange={(e) => setDistrict(e.target.value)}
          />
        ) : (
          <div className={`field${form.error("ags") ? " field--invalid" : ""}`}>
            <FieldError id={form.fieldId("ags")} error={form.error("ags")} />
            <MunicipalityPicker
              inputId={form.fieldId("ags")}
              label={labels.ags}
              value={picked}
              onChange={setPicked}
              max={1}
              invalid={Boolean(form.error("ags"))}
              errorId={form.error("ags") ? `${form.fieldId("ags")}-error` : undefined}
            />
          </div>
        )}
        <DateField {...form.field("from")} label={labels.from} value={from} onChange={setFrom} />
        <DateField {...form.field("to")} label={labels.to} value={to} onChange={setTo} />
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
        <Field id={`${id}-advisor`} className="field--search" label={t("assignments.filterAdvisor")} value={advisor} onChange={(e) => setAdvisor(e.target.value)} />
        <CheckboxField id={`${id}-active`} label={t("assignments.activeOnly")} checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} />
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
      <QueryState query={assignments}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("assignments.empty")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="data-table">
            <caption id={`${id}-caption`}>{t("assignments.caption", { count: loaded.items.length })}</caption>
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
              {loaded.items.map((item) => (
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
      )}</QueryState>
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
