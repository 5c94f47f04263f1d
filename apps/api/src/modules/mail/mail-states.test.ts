import { MAIL_STATES } from "@insek/contracts";
import { schema } from "@insek/db";
import { describe, expect, it } from "vitest";

describe("mail states", () => {
  it("the contracts' states are the outbox table's (the database package does not import the contracts)", () => {
    expect([...schema.OUTBOX_STATES]).toEqual([...MAIL_STATES]);
  });
});
