import { type District, MUNICIPALITY_TYPES, SIZE_CLASSES, STATUSES } from "@insek/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { EARLIEST_DATE, type OverviewParams, type OverviewPatch } from "../overview-params";
import { useDashboardFormat } from "../use-dashboard-format";

interface Props {
  params: OverviewParams;
  today: string;
  districts: readonly District[];
  onChange: (patch: OverviewPatch) => void;
}

/** "Stand am", "Vergleichen mit" and the filters; every change goes to the URL via onChange. */
export function OverviewControls({ params, today, districts, onChange }: Props) {
  const { t } = useTranslation("dashboard");
  const { t: tCommon } = useTranslation();
  const format = useDashboardFormat();
  const id = useId();
  const hintId = `${id}-compare-hint`;
  const asOfHintId = `${id}-asof-hint`;
  const set = onChange;

  return (
    <form className="dashboard-controls no-print" onSubmit={(event) => event.preventDefault()}>
      <div className="dashboard-controls__field">
        <label htmlFor={`${id}-asof`}>{t("asOf")}</label>
        <input
          id={`${id}-asof`}
          type="date"
          min={EARLIEST_DATE}
          max={today}
          value={params.asOf}
          aria-describedby={asOfHintId}
          onChange={(event) => set({ asOf: event.target.value })}
        />
        <span id={asOfHintId} className="dashboard-controls__hint">
          {t("asOfHint")}
        </span>
      </div>
      <div className="dashboard-controls__field">
        <label htmlFor={`${id}-compare`}>{t("compareWith")}</label>
        <input
          id={`${id}-compare`}
          type="date"
          min={EARLIEST_DATE}
          max={today}
          value={params.compare ?? ""}
          aria-describedby={hintId}
          onChange={(event) => set({ compare: event.target.value })}
        />
        <span id={hintId} className="dashboard-controls__hint">
          {t("compareHint")}
        </span>
      </div>
      <div className="dashboard-controls__field">
        <label htmlFor={`${id}-district`}>{t("district")}</label>
        <select id={`${id}-district`} value={params.district ?? ""} onChange={(event) => set({ district: event.target.value })}>
          <option value="">{t("all")}</option>
          {districts.map((district) => (
            <option key={district.key} value={district.key}>
              {district.name}
            </option>
          ))}
        </select>
      </div>
      <div className="dashboard-controls__field">
        <label htmlFor={`${id}-status`}>{t("statusFilter")}</label>
        <select id={`${id}-status`} value={params.status ?? ""} onChange={(event) => set({ status: event.target.value })}>
          <option value="">{t("all")}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="dashboard-controls__field">
        <label htmlFor={`${id}-type`}>{t("type")}</label>
        <select id={`${id}-type`} value={params.type ?? ""} onChange={(event) => set({ type: event.target.value })}>
          <option value="">{t("all")}</option>
          {MUNICIPALITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {tCommon(`municipalityType.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="dashboard-controls__field">
        <label htmlFor={`${id}-size`}>{t("sizeClass")}</label>
        <select id={`${id}-size`} value={params.sizeClass ?? ""} onChange={(event) => set({ sizeClass: event.target.value })}>
          <option value="">{t("all")}</option>
          {SIZE_CLASSES.map((size) => (
            <option key={size.key} value={size.key}>
              {format.sizeClass(size.key)}
            </option>
          ))}
        </select>
      </div>
      <div className="dashboard-controls__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange({ district: null, status: null, type: null, sizeClass: null })}
        >
          {t("resetFilters")}
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          {t("print")}
        </button>
      </div>
    </form>
  );
}
