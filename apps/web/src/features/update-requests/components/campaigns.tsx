import type { Campaign } from "@insek/contracts";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryState } from "../../../components/query-state";
import { useDistricts } from "../../../lib/api/get-districts";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useFormatLocale } from "../../../lib/i18n";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { useCampaignRequests, useCampaigns } from "../api";

/** The messages of a campaign by what happened to them, in words: only states that occurred. */
function DeliveryCell({ counts }: { counts: Campaign["counts"] }) {
  const { t } = useTranslation("workflows");
  const format = useFormatters();
  const parts = (["held", "queued", "sent", "failed"] as const).filter((key) => counts[key] > 0);
  return (
    <ul className="plain-list delivery-counts">
      {parts.map((key) => (
        <li key={key} data-count={key}>
          {format.integer(counts[key])} {t(`counts.${key}`)}
        </li>
      ))}
      {counts.noRecipient > 0 ? (
        <li data-count="noRecipient">
          <strong>
            {format.integer(counts.noRecipient)} {t("counts.noRecipient")}
          </strong>
        </li>
      ) : null}
    </ul>
  );
}

function CampaignRequests({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  const locale = useFormatLocale();
  const requests = useCampaignRequests(campaign.id);
  return (
    <QueryState query={requests}>{(loaded) => (
    <div className="table-scroll" role="region" aria-label={t("requests.detailsCaption", { date: formatTimestamp(campaign.createdAt, locale) })} tabIndex={0}>
      <table className="data-table">
        <caption>{t("requests.detailsCaption", { date: formatTimestamp(campaign.createdAt, locale) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("requests.column.municipality")}</th>
            <th scope="col">{t("requests.column.state")}</th>
            <th scope="col">{tw("preview.column.recipients")}</th>
            <th scope="col">{t("requests.column.mail")}</th>
            <th scope="col">{t("requests.column.response")}</th>
            <th scope="col">{t("requests.column.review")}</th>
            <th scope="col">{t("requests.column.expires")}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.items.map((request) => (
            <tr key={request.id}>
              <th scope="row">
                <Link to={paths.municipality(request.ags)}>{request.municipalityName}</Link>
              </th>
              <td>{t(`requests.state.${request.state}`)}</td>
              <td className="break-anywhere">{request.recipients.length > 0 ? request.recipients.join(", ") : <strong>{tw("preview.noAddress")}</strong>}</td>
              <td>{request.mailState ? t(`requests.mailState.${request.mailState}`) : t("common.none")}</td>
              <td>{request.response ? t(`requests.response.${request.response}`) : t("common.none")}</td>
              <td>{request.review ? t(`requests.review.${request.review}`) : t("common.none")}</td>
              <td className="nowrap">{formatTimestamp(request.expiresAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    )}</QueryState>
  );
}

/** The campaigns sent so far with their counts; one at a time opens to its requests. */
export function Campaigns() {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  const locale = useFormatLocale();
  const format = useFormatters();
  const id = useId();
  const campaigns = useCampaigns();
  const districts = useDistricts();
  const [open, setOpen] = useState<number | null>(null);
  const districtName = (key: string) => districts.data?.items.find((item) => item.key === key)?.name ?? key;
  const scope = (campaign: Campaign) =>
    "ags" in campaign.scope
      ? t("requests.scopeAgs", { count: campaign.scope.ags.length })
      : "district" in campaign.scope
        ? t("requests.scopeDistrict", { district: districtName(campaign.scope.district) })
        : "fundingAtRisk" in campaign.scope
          ? t("requests.scopeFundingAtRisk")
          : t("requests.scopeStale");
  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("requests.campaignsHeading")}</h2>
      <p className="hint">{tw("counts.heldHint")}</p>
      <QueryState query={campaigns}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("requests.campaignsEmpty")}</p>
      ) : (
        <>
          <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="data-table campaign-table">
              <caption id={`${id}-caption`}>{t("requests.campaignCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("requests.column.created")}</th>
                  <th scope="col">{t("requests.column.scope")}</th>
                  <th scope="col" className="num">{t("requests.column.requests")}</th>
                  <th scope="col">{t("requests.column.mail")}</th>
                  <th scope="col" className="num">{t("requests.column.opened")}</th>
                  <th scope="col" className="num">{t("requests.column.answered")}</th>
                  <th scope="col" className="num">{t("requests.column.expired")}</th>
                  <th scope="col" className="num">{t("requests.column.pending")}</th>
                  <th scope="col">{t("requests.column.details")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.items.map((campaign) => (
                  <tr key={campaign.id}>
                    <th scope="row" className="nowrap">
                      {formatTimestamp(campaign.createdAt, locale)}
                      <span className="cell-secondary"> {campaign.createdBy.displayName}</span>
                    </th>
                    <td>{scope(campaign)}</td>
                    <td className="num">{format.integer(campaign.counts.requests)}</td>
                    <td>
                      <DeliveryCell counts={campaign.counts} />
                    </td>
                    <td className="num">{format.integer(campaign.counts.opened)}</td>
                    <td className="num">{format.integer(campaign.counts.answered)}</td>
                    <td className="num">{format.integer(campaign.counts.expired)}</td>
                    <td className="num">{format.integer(campaign.counts.pendingReview)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-expanded={open === campaign.id}
                        onClick={() => setOpen(open === campaign.id ? null : campaign.id)}
                      >
                        {open === campaign.id ? t("requests.hideDetails") : t("requests.showDetails")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open !== null
            ? loaded.items
                .filter((campaign) => campaign.id === open)
                .map((campaign) => <CampaignRequests key={campaign.id} campaign={campaign} />)
            : null}
        </>
      )}</QueryState>
    </section>
  );
}
