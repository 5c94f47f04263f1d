import type { AssociationRef } from "@insek/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryState } from "../../../components/query-state";
import { paths } from "../../../lib/paths";
import { useAssociation } from "../api/get-association";

/** A membership valid on `day` (valid_to is the first day without). */
function validOn(m: { validFrom: string | null; validTo: string | null }, day: string): boolean {
  return (m.validFrom === null || m.validFrom <= day) && (m.validTo === null || m.validTo > day);
}

/**
 * The Verwaltungsgemeinschaft or -verband of a municipality with its members on `day` (today, or a
 * dissolved municipality's last day), the erfüllende Gemeinde marked.
 */
export function AssociationFacts({
  association,
  ags,
  day,
  actions,
}: {
  association: AssociationRef | null;
  ags: string;
  day: string;
  /** Links the page adds for this association (e.g. "create a joint concept"), given its key. */
  actions?: (key: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const detail = useAssociation(association?.key);
  const headingId = "association-heading";

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("association.heading")}</h2>
      {association === null ? (
        <p>{t("association.none")}</p>
      ) : (
        <>
          <p>
            {t(`association.type.${association.type}`)} <strong>{association.name}</strong>{" "}
            <span className="secondary">({association.key})</span>
          </p>
          <QueryState query={detail}>
            {(data) => (
              <>
                <h3>{t("association.members")}</h3>
                <ul className="plain-list association-members">
                  {data.members
                    .filter((m) => validOn(m, day))
                    .map((m) => (
                      <li key={`${m.ags}-${m.validFrom ?? ""}`}>
                        {m.ags === ags ? (
                          <span aria-current="page">{m.displayName}</span>
                        ) : (
                          <Link to={paths.municipality(m.ags)}>{m.displayName}</Link>
                        )}
                        {m.ags === data.fulfillingAgs ? (
                          <span className="secondary"> ({t("association.fulfilling")})</span>
                        ) : null}
                      </li>
                    ))}
                </ul>
                <p>
                  <Link to={paths.municipalitiesOfAssociation(association.key)}>{t("association.showInList")}</Link>
                </p>
                {actions ? actions(association.key) : null}
              </>
            )}
          </QueryState>
        </>
      )}
    </section>
  );
}
