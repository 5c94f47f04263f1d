import { type AuthState, ERROR_CODES } from "@insek/contracts";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { Field } from "../../../components/form/field";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { ApiError } from "../../../lib/api-client";
import { useLogin } from "../api/login";

const FIELDS = ["email", "password"] as const;

export function LoginForm({ onSuccess }: { onSuccess: (state: AuthState) => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useFormErrors(FIELDS, (field) => t(`auth.${field}`));

  const describeError = (error: unknown): string => {
    if (!(error instanceof ApiError)) return t("auth.failed", { code: "?" });
    if (error.code === ERROR_CODES.invalidCredentials) return t("auth.invalidCredentials");
    if (error.statusCode === 429) {
      return error.retryAfterSeconds === null
        ? t("auth.tooManyAttemptsUnknown")
        : t("auth.tooManyAttempts", { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
    }
    return t("auth.failed", { code: error.code });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required = {
      ...(email.trim() ? {} : { email: t("auth.required") }),
      ...(password ? {} : { password: t("auth.required") }),
    };
    if (form.showFields(required)) return;
    login.mutate(
      { email: email.trim().toLowerCase(), password },
      {
        onSuccess: (state) => onSuccess(state),
        onError: (error) => {
          const wrong = error instanceof ApiError && error.code === ERROR_CODES.invalidCredentials;
          form.show({ fields: wrong ? { password: t("auth.invalidCredentials") } : {}, form: describeError(error) });
        },
      },
    );
  };

  return (
    <form className="stack-form" noValidate onSubmit={submit} aria-busy={login.isPending}>
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("auth.errorSummary")} items={form.summaryItems} /> : null}
      <Field
        {...form.field("email")}
        label={t("auth.email")}
        name="email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <Field
        {...form.field("password")}
        label={t("auth.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div>
        <button type="submit" className="button" disabled={login.isPending}>
          {login.isPending ? t("auth.submitting") : t("auth.submit")}
        </button>
      </div>
    </form>
  );
}
