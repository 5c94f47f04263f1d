import type { UpdateRequest } from "@insek/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryState } from "../../../components/query-state";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useFormatLocale } from "../../../lib/i18n";
import { paths } from "../../../lib/paths";
import { usePendingReviews, useReviewUpdateRequest } from "../api";
import { ReviewComparison } from "./review-comparison";

/** The answers behind links that wait for a review (accept or reject). */
export function PendingReviews() {
  const { t } = useTranslation("advisory");
  const locale = useFormatLocale();
  const pending = usePendingReviews();
  const review = useReviewUpdateRequest();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const decide = (request: UpdateRequest, decision: "accept" | "reject") =>
    review.mutate(
      { id: request.id, decision },
      {
        onSuccess: () =>
          setNotice({ ok: true, text: t(decision === "accept" ? "requests.accepted" : "requests.rejected", { name: request.municipalityName }) }),
        onError: (error) => setNotice({ ok: false, text: t("common.failed", { message: error.message }) }),
      },
    );
  return (
    <section className="workspace-section" aria-labelledby="pruefung">
      <h2 id="pruefung">{t("requests.pendingHeading")}</h2>
      <div aria-live="polite">
        {notice ? (
          <p className={`notice ${notice.ok ? "notice--success" : "notice--error"}`} role={notice.ok ? "status" : "alert"}>
            {notice.text}
          </p>
        ) : null}
      </div>
      <QueryState query={pending}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("requests.pendingEmpty")}</p>
      ) : (
        <ul className="consultation-list">
          {loaded.items.map((request) => (
            <li key={request.id} className="consultation">
              <h3 className="consultation__title">
                <Link to={paths.municipality(request.ags)}>{request.municipalityName}</Link>
              </h3>
              <p className="consultation__meta">
                {t("requests.pendingItem", { name: request.municipalityName, date: request.answeredAt ? formatTimestamp(request.answeredAt, locale) : "–" })}
                {" · "}
                {request.response ? t(`requests.response.${request.response}`) : null}
              </p>
              <ReviewComparison request={request} />
              <div className="consultation__actions">
                <button
                  type="button"
                  className="button"
                  disabled={review.isPending}
                  aria-label={t("requests.acceptLabel", { name: request.municipalityName })}
                  onClick={() => decide(request, "accept")}
                >
                  {t("requests.accept")}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={review.isPending}
                  aria-label={t("requests.rejectLabel", { name: request.municipalityName })}
                  onClick={() => decide(request, "reject")}
                >
                  {t("requests.reject")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}</QueryState>
    </section>
  );
}
