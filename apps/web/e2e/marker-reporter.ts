import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Reporter, TestModule, TestRunEndReason } from "vitest/node";
import { MARKER_FILE } from "./paths";

/**
 * Writes .test-markers/e2e-ran when the browser suite really ran and passed, so CI can tell
 * a green run from a skipped one. A stale marker is removed at the start of every run.
 */
export default class MarkerReporter implements Reporter {
  onInit(): void {
    rmSync(MARKER_FILE, { force: true });
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    const tests = testModules.flatMap((module) => [...module.children.allTests()]);
    const passed = tests.filter((test) => test.result().state === "passed").length;
    if (reason !== "passed" || passed === 0) return;
    mkdirSync(dirname(MARKER_FILE), { recursive: true });
    writeFileSync(MARKER_FILE, `${new Date().toISOString()} ${passed} browser tests passed\n`);
  }
}
