import type { UpdateRequest } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../../lib/use-formatters";

type Row = { key: string; label: string; today: string | null; reported: string | null };

/**
 * What an answer reported beside today's record, field by field (status, kind, dates, target year, document,
 * note), so that the reviewer sees what changes before accepting. Differences are said in words, not colour.
 */
export function ReviewComparison({ request }: { request: UpdateRequest }) {
  const { t } = useTranslation("workflows");
  const { t: tc } = useTranslation();
  const format = useFormatters();
  const proposed = request.proposedEvent;
  const current = request.current;
  if (!proposed) return null;
  if (!current) return <p className="notice notice--info">{t("review.noCurrent")}</p>;
  const record = current.record;
  const date = (value: string | null | undefined) => (value ? format.date(value) : null);
  const status = (value: string | null | undefined) => (value ? tc(`status.${value}` as "status.none") : null);
  const rows: Row[] = [
    { key: "status", label: t("review.status"), today: status(record.status), reported: status(proposed.status) },
    { key: "conceptKind", label: t("review.conceptKind"), today: record.conceptKind, reported: proposed.conceptKind ?? null },
    { key: "effectiveDate", label: t("review.effectiveDate"), today: date(record.statusSince), reported: date(proposed.effectiveDate) },
    {
      key: "councilResolutionDate",
      label: t("review.councilResolutionDate"),
      today: date(record.councilResolutionDate),
      reported: date(proposed.councilResolutionDate),
    },
    {
      key: "horizonYear",
      label: t("review.horizonYear"),
      today: record.horizonYear === null ? null : String(record.horizonYear),
      reported: proposed.horizonYear === null || proposed.horizonYear === undefined ? null : String(proposed.horizonYear),
    },
    { key: "documentUrl", label: t("review.documentUrl"), today: record.documentUrl, reported: proposed.documentUrl ?? null },
    { key: "note", label: t("review.note"), today: current.note, reported: proposed.note ?? null },
  ];
  const changed = rows.filter((row) => row.today !== row.reported).length;
  const cell = (value: string | null, link: boolean) =>
    value === null ? (
      <span className="secondary">{t("review.empty")}</span>
    ) : link ? (
      <a href={value} rel="noreferrer noopener" target="_blank" className="break-anywhere">
        {value}
      </a>
    ) : (
      value
    );
  return (
    <>
      <p className="review-compare__summary">{t("review.changedCount", { count: changed })}</p>
      <div className="table-scroll" role="region" aria-label={t("review.caption", { name: request.municipalityName })} tabIndex={0}>
        <table className="data-table review-compare">
          <caption>{t("review.caption", { name: request.municipalityName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("review.field")}</th>
              <th scope="col">{t("review.today")}</th>
              <th scope="col">{t("review.reported")}</th>
              <th scope="col">{t("review.changed")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const differs = row.today !== row.reported;
              return (
                <tr key={row.key} className={differs ? "review-compare__changed" : undefined} data-field={row.key}>
                  <th scope="row">{row.label}</th>
                  <td>{cell(row.today, row.key === "documentUrl")}</td>
                  <td>{cell(row.reported, row.key === "documentUrl")}</td>
                  <td>{differs ? <strong>✎ {t("review.changedYes")}</strong> : t("review.changedNo")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
