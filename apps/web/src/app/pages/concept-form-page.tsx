import { agsSchema } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { LoadingState, QueryState } from "../../components/query-state";
import { useAssociations } from "../../features/associations/api/get-associations";
import { useConcept } from "../../features/concepts/api";
import { conceptIdOf, mayCreateConcepts, mayEditConcept } from "../../features/concepts/concept-access";
import type { ConceptFormValues } from "../../features/concepts/concept-form-model";
import { ConceptForm } from "../../features/concepts/components/concept-form";
import { useMunicipality } from "../../features/municipalities/api/get-municipality";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

function SignInFirst() {
  const { t } = useTranslation("concepts");
  const { t: ta } = useTranslation("advisory");
  return (
    <p className="notice">
      {t("common.signInToEdit")} <Link to={paths.login}>{ta("common.signIn")}</Link>
    </p>
  );
}

function Breadcrumb({ current, concept }: { current: string; concept?: { id: number; title: string } }) {
  const { t } = useTranslation("concepts");
  return (
    <nav className="breadcrumb" aria-label={t("detail.breadcrumbLabel")}>
      <ol>
        <li>
          <Link to={paths.concepts}>{t("list.title")}</Link>
        </li>
        {concept ? (
          <li>
            <Link to={paths.concept(concept.id)}>{concept.title}</Link>
          </li>
        ) : null}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

/**
 * /konzepte/neu: what the link pre-fills, read here because it is other features' data: `association` (a
 * Verwaltungsgemeinschaft's members today, its erfüllende Gemeinde as lead), `ags` (one municipality), `parent`
 * (the town-wide concept an area concept is derived from).
 */
export function ConceptCreatePage() {
  const { t } = useTranslation("concepts");
  useDocumentTitle(t("form.createTitle"));
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const session = useSession();
  const user = session.data?.user;
  const associationKey = search.get("association") ?? undefined;
  const agsParam = search.get("ags") ?? undefined;
  const ags = agsParam && agsSchema.safeParse(agsParam).success ? agsParam : undefined;
  const parentId = conceptIdOf(search.get("parent") ?? undefined);
  const associations = useAssociations();
  const municipality = useMunicipality(ags);
  const parent = useConcept(parentId);

  const waiting =
    session.isPending ||
    (associationKey !== undefined && associations.isPending) ||
    (ags !== undefined && municipality.isPending) ||
    (parentId !== null && parent.isPending);

  const prefill = (): Partial<ConceptFormValues> => {
    const association = associationKey ? associations.data?.items.find((item) => item.key === associationKey) : undefined;
    if (association) {
      const members = association.members.map((member) => ({ ags: member.ags, name: member.displayName }));
      const lead = association.fulfillingAgs && members.some((member) => member.ags === association.fulfillingAgs) ? association.fulfillingAgs : "";
      return { scope: "joint", members, leadAgs: lead };
    }
    const one = municipality.data ? [{ ags: municipality.data.ags, name: municipality.data.displayName }] : [];
    if (parent.data) return { scope: "area", parentId: String(parent.data.id), members: one };
    return one.length > 0 ? { members: one } : {};
  };

  return (
    <>
      <Breadcrumb current={t("form.createTitle")} />
      <h1>{t("form.createTitle")}</h1>
      {waiting ? (
        <LoadingState />
      ) : !mayCreateConcepts(user) ? (
        <SignInFirst />
      ) : (
        <ConceptForm
          prefill={prefill()}
          onSaved={(saved) => void navigate(paths.concept(saved.id), { state: { savedVersion: saved.version } })}
        />
      )}
    </>
  );
}

/** /konzepte/:id/bearbeiten: the concept's form on the version loaded (PATCH with If-Match). */
export function ConceptEditPage() {
  const { t } = useTranslation("concepts");
  useDocumentTitle(t("form.editTitle"));
  const navigate = useNavigate();
  const raw = useParams().id;
  const concept = useConcept(conceptIdOf(raw));
  const session = useSession();
  const user = session.data?.user;
  if (conceptIdOf(raw) === null) {
    return (
      <>
        <h1>{t("detail.notFoundTitle")}</h1>
        <p>{t("detail.notFoundText", { id: raw ?? "" })}</p>
      </>
    );
  }
  return (
    <>
      <Breadcrumb current={t("form.editTitle")} concept={concept.data} />
      <h1>{t("form.editTitle")}</h1>
      <QueryState query={concept}>
        {(loaded) =>
          session.isPending ? (
            <LoadingState />
          ) : !mayEditConcept(user, loaded.members) ? (
            user ? <p className="notice">{t("common.forbidden")}</p> : <SignInFirst />
          ) : (
            <ConceptForm
              key={loaded.id}
              editing={loaded}
              onSaved={(saved) => void navigate(paths.concept(saved.id), { state: { savedVersion: saved.version } })}
            />
          )
        }
      </QueryState>
    </>
  );
}
