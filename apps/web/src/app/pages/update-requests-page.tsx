import { useTranslation } from "react-i18next";
import { UpdateRequestsView } from "../../features/update-requests/components/update-requests-view";
import { ConsultationsSubnav, RoleGate, STAFF_ROLES } from "../../components/workspace";
import { useDocumentTitle } from "../../lib/use-document-title";

/** /beratungen/anfragen: update requests, campaigns, reviews and the outbox (SMR and FS INGE). */
export function UpdateRequestsPage() {
  const { t } = useTranslation("advisory");
  useDocumentTitle(t("requests.title"));
  return (
    <>
      <h1>{t("requests.title")}</h1>
      <RoleGate roles={STAFF_ROLES}>
        {(user) => (
          <>
            <ConsultationsSubnav user={user} />
            <p className="lead">{t("requests.intro")}</p>
            <UpdateRequestsView />
          </>
        )}
      </RoleGate>
    </>
  );
}
