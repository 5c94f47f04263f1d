import { type Assignment, assignmentCreateSchema, todayInSaxony } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/error-summary";
import { DistrictSelect } from "../../../components/form/district-select";
import { CheckboxField, DateField, FieldError, SelectField } from "../../../components/form/field";
import { type IssueLike, issuesToFields } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { QueryState } from "../../../components/query-state";
import { ApiError } from "../../../lib/api-client";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { useAssignments } from "../../../lib/api/get-assignments";
import { useAdvisors } from "../../../lib/api/get-advisors";
import { useDistricts } from "../../../lib/api/get-districts";
import { useCreateAssignment, useDeleteAssignment, useRemoveAssignments } from "../api";
import { MunicipalityPicker, type PickedMunicipality } from "../../../components/municipality-picker";

const FIELDS = ["advisorEmail", "ags", "district", "from", "to"] as const;
type FormField = (typeof FIELDS)[number];

function AssignmentForm() {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  const advisors = useAdvisors();
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
    advisorEmail: tw("assignments.advisor"),
    ags: t("picker.labelOne"),
    district: t("assignments.district"),
    from: t("assignments.from"),
    to: t("assignments.to"),
  };
  const form = useFormErrors(FIELDS, (field) => labels[field]);
  const word = (field: FormField | null, issue: IssueLike) => {
    if (field === "advisorEmail") return advisorEmail.trim() === "" ? t("common.required") : tw("assignments.error.ADVISOR_NOT_FOUND");
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
          // The server's codes in the user's words (its messages are English and technical).
          const mapped = issuesToFields(error.issues, FIELDS, (field, issue) => {
            const code = field === "district" && issue.code === "ASSIGNMENT_OVERLAP" ? "ASSIGNMENT_OVERLAP_DISTRICT" : issue.code;
            const known = code ? tw(`assignments.error.${code}` as "assignments.error.UNKNOWN_AGS", { defaultValue: "" }) : "";
            return known || undefined;
          });
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
        <SelectField
          {...form.field("advisorEmail")}
          label={labels.advisorEmail}
          hint={advisors.data && advisors.data.items.every((a) => !a.active) ? tw("assignments.noAdvisors") : undefined}
          value={advisorEmail}
          onChange={(e) => setAdvisorEmail(e.target.value)}
        >
          <option value="">{tw("assignments.chooseAdvisor")}</option>
          {(advisors.data?.items ?? [])
            .filter((advisor) => advisor.active)
            .map((advisor) => (
              <option key={advisor.id} value={advisor.email}>
                {advisor.displayName} ({advisor.email})
              </option>
            ))}
        </SelectField>
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

interface AssignmentGroup {
  key: string;
  items: Assignment[];
}

/**
 * Assignments of one advisor with the same district and period (a district assignment, or several single ones
 * made alike) form one row; a single assignment stays a row of its own.
 */
function groupAssignments(items: readonly Assignment[]): AssignmentGroup[] {
  const groups = new Map<string, AssignmentGroup>();
  for (const item of items) {
    const key = [item.advisor.id, item.districtKey, item.from, item.to ?? "", item.active].join("|");
    const group = groups.get(key) ?? { key, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function AssignmentList() {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  const format = useFormatters();
  const id = useId();
  const advisors = useAdvisors();
  const districts = useDistricts();
  const [advisor, setAdvisor] = useState("");
  const [activeOnly, setActiveOnly] = useState(true);
  const [applied, setApplied] = useState<{ advisor?: string; active?: boolean }>({ active: true });
  const assignments = useAssignments(applied);
  const remove = useDeleteAssignment();
  const removeMany = useRemoveAssignments();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  // The deleted row's button disappears: focus moves to the confirmation so keyboard users are not sent back to the page start.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const groups = useMemo(() => groupAssignments(assignments.data?.items ?? []), [assignments.data]);
  const district = (key: string) => districts.data?.items.find((item) => item.key === key);
  const failed = (error: Error) =>
    setNotice({
      ok: false,
      text: t("common.failed", {
        message: error instanceof ApiError && error.code === "ASSIGNMENT_NOT_FOUND" ? tw("assignments.error.ASSIGNMENT_NOT_FOUND") : error.message,
      }),
    });

  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("assignments.listHeading")}</h2>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied({ ...(advisor ? { advisor } : {}), ...(activeOnly ? { active: true } : {}) });
        }}
      >
        <SelectField id={`${id}-advisor`} label={t("assignments.filterAdvisor")} value={advisor} onChange={(e) => setAdvisor(e.target.value)}>
          <option value="">{tw("assignments.filterAll")}</option>
          {(advisors.data?.items ?? []).map((item) => (
            <option key={item.id} value={item.email}>
              {item.active ? item.displayName : tw("assignments.inactiveAdvisor", { name: item.displayName })} ({item.email})
            </option>
          ))}
        </SelectField>
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
          <table className="data-table assignments-table">
            <caption id={`${id}-caption`}>
              {t("assignments.caption", { count: loaded.items.length })} ({tw("assignments.rows", { count: groups.length })})
            </caption>
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
              {groups.map((group) => {
                const [first] = group.items;
                if (!first) return null;
                const single = group.items.length === 1;
                const info = district(first.districtKey);
                const districtName = info?.name ?? first.districtKey;
                const whole = info !== undefined && info.municipalityCount === group.items.length;
                const label = single
                  ? first.municipalityName
                  : tw(whole ? "assignments.wholeDistrict" : "assignments.partOfDistrict", { district: districtName, count: group.items.length });
                const removeName = `${single ? first.municipalityName : districtName} – ${first.advisor.displayName}`;
                return (
                  <tr key={group.key} data-group-size={group.items.length}>
                    <th scope="row">
                      {single ? (
                        <Link to={paths.municipality(first.ags)}>{first.municipalityName}</Link>
                      ) : (
                        <details className="assignment-group">
                          <summary>
                            {label}
                            <span className="visually-hidden"> – {tw("assignments.showMunicipalities")}</span>
                          </summary>
                          <ul className="plain-list">
                            {group.items.map((item) => (
                              <li key={item.id}>
                                <Link to={paths.municipality(item.ags)}>{item.municipalityName}</Link>
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </th>
                    <td>
                      {first.advisor.displayName}
                      {first.advisor.email ? <span className="cell-secondary"> {first.advisor.email}</span> : null}
                    </td>
                    <td className="nowrap">
                      {format.date(first.from)} – {first.to ? format.date(first.to) : t("assignments.open")}
                    </td>
                    <td>{first.active ? `✓ ${t("assignments.active")}` : `– ${t("assignments.inactive")}`}</td>
                    <td>
                      {single ? (
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t("assignments.remove", { name: removeName })}
                          disabled={remove.isPending}
                          onClick={() =>
                            remove.mutate(first.id, {
                              onSuccess: () => setNotice({ ok: true, text: t("assignments.removed") }),
                              onError: failed,
                            })
                          }
                        >
                          {t("assignments.removeShort")}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={tw("assignments.removeGroup", { name: removeName })}
                          disabled={removeMany.isPending}
                          onClick={() =>
                            removeMany.mutate(
                              group.items.map((item) => item.id),
                              {
                                onSuccess: (result) => setNotice({ ok: true, text: tw("assignments.removedGroup", { count: result.removed }) }),
                                onError: failed,
                              },
                            )
                          }
                        >
                          {t("assignments.removeShort")}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
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
