// Rewrites packages/db/functions/ from a freshly migrated in-memory database (pnpm --filter @insek/db functions:dump).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { wrapPglite } from "../src/client.js";
import { databaseFunctions, functionFileNames, functionsFolder, renderFunctionFile } from "../src/function-files.js";
import { migrateDatabase } from "../src/migrate.js";

const handle = wrapPglite(await PGlite.create());
await migrateDatabase(handle);
const functions = await databaseFunctions(handle.db);
for (const name of functionFileNames()) rmSync(join(functionsFolder, `${name}.sql`));
for (const fn of functions) writeFileSync(join(functionsFolder, `${fn.name}.sql`), renderFunctionFile(fn));
await handle.close();
console.log(`${functions.length} function files written to ${functionsFolder}`);
