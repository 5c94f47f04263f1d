import path from "node:path";
import { fileURLToPath } from "node:url";

/** The official source files live beside the repository, never inside it (../shared/data). */
export const sharedDataDir =
  process.env.SHARED_DATA_DIR ?? path.resolve(fileURLToPath(new URL("../../../..", import.meta.url)), "../shared/data");
