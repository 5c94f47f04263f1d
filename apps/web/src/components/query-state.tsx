import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../lib/api-client";

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <p className="status-message" role="status">
      {t("common.loading")}
    </p>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{t("common.errorTitle")}</p>
      <p>{message}</p>
      {requestId ? <p className="secondary">{t("common.errorReference", { requestId })}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t("common.retry")}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Renders loading and error states of a query, and its data once there is some. `error` draws an error
 * the page answers in its own way (e.g. a 410 page) or rewords it; undefined leaves the usual error state.
 */
export function QueryState<T>({
  query,
  children,
  error: ownError,
  retry = true,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  error?: (error: Error) => ReactNode | undefined;
  /** Offer "try again" (default); off where a retry cannot help. */
  retry?: boolean;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    const own = ownError?.(query.error);
    if (own !== undefined) return <>{own}</>;
    return <ErrorState error={query.error} {...(retry ? { onRetry: () => void query.refetch() } : {})} />;
  }
  return <>{children(query.data)}</>;
}
