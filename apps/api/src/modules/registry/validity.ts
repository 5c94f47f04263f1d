import { type SQL, sql } from "drizzle-orm";
import { schema } from "@insek/db";

const { municipalities } = schema;

/** Municipalities that exist on `date`: valid_from on or before it, valid_to (first day gone) after it. */
export function existsOn(date: string): SQL {
  return sql`(${municipalities.validFrom} is null or ${municipalities.validFrom} <= ${date}::date)
    and (${municipalities.validTo} is null or ${municipalities.validTo} > ${date}::date)`;
}
