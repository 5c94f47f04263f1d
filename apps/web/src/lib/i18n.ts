import i18next from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { advisoryDe } from "./locales/advisory.de";
import { advisoryEn } from "./locales/advisory.en";
import { auditDe } from "./locales/audit.de";
import { auditEn } from "./locales/audit.en";
import { conceptsDe } from "./locales/concepts.de";
import { conceptsEn } from "./locales/concepts.en";
import { dashboardDe } from "./locales/dashboard.de";
import { dashboardEn } from "./locales/dashboard.en";
import { de } from "./locales/de";
import { en } from "./locales/en";
import { formsDe } from "./locales/forms.de";
import { formsEn } from "./locales/forms.en";
import { fundingDe } from "./locales/funding.de";
import { fundingEn } from "./locales/funding.en";
import { practicesDe } from "./locales/practices.de";
import { practicesEn } from "./locales/practices.en";
import { workflowsDe } from "./locales/workflows.de";
import { workflowsEn } from "./locales/workflows.en";

export const LANGUAGES = ["de", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "de";

/** Each language's own name, shown on the language switch in that language. */
export const LANGUAGE_NAMES: Record<Language, string> = { de: "Deutsch", en: "English" };

/** Number and date formatting locale per UI language. */
const FORMAT_LOCALES: Record<Language, string> = { de: "de-DE", en: "en-GB" };

const STORAGE_KEY = "insek-monitor.language";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof de; dashboard: typeof dashboardDe; advisory: typeof advisoryDe; forms: typeof formsDe; workflows: typeof workflowsDe; audit: typeof auditDe; concepts: typeof conceptsDe; funding: typeof fundingDe; practices: typeof practicesDe };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be unavailable (privacy settings); the default language still works.
    return DEFAULT_LANGUAGE;
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisting the choice is acceptable.
  }
}

/** Initialises i18next synchronously (resources are bundled) before the first render. */
export function initI18n(): void {
  const language = readStoredLanguage();
  void i18next.use(initReactI18next).init({
    resources: {
      de: { translation: de, dashboard: dashboardDe, advisory: advisoryDe, forms: formsDe, workflows: workflowsDe, audit: auditDe, concepts: conceptsDe, funding: fundingDe, practices: practicesDe },
      en: { translation: en, dashboard: dashboardEn, advisory: advisoryEn, forms: formsEn, workflows: workflowsEn, audit: auditEn, concepts: conceptsEn, funding: fundingEn, practices: practicesEn },
    },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = language;
  i18next.on("languageChanged", applyLanguage);
}

export function currentLanguage(language: string): Language {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** The Intl locale matching the current UI language. */
export function useFormatLocale(): string {
  const { i18n } = useTranslation();
  return FORMAT_LOCALES[currentLanguage(i18n.language)];
}
