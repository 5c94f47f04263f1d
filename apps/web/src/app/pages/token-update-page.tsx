import { tokenParamsSchema } from "@insek/contracts";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorState, LoadingState } from "../../components/query-state";
import { useMarkTokenOpened, useTokenForm } from "../../features/update-requests/api";
import { type TokenOutcome, TokenUpdateForm } from "../../features/update-requests/components/token-update-form";
import "../../styles/workspace.css";
import { ApiError } from "../../lib/api-client";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

function Gone() {
  const { t } = useTranslation("advisory");
  return (
    <div className="notice notice--info" role="status">
      <h2>{t("token.goneTitle")}</h2>
      <p>{t("token.goneText")}</p>
      <p>{t("token.goneHint")}</p>
      <p>
        <Link to={paths.overview}>{t("token.toOverview")}</Link>
      </p>
    </div>
  );
}

function Invalid() {
  const { t } = useTranslation("advisory");
  return (
    <div className="notice notice--info" role="status">
      <h2>{t("token.invalidTitle")}</h2>
      <p>{t("token.invalidText")}</p>
      <p>
        <Link to={paths.overview}>{t("token.toOverview")}</Link>
      </p>
    </div>
  );
}

/** The person's first click or key press on the page (never the page load: mail scanners load links too). */
const FIRST_ACTIONS = ["pointerdown", "keydown"] as const;

function TokenForm({ token }: { token: string }) {
  const { t } = useTranslation("advisory");
  const form = useTokenForm(token);
  const { mutate: markOpened } = useMarkTokenOpened(token);
  const [outcome, setOutcome] = useState<TokenOutcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const loaded = form.isSuccess;
  useEffect(() => {
    if (!loaded) return;
    const stop = () => {
      for (const type of FIRST_ACTIONS) window.removeEventListener(type, onAction, true);
    };
    function onAction() {
      stop();
      // A failure here costs only the count; the form works regardless.
      markOpened(undefined, { onError: () => undefined });
    }
    for (const type of FIRST_ACTIONS) window.addEventListener(type, onAction, true);
    return stop;
  }, [loaded, markOpened]);

  if (form.isPending) return <LoadingState />;
  if (form.isError) {
    const error = form.error;
    if (error instanceof ApiError && error.statusCode === 410) return <Gone />;
    if (error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 400)) return <Invalid />;
    return <ErrorState error={error} onRetry={() => void form.refetch()} />;
  }
  if (outcome) {
    return (
      <div ref={outcomeRef} tabIndex={-1}>
        {outcome === "gone" ? (
          <Gone />
        ) : (
          <div className="notice notice--success" role="status">
            <h2>{outcome === "recorded" ? t("token.recordedTitle") : t("token.pendingTitle")}</h2>
            <p>{outcome === "recorded" ? t("token.recordedText", { name: form.data.municipality.name }) : t("token.pendingText")}</p>
          </div>
        )}
      </div>
    );
  }
  return <TokenUpdateForm token={token} form={form.data} onOutcome={setOutcome} />;
}

/** /aktualisieren/:token: a municipality answers an update request without an account. */
export function TokenUpdatePage() {
  const { t } = useTranslation("advisory");
  useDocumentTitle(t("token.title"));
  const token = useParams().token ?? "";
  const valid = tokenParamsSchema.safeParse({ token }).success;
  return (
    <div className="token-page">
      <h1>{t("token.title")}</h1>
      {valid ? <TokenForm token={token} /> : <Invalid />}
    </div>
  );
}
