import { useId } from "react";
import { useTranslation } from "react-i18next";

/** A "?" button whose tooltip (the definition) shows on hover and on keyboard focus. */
export function Definition({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation("dashboard");
  const id = useId();
  return (
    <span className="definition">
      <button type="button" className="definition__trigger" aria-label={t("figures.definition", { label })} aria-describedby={id}>
        ?
      </button>
      <span role="tooltip" id={id} className="definition__tooltip">
        {text}
      </span>
    </span>
  );
}
