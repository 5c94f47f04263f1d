import { type Db, queryRows, schema } from "@insek/db";
import { sql } from "drizzle-orm";

const { dataGeneration } = schema;

/** The data generation now: the sum of the shards of table data_generation (lib/data-generation.ts, migration 0006). */
export async function queryDataGeneration(db: Db): Promise<string> {
  const rows = await queryRows<{ generation: string | number }>(
    db,
    sql`select coalesce(sum(${dataGeneration.value}), 0)::text as generation from ${dataGeneration}`,
  );
  return String(rows[0]?.generation ?? "0");
}
