import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** What every kit field takes: its id (the label's target), label, optional hint and error message. */
interface FieldBase {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Extra class of the wrapper (e.g. "field--wide"). */
  className?: string;
  /** Announce the error as it appears (a form without an error summary, e.g. a one-field dialog). */
  announceError?: boolean;
}

/** The ids a control points to: its hint and its error, so screen readers read both with it. */
function describedBy(id: string, hint: ReactNode, error: string | undefined, extra?: string): string | undefined {
  return [extra, hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
}

function controlProps(id: string, hint: ReactNode, error: string | undefined, extraDescribedBy?: string) {
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error, extraDescribedBy) };
}

/** Label, hint, error and control in the house's order (BITV: the error sits above the control it belongs to). */
function FieldFrame({ id, label, hint, error, className, announceError, children }: FieldBase & { children: ReactNode }) {
  return (
    <div className={["field", className, error ? "field--invalid" : undefined].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`} role={announceError ? "alert" : undefined}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">;

/** A text input; `action` (e.g. a search button) sits beside it in one row. */
export function Field({ id, label, hint, error, className, announceError, action, ...input }: FieldBase & InputProps & { action?: ReactNode }) {
  const control = <input type="text" {...input} {...controlProps(id, hint, error, input["aria-describedby"])} />;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className} announceError={announceError}>
      {action ? (
        <div className="field__row">
          {control}
          {action}
        </div>
      ) : (
        control
      )}
    </FieldFrame>
  );
}

export function DateField(props: FieldBase & Omit<InputProps, "type">) {
  return <Field {...props} type="date" />;
}

export function SelectField({
  id,
  label,
  hint,
  error,
  className,
  children,
  ...select
}: FieldBase & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <select {...select} {...controlProps(id, hint, error, select["aria-describedby"])}>
        {children}
      </select>
    </FieldFrame>
  );
}

export function TextareaField({
  id,
  label,
  hint,
  error,
  className,
  ...textarea
}: FieldBase & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <textarea {...textarea} {...controlProps(id, hint, error, textarea["aria-describedby"])} />
    </FieldFrame>
  );
}

/** A checkbox: the box before its label, the error after it. */
export function CheckboxField({ id, label, hint, error, className, ...input }: FieldBase & Omit<InputProps, "type">) {
  return (
    <div className={["field field--checkbox", className, error ? "field--invalid" : undefined].filter(Boolean).join(" ")}>
      <input type="checkbox" {...input} {...controlProps(id, hint, error, input["aria-describedby"])} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The error text of a control the kit does not draw (a picker, a group): give the control `${id}-error` to describe it. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p className="field__error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}
