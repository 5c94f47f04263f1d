import type { TFunction } from "i18next";
import { conceptsDe } from "../../lib/locales/concepts.de";

type ConceptErrorCode = keyof typeof conceptsDe.error;
const KNOWN = new Set<string>(Object.keys(conceptsDe.error));

/** The form's wording of a server error code it knows (concepts:error.*), else the server's message. */
export function errorText(t: TFunction<"concepts">, code: string | null | undefined, fallback: string): string {
  return code && KNOWN.has(code) ? t(`error.${code as ConceptErrorCode}`) : fallback;
}
