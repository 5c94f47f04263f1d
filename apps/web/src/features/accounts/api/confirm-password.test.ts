import { ERROR_CODES } from "@insek/contracts";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { withConfirmedPassword } from "./confirm-password";

const reauthRequired = () => new ApiError({ statusCode: 403, code: ERROR_CODES.reauthenticationRequired, message: "confirm first" });

describe("withConfirmedPassword", () => {
  it("asks for the password (unless confirmed recently) before it runs the request", async () => {
    const ensureConfirmed = vi.fn(() => Promise.resolve(true));
    const run = vi.fn(() => Promise.resolve("done"));
    await expect(withConfirmedPassword({ ensureConfirmed }, run)).resolves.toBe("done");
    expect(ensureConfirmed).toHaveBeenCalledWith();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("sends nothing when the person cancels", async () => {
    const run = vi.fn(() => Promise.resolve("done"));
    await expect(withConfirmedPassword({ ensureConfirmed: () => Promise.resolve(false) }, run)).rejects.toMatchObject({
      code: ERROR_CODES.reauthenticationRequired,
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("asks again and retries once when the server still wants a confirmation", async () => {
    const ensureConfirmed = vi.fn(() => Promise.resolve(true));
    const run = vi.fn<() => Promise<string>>().mockRejectedValueOnce(reauthRequired()).mockResolvedValueOnce("done");
    await expect(withConfirmedPassword({ ensureConfirmed }, run)).resolves.toBe("done");
    expect(ensureConfirmed).toHaveBeenLastCalledWith({ force: true });
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("passes other errors on without asking again", async () => {
    const ensureConfirmed = vi.fn(() => Promise.resolve(true));
    const conflict = new ApiError({ statusCode: 409, code: ERROR_CODES.emailTaken, message: "taken" });
    await expect(withConfirmedPassword({ ensureConfirmed }, () => Promise.reject(conflict))).rejects.toBe(conflict);
    expect(ensureConfirmed).toHaveBeenCalledTimes(1);
  });
});
