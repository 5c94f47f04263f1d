import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { apiDist } from "./server-process.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/cli.js) with `stdin` piped in (not a terminal). */
export function runCli(args: string[], env: Record<string, string>, stdin = ""): Promise<CliResult> {
  const entry = `${apiDist}cli.js`;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "pnpm build" first (pnpm test does)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
