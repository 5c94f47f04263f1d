import { sql } from "drizzle-orm";
import { bigint, check, pgTable, smallint } from "drizzle-orm/pg-core";

/**
 * The data generation: a counter the database raises in every transaction that changes what the
 * public read endpoints answer (status events, the registry, registry imports, settings, account
 * names). Read caches and ETags key on it (apps/api/src/lib/data-generation.ts). Spread over
 * 16 shard rows so that concurrent writers do not queue on one row; the generation is the sum of the
 * shards, which only grows. Raised at commit by a deferred trigger (migration 0006), so that the
 * bump becomes visible exactly with the data it stands for.
 */
export const dataGeneration = pgTable(
  "data_generation",
  {
    shard: smallint("shard").primaryKey(),
    value: bigint("value", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("data_generation_shard_range", sql`${t.shard} between 0 and 15`)],
);

/**
 * One row per changing transaction, inserted by the statement triggers and removed again at commit by
 * the deferred trigger that raises the generation: the hook that runs once per transaction, at commit.
 */
export const dataGenerationPending = pgTable("data_generation_pending", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
});
