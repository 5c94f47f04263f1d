import type { Env } from "../../env.js";

type DemoEnv = Pick<Env, "DATABASE_URL" | "NODE_ENV">;

/**
 * The embedded demonstration: the embedded database outside production. Only there do the defaults
 * favour a first look (demo history, demo accounts, anonymous reading on); a production server starts
 * with nothing made up and anonymous reading off, whatever the database.
 */
export function isEmbeddedDemo(env: DemoEnv): boolean {
  return env.DATABASE_URL === undefined && env.NODE_ENV !== "production";
}

/**
 * Whether the server seeds the demo history at start: on the embedded demo by default (a new user sees a
 * living dashboard), elsewhere only when SEED_DEMO_DATA=true, never in production (env.ts refuses the
 * flag there: made-up events could never be removed from the append-only history). SEED_DEMO_DATA=false
 * switches it off everywhere.
 */
export function demoSeedingEnabled(env: DemoEnv & Pick<Env, "SEED_DEMO_DATA">): boolean {
  if (env.NODE_ENV === "production") return false;
  return env.SEED_DEMO_DATA ?? isEmbeddedDemo(env);
}
