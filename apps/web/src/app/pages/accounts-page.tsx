import { type Account, type AccountCreated, ERROR_CODES, type ResetLink } from "@insek/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { QueryState } from "../../components/query-state";
import { useSession } from "../../lib/api/get-session";
import { useAccounts, useCreateResetLink, useUpdateAccount } from "../../features/accounts/api/accounts";
import { AccountCreateForm } from "../../features/accounts/components/account-create-form";
import { AccountTokens } from "../../features/accounts/components/account-tokens";
import { OneTimeLink } from "../../features/accounts/components/one-time-link";
import { PasswordConfirmationProvider } from "../../features/accounts/components/password-confirmation";
import { ApiError } from "../../lib/api-client";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import "../../features/accounts/accounts.css";

function AccountTable({
  accounts,
  busy,
  onToggle,
  onResetLink,
  onShowTokens,
}: {
  accounts: Account[];
  busy: boolean;
  onToggle: (account: Account) => void;
  onResetLink: (account: Account) => void;
  onShowTokens: (account: Account) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("accounts.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accounts.name")}</th>
            <th scope="col">{t("accounts.email")}</th>
            <th scope="col">{t("accounts.role")}</th>
            <th scope="col">{t("accounts.admin")}</th>
            <th scope="col">{t("accounts.ags")}</th>
            <th scope="col">{t("accounts.status")}</th>
            <th scope="col">{t("accounts.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id}>
              <th scope="row">{account.displayName}</th>
              <td>{account.email}</td>
              <td>{t(`accounts.roles.${account.role}`)}</td>
              <td>{account.admin ? t("accounts.yes") : t("accounts.no")}</td>
              <td>{account.ags.length > 0 ? account.ags.join(", ") : "–"}</td>
              <td>{account.disabled ? t("accounts.disabled") : t("accounts.active")}</td>
              <td>
                <div className="account-actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy}
                    onClick={() => onToggle(account)}
                  >
                    {account.disabled ? t("accounts.enable") : t("accounts.disable")}
                    <span className="visually-hidden"> ({account.displayName})</span>
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy}
                    onClick={() => onResetLink(account)}
                  >
                    {t("accounts.createLink")}
                    <span className="visually-hidden"> ({account.displayName})</span>
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => onShowTokens(account)}>
                    {t("accounts.showTokens")}
                    <span className="visually-hidden"> ({account.displayName})</span>
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AccountAdministration() {
  const { t } = useTranslation();
  const accounts = useAccounts(true);
  const update = useUpdateAccount();
  const resetLink = useCreateResetLink();
  const [shownLink, setShownLink] = useState<{ link: ResetLink; heading: string } | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [tokensOf, setTokensOf] = useState<Account | null>(null);

  const describe = (error: unknown) => {
    if (error instanceof ApiError && error.code === ERROR_CODES.ownAccountChange) return t("accounts.ownAccount");
    if (error instanceof ApiError && error.code === ERROR_CODES.reauthenticationRequired) return t("accounts.notConfirmed");
    if (error instanceof ApiError) return t("accounts.failed", { code: error.code, message: error.message });
    return t("accounts.failed", { code: "?", message: String(error) });
  };

  const onCreated = (result: AccountCreated) => {
    setActionError(null);
    setCreated(t("accounts.created", { name: result.user.displayName }));
    setShownLink({ link: result, heading: t("accounts.linkFor", { name: result.user.displayName }) });
  };

  const onToggle = (account: Account) => {
    setActionError(null);
    setStatus("");
    update.mutate(
      { id: account.id, change: { disabled: !account.disabled } },
      {
        onSuccess: (changed) =>
          setStatus(
            t("accounts.changed", {
              name: changed.displayName,
              status: changed.disabled ? t("accounts.disabled") : t("accounts.active"),
            }),
          ),
        onError: (error) => setActionError(describe(error)),
      },
    );
  };

  const onResetLink = (account: Account) => {
    setActionError(null);
    setCreated(null);
    resetLink.mutate(account.id, {
      onSuccess: (link) => setShownLink({ link, heading: t("accounts.linkFor", { name: account.displayName }) }),
      onError: (error) => setActionError(describe(error)),
    });
  };

  return (
    <>
      <p className="lead">{t("accounts.intro")}</p>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {actionError ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{t("accounts.actionFailed")}</p>
          <p>{actionError}</p>
        </div>
      ) : null}
      {created ? (
        <p className="notice notice--info" role="status">
          {created}
        </p>
      ) : null}
      {shownLink ? <OneTimeLink link={shownLink.link} heading={shownLink.heading} /> : null}
      <h2>{t("accounts.listHeading")}</h2>
      <QueryState query={accounts}>{(loaded) => (
        <AccountTable
          accounts={loaded.items}
          busy={update.isPending || resetLink.isPending}
          onToggle={onToggle}
          onResetLink={onResetLink}
          onShowTokens={(account) => {
            setActionError(null);
            setTokensOf(account);
          }}
        />
      )}</QueryState>
      {tokensOf ? <AccountTokens key={tokensOf.id} account={tokensOf} onError={(error) => setActionError(describe(error))} /> : null}
      <h2>{t("accounts.createHeading")}</h2>
      <AccountCreateForm onCreated={onCreated} />
    </>
  );
}

/** "/konten": account management for SMR administrators. */
export function AccountsPage() {
  const { t } = useTranslation();
  const session = useSession();
  useDocumentTitle(t("accounts.title"));
  if (!session.isPending && !session.isError && !session.data) {
    return <Navigate to={`${paths.login}?${new URLSearchParams({ zurueck: paths.accounts }).toString()}`} replace />;
  }
  return (
    <>
      <h1>{t("accounts.title")}</h1>
      <QueryState query={session} retry={false}>
        {(state) =>
          state?.user.role === "smr" && state.user.admin ? (
            <PasswordConfirmationProvider>
              <AccountAdministration />
            </PasswordConfirmationProvider>
          ) : (
            <p className="notice notice--warning" role="alert">
              {t("accounts.noPermission")}
            </p>
          )
        }
      </QueryState>
    </>
  );
}
