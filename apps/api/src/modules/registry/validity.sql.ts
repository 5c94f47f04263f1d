import { type SQL, sql } from "drizzle-orm";
import { schema } from "@insek/db";

const { municipalities } = schema;

/**
 * Municipalities that exist on `date`: valid_from on or before it, valid_to (first day gone) after it.
 * `date`: an ISO date, or an expression of type date (e.g. a column of the statement).
 */
export function existsOn(date: string | SQL): SQL {
  const on = typeof date === "string" ? sql`${date}::date` : date;
  return sql`(${municipalities.validFrom} is null or ${municipalities.validFrom} <= ${on})
    and (${municipalities.validTo} is null or ${municipalities.validTo} > ${on})`;
}
