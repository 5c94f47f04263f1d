import { type AccountCreated, ERROR_CODES, ROLES, type Role } from "@insek/contracts";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { CheckboxField, Field, SelectField } from "../../../components/form/field";
import { apiErrorToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { ApiError } from "../../../lib/api-client";
import { parseAgsList, useCreateAccount } from "../api/accounts";

const FIELDS = ["email", "displayName", "role", "admin", "ags"] as const;
type FormField = (typeof FIELDS)[number];

export function AccountCreateForm({ onCreated }: { onCreated: (created: AccountCreated) => void }) {
  const { t } = useTranslation();
  const create = useCreateAccount();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<Role>("municipality");
  const [admin, setAdmin] = useState(false);
  const [agsText, setAgsText] = useState("");
  const label = (field: FormField) =>
    field === "displayName" ? t("accounts.name") : field === "admin" ? t("accounts.adminCheckbox") : t(`accounts.${field}`);
  const form = useFormErrors(FIELDS, label);

  const serverErrors = (error: unknown) => {
    if (error instanceof ApiError && error.code === ERROR_CODES.emailTaken) return { fields: { email: t("accounts.emailTaken") }, form: null };
    if (error instanceof ApiError && error.code === ERROR_CODES.reauthenticationRequired) return { fields: {}, form: t("accounts.notConfirmed") };
    return apiErrorToForm(error, FIELDS, (failure, rest) =>
      failure instanceof ApiError
        ? t("accounts.failed", { code: failure.code, message: [failure.message, ...rest].join(" ") })
        : t("accounts.failed", { code: "?", message: String(failure) }),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmedEmail = email.trim().toLowerCase();
    // The AGS field exists only for municipality accounts.
    const parsed = role === "municipality" ? parseAgsList(agsText) : { ags: [], invalid: [] };
    const invalid = form.showFields({
      email: !trimmedEmail
        ? t("accounts.required")
        : !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmedEmail)
          ? t("accounts.invalidEmail")
          : undefined,
      displayName: displayName.trim() ? undefined : t("accounts.required"),
      ags:
        parsed.invalid.length > 0
          ? t("accounts.invalidAgs", { values: parsed.invalid.join(", ") })
          : role === "municipality" && parsed.ags.length === 0
            ? t("accounts.agsRequired")
            : undefined,
    });
    if (invalid) return;
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
        onError: (error) => form.show(serverErrors(error)),
      },
    );
  };

  return (
    <form className="stack-form" noValidate onSubmit={submit} aria-busy={create.isPending}>
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("accounts.errorSummary")} items={form.summaryItems} /> : null}
      <Field
        {...form.field("email")}
        label={label("email")}
        type="email"
        autoComplete="off"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <Field
        {...form.field("displayName")}
        label={label("displayName")}
        autoComplete="off"
        required
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <SelectField {...form.field("role")} label={label("role")} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`accounts.roles.${option}`)}
          </option>
        ))}
      </SelectField>
      {role === "smr" ? (
        <CheckboxField
          {...form.field("admin")}
          label={label("admin")}
          checked={admin}
          onChange={(event) => setAdmin(event.target.checked)}
        />
      ) : null}
      {role === "municipality" ? (
        <Field
          {...form.field("ags")}
          label={label("ags")}
          hint={t("accounts.agsHint")}
          inputMode="numeric"
          autoComplete="off"
          value={agsText}
          onChange={(event) => setAgsText(event.target.value)}
        />
      ) : null}
      <div>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t("accounts.submitting") : t("accounts.submit")}
        </button>
      </div>
    </form>
  );
}
