import type { InsekRecord } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { updateRequestMail } from "./update-request-mail.js";

const adopted: InsekRecord = {
  status: "council_adopted",
  conceptKind: "INSEK",
  statusSince: "2011-02-25",
  councilResolutionDate: "2011-02-25",
  currentUntil: "2021-02-24",
  current: false,
  expiring: false,
  stale: true,
  lastActivityAt: "2011-03-01T10:00:00.000Z",
  lastConfirmedAt: null,
  source: "municipality",
  documentUrl: null,
  horizonYear: null,
  version: 3,
};

function mail(record: InsekRecord) {
  return updateRequestMail({
    municipalityName: "Großenhain",
    ags: "14627060",
    record,
    link: "https://insek.example/aktualisieren/abc",
    expiresAt: new Date("2026-12-15T23:00:00Z"),
    message: null,
  }).text;
}

describe("the update request e-mail", () => {
  it('names an expired concept by the day it expired ("Abgelaufen seit"), a current one by its last day', () => {
    const expired = mail(adopted);
    expect(expired).toContain("  Abgelaufen seit: 25.02.2021");
    expect(expired).not.toContain("Aktuell bis");
    const current = mail({ ...adopted, councilResolutionDate: "2020-05-04", currentUntil: "2030-05-03", current: true, stale: false });
    expect(current).toContain("  Aktuell bis: 03.05.2030");
    expect(current).not.toContain("Abgelaufen");
  });

  it("uses the glossary's words: vom Rat beschlossen, FS INGE, Gemeinde", () => {
    const text = mail(adopted);
    expect(text).toContain("Status: vom Rat beschlossen (INSEK)");
    expect(text).toContain("(FS INGE)");
    expect(text).toContain("den Stand Ihrer Gemeinde melden");
    expect(text).not.toMatch(/Kommune|Fachstelle INGE/);
  });
});
