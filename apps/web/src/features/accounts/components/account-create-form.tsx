import { type AccountCreated, ERROR_CODES, ROLES, type Role } from "@insek/contracts";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-client";
import { parseAgsList, useCreateAccount } from "../api/accounts";
import { ErrorSummary } from "../../../components/error-summary";

type Field = "email" | "displayName" | "role" | "admin" | "ags";
type FieldErrors = Partial<Record<Field, string>>;

const FIELDS: Field[] = ["email", "displayName", "role", "admin", "ags"];

export function AccountCreateForm({ onCreated }: { onCreated: (created: AccountCreated) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateAccount();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<Role>("municipality");
  const [admin, setAdmin] = useState(false);
  const [agsText, setAgsText] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const fieldId = (field: Field) => `${id}-${field}`;
  const focusSummary = () => window.setTimeout(() => summaryRef.current?.focus(), 0);
  const label = (field: Field) =>
    field === "displayName" ? t("accounts.name") : field === "admin" ? t("accounts.adminCheckbox") : t(`accounts.${field}`);

  const serverErrors = (error: unknown): { fields: FieldErrors; form: string | null } => {
    if (!(error instanceof ApiError)) return { fields: {}, form: t("accounts.failed", { code: "?", message: String(error) }) };
    if (error.code === ERROR_CODES.emailTaken) return { fields: { email: t("accounts.emailTaken") }, form: null };
    if (error.code === ERROR_CODES.reauthenticationRequired) return { fields: {}, form: t("accounts.notConfirmed") };
    const fields: FieldErrors = {};
    const rest: string[] = [];
    for (const issue of error.issues) {
      const field = issue.path.replace(/^body\./, "").split(".")[0] as Field;
      if (FIELDS.includes(field)) fields[field] = fields[field] ? `${fields[field]} ${issue.message}` : issue.message;
      else rest.push(issue.message);
    }
    if (Object.keys(fields).length > 0 && rest.length === 0) return { fields, form: null };
    return { fields, form: t("accounts.failed", { code: error.code, message: [error.message, ...rest].join(" ") }) };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    const trimmedEmail = email.trim().toLowerCase();
    if (!trimmedEmail) errors.email = t("accounts.required");
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmedEmail)) errors.email = t("accounts.invalidEmail");
    if (!displayName.trim()) errors.displayName = t("accounts.required");
    // The AGS field exists only for municipality accounts.
    const parsed = role === "municipality" ? parseAgsList(agsText) : { ags: [], invalid: [] };
    if (parsed.invalid.length > 0) errors.ags = t("accounts.invalidAgs", { values: parsed.invalid.join(", ") });
    else if (role === "municipality" && parsed.ags.length === 0) errors.ags = t("accounts.agsRequired");
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) {
      focusSummary();
      return;
    }
    create.mutate(
      {
        email: trimmedEmail,
        displayName: displayName.trim(),
        role,
        ...(role === "smr" ? { admin } : {}),
        ...(role === "municipality" ? { ags: parsed.ags } : {}),
      },
      {
        onSuccess: (created) => {
          setEmail("");
          setDisplayName("");
          setAdmin(false);
          setAgsText("");
          onCreated(created);
        },
        onError: (error) => {
          const { fields, form } = serverErrors(error);
          setFieldErrors(fields);
          setFormError(form);
          focusSummary();
        },
      },
    );
  };

  const summaryItems = FIELDS.flatMap((field) => {
    const message = fieldErrors[field];
    return message ? [[field, message] as const] : [];
  });
  const hasErrors = formError !== null || summaryItems.length > 0;
  const errorProps = (field: Field) => ({
    "aria-invalid": fieldErrors[field] ? true : undefined,
    "aria-describedby":
      [fieldErrors[field] ? `${fieldId(field)}-error` : null, field === "ags" ? `${fieldId(field)}-hint` : null]
        .filter(Boolean)
        .join(" ") || undefined,
  });
  const fieldError = (field: Field) =>
    fieldErrors[field] ? (
      <p className="field__error" id={`${fieldId(field)}-error`}>
        {fieldErrors[field]}
      </p>
    ) : null;
  const fieldClass = (field: Field, extra = "") => `field${extra}${fieldErrors[field] ? " field--invalid" : ""}`;

  return (
    <form className="stack-form" noValidate onSubmit={submit} aria-busy={create.isPending}>
      {hasErrors ? (
        <ErrorSummary
          ref={summaryRef}
          title={t("accounts.errorSummary")}
          items={[
            ...(formError ? [{ message: formError }] : []),
            ...summaryItems.map(([field, message]) => ({ fieldId: fieldId(field), label: label(field), message })),
          ]}
        />
      ) : null}
      <div className={fieldClass("email")}>
        <label htmlFor={fieldId("email")}>{label("email")}</label>
        {fieldError("email")}
        <input
          id={fieldId("email")}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          {...errorProps("email")}
        />
      </div>
      <div className={fieldClass("displayName")}>
        <label htmlFor={fieldId("displayName")}>{label("displayName")}</label>
        {fieldError("displayName")}
        <input
          id={fieldId("displayName")}
          type="text"
          autoComplete="off"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          {...errorProps("displayName")}
        />
      </div>
      <div className={fieldClass("role")}>
        <label htmlFor={fieldId("role")}>{label("role")}</label>
        {fieldError("role")}
        <select
          id={fieldId("role")}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          {...errorProps("role")}
        >
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {t(`accounts.roles.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {role === "smr" ? (
        <div className={fieldClass("admin", " field--checkbox")}>
          <input
            id={fieldId("admin")}
            type="checkbox"
            checked={admin}
            onChange={(event) => setAdmin(event.target.checked)}
            {...errorProps("admin")}
          />
          <label htmlFor={fieldId("admin")}>{label("admin")}</label>
          {fieldError("admin")}
        </div>
      ) : null}
      {role === "municipality" ? (
        <div className={fieldClass("ags")}>
          <label htmlFor={fieldId("ags")}>{label("ags")}</label>
          <p className="hint" id={`${fieldId("ags")}-hint`}>
            {t("accounts.agsHint")}
          </p>
          {fieldError("ags")}
          <input
            id={fieldId("ags")}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={agsText}
            onChange={(event) => setAgsText(event.target.value)}
            {...errorProps("ags")}
          />
        </div>
      ) : null}
      <div>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t("accounts.submitting") : t("accounts.submit")}
        </button>
      </div>
    </form>
  );
}
