import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadingState } from "../../components/query-state";
import { useSession } from "../../lib/api/get-session";
import { useMunicipality } from "../../features/municipalities/api/get-municipality";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

function MunicipalityLink({ ags }: { ags: string }) {
  const municipality = useMunicipality(ags);
  return <Link to={paths.municipality(ags)}>{municipality.data?.displayName ?? ags}</Link>;
}

/** "Meine Gemeinden": the municipalities a municipality account speaks for (when it is more than one). */
export function MyMunicipalitiesPage() {
  const { t } = useTranslation();
  const session = useSession();
  useDocumentTitle(t("auth.myMunicipalitiesTitle"));
  const ags = session.data?.user.ags ?? [];
  return (
    <>
      <h1>{t("auth.myMunicipalitiesTitle")}</h1>
      {session.isPending ? (
        <LoadingState />
      ) : !session.data ? (
        <p>
          <Link to={paths.login}>{t("auth.login")}</Link>
        </p>
      ) : ags.length === 0 ? (
        <p>{t("common.notAvailable")}</p>
      ) : (
        <ul>
          {ags.map((key) => (
            <li key={key}>
              <MunicipalityLink ags={key} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
