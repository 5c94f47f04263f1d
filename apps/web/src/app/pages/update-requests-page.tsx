import { agsSchema } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useMunicipality } from "../../features/municipalities/api/get-municipality";
import { UpdateRequestsView } from "../../features/update-requests/components/update-requests-view";
import { ConsultationsSubnav, RoleGate, STAFF_ROLES } from "../../components/workspace";
import { useDocumentTitle } from "../../lib/use-document-title";

/** /beratungen/anfragen: update requests, campaigns, reviews and the outbox (SMR and FS INGE). */
export function UpdateRequestsPage() {
  const { t } = useTranslation("advisory");
  useDocumentTitle(t("requests.title"));
  // ?gemeinde=AGS picks that municipality in the send form (the link beside a measure at risk).
  const [search] = useSearchParams();
  const raw = search.get("gemeinde") ?? "";
  const municipality = useMunicipality(agsSchema.safeParse(raw).success ? raw : undefined);
  const prefill = municipality.data ? [{ ags: municipality.data.ags, name: municipality.data.displayName }] : undefined;
  return (
    <>
      <h1>{t("requests.title")}</h1>
      <RoleGate roles={STAFF_ROLES}>
        {(user) => (
          <>
            <ConsultationsSubnav user={user} />
            <p className="lead">{t("requests.intro")}</p>
            <UpdateRequestsView prefill={prefill} />
          </>
        )}
      </RoleGate>
    </>
  );
}
