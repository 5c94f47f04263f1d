import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAssociations } from "../../features/associations/api/get-associations";
import { ConceptList } from "../../features/concepts/components/concept-list";
import { mayCreateConcepts } from "../../features/concepts/concept-access";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

export function ConceptListPage() {
  const { t } = useTranslation("concepts");
  useDocumentTitle(t("list.title"));
  const user = useSession().data?.user;
  const associations = useAssociations();
  return (
    <div className="concept-list-page">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      {mayCreateConcepts(user) ? (
        <p>
          <Link className="button" to={paths.conceptNew()}>
            {t("list.create")}
          </Link>
        </p>
      ) : null}
      <ConceptList associations={associations.data?.items ?? []} />
    </div>
  );
}
