import type { Env } from "../../env.js";

/**
 * Whether the server seeds the demo history at start: on the embedded database by default (a new
 * user sees a living dashboard), on PostgreSQL only when SEED_DEMO_DATA=true. SEED_DEMO_DATA=false
 * switches it off everywhere.
 */
export function demoSeedingEnabled(env: Pick<Env, "DATABASE_URL" | "SEED_DEMO_DATA">): boolean {
  return env.SEED_DEMO_DATA ?? env.DATABASE_URL === undefined;
}
