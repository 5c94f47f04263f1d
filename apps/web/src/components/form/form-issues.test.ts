import { describe, expect, it } from "vitest";
import { eventInputSchema } from "@insek/contracts";
import { ApiError } from "../../lib/api-client";
import { apiErrorToForm, fieldOfIssue, issuesToFields, placedIssuesToForm } from "./form-issues";

const FIELDS = ["email", "note"] as const;
const EVENT_FIELDS = ["status", "documentUrl", "horizonYear", "note"] as const;
const describe422 = (error: unknown, rest: string[]) => `failed: ${error instanceof ApiError ? error.code : "?"} ${rest.join(" ")}`.trim();

describe("fieldOfIssue", () => {
  it("reads the API's body.<field> paths and zod's path arrays", () => {
    expect(fieldOfIssue("body.email", FIELDS)).toBe("email");
    expect(fieldOfIssue("note.0", FIELDS)).toBe("note");
    expect(fieldOfIssue(["email"], FIELDS)).toBe("email");
    expect(fieldOfIssue("body.other", FIELDS)).toBeNull();
    expect(fieldOfIssue([], FIELDS)).toBeNull();
  });
});

describe("issuesToFields", () => {
  it("maps a contract's zod issues (path arrays) to the fields they name", () => {
    const parsed = eventInputSchema.safeParse({ type: "status", status: "drafting", documentUrl: "not a url", horizonYear: "soon" });
    expect(parsed.success).toBe(false);
    const mapped = issuesToFields(parsed.error?.issues ?? [], EVENT_FIELDS);
    expect(Object.keys(mapped.fields).sort()).toEqual(["documentUrl", "horizonYear"]);
  });

  it("joins several messages of one field and keeps issues of no field apart", () => {
    const mapped = issuesToFields(
      [
        { path: ["email"], message: "Too short" },
        { path: ["email"], message: "No @" },
        { path: [], message: "Whole form" },
      ],
      FIELDS,
    );
    expect(mapped).toEqual({ fields: { email: "Too short No @" }, rest: ["Whole form"] });
  });

  it("lets the form word an issue by field and code", () => {
    const mapped = issuesToFields([{ path: "body.email", code: "too_big", message: "Too big" }, { path: "x", message: "Other" }], FIELDS, (field, issue) =>
      field === "email" && issue.code === "too_big" ? "Zu lang" : undefined,
    );
    expect(mapped).toEqual({ fields: { email: "Zu lang" }, rest: ["Other"] });
  });
});

describe("apiErrorToForm", () => {
  it("puts a 422's field issues on the fields and no form message when every issue has a field", () => {
    const error = new ApiError({ statusCode: 422, code: "VALIDATION_FAILED", message: "Invalid", issues: [{ path: "body.email", code: "invalid_format", message: "Invalid email" }] });
    expect(apiErrorToForm(error, FIELDS, describe422)).toEqual({ fields: { email: "Invalid email" }, form: null });
  });

  it("words a form message for issues of no field and for errors without issues", () => {
    const mixed = new ApiError({ statusCode: 400, code: "BAD", message: "Bad", issues: [{ path: "body.email", code: "c", message: "E" }, { path: "body.x", code: "c", message: "X" }] });
    expect(apiErrorToForm(mixed, FIELDS, describe422)).toEqual({ fields: { email: "E" }, form: "failed: BAD X" });
    expect(apiErrorToForm(new ApiError({ statusCode: 409, code: "TAKEN", message: "Taken" }), FIELDS, describe422)).toEqual({ fields: {}, form: "failed: TAKEN" });
    expect(apiErrorToForm(new Error("offline"), FIELDS, describe422)).toEqual({ fields: {}, form: "failed: ?" });
  });
});

describe("placedIssuesToForm", () => {
  it("joins a field's messages once each and words the rest as one form message", () => {
    expect(
      placedIssuesToForm([
        { field: "email", message: "Pflichtfeld" },
        { field: "email", message: "Pflichtfeld" },
        { field: "note", message: "Zu lang" },
        { field: null, message: "A" },
        { field: null, message: "B" },
      ]),
    ).toEqual({ fields: { email: "Pflichtfeld", note: "Zu lang" }, form: "A B" });
    expect(placedIssuesToForm([])).toEqual({ fields: {}, form: null });
  });
});
