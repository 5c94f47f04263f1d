import { PRACTICE_CRITERIA, type PracticeCriteria, type PracticeRevisionState, type PracticeState } from "@insek/contracts";
import { useTranslation } from "react-i18next";

/** The jury's criteria as words (never as colour or icon alone): "Bewertung: innovativ, kooperativ". */
export function CriteriaBadges({ criteria }: { criteria: PracticeCriteria }) {
  const { t } = useTranslation("practices");
  const set = PRACTICE_CRITERIA.filter((criterion) => criteria[criterion]);
  if (set.length === 0) return null;
  return (
    <p className="practice-criteria">
      <span className="visually-hidden">{t("common.criteriaLabel")}: </span>
      {set.map((criterion) => (
        <span key={criterion} className="badge practice-criteria__badge" data-criterion={criterion}>
          {t(`criterion.${criterion}`)}
        </span>
      ))}
    </p>
  );
}

/** The workflow state in words with a text marker; a published entry's open revision is named too. */
export function PracticeStateBadge({ state, revisionState }: { state: PracticeState; revisionState: PracticeRevisionState | null }) {
  const { t } = useTranslation("practices");
  return (
    <span className={`badge practice-state practice-state--${state}`} data-state={state}>
      {t(`state.${state}`)}
      {state === "published" && revisionState ? ` · ${t(`revisionState.${revisionState}`)}` : null}
    </span>
  );
}
