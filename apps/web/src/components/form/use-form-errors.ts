import { useEffect, useId, useRef, useState } from "react";
import type { ErrorSummaryItem } from "../error-summary";
import { type FieldErrors, type FormErrors, isEmpty } from "./form-issues";

/**
 * A form's error state: field ids, messages per field and for the whole form, the error summary's items,
 * and focus on the summary (the first thing that answers a failed submit) once it has rendered.
 */
export function useFormErrors<F extends string>(
  fields: readonly F[],
  label: (field: F) => string,
  /** Where a summary link of a field points, when not at the element `fieldId(field)` (e.g. a group's first box). */
  linkTarget?: (field: F, fieldId: string) => string,
) {
  const id = useId();
  const [errors, setErrors] = useState<FormErrors<F>>({ fields: {}, form: null });
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) summaryRef.current?.focus();
  }, [focusRequest]);

  const fieldId = (field: F) => `${id}-${field}`;

  /** Shows these errors (none clears them); focuses the summary when there are any. Returns whether there were any. */
  const show = (next: FormErrors<F>): boolean => {
    setErrors(next);
    const failed = !isEmpty(next);
    if (failed) setFocusRequest((count) => count + 1);
    return failed;
  };

  const summaryItems: ErrorSummaryItem[] = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...fields.flatMap((field) => {
      const message = errors.fields[field];
      // A field message that repeats the form message (e.g. wrong credentials) is listed once.
      return message && message !== errors.form ? [{ fieldId: linkTarget ? linkTarget(field, fieldId(field)) : fieldId(field), label: label(field), message }] : [];
    }),
  ];

  return {
    fieldId,
    /** The message of one field, for its Field's `error`. */
    error: (field: F) => errors.fields[field],
    /** Props of a kit field: its id and its message. */
    field: (field: F) => ({ id: fieldId(field), error: errors.fields[field] }),
    errors,
    show,
    /** Shows messages of fields only (a client-side check); see show. */
    showFields: (fields: FieldErrors<F>) => show({ fields, form: null }),
    clear: () => setErrors({ fields: {}, form: null }),
    summaryRef,
    summaryItems,
    hasErrors: summaryItems.length > 0,
  };
}
