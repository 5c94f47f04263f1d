import { ERROR_CODES } from "@insek/contracts";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-client";
import { useLogin } from "../api/login";
import { ErrorSummary } from "../../../components/error-summary";

type Field = "email" | "password";

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const fieldId = (field: Field) => `${id}-${field}`;
  const focusSummary = () => window.setTimeout(() => summaryRef.current?.focus(), 0);

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
    const errors: Partial<Record<Field, string>> = {};
    if (!email.trim()) errors.email = t("auth.required");
    if (!password) errors.password = t("auth.required");
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) {
      focusSummary();
      return;
    }
    login.mutate(
      { email: email.trim().toLowerCase(), password },
      {
        onSuccess,
        onError: (error) => {
          setFormError(describeError(error));
          if (error instanceof ApiError && error.code === ERROR_CODES.invalidCredentials) {
            setFieldErrors({ password: t("auth.invalidCredentials") });
          }
          focusSummary();
        },
      },
    );
  };

  const summaryItems = (Object.entries(fieldErrors) as [Field, string][]).filter(([, message]) => message);
  const hasErrors = formError !== null || summaryItems.length > 0;

  return (
    <form className="stack-form" noValidate onSubmit={submit} aria-busy={login.isPending}>
      {hasErrors ? (
        <ErrorSummary
          ref={summaryRef}
          title={t("auth.errorSummary")}
          items={[
            ...(formError ? [{ message: formError }] : []),
            ...summaryItems
              .filter(([, message]) => message !== formError)
              .map(([field, message]) => ({ fieldId: fieldId(field), label: t(`auth.${field}`), message })),
          ]}
        />
      ) : null}
      {(["email", "password"] as const).map((field) => (
        <div className={`field${fieldErrors[field] ? " field--invalid" : ""}`} key={field}>
          <label htmlFor={fieldId(field)}>{t(`auth.${field}`)}</label>
          {fieldErrors[field] ? (
            <p className="field__error" id={`${fieldId(field)}-error`}>
              {fieldErrors[field]}
            </p>
          ) : null}
          <input
            id={fieldId(field)}
            name={field}
            type={field === "email" ? "email" : "password"}
            autoComplete={field === "email" ? "username" : "current-password"}
            required
            aria-invalid={fieldErrors[field] ? true : undefined}
            aria-describedby={fieldErrors[field] ? `${fieldId(field)}-error` : undefined}
            value={field === "email" ? email : password}
            onChange={(event) => (field === "email" ? setEmail : setPassword)(event.target.value)}
          />
        </div>
      ))}
      <div>
        <button type="submit" className="button" disabled={login.isPending}>
          {login.isPending ? t("auth.submitting") : t("auth.submit")}
        </button>
      </div>
    </form>
  );
}
