import { agsSchema } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { LoadingState, QueryState } from "../../components/query-state";
import { useMunicipality } from "../../features/municipalities/api/get-municipality";
import { usePractice } from "../../features/practices/api";
import { PracticeForm } from "../../features/practices/components/practice-form";
import { allowedActions, isEditor, mayPropose, practiceIdOf } from "../../features/practices/practice-access";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

function SignInFirst() {
  const { t } = useTranslation("practices");
  return (
    <p className="notice">
      {t("common.signInToPropose")} <Link to={paths.login}>{t("common.signIn")}</Link>
    </p>
  );
}

function Breadcrumb({ current, practice }: { current: string; practice?: { id: number; title: string } | undefined }) {
  const { t } = useTranslation("practices");
  return (
    <nav className="breadcrumb" aria-label={t("detail.breadcrumbLabel")}>
      <ol>
        <li>
          <Link to={paths.practices}>{t("list.title")}</Link>
        </li>
        {practice ? (
          <li>
            <Link to={paths.practice(practice.id)}>{practice.title}</Link>
          </li>
        ) : null}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

/** /praxisbeispiele/neu (?ags= pre-fills the municipality; a municipality account's own one by default). */
export function PracticeCreatePage() {
  const { t } = useTranslation("practices");
  useDocumentTitle(t("form.createTitle"));
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const session = useSession();
  const user = session.data?.user;
  const agsParam = search.get("ags") ?? undefined;
  const own = user?.role === "municipality" && user.ags.length === 1 ? user.ags[0] : undefined;
  const ags = agsParam && agsSchema.safeParse(agsParam).success ? agsParam : own;
  const municipality = useMunicipality(ags);
  const waiting = session.isPending || (ags !== undefined && municipality.isPending);
  return (
    <>
      <Breadcrumb current={t("form.createTitle")} />
      <h1>{t("form.createTitle")}</h1>
      {waiting ? (
        <LoadingState />
      ) : !mayPropose(user) ? (
        user ? <p className="notice">{t("common.forbidden")}</p> : <SignInFirst />
      ) : (
        <PracticeForm
          editor={isEditor(user)}
          prefill={municipality.data ? { municipalities: [{ ags: municipality.data.ags, name: municipality.data.displayName }] } : {}}
          onSaved={(saved) => void navigate(paths.practice(saved.id), { state: { savedVersion: saved.version } })}
        />
      )}
    </>
  );
}

/** /praxisbeispiele/:id/bearbeiten: the entry's form (its open revision's content, if any) on the version loaded. */
export function PracticeEditPage() {
  const { t } = useTranslation("practices");
  useDocumentTitle(t("form.editTitle"));
  const navigate = useNavigate();
  const raw = useParams().id;
  const id = practiceIdOf(raw);
  const practice = usePractice(id);
  const session = useSession();
  const user = session.data?.user;
  if (id === null) {
    return (
      <>
        <h1>{t("detail.notFoundTitle")}</h1>
        <p>{t("detail.notFoundText", { id: raw ?? "" })}</p>
      </>
    );
  }
  return (
    <>
      <Breadcrumb current={t("form.editTitle")} practice={practice.data} />
      <h1>{t("form.editTitle")}</h1>
      <QueryState query={practice}>
        {(loaded) =>
          session.isPending ? (
            <LoadingState />
          ) : !allowedActions(user, loaded).includes("edit") ? (
            user ? <p className="notice">{t("common.forbidden")}</p> : <SignInFirst />
          ) : (
            <PracticeForm
              key={`${loaded.id}-${loaded.version}`}
              editing={loaded}
              editor={isEditor(user)}
              onSaved={(saved) => void navigate(paths.practice(saved.id), { state: { savedVersion: saved.version } })}
            />
          )
        }
      </QueryState>
    </>
  );
}
