import type { StatusEvent } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../../components/query-state";
import { useFormatLocale } from "../../../lib/i18n";
import { useFormatters } from "../../../lib/use-formatters";
import { useMunicipalityEvents } from "../api/get-events";
import { formatTimestamp } from "../../../lib/format-timestamp";
import "../municipality-record.css";

function EventItem({ event }: { event: StatusEvent }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useFormatLocale();
  return (
    <li className={`timeline__item${event.supersededBy !== null ? " timeline__item--corrected" : ""}`}>
      <p className="timeline__title">
        <strong>
          {event.type === "confirmation"
            ? t("record.eventConfirmation")
            : t("record.eventStatus", { status: event.status ? t(`status.${event.status}`) : "–" })}
        </strong>
        {event.predecessor ? <span className="badge">{t("record.predecessor", { name: event.predecessor.name })}</span> : null}
        {event.supersedes !== null ? <span className="badge">{t("record.correction")}</span> : null}
        {event.supersededBy !== null ? <span className="badge badge--expired">{t("record.corrected")}</span> : null}
      </p>
      <p className="timeline__meta">
        {t("record.effective", { date: format.date(event.effectiveDate) })}
        {" · "}
        {t("record.recordedAt", { date: formatTimestamp(event.recordedAt, locale) })}
        {" · "}
        {t("record.source")}: {t(`source.${event.source}`)}
        {event.recordedBy ? ` · ${t("record.recordedBy", { name: event.recordedBy })}` : null}
      </p>
      {event.councilResolutionDate ? (
        <p className="timeline__meta">
          {t("record.councilResolution")}: {format.date(event.councilResolutionDate)}
        </p>
      ) : null}
      {event.note ? (
        <p className="timeline__note">
          {event.noteInternal ? <span className="badge">{t("record.internalNote")}</span> : null} {event.note}
        </p>
      ) : null}
    </li>
  );
}

export function EventTimeline({ ags }: { ags: string }) {
  const { t } = useTranslation();
  const events = useMunicipalityEvents(ags);
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t("record.timelineHeading")}</h2>
      <QueryState query={events}>{(loaded) => loaded.length === 0 ? (
        <p>{t("record.timelineEmpty")}</p>
      ) : (
        <ol className="timeline" reversed>
          {[...loaded].reverse().map((event) => (
            <EventItem key={event.id} event={event} />
          ))}
        </ol>
      )}</QueryState>
    </section>
  );
}
