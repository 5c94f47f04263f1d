import { ERROR_CODES, type ReauthInput, type ReauthState, endpoints } from "@insek/contracts";
import { createContext, useContext } from "react";
import { ApiError, request } from "../../../lib/api-client";

/** POST /api/auth/reauth: confirms the signed-in account's password; account administration is open until the answer's time. */
export function confirmPassword(input: ReauthInput): Promise<ReauthState> {
  return request(endpoints.authReauth, { body: input });
}

export interface PasswordConfirmation {
  /** Asks for the password unless it was confirmed recently; false when the person cancels. */
  ensureConfirmed(options?: { force?: boolean }): Promise<boolean>;
}

export const PasswordConfirmationContext = createContext<PasswordConfirmation | null>(null);

export function usePasswordConfirmation(): PasswordConfirmation {
  const value = useContext(PasswordConfirmationContext);
  if (!value) throw new Error("usePasswordConfirmation needs a PasswordConfirmationProvider");
  return value;
}

/**
 * Runs an account administration request with a recently confirmed password: asks first when this page
 * has none, and once more if the server still wants one (it expired, or was confirmed in another tab).
 * Cancelling rejects with the server's REAUTHENTICATION_REQUIRED error (or one like it).
 */
export async function withConfirmedPassword<T>(confirmation: PasswordConfirmation, run: () => Promise<T>): Promise<T> {
  if (!(await confirmation.ensureConfirmed())) throw cancelled();
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== ERROR_CODES.reauthenticationRequired) throw error;
    if (!(await confirmation.ensureConfirmed({ force: true }))) throw error;
    return run();
  }
}

function cancelled(): ApiError {
  return new ApiError({ statusCode: 403, code: ERROR_CODES.reauthenticationRequired, message: "The password was not confirmed" });
}
