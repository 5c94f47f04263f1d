import type { FundingStats } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { ChartPanel, TableScroll } from "../../../components/chart-panel";
import { useFormatters } from "../../../lib/use-formatters";

/** Two patterns, so that "at risk" and "on a current concept" differ by shape, not by colour alone. */
const SAFE = "funding-pattern-safe";
const AT_RISK = "funding-pattern-at-risk";

function PatternDefs() {
  return (
    <defs>
      <pattern id={SAFE} width={8} height={8} patternUnits="userSpaceOnUse">
        <rect width={8} height={8} fill="#8ec9ea" />
        <path d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6" stroke="#10507a" strokeWidth={1.4} />
      </pattern>
      <pattern id={AT_RISK} width={8} height={8} patternUnits="userSpaceOnUse">
        <rect width={8} height={8} fill="#f5c26b" />
        <circle cx={4} cy={4} r={1.4} fill="#7a4d00" />
      </pattern>
    </defs>
  );
}

/** A small swatch of one of the two patterns, for the tables and the legend. */
export function FundingSwatch({ kind }: { kind: "safe" | "atRisk" }) {
  const id = kind === "safe" ? SAFE : AT_RISK;
  return (
    <svg className="status-swatch" width={20} height={14} aria-hidden="true" focusable="false">
      <PatternDefs />
      <rect x={0.5} y={0.5} width={19} height={13} fill={`url(#${id})`} stroke="#1a1a1a" />
    </svg>
  );
}

interface Row {
  key: string;
  label: string;
  running: number;
  safe: number;
  atRisk: number;
  eligible: number;
}

function StackedChart({ rows, height }: { rows: readonly Row[]; height: number }) {
  const { t } = useTranslation("funding");
  const format = useFormatters();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
        <PatternDefs />
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickFormatter={format.integer} />
        <YAxis type="category" dataKey="label" width={220} interval={0} />
        <Legend />
        <Bar dataKey="safe" name={t("charts.legendSafe")} stackId="m" fill={`url(#${SAFE})`} stroke="#1a1a1a" isAnimationActive={false} />
        <Bar dataKey="atRisk" name={t("charts.legendAtRisk")} stackId="m" fill={`url(#${AT_RISK})`} stroke="#1a1a1a" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

function FiguresTable({ caption, firstColumn, rows }: { caption: string; firstColumn: string; rows: readonly Row[] }) {
  const { t } = useTranslation("funding");
  const format = useFormatters();
  return (
    <TableScroll label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col" className="num">
              {t("charts.columnRunning")}
            </th>
            <th scope="col" className="num">
              <FundingSwatch kind="safe" /> {t("charts.columnSafe")}
            </th>
            <th scope="col" className="num">
              <FundingSwatch kind="atRisk" /> {t("charts.columnAtRisk")}
            </th>
            <th scope="col" className="num">
              {t("charts.columnEligible")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{format.integer(row.running)}</td>
              <td className="num">{format.integer(row.safe)}</td>
              <td className="num">{format.integer(row.atRisk)}</td>
              <td className="num">{format.integer(row.eligible)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Running measures per programme and per district, at risk or not, each with its table. A separate chunk (recharts). */
function FundingCharts({ stats }: { stats: FundingStats }) {
  const { t } = useTranslation("funding");
  const format = useFormatters();
  const byProgramme: Row[] = stats.byProgramme.map((p) => ({
    key: p.programmeId,
    label: p.name,
    running: p.measures,
    safe: p.measures - p.atRisk,
    atRisk: p.atRisk,
    eligible: p.eligibleWithoutConcept,
  }));
  // The districts summed over the programmes (every programme lists all 13).
  const districts = new Map<string, Row>();
  for (const programme of stats.byProgramme) {
    for (const d of programme.byDistrict) {
      const row = districts.get(d.districtKey) ?? { key: d.districtKey, label: d.districtName, running: 0, safe: 0, atRisk: 0, eligible: 0 };
      row.running += d.measures;
      row.safe += d.measures - d.atRisk;
      row.atRisk += d.atRisk;
      row.eligible += d.eligibleWithoutConcept;
      districts.set(d.districtKey, row);
    }
  }
  const byDistrict = [...districts.values()].sort((a, b) => a.key.localeCompare(b.key));
  const top = byDistrict.reduce<Row | null>((best, row) => (best === null || row.running > best.running ? row : best), null);
  const date = format.date(stats.asOf);
  return (
    <div className="funding-charts">
      <ChartPanel
        title={t("charts.byProgrammeTitle")}
        summary={t("charts.byProgrammeSummary", {
          date,
          running: format.integer(stats.measures.running),
          programmes: format.integer(byProgramme.filter((row) => row.running > 0).length),
          atRisk: format.integer(stats.measures.atRisk),
        })}
        chart={<StackedChart rows={byProgramme} height={Math.max(160, 40 * byProgramme.length + 80)} />}
        table={<FiguresTable caption={t("charts.byProgrammeTitle")} firstColumn={t("charts.columnProgramme")} rows={byProgramme} />}
      />
      <ChartPanel
        title={t("charts.byDistrictTitle")}
        summary={t("charts.byDistrictSummary", { date, top: top?.label ?? "–", count: format.integer(top?.running ?? 0) })}
        chart={<StackedChart rows={byDistrict} height={Math.max(160, 32 * byDistrict.length + 80)} />}
        table={<FiguresTable caption={t("charts.byDistrictTitle")} firstColumn={t("charts.columnDistrict")} rows={byDistrict} />}
      />
    </div>
  );
}

export default memo(FundingCharts);
