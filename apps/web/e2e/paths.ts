import { fileURLToPath } from "node:url";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const WEB_DIR = here("..");
export const WEB_DIST_INDEX = here("../dist/index.html");
export const API_SERVER = here("../../api/dist/server.js");
export const RESULTS_DIR = here("../test-results");
export const SCREENSHOT_DIR = here("../test-results/screenshots");
export const SERVER_LOG = here("../test-results/e2e-server.log");
export const MARKER_FILE = here("../.test-markers/e2e-ran");
