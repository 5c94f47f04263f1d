import { useTranslation } from "react-i18next";
import { ContactsView } from "../../features/municipality-contacts/components/contacts-view";
import { ConsultationsSubnav, RoleGate, STAFF_ROLES } from "../../components/workspace";
import { useDocumentTitle } from "../../lib/use-document-title";

/** /beratungen/kontakte: the contact addresses update requests go to (SMR and FS INGE). */
export function MunicipalityContactsPage() {
  const { t } = useTranslation("workflows");
  useDocumentTitle(t("contacts.title"));
  return (
    <>
      <h1>{t("contacts.title")}</h1>
      <RoleGate roles={STAFF_ROLES}>
        {(user) => (
          <>
            <ConsultationsSubnav user={user} />
            <p className="lead">{t("contacts.intro")}</p>
            <ContactsView />
          </>
        )}
      </RoleGate>
    </>
  );
}
