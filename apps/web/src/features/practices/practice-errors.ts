import type { TFunction } from "i18next";
import { practicesDe } from "../../lib/locales/practices.de";

type PracticeErrorCode = keyof typeof practicesDe.error;
const KNOWN = new Set<string>(Object.keys(practicesDe.error));

/** The page's wording of a server error code it knows (practices:error.*), else the fallback. */
export function errorText(t: TFunction<"practices">, code: string | null | undefined, fallback: string): string {
  return code && KNOWN.has(code) ? t(`error.${code as PracticeErrorCode}`) : fallback;
}
