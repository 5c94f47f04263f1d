import { writeFileSync } from "node:fs";
import path from "node:path";
import { deriveSaxonyReferenceData } from "../src/saxony/derive-reference-data.js";
import { loadSaxonySources, packageDir } from "./source-files.js";

/** Pretty JSON with one record per line: small diffs when a directory changes, still compact. */
export function formatRecordsJson(value: Record<string, unknown>): string {
  const entries = Object.entries(value).map(([key, v]) => {
    const body = Array.isArray(v)
      ? `[\n${v.map((item) => `    ${JSON.stringify(item)}`).join(",\n")}\n  ]`
      : JSON.stringify(v);
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${entries.join(",\n")}\n}\n`;
}

const data = deriveSaxonyReferenceData(loadSaxonySources());
const target = path.join(packageDir, "data/saxony.json");
writeFileSync(target, formatRecordsJson({ ...data }));
console.log(
  `wrote ${path.relative(process.cwd(), target)}: ${data.districts.length} districts, ${data.municipalities.length} municipalities`,
);
