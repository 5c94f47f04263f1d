import { type AssociationRef, type District, MUNICIPALITY_TYPES, SIZE_CLASSES, STATUSES } from "@insek/contracts";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { DateField, SelectField } from "../../../components/form/field";
import { isIsoDate } from "../../../components/form/german-date";
import { EARLIEST_DATE, type OverviewParams, type OverviewPatch } from "../overview-params";
import { useDashboardFormat } from "../use-dashboard-format";

interface Props {
  params: OverviewParams;
  today: string;
  districts: readonly District[];
  /** The Verwaltungsgemeinschaften and -verbände existing on the view's date. */
  associations: readonly AssociationRef[];
  onChange: (patch: OverviewPatch) => void;
}

/** The kit's fields in the bar's own layout (dashboard.css): a column per field, the bar wraps them. */
const FIELD = "dashboard-controls__field";

/** "Stand am", "Vergleichen mit" and the filters (form kit fields); every change goes to the URL via onChange. */
export function OverviewControls({ params, today, districts, associations, onChange }: Props) {
  const { t } = useTranslation("dashboard");
  const { t: tCommon } = useTranslation();
  const format = useDashboardFormat();
  const id = useId();
  const set = onChange;
  // A shared link may name an association that does not exist on the view's date: it stays selectable.
  const associationMissing = params.association !== null && !associations.some((a) => a.key === params.association);
  const associationsByName = useMemo(() => [...associations].sort((a, b) => a.name.localeCompare(b.name, "de")), [associations]);

  return (
    <form className="dashboard-controls no-print" onSubmit={(event) => event.preventDefault()}>
      <DateField
        id={`${id}-asof`}
        className={FIELD}
        label={t("asOf")}
        hint={t("asOfHint")}
        min={EARLIEST_DATE}
        max={today}
        value={params.asOf}
        onChange={(value) => {
          if (isIsoDate(value)) set({ asOf: value });
        }}
      />
      <DateField
        id={`${id}-compare`}
        className={FIELD}
        label={t("compareWith")}
        hint={t("compareHint")}
        min={EARLIEST_DATE}
        max={today}
        value={params.compare ?? ""}
        onChange={(value) => {
          if (value === "" || isIsoDate(value)) set({ compare: value });
        }}
      />
      <SelectField id={`${id}-district`} className={FIELD} label={t("district")} value={params.district ?? ""} onChange={(event) => set({ district: event.target.value })}>
        <option value="">{t("all")}</option>
        {districts.map((district) => (
          <option key={district.key} value={district.key}>
            {district.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={`${id}-association`}
        className={FIELD}
        label={tCommon("list.associationLabel")}
        value={params.association ?? ""}
        onChange={(event) => set({ association: event.target.value })}
      >
        <option value="">{t("all")}</option>
        {associationMissing && params.association ? <option value={params.association}>{params.association}</option> : null}
        {associationsByName.map((association) => (
          <option key={association.key} value={association.key}>
            {association.name} ({tCommon(`association.typeShort.${association.type}`)})
          </option>
        ))}
      </SelectField>
      <SelectField id={`${id}-status`} className={FIELD} label={t("statusFilter")} value={params.status ?? ""} onChange={(event) => set({ status: event.target.value })}>
        <option value="">{t("all")}</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id={`${id}-type`} className={FIELD} label={t("type")} value={params.type ?? ""} onChange={(event) => set({ type: event.target.value })}>
        <option value="">{t("all")}</option>
        {MUNICIPALITY_TYPES.map((type) => (
          <option key={type} value={type}>
            {tCommon(`municipalityType.${type}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id={`${id}-size`} className={FIELD} label={t("sizeClass")} value={params.sizeClass ?? ""} onChange={(event) => set({ sizeClass: event.target.value })}>
        <option value="">{t("all")}</option>
        {SIZE_CLASSES.map((size) => (
          <option key={size.key} value={size.key}>
            {format.sizeClass(size.key)}
          </option>
        ))}
      </SelectField>
      <div className="dashboard-controls__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange({ district: null, association: null, status: null, type: null, sizeClass: null })}
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
