import { CONSULTATION_KINDS, type Consultation, type SessionUser } from "@insek/contracts";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorState, QueryState } from "../../../components/query-state";
import { ApiError } from "../../../lib/api-client";
import { useFormatters } from "../../../lib/use-formatters";
import { DistrictSelect } from "../../../components/form/district-select";
import { DateField, Field, SelectField } from "../../../components/form/field";
import { type ConsultationFilter, useConsultations, useDeleteConsultation } from "../api";
import { ConsultationCard } from "./consultation-card";
import { ConsultationForm } from "./consultation-form";
import { MunicipalityPicker, type PickedMunicipality } from "../../../components/municipality-picker";
import "../consultations.css";

const PAGE = 50;

function OwnActions({ consultation, onEdit, onNotice }: { consultation: Consultation; onEdit: () => void; onNotice: (text: string, ok?: boolean) => void }) {
  const { t } = useTranslation("advisory");
  const format = useFormatters();
  const remove = useDeleteConsultation();
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <div className="consultation__actions" role="group" aria-label={t("consultations.confirmWithdraw", { date: format.date(consultation.date) })}>
        <span>{t("consultations.confirmWithdraw", { date: format.date(consultation.date) })}</span>
        <button
          type="button"
          className="button"
          disabled={remove.isPending}
          onClick={() => {
            // mutateAsync: the card (and this component) is gone once the list has refetched.
            remove.mutateAsync(consultation.id).then(
              () => onNotice(t("consultations.withdrawn")),
              (error: unknown) => onNotice(t("common.failed", { message: error instanceof Error ? error.message : String(error) }), false),
            );
          }}
        >
          {t("consultations.confirmWithdrawYes")}
        </button>
        <button type="button" className="button button--secondary" autoFocus onClick={() => setConfirming(false)}>
          {t("common.cancel")}
        </button>
      </div>
    );
  }
  return (
    <div className="consultation__actions">
      <button type="button" className="button button--secondary" onClick={onEdit}>
        {t("consultations.edit")}
      </button>
      <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
        {t("consultations.withdraw")}
      </button>
    </div>
  );
}

function readFilter(params: URLSearchParams): ConsultationFilter {
  const get = (key: string) => params.get(key) ?? undefined;
  // The URL may name any kind: the server answers an unknown one with 400, as it did before the typed filter.
  const kind = get("kind") as ConsultationFilter["kind"];
  return { ags: get("ags"), advisor: get("advisor"), from: get("from"), to: get("to"), kind, district: get("district") };
}

/** The log with its filters (kept in the URL so a view can be shared), and edit/withdraw for one's own. */
export function ConsultationLog({ user }: { user: SessionUser }) {
  const { t } = useTranslation("advisory");
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const [limit, setLimit] = useState(PAGE);
  const consultations = useConsultations({ ...filter, limit, offset: 0 });
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ text: string; ok: boolean } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const [picked, setPicked] = useState<PickedMunicipality[]>(filter.ags ? [{ ags: filter.ags, name: filter.ags }] : []);

  const showNotice = (text: string, ok = true) => {
    setNotice({ text, ok });
    setEditing(null);
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    const first = picked[0];
    if (first) next.set("ags", first.ags);
    for (const key of ["advisor", "from", "to", "kind", "district"]) {
      const raw = data.get(key);
      const value = typeof raw === "string" ? raw.trim() : "";
      if (value) next.set(key, value);
    }
    setLimit(PAGE);
    setParams(next, { replace: true });
  };

  const reset = () => {
    setPicked([]);
    setParams(new URLSearchParams(), { replace: true });
  };

  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("consultations.listHeading")}</h2>
      <form className="filters" onSubmit={onFilter} aria-label={t("consultations.filtersHeading")} key={params.toString()}>
        <div className="field field--search">
          <MunicipalityPicker inputId={`${id}-ags`} label={t("picker.labelOne")} value={picked} onChange={setPicked} max={1} />
        </div>
        <Field id={`${id}-advisor`} label={t("consultations.filterAdvisor")} name="advisor" defaultValue={filter.advisor ?? ""} />
        <DistrictSelect id={`${id}-district`} label={t("assignments.district")} emptyLabel={t("common.all")} name="district" defaultValue={filter.district ?? ""} />
        <DateField id={`${id}-from`} label={t("consultations.filterFrom")} name="from" defaultValue={filter.from ?? ""} />
        <DateField id={`${id}-to`} label={t("consultations.filterTo")} name="to" defaultValue={filter.to ?? ""} />
        <SelectField id={`${id}-kind`} label={t("consultations.filterKind")} name="kind" defaultValue={filter.kind ?? ""}>
          <option value="">{t("common.all")}</option>
          {CONSULTATION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <div className="button-row">
          <button type="submit" className="button">
            {t("common.apply")}
          </button>
          <button type="button" className="button button--secondary" onClick={reset}>
            {t("common.reset")}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {notice ? (
          <p className={`notice ${notice.ok ? "notice--success" : "notice--error"}`} role={notice.ok ? "status" : "alert"} tabIndex={-1} ref={noticeRef}>
            {notice.text}
          </p>
        ) : null}
      </div>
      <QueryState
        query={consultations}
        error={(error) =>
          error instanceof ApiError && error.statusCode === 403 ? (
            <ErrorState error={new Error(t("common.forbidden"))} onRetry={() => void consultations.refetch()} />
          ) : undefined
        }
      >
        {(data) => (
          <>
            <p className="result-count" role="status">
              {t("consultations.resultCount", { count: data.total })}
            </p>
            {data.items.length === 0 ? (
              <p>{t("consultations.empty")}</p>
            ) : (
              <ul className="consultation-list">
                {data.items.map((consultation) =>
                  editing === consultation.id ? (
                    <li key={consultation.id} className="consultation">
                      <ConsultationForm editing={consultation} onDone={(message) => (message ? showNotice(message) : setEditing(null))} />
                    </li>
                  ) : (
                    <ConsultationCard key={consultation.id} consultation={consultation}>
                      {consultation.advisor.id === user.id ? (
                        <OwnActions consultation={consultation} onEdit={() => setEditing(consultation.id)} onNotice={showNotice} />
                      ) : null}
                    </ConsultationCard>
                  ),
                )}
              </ul>
            )}
            {data.total > data.items.length ? (
              <button type="button" className="button button--secondary" onClick={() => setLimit((value) => Math.min(value + PAGE, 500))}>
                {t("consultations.more")}
              </button>
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
