import { type Account } from "@insek/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../../components/query-state";
import { useAccountTokens, useRevokeAccountToken } from "../api/account-tokens";

/** An account's API tokens for administrators: when each was made, last used, until when; revoke. */
export function AccountTokens({ account, onError }: { account: Account; onError: (error: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const tokens = useAccountTokens(account.id);
  const revoke = useRevokeAccountToken(account.id);
  const when = (iso: string | null) =>
    iso === null ? "–" : new Date(iso).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Berlin" });

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("accounts.tokens.heading", { name: account.displayName })}</h2>
      <QueryState query={tokens}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("accounts.tokens.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("accounts.tokens.heading", { name: account.displayName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("accounts.tokens.name")}</th>
                <th scope="col">{t("accounts.tokens.created")}</th>
                <th scope="col">{t("accounts.tokens.lastUsed")}</th>
                <th scope="col">{t("accounts.tokens.expires")}</th>
                <th scope="col">{t("accounts.status")}</th>
                <th scope="col">{t("accounts.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.items.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{when(token.createdAt)}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>{when(token.expiresAt)}</td>
                  <td>{token.revokedAt ? t("accounts.tokens.revoked", { date: when(token.revokedAt) }) : t("accounts.active")}</td>
                  <td>
                    {token.revokedAt ? null : (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate(token.id, { onError })}
                      >
                        {t("accounts.tokens.revoke")}
                        <span className="visually-hidden"> ({token.name})</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}</QueryState>
    </section>
  );
}
