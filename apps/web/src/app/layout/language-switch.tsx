import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, type Language, currentLanguage } from "../../lib/i18n";

/** Switches between German and English; the choice is stored and sets <html lang>. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const target: Language = currentLanguage(i18n.language) === "de" ? "en" : "de";
  return (
    <button
      type="button"
      className="language-switch"
      lang={target}
      onClick={() => void i18n.changeLanguage(target)}
    >
      {LANGUAGE_NAMES[target]}
    </button>
  );
}
