import { fileURLToPath } from "node:url";

/** The official source files kept in the repository (packages/refdata/sources, with their credits). */
export const sourcesDir = fileURLToPath(new URL("../../../../packages/refdata/sources", import.meta.url));
