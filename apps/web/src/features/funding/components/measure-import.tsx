import { type MeasureImportResult, measureImportFailedSchema } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FieldError } from "../../../components/form/field";
import { ApiError } from "../../../lib/api-client";
import { paths } from "../../../lib/paths";
import { fundingDe } from "../../../lib/locales/funding.de";
import { useImportMeasures } from "../api";
import { Link } from "react-router";

const KNOWN_CODES = new Set(Object.keys(fundingDe.import.code));

function ImportReport({ result }: { result: MeasureImportResult }) {
  const { t } = useTranslation("funding");
  const id = useId();
  // "Spalte: what is wrong", in the page's words where the code is known.
  const problemText = (problem: { field: string; code: string; message: string }) =>
    `${problem.field}: ${KNOWN_CODES.has(problem.code) ? t(`import.code.${problem.code as keyof typeof fundingDe.import.code}`) : problem.message}`;
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="data-table import-report">
        <caption id={`${id}-caption`}>{t("import.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("import.columnRow")}
            </th>
            <th scope="col">{t("import.columnMunicipality")}</th>
            <th scope="col">{t("import.columnMeasure")}</th>
            <th scope="col">{t("import.columnProgramme")}</th>
            <th scope="col">{t("import.columnStatus")}</th>
            <th scope="col">{t("import.columnReason")}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr key={row.row} data-row={row.row} data-ok={row.ok ? "true" : "false"}>
              <td className="num">{row.row}</td>
              <td>{row.ags ?? "–"}</td>
              <td>{row.name ?? "–"}</td>
              <td>{row.programmeId ?? "–"}</td>
              <td className={row.ok ? undefined : "import-outcome--error"}>{t(`import.outcome.${row.outcome}`)}</td>
              <td>
                {[
                  ...(row.reason ? [problemText(row.reason)] : []),
                  ...row.errors.map(problemText),
                  ...row.flags.map((flag) => t(`flag.${flag}`)),
                ].join("; ") || "–"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Uploads a programme list (CSV or XLSX): first a dry run whose report shows every row (line, Gemeinde, result,
 * reason), then, when every row passed, the import of the same file.
 */
export function MeasureImport() {
  const { t } = useTranslation("funding");
  const id = useId();
  const upload = useImportMeasures();
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState("");
  const [yearError, setYearError] = useState<string | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [report, setReport] = useState<MeasureImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const [focusCount, setFocusCount] = useState(0);
  useEffect(() => {
    if (focusCount > 0) reportRef.current?.focus();
  }, [focusCount]);

  const run = (dryRun: boolean) => {
    setFailure(null);
    if (!file) {
      setFileError(t("import.chooseFile"));
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    setFileError(undefined);
    const listYear = year.trim();
    if (listYear !== "" && !(/^\d{4}$/.test(listYear) && Number(listYear) >= 1990 && Number(listYear) <= 2100)) {
      setYearError(t("form.year"));
      document.getElementById(`${id}-year`)?.focus();
      return;
    }
    setYearError(undefined);
    upload.mutate(
      { file, dryRun, ...(listYear ? { year: Number(listYear) } : {}) },
      {
        onSuccess: (result) => {
          setReport(result);
          setFocusCount((count) => count + 1);
        },
        onError: (error) => {
          // A real run with a failing row answers 422 with the whole report; nothing was written.
          const failed = error instanceof ApiError ? measureImportFailedSchema.safeParse(error.body) : null;
          if (failed?.success) {
            setReport({ dryRun: failed.data.dryRun, applied: false, rows: failed.data.rows, summary: failed.data.summary });
            setFocusCount((count) => count + 1);
            return;
          }
          setFailure(error instanceof ApiError && error.statusCode === 403 ? t("import.forbidden") : t("import.failed", { message: error.message }));
        },
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    run(true);
  };

  return (
    <>
      {failure ? (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      ) : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={upload.isPending}>
        <div className={fileError ? "field field--invalid" : "field"}>
          <label htmlFor={`${id}-file`}>{t("import.file")}</label>
          <p className="hint" id={`${id}-file-hint`}>
            {t("import.fileHint")}
          </p>
          <FieldError id={`${id}-file`} error={fileError} />
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ""}`}
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <Field
          id={`${id}-year`}
          className="field--short"
          label={t("import.year")}
          hint={t("import.yearHint")}
          error={yearError}
          inputMode="numeric"
          maxLength={4}
          value={year}
          onChange={(event) => {
            setYear(event.target.value);
            setReport(null);
          }}
        />
        <div>
          <button type="submit" className="button" disabled={upload.isPending}>
            {upload.isPending && upload.variables.dryRun ? t("import.checking") : t("import.check")}
          </button>
        </div>
      </form>
      {report ? (
        <section aria-labelledby={`${id}-report`} className="import-result">
          <div tabIndex={-1} ref={reportRef} role="status">
            <h2 id={`${id}-report`}>{t("import.reportHeading")}</h2>
            <p>
              {t("import.reportSummary", { total: report.summary.total, ok: report.summary.ok, skipped: report.summary.skipped, failed: report.summary.failed })}{" "}
              {t("import.reportCounts", { created: report.summary.created, updated: report.summary.updated, unchanged: report.summary.unchanged })}
            </p>
            <p className={report.applied ? "notice notice--success" : report.summary.failed > 0 ? "notice notice--error" : "notice"}>
              {report.applied ? t("import.applied", { count: report.summary.ok }) : report.summary.failed > 0 ? t("import.reportFailed") : t("import.reportReady")}
            </p>
          </div>
          {report.dryRun && report.summary.failed === 0 && report.summary.ok > 0 ? (
            <p>
              <button type="button" className="button" disabled={upload.isPending} onClick={() => run(false)}>
                {upload.isPending && !upload.variables.dryRun ? t("import.applying") : t("import.apply", { count: report.summary.ok })}
              </button>
            </p>
          ) : null}
          {report.applied ? (
            <p>
              <Link to={paths.funding}>{t("page.title")}</Link>
            </p>
          ) : null}
          <ImportReport result={report} />
        </section>
      ) : null}
    </>
  );
}
