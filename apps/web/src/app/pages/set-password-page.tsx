import { ERROR_CODES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@insek/contracts";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSetPassword } from "../../features/accounts/api/accounts";
import { ApiError } from "../../lib/api-client";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ErrorSummary } from "../../components/error-summary";
import { Field } from "../../components/form/field";
import { useFormErrors } from "../../components/form/use-form-errors";

const FIELDS = ["password", "repeat"] as const;

/** The token travels in the fragment (#token=…), so it never reaches a server log. */
function tokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token");
  return token && token.length > 0 ? token : null;
}

/** "/passwort-setzen": sets the password with a one-time link from the administration. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("setPassword.title"));
  const [token] = useState(tokenFromFragment);
  const setPassword = useSetPassword();
  const [password, setPasswordValue] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const form = useFormErrors(FIELDS, (field) => t(`setPassword.${field}`));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    const tooShort = password.length < PASSWORD_MIN_LENGTH;
    const tooLong = password.length > PASSWORD_MAX_LENGTH;
    const invalid = form.showFields({
      ...(tooShort ? { password: t("setPassword.tooShort", { min: PASSWORD_MIN_LENGTH }) } : {}),
      ...(tooLong ? { password: t("setPassword.tooLong", { max: PASSWORD_MAX_LENGTH }) } : {}),
      ...(repeat !== password ? { repeat: t("setPassword.mismatch") } : {}),
    });
    if (invalid) return;
    setPassword.mutate(
      { token, password },
      {
        onSuccess: () => setDone(true),
        onError: (error) => {
          const expired =
            error instanceof ApiError && (error.statusCode === 410 || error.code === ERROR_CODES.resetTokenInvalid);
          form.show({
            fields: {},
            form: expired
              ? t("setPassword.expired")
              : t("setPassword.failed", { code: error instanceof ApiError ? error.code : "?" }),
          });
        },
      },
    );
  };

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
            {form.hasErrors ? (
              <ErrorSummary ref={form.summaryRef} title={t("setPassword.errorSummary")} items={form.summaryItems} />
            ) : null}
            {FIELDS.map((field) => (
              <Field
                key={field}
                {...form.field(field)}
                label={t(`setPassword.${field}`)}
                type="password"
                autoComplete="new-password"
                required
                minLength={PASSWORD_MIN_LENGTH}
                value={field === "password" ? password : repeat}
                onChange={(event) => (field === "password" ? setPasswordValue : setRepeat)(event.target.value)}
              />
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
