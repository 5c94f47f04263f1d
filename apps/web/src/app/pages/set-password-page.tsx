import { ERROR_CODES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@insek/contracts";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSetPassword } from "../../features/accounts/api/accounts";
import { ApiError } from "../../lib/api-client";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ErrorSummary } from "../../components/error-summary";

type Field = "password" | "repeat";

/** The token travels in the fragment (#token=…), so it never reaches a server log. */
function tokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token");
  return token && token.length > 0 ? token : null;
}

/** "/passwort-setzen": sets the password with a one-time link from the administration. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const id = useId();
  useDocumentTitle(t("setPassword.title"));
  const [token] = useState(tokenFromFragment);
  const setPassword = useSetPassword();
  const [password, setPasswordValue] = useState("");
  const [repeat, setRepeat] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const fieldId = (field: Field) => `${id}-${field}`;
  const focusSummary = () => window.setTimeout(() => summaryRef.current?.focus(), 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    const errors: Partial<Record<Field, string>> = {};
    if (password.length < PASSWORD_MIN_LENGTH) errors.password = t("setPassword.tooShort", { min: PASSWORD_MIN_LENGTH });
    else if (password.length > PASSWORD_MAX_LENGTH) errors.password = t("setPassword.tooLong", { max: PASSWORD_MAX_LENGTH });
    if (repeat !== password) errors.repeat = t("setPassword.mismatch");
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) {
      focusSummary();
      return;
    }
    setPassword.mutate(
      { token, password },
      {
        onSuccess: () => setDone(true),
        onError: (error) => {
          const expired =
            error instanceof ApiError && (error.statusCode === 410 || error.code === ERROR_CODES.resetTokenInvalid);
          setFormError(
            expired
              ? t("setPassword.expired")
              : t("setPassword.failed", { code: error instanceof ApiError ? error.code : "?" }),
          );
          focusSummary();
        },
      },
    );
  };

  const summaryItems = (Object.entries(fieldErrors) as [Field, string][]).filter(([, message]) => message);
  const hasErrors = formError !== null || summaryItems.length > 0;

  return (
    <>
      <h1>{t("setPassword.title")}</h1>
      {!token ? (
        <p className="notice notice--error" role="alert">
          {t("setPassword.noToken")}
        </p>
      ) : done ? (
        <div className="notice notice--success" role="status">
          <p>{t("setPassword.success")}</p>
          <p>
            <Link to={paths.login}>{t("setPassword.toLogin")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t("setPassword.intro", { min: PASSWORD_MIN_LENGTH })}</p>
          <form className="stack-form" noValidate onSubmit={submit} aria-busy={setPassword.isPending}>
            {hasErrors ? (
              <ErrorSummary
                ref={summaryRef}
                title={t("setPassword.errorSummary")}
                items={[
                  ...(formError ? [{ message: formError }] : []),
                  ...summaryItems.map(([field, message]) => ({ fieldId: fieldId(field), label: t(`setPassword.${field}`), message })),
                ]}
              />
            ) : null}
            {(["password", "repeat"] as const).map((field) => (
              <div className={`field${fieldErrors[field] ? " field--invalid" : ""}`} key={field}>
                <label htmlFor={fieldId(field)}>{t(`setPassword.${field}`)}</label>
                {fieldErrors[field] ? (
                  <p className="field__error" id={`${fieldId(field)}-error`}>
                    {fieldErrors[field]}
                  </p>
                ) : null}
                <input
                  id={fieldId(field)}
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={PASSWORD_MIN_LENGTH}
                  aria-invalid={fieldErrors[field] ? true : undefined}
                  aria-describedby={fieldErrors[field] ? `${fieldId(field)}-error` : undefined}
                  value={field === "password" ? password : repeat}
                  onChange={(event) => (field === "password" ? setPasswordValue : setRepeat)(event.target.value)}
                />
              </div>
            ))}
            <div>
              <button type="submit" className="button" disabled={setPassword.isPending}>
                {setPassword.isPending ? t("setPassword.submitting") : t("setPassword.submit")}
              </button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
