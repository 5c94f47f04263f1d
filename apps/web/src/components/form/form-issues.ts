import { ApiError } from "../../lib/api-client";

/** One problem as the contracts (zod: a path array) or the API's 400/422 answer (`body.<field>`) report it. */
export interface IssueLike {
  path: string | readonly PropertyKey[];
  code?: string;
  message: string;
}

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** What a failed check or request shows: messages per field, and one message about the whole form (or none). */
export interface FormErrors<F extends string> {
  fields: FieldErrors<F>;
  form: string | null;
}

/** The form field an issue belongs to: the path's first segment after an optional `body.`, if it is one of `fields`. */
export function fieldOfIssue<F extends string>(path: IssueLike["path"], fields: readonly F[]): F | null {
  const text = typeof path === "string" ? path : path.map(String).join(".");
  const name = text.replace(/^body\./, "").split(".")[0] ?? "";
  return (fields as readonly string[]).includes(name) ? (name as F) : null;
}

/**
 * Sorts issues onto fields (several messages of one field are joined) and returns the ones that belong to no
 * field. `word` may replace an issue's message with the form's own wording (return undefined to keep it).
 */
export function issuesToFields<F extends string>(
  issues: readonly IssueLike[],
  fields: readonly F[],
  word: (field: F | null, issue: IssueLike) => string | undefined = () => undefined,
): { fields: FieldErrors<F>; rest: string[] } {
  const result: FieldErrors<F> = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const field = fieldOfIssue(issue.path, fields);
    const message = word(field, issue) ?? issue.message;
    if (field === null) rest.push(message);
    else if (result[field] === undefined) result[field] = message;
    else if (!result[field].includes(message)) result[field] = `${result[field]} ${message}`;
  }
  return { fields: result, rest };
}

/**
 * An API error's answer `{ code, message, issues? }` as form errors: issues on known fields go to those fields;
 * when anything is left (issues of no field, or no issues at all), `describe` words the form-level message.
 */
export function apiErrorToForm<F extends string>(
  error: unknown,
  fields: readonly F[],
  describe: (error: unknown, rest: string[]) => string,
  word?: (field: F | null, issue: IssueLike) => string | undefined,
): FormErrors<F> {
  if (!(error instanceof ApiError)) return { fields: {}, form: describe(error, []) };
  const mapped = issuesToFields(error.issues, fields, word);
  const onFields = Object.keys(mapped.fields).length > 0;
  if (onFields && mapped.rest.length === 0) return { fields: mapped.fields, form: null };
  return { fields: mapped.fields, form: describe(error, mapped.rest) };
}

/** True when there is nothing to show. */
export function isEmpty<F extends string>(errors: FormErrors<F>): boolean {
  return errors.form === null && Object.values(errors.fields).every((message) => !message);
}

/** Issues a form model has already placed and worded, as form errors: messages of one field joined, the rest as one. */
export function placedIssuesToForm<F extends string>(issues: readonly { field: F | null; message: string }[]): FormErrors<F> {
  const fields: FieldErrors<F> = {};
  const rest: string[] = [];
  for (const { field, message } of issues) {
    if (field === null) rest.push(message);
    else if (fields[field] === undefined) fields[field] = message;
    else if (!fields[field].includes(message)) fields[field] = `${fields[field]} ${message}`;
  }
  return { fields, form: rest.length > 0 ? rest.join(" ") : null };
}
