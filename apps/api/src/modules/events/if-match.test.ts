import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.js";
import { expectedVersionOf } from "./if-match.js";

function failure(header: string | undefined) {
  try {
    expectedVersionOf(header);
  } catch (error) {
    if (error instanceof AppError) return [error.statusCode, error.code];
    throw error;
  }
  throw new Error("accepted");
}

describe("expectedVersionOf", () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ["3", 3],
    [' "0" ', 0],
    ['"120"', 120],
  ])("reads %s as version %i", (header, version) => {
    expect(expectedVersionOf(header)).toBe(version);
  });

  it("answers 428 when the header is missing or empty", () => {
    expect(failure(undefined)).toEqual([428, "PRECONDITION_REQUIRED"]);
    expect(failure(" ")).toEqual([428, "PRECONDITION_REQUIRED"]);
  });

  it.each(["*", "abc", '"3', '3"', "w/\"3\"", "-1", "3.5", '"1", "2"', "1".repeat(12)])("answers 400 to %s", (header) => {
    expect(failure(header)).toEqual([400, "VALIDATION_FAILED"]);
  });
});
