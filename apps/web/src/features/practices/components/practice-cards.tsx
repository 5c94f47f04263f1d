import type { PracticeListItem } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";
import { imageSrc } from "../api";
import { CriteriaBadges, PracticeStateBadge } from "./practice-badges";

/** Entries as a list of cards: title (the link), places, topics, phase, criteria, adopters; the state where not published. */
export function PracticeCards({ items, headingLevel = 3, showState = false }: { items: readonly PracticeListItem[]; headingLevel?: 2 | 3; showState?: boolean }) {
  const { t } = useTranslation("practices");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="plain-list practice-cards">
      {items.map((item) => (
        <li key={item.id} className="practice-card" data-practice={item.id}>
          {item.imageId !== null ? <img className="practice-card__image" src={imageSrc(item.imageId, "small")} alt="" loading="lazy" /> : null}
          <div className="practice-card__body">
            <Heading className="practice-card__title">
              <Link to={paths.practice(item.id)}>{item.title}</Link>
            </Heading>
            {showState || item.state !== "published" ? (
              <p>
                <PracticeStateBadge state={item.state} revisionState={item.revisionState} />
              </p>
            ) : null}
            <p className="secondary">
              {item.municipalities.map((municipality) => municipality.name).join(", ")} · {t(`phase.${item.phase}`)} ·{" "}
              {t("common.adopters", { count: item.adopterCount })}
            </p>
            <p>{item.summary}</p>
            <p className="practice-card__topics">
              {item.topics.map((topic) => (
                <span key={topic} className="badge badge--topic">
                  {t(`topic.${topic}`)}
                </span>
              ))}
            </p>
            <CriteriaBadges criteria={item.criteria} />
          </div>
        </li>
      ))}
    </ul>
  );
}
