import { ERROR_CODES } from "@insek/contracts";
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/form/field";
import { ApiError } from "../../../lib/api-client";
import { type PasswordConfirmation, PasswordConfirmationContext, confirmPassword } from "../api/confirm-password";
import "../accounts.css";

/** A little earlier than the server's end, so that a request sent just before it does not meet a refusal. */
const MARGIN_MS = 30_000;

/**
 * Account administration needs the password confirmed within the last minutes (the server says until
 * when). This provider remembers that time in memory and asks with a modal dialog when it has passed.
 */
export function PasswordConfirmationProvider({ children }: { children: ReactNode }) {
  const confirmedUntilRef = useRef(0);
  const [pending, setPending] = useState<((confirmed: boolean) => void) | null>(null);

  const ensureConfirmed = useCallback<PasswordConfirmation["ensureConfirmed"]>((options) => {
    if (!options?.force && confirmedUntilRef.current - MARGIN_MS > Date.now()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => setPending(() => resolve));
  }, []);
  const value = useMemo(() => ({ ensureConfirmed }), [ensureConfirmed]);

  const finish = (until: number | null) => {
    if (until !== null) confirmedUntilRef.current = until;
    pending?.(until !== null);
    setPending(null);
  };

  return (
    <PasswordConfirmationContext.Provider value={value}>
      {children}
      {pending ? <PasswordDialog onDone={finish} /> : null}
    </PasswordConfirmationContext.Provider>
  );
}

function PasswordDialog({ onDone }: { onDone: (until: number | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError(t("accounts.confirm.required"));
      return;
    }
    setBusy(true);
    setError(null);
    confirmPassword({ password })
      .then((state) => onDone(new Date(state.reauthenticatedUntil).getTime()))
      .catch((failure: unknown) => {
        setBusy(false);
        setPassword("");
        if (failure instanceof ApiError && failure.code === ERROR_CODES.invalidCredentials) setError(t("accounts.confirm.wrong"));
        else if (failure instanceof ApiError && failure.statusCode === 429) {
          setError(t("accounts.confirm.tooMany", { seconds: failure.retryAfterSeconds ?? 60 }));
        } else setError(t("accounts.confirm.failed", { code: failure instanceof ApiError ? failure.code : "?" }));
      });
  };

  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      onCancel={(event) => {
        event.preventDefault();
        onDone(null);
      }}
    >
      <form className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
        <h2 id={`${id}-title`}>{t("accounts.confirm.title")}</h2>
        <p id={`${id}-intro`}>{t("accounts.confirm.intro")}</p>
        <Field
          id={`${id}-password`}
          label={t("accounts.confirm.password")}
          error={error ?? undefined}
          announceError
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className="account-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("accounts.confirm.submitting") : t("accounts.confirm.submit")}
          </button>
          <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
            {t("accounts.confirm.cancel")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
