import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * The value an INSERT proposed for a column (`excluded.<column>`) in its ON CONFLICT DO UPDATE, named from
 * the schema so that a renamed column is a type error.
 */
export function excluded(column: AnyPgColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}
