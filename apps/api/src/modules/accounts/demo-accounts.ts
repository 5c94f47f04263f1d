import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseHandle } from "@insek/db";
import type { Env } from "../../env.js";
import { ensurePublicAccess, insertSetting, settingExists } from "../settings/settings.repo.js";
import { currentAgsOfDistrict, findUserByEmail, insertAssignments, insertUser, replaceMunicipalitiesOfUser } from "./accounts.repo.js";
import { systemClock, todayInSaxony } from "../../lib/clock.js";
import { insertDemoConsultations } from "../demo/demo-consultations.js";
import { isEmbeddedDemo } from "../demo/demo-switch.js";
import { hashPassword } from "./passwords.js";
import { readablePassword } from "./secrets.js";

type StartEnv = Pick<Env, "DATABASE_URL" | "NODE_ENV" | "DATA_DIR">;

const MARKER = "demo_accounts";
export const DEMO_ACCOUNTS_FILE = "demo-accounts.txt";

/** Landkreis Meißen: the demo advisor's portfolio; Großenhain: the demo municipality. */
const DEMO_DISTRICT = "14627";
const DEMO_MUNICIPALITY = "14627060";
/** FS INGE began advising in March 2024. */
const DEMO_ASSIGNMENT_FROM = "2024-03-01";

const DEMO_ACCOUNTS = [
  { email: "smr@demo.insek.example", displayName: "SMR Demo (Administration)", role: "smr", admin: true, label: "SMR, Administration" },
  { email: "fs-inge@demo.insek.example", displayName: "FS INGE Demo (Landkreis Meißen)", role: "advisor", admin: false, label: "FS INGE, Landkreis Meißen" },
  { email: "grossenhain@demo.insek.example", displayName: "Stadt Großenhain (Demo)", role: "municipality", admin: false, label: "Gemeinde Großenhain" },
] as const;

export function demoAccountsWanted(env: StartEnv): boolean {
  return isEmbeddedDemo(env);
}

/** Where the start-up prints for a person: passwords only when that is a terminal, never into a log. */
export interface DemoOutput {
  write(text: string): void;
  /** Whether `write` reaches a terminal (TTY); otherwise (a pipe, a file, a log collector) no password is printed. */
  terminal: boolean;
}

const stderrOutput = (): DemoOutput => ({ write: (text) => process.stderr.write(text), terminal: process.stderr.isTTY === true });

/**
 * On the embedded demo (never in production, never with DATABASE_URL): creates one account per role
 * once, with random passwords, and writes them to DATA_DIR/demo-accounts.txt (mode 600). The start that
 * created them prints them too when its output is a terminal; to a pipe or log it prints only where the
 * file is. Later starts print that file's path. Returns the file's path.
 */
export async function ensureDemoAccounts(
  database: DatabaseHandle,
  env: StartEnv,
  output: DemoOutput = stderrOutput(),
): Promise<string | undefined> {
  if (!demoAccountsWanted(env)) return undefined;
  const file = path.resolve(env.DATA_DIR, DEMO_ACCOUNTS_FILE);
  const created = await database.withLock(() =>
    database.db.transaction(async (tx) => {
      if (await settingExists(tx, MARKER)) return undefined;
      const lines: string[] = [];
      for (const account of DEMO_ACCOUNTS) {
        if (await findUserByEmail(tx, account.email)) continue;
        const password = readablePassword();
        const user = await insertUser(tx, {
          email: account.email,
          displayName: account.displayName,
          role: account.role,
          admin: account.admin,
          passwordHash: await hashPassword(password),
          passwordChangedAt: new Date(),
        });
        if (account.role === "advisor") {
          const ags = await currentAgsOfDistrict(tx, DEMO_DISTRICT);
          await insertAssignments(tx, ags.map((a) => ({ advisorUserId: user.id, ags: a, validFrom: DEMO_ASSIGNMENT_FROM })));
          await insertDemoConsultations(tx, user.id, ags, todayInSaxony(systemClock), new Date());
        }
        if (account.role === "municipality") await replaceMunicipalitiesOfUser(tx, user.id, [DEMO_MUNICIPALITY]);
        lines.push(`  ${account.label.padEnd(28)} ${account.email.padEnd(32)} ${password}`);
      }
      await insertSetting(tx, MARKER, { createdAt: new Date().toISOString() });
      return lines;
    }),
  );
  if (created && created.length > 0) {
    const text = `Demo-Zugänge (nur für die eingebettete Demo-Datenbank; Passwörter werden nicht wieder angezeigt):\n${created.join("\n")}\n`;
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600);
    output.write(output.terminal ? `\n${text}  Gespeichert in ${file}\n` : `\nDemo-Zugänge angelegt: Passwörter in ${file} (nur für den Eigentümer lesbar)\n`);
  } else {
    output.write(`\nDemo-Zugänge: siehe ${file}\n`);
  }
  return file;
}

/**
 * Start-up: writes the public-access setting if absent (on for the embedded demo, off in production and
 * with DATABASE_URL) and creates the demo accounts where wanted. Idempotent; safe with several instances.
 */
export async function prepareAccessControl(
  database: DatabaseHandle,
  env: StartEnv,
  output?: DemoOutput,
): Promise<void> {
  await ensurePublicAccess(database.db, isEmbeddedDemo(env));
  await ensureDemoAccounts(database, env, output);
}
