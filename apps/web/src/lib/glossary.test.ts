import { STATUSES } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { advisoryDe } from "./locales/advisory.de";
import { auditDe } from "./locales/audit.de";
import { dashboardDe } from "./locales/dashboard.de";
import { fundingDe } from "./locales/funding.de";
import { de } from "./locales/de";
// Read as text by Vite's ?raw (this package's sources have no Node types).
import glossaryText from "../../../../docs/glossary.md?raw";
import exportColumnsText from "../../../api/src/modules/exports/export-columns.ts?raw";
import exportsRoutesText from "../../../api/src/modules/exports/exports.routes.ts?raw";
import exportXlsxText from "../../../api/src/modules/exports/export-xlsx.ts?raw";
import mailText from "../../../api/src/modules/update-requests/update-request-mail.ts?raw";
import reportText from "../../../api/src/modules/consultations/consultations-report.ts?raw";
import auditServiceText from "../../../api/src/modules/audit/audit.service.ts?raw";

/**
 * docs/glossary.md is the one source of the product's words: this test reads its table and checks the German
 * texts of the web's locale files and of the API's exports and e-mails against it.
 */

/** The API's files with German texts that users read: export headers and notes, the e-mail, the consultations report. */
const API_TEXT_FILES: Record<string, string> = {
  "apps/api/src/modules/exports/export-columns.ts": exportColumnsText,
  "apps/api/src/modules/exports/exports.routes.ts": exportsRoutesText,
  "apps/api/src/modules/exports/export-xlsx.ts": exportXlsxText,
  "apps/api/src/modules/update-requests/update-request-mail.ts": mailText,
  "apps/api/src/modules/consultations/consultations-report.ts": reportText,
  "apps/api/src/modules/audit/audit.service.ts": auditServiceText,
};

interface Term {
  forms: string[];
  code: string;
  keys: string[];
  avoid: string[];
}

function readGlossary(): Term[] {
  const section = glossaryText.slice(glossaryText.indexOf("## Begriffe"));
  const rows = section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| ---") && !line.startsWith("| Begriff"));
  return rows.map((row) => {
    const cells = row.split("|").slice(1, -1).map((cell) => cell.trim());
    const [term = "", code = "", , keys = "", avoid = ""] = cells;
    const list = (cell: string) =>
      cell
        .split(/,\s+/)
        .map((item) => item.trim().replace(/^`|`$/g, ""))
        .filter((item) => item !== "");
    return { forms: term.split(";").map((form) => form.trim()), code: code.replace(/`/g, ""), keys: list(keys), avoid: list(avoid) };
  });
}

/** Every string of a locale resource by "namespace:path" (arrays by index). */
function flatten(namespace: string, value: unknown, path: string[] = [], out = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") out.set(`${namespace}:${path.join(".")}`, value);
  else if (Array.isArray(value)) value.forEach((item, i) => flatten(namespace, item, [...path, String(i)], out));
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) flatten(namespace, item, [...path, key], out);
  }
  return out;
}

const LOCALE_TEXTS = new Map([
  ...flatten("translation", de),
  ...flatten("dashboard", dashboardDe),
  ...flatten("advisory", advisoryDe),
  ...flatten("audit", auditDe),
  ...flatten("funding", fundingDe),
]);

/** The string literals of a source file (double-quoted and template literals), with their line numbers. */
function stringLiterals(path: string, source: string): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const match of source.matchAll(/"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
    const line = source.slice(0, match.index).split("\n").length;
    found.push({ where: `${path}:${line}`, text: match[0].slice(1, -1) });
  }
  return found;
}

function avoidPattern(entry: string): RegExp {
  if (entry.startsWith("/") && entry.endsWith("/")) return new RegExp(entry.slice(1, -1), "iu");
  const escaped = entry.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu");
}

const glossary = readGlossary();

describe("glossary (docs/glossary.md)", () => {
  it("is read: a row per thing, the five statuses among them", () => {
    expect(glossary.length).toBeGreaterThan(15);
    for (const status of STATUSES) expect(glossary.map((term) => term.code)).toContain(status);
  });

  it("no German text of the web uses a synonym the glossary rules out", () => {
    const offending: string[] = [];
    for (const term of glossary) {
      for (const entry of term.avoid) {
        const pattern = avoidPattern(entry);
        for (const [key, text] of LOCALE_TEXTS) {
          if (pattern.test(text)) offending.push(`${key}: "${text}" uses "${entry}" (say "${term.forms[0] ?? ""}")`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("no export header, export note or e-mail text of the API uses a synonym the glossary rules out", () => {
    const literals = Object.entries(API_TEXT_FILES).flatMap(([path, source]) => stringLiterals(path, source));
    expect(literals.length).toBeGreaterThan(50);
    const offending: string[] = [];
    for (const term of glossary) {
      for (const entry of term.avoid) {
        const pattern = avoidPattern(entry);
        for (const { where, text } of literals) {
          if (pattern.test(text)) offending.push(`${where}: "${text}" uses "${entry}" (say "${term.forms[0] ?? ""}")`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("every text the glossary names for a thing says the glossary's term", () => {
    const wrong: string[] = [];
    for (const term of glossary) {
      for (const key of term.keys) {
        const text = LOCALE_TEXTS.get(key);
        if (text === undefined) wrong.push(`${key}: no such text (glossary row "${term.forms[0] ?? ""}")`);
        else if (!term.forms.some((form) => text.toLocaleLowerCase("de").includes(form.toLocaleLowerCase("de")))) {
          wrong.push(`${key}: "${text}" does not say "${term.forms.join('" or "')}"`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("names the five statuses alike in the web, the exports and the e-mails", () => {
    const start = exportColumnsText.indexOf("STATUS_LABELS");
    const block = exportColumnsText.slice(start, exportColumnsText.indexOf("};", start));
    for (const status of STATUSES) {
      const label = glossary.find((term) => term.code === status)?.forms[0];
      expect(de.status[status]).toBe(label);
      expect(dashboardDe.status[status]).toBe(label);
      expect(block).toContain(`${status}: "${label ?? ""}"`);
    }
  });
});
