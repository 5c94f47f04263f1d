import { describe, expect, it } from "vitest";
import { redactUrl } from "./logging.js";

describe("redactUrl", () => {
  it("hides update-request tokens in the page and API paths and secret query values", () => {
    expect(redactUrl("/aktualisieren/abc.DEF_123")).toBe("/aktualisieren/[redacted]");
    expect(redactUrl("/api/update-requests/by-token/abc?x=1")).toBe("/api/update-requests/by-token/[redacted]?x=1");
    expect(redactUrl("/api/update-requests/by-token/abc/more")).toBe("/api/update-requests/by-token/[redacted]/more");
    expect(redactUrl("/api/x?token=s1&limit=2&Password=s2&api_key=s3")).toBe("/api/x?token=[redacted]&limit=2&Password=[redacted]&api_key=[redacted]");
    expect(redactUrl("/api/x?%74oken=s1")).toBe("/api/x?%74oken=[redacted]");
  });

  it("leaves ordinary URLs alone", () => {
    for (const url of ["/api/municipalities?limit=5&q=Leipzig", "/api/municipalities/14511000/events", "/gemeinden/14511000", "/api/x?tokens=1", "/api/x?%zz=1"]) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});
