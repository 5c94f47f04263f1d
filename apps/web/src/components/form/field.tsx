import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useState } from "react";
import { useTranslation } from "react-i18next";
import { dateFieldValue, isIsoDate, isoToGerman, maskGermanDate } from "./german-date";

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

export interface DateFieldProps extends FieldBase {
  /** ISO date (JJJJ-MM-TT), "" for none, or a text as typed that is no date yet (see dateFieldValue). */
  value?: string;
  /** For a form read with FormData: the first value; the ISO value is sent under `name` (a hidden input). */
  defaultValue?: string;
  /** Called with "" (empty), the ISO date (complete and real) or the text as typed (anything else). */
  onChange?: (value: string) => void;
  name?: string;
  /** ISO bounds: a date outside them is named at the field (and reported as typed, not as a date). */
  min?: string;
  max?: string;
  required?: boolean;
  disabled?: boolean;
}

/**
 * A date typed as TT.MM.JJJJ whatever the browser's language (a text input with a mask, not the browser's
 * date input, which follows the browser's locale and jumps while a year is typed). Holds ISO values for the
 * API; a text that is no date (or lies outside min/max) is named at the field once the user leaves it.
 */
export function DateField({ id, label, hint, error, className, announceError, value, defaultValue, onChange, name, min, max, required, disabled }: DateFieldProps) {
  const { t } = useTranslation("forms");
  const [text, setText] = useState(() => isoToGerman(value ?? defaultValue ?? ""));
  const [left, setLeft] = useState(false);
  // A value set from outside (a reset, the URL) replaces the text; the echo of what was typed does not.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== undefined && value !== dateFieldValue(text)) {
      setText(isoToGerman(value));
      setLeft(false);
    }
  }
  const inRange = (iso: string) => (min === undefined || iso >= min) && (max === undefined || iso <= max);
  // What the parent gets: "", an ISO date within the bounds, or the text as typed.
  const report = (typed: string) => {
    const next = dateFieldValue(typed);
    return isIsoDate(next) && !inRange(next) ? typed.trim() : next;
  };
  const current = dateFieldValue(text);
  const outOfRange = isIsoDate(current) && !inRange(current);
  const formatError =
    current !== "" && !isIsoDate(current)
      ? t("date.invalid")
      : outOfRange
        ? t("date.outOfRange", { min: isoToGerman(min ?? "1990-01-01"), max: isoToGerman(max ?? "2100-12-31") })
        : undefined;
  const shown = error ?? (left ? formatError : undefined);
  const formatHint = t("date.format");
  const fullHint = hint ? (
    <>
      {hint} {formatHint}
    </>
  ) : (
    formatHint
  );
  return (
    <FieldFrame id={id} label={label} hint={fullHint} error={shown} className={className} announceError={announceError}>
      <input
        type="text"
        className="date-input"
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        required={required}
        disabled={disabled}
        value={text}
        onChange={(event) => {
          const masked = maskGermanDate(event.target.value);
          setText(masked);
          const next = report(masked);
          if (left && (next === "" || isIsoDate(next))) setLeft(false);
          onChange?.(next);
        }}
        onBlur={() => setLeft(true)}
        {...controlProps(id, fullHint, shown)}
      />
      {name ? <input type="hidden" name={name} value={report(text)} /> : null}
    </FieldFrame>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  className,
  announceError,
  children,
  ...select
}: FieldBase & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className} announceError={announceError}>
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
  announceError,
  ...textarea
}: FieldBase & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className} announceError={announceError}>
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
