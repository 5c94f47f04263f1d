import { type MeasureDetail, type MeasureListItem, todayInSaxony } from "@insek/contracts";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryState } from "../../../components/query-state";
import { useFormatLocale } from "../../../lib/i18n";
import { paths } from "../../../lib/paths";
import { useAtRisk, useMeasure, useMeasures, useProgrammes } from "../api";
import { formatEuro, yearSpan } from "../funding-model";
import { type ConceptChoice, MeasureForm } from "./measure-form";
import "../funding.css";

function MeasureEntry({
  measure,
  atRisk,
  conceptTitles,
  canEdit,
  onEdit,
}: {
  measure: MeasureListItem;
  atRisk: string | null;
  conceptTitles: ReadonlyMap<number, string>;
  canEdit: boolean;
  onEdit: (id: number) => void;
}) {
  const { t } = useTranslation("funding");
  const locale = useFormatLocale();
  const euro = (value: number) => formatEuro(value, locale);
  const span = yearSpan(measure.startYear, measure.endYear);
  const conceptLink = (id: number | null) =>
    id === null ? t("measures.noConcept") : <Link to={paths.concept(id)}>{conceptTitles.get(id) ?? `#${id}`}</Link>;
  return (
    <li data-measure={measure.id}>
      <h3>
        {measure.name}
        {measure.ags !== measure.currentAgs ? ` (${measure.municipalityName})` : null}
      </h3>
      {atRisk ? (
        <p className="measure-at-risk notice notice--warning">
          <span aria-hidden="true">⚠ </span>
          {t("measures.atRiskFlag", { reason: atRisk })}
        </p>
      ) : null}
      <dl>
        <dt>{t("measures.programme")}</dt>
        <dd>{measure.programmeName}</dd>
        {measure.area ? (
          <>
            <dt>{t("measures.area")}</dt>
            <dd>{measure.area}</dd>
          </>
        ) : null}
        <dt>{t("measures.years")}</dt>
        <dd>{span.kind === "from" ? t("measures.yearsFrom", { year: span.text }) : span.text}</dd>
        <dt>{t("measures.state")}</dt>
        <dd>{t(`state.${measure.state}`)}</dd>
        <dt>{t("measures.amounts")}</dt>
        <dd>
          {t("measures.amountsTotal", {
            total: euro(measure.totals.total),
            federal: euro(measure.totals.federal),
            land: euro(measure.totals.land),
            municipal: euro(measure.totals.municipal),
          })}
        </dd>
        <dt>{t("measures.concept")}</dt>
        <dd>{conceptLink(measure.conceptId)}</dd>
        {measure.areaConceptId !== null ? (
          <>
            <dt>{t("measures.areaConcept")}</dt>
            <dd>{conceptLink(measure.areaConceptId)}</dd>
          </>
        ) : null}
        {measure.flags.length > 0 ? (
          <>
            <dt>{t("measures.flags")}</dt>
            <dd>{measure.flags.map((flag) => t(`flag.${flag}`)).join("; ")}</dd>
          </>
        ) : null}
      </dl>
      {canEdit ? (
        <button type="button" className="button button--secondary" onClick={() => onEdit(measure.id)}>
          {t("measures.edit", { name: measure.name })}
        </button>
      ) : null}
    </li>
  );
}

/** Loads the measure's full record (amounts, version) before its form opens. */
function EditMeasure({ id, ags, concepts, onDone }: { id: number; ags: string; concepts: readonly ConceptChoice[]; onDone: (saved: MeasureDetail | null) => void }) {
  const measure = useMeasure(id);
  const programmes = useProgrammes();
  return (
    <QueryState query={measure}>
      {(loaded) => <MeasureForm key={loaded.id} ags={ags} programmes={programmes.data?.items ?? []} concepts={concepts} editing={loaded} onDone={onDone} />}
    </QueryState>
  );
}

/**
 * A municipality's funded measures beside its concepts: programme, name, area, years, state, amounts, the
 * concepts it rests on (links), and "gefährdet" in words where the at-risk list of today names it. Staff
 * (SMR, FS INGE) add and edit measures here.
 */
export function MunicipalityMeasures({ ags, concepts, canEdit }: { ags: string; concepts: readonly ConceptChoice[]; canEdit: boolean }) {
  const { t } = useTranslation("funding");
  const id = useId();
  const today = useMemo(() => todayInSaxony(), []);
  const measures = useMeasures({ ags, limit: 500 });
  const atRisk = useAtRisk(today);
  const programmes = useProgrammes();
  const [mode, setMode] = useState<{ kind: "create" } | { kind: "edit"; id: number } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);
  const risks = useMemo(() => {
    const map = new Map<number, string>();
    for (const item of atRisk.data?.items ?? []) map.set(item.measureId, t(`atRisk.reason.${item.reason}`));
    return map;
  }, [atRisk.data, t]);
  const conceptTitles = useMemo(() => new Map(concepts.map((concept) => [concept.id, concept.title])), [concepts]);
  const done = (result: MeasureDetail | null) => {
    setMode(null);
    if (result) setSaved(t("form.saved", { name: result.name }));
    else setTimeout(() => addRef.current?.focus(), 0);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="municipality-measures">
      <h2 id={`${id}-heading`}>{t("measures.heading")}</h2>
      {saved ? (
        <p className="notice notice--success" role="status" tabIndex={-1} ref={savedRef}>
          {saved}
        </p>
      ) : null}
      <QueryState query={measures}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t("measures.none")}</p>
          ) : (
            <ul className="plain-list measure-list">
              {data.items.map((measure) =>
                mode?.kind === "edit" && mode.id === measure.id ? (
                  <li key={measure.id}>
                    <EditMeasure id={measure.id} ags={measure.ags} concepts={concepts} onDone={done} />
                  </li>
                ) : (
                  <MeasureEntry
                    key={measure.id}
                    measure={measure}
                    atRisk={risks.get(measure.id) ?? null}
                    conceptTitles={conceptTitles}
                    canEdit={canEdit && mode === null}
                    onEdit={(measureId) => {
                      setSaved(null);
                      setMode({ kind: "edit", id: measureId });
                    }}
                  />
                ),
              )}
            </ul>
          )
        }
      </QueryState>
      {canEdit && mode?.kind === "create" ? (
        <MeasureForm ags={ags} programmes={programmes.data?.items ?? []} concepts={concepts} onDone={done} />
      ) : null}
      <ul className="plain-list concept-actions">
        <li>
          <Link to={paths.funding}>{t("measures.all")}</Link>
        </li>
        {canEdit && (measures.data?.items ?? []).some((measure) => risks.has(measure.id)) ? (
          <li>
            <Link to={paths.updateRequestFor(ags)}>{t("measures.requestUpdate")}</Link>
          </li>
        ) : null}
        {canEdit && mode === null ? (
          <li>
            <button
              type="button"
              className="button button--secondary"
              ref={addRef}
              onClick={() => {
                setSaved(null);
                setMode({ kind: "create" });
              }}
            >
              {t("measures.add")}
            </button>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
