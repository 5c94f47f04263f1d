import { useTranslation } from "react-i18next";
import { ConsultationForm } from "../../features/consultations/components/consultation-form";
import { ConsultationLog } from "../../features/consultations/components/consultation-list";
import { ConsultationStatsSection } from "../../features/consultations/components/consultation-stats";
import { ConsultationsSubnav, RoleGate, STAFF_ROLES } from "../../components/workspace";
import { useDocumentTitle } from "../../lib/use-document-title";

/** /beratungen: record consultations, the log with filters, and the activity statistics. */
export function ConsultationsPage() {
  const { t } = useTranslation("advisory");
  useDocumentTitle(t("consultations.title"));
  return (
    <>
      <h1>{t("consultations.title")}</h1>
      <RoleGate roles={STAFF_ROLES}>
        {(user) => (
          <>
            <ConsultationsSubnav user={user} />
            <p className="lead">{t("consultations.intro")}</p>
            <ConsultationForm />
            <ConsultationLog user={user} />
            <ConsultationStatsSection />
          </>
        )}
      </RoleGate>
    </>
  );
}
