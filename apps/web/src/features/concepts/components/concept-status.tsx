import type { ConceptStatus } from "@insek/contracts";
import { useTranslation } from "react-i18next";

/** "n von m beschlossen": in words, so the share never rests on a colour or a bar. */
export function AdoptionSummary({ adopted, total, plain = false }: { adopted: number; total: number; plain?: boolean }) {
  const { t } = useTranslation("concepts");
  const text = t("common.adoptedOf", { adopted, total });
  if (plain) return <>{text}</>;
  return <span className={adopted === total && total > 0 ? "badge badge--adopted" : "badge badge--pending"}>{text}</span>;
}

/** The concept's state, with "Fortschreibung empfohlen" beside it when the API flags it (a soft note). */
export function ConceptStatusText({
  concept,
}: {
  concept: { status: ConceptStatus; updateRecommended: boolean };
}) {
  const { t } = useTranslation("concepts");
  return (
    <span className="concept-adoption">
      <span>{t(`status.${concept.status}`)}</span>
      {concept.updateRecommended ? (
        <span className="badge badge--update">
          {t("common.updateRecommended")}
        </span>
      ) : null}
    </span>
  );
}
