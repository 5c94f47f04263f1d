import { parseArgs } from "node:util";
import { type AccountCreate, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, accountCreateSchema } from "@insek/contracts";
import { ensureMigrated, openDatabase } from "@insek/db";
import type { Env } from "../env.js";
import { AppError } from "../lib/errors.js";
import { updateUser } from "../modules/accounts/accounts.repo.js";
import { createAccount } from "../modules/accounts/accounts.service.js";
import { hashPassword } from "../modules/accounts/passwords.js";
import { insertAuditRow } from "../modules/audit/audit.repo.js";
import { UsageError } from "./import-gv100ad.js";

export const USER_CREATE_USAGE =
  "pnpm insek user:create --email <e-mail> --role smr|advisor|municipality [--ags <AGS>]... [--admin] [--name <display name>]";

export interface PasswordSource {
  isTTY: boolean;
  /** The first line of standard input (without the line break). */
  readLine(): Promise<string>;
  /** Asks on the terminal without echoing what is typed. */
  prompt(question: string): Promise<string>;
}

/** Reads one line of standard input; on a terminal, asks twice without echo. */
export function stdinPasswordSource(): PasswordSource {
  return {
    isTTY: process.stdin.isTTY === true,
    readLine: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    },
    prompt: (question) =>
      new Promise((resolve, reject) => {
        const stdin = process.stdin;
        process.stderr.write(question);
        let typed = "";
        stdin.setRawMode(true);
        stdin.resume();
        stdin.setEncoding("utf8");
        const onData = (data: string) => {
          for (const ch of data) {
            if (ch === "\r" || ch === "\n") {
              done();
              resolve(typed);
              return;
            }
            if (ch === "\u0003") {
              done();
              reject(new UsageError("Aborted"));
              return;
            }
            typed = ch === "\u007f" || ch === "\b" ? typed.slice(0, -1) : typed + ch;
          }
        };
        const done = () => {
          stdin.off("data", onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write("\n");
        };
        stdin.on("data", onData);
      }),
  };
}

async function readPassword(source: PasswordSource): Promise<string> {
  if (!source.isTTY) return source.readLine();
  const first = await source.prompt(`Passwort (mindestens ${PASSWORD_MIN_LENGTH} Zeichen): `);
  const second = await source.prompt("Passwort wiederholen: ");
  if (first !== second) throw new UsageError("The two passwords differ");
  return first;
}

/**
 * Creates an account with a password, e.g. the first administrator of an instance. The password comes
 * from standard input (or a prompt without echo), never from the command line, where other users of the
 * machine and the shell history would see it.
 */
export async function runUserCreate(argv: string[], env: Env, out: (s: string) => void, source = stdinPasswordSource()): Promise<number> {
  if (argv.some((a) => a === "--password" || a.startsWith("--password="))) {
    throw new UsageError("The password is read from standard input, never from the command line.");
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        ags: { type: "string", multiple: true },
        admin: { type: "boolean", default: false },
        name: { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USER_CREATE_USAGE}`);
  }
  const parsed = accountCreateSchema.safeParse({
    email: values.email,
    role: values.role,
    displayName: values.name ?? values.email?.split("@")[0],
    admin: values.admin,
    ags: values.ags ?? [],
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  --${String(i.path[0] ?? "?")}: ${i.message}`).join("\n");
    throw new UsageError(`${problems}\n${USER_CREATE_USAGE}`);
  }
  const input: AccountCreate = parsed.data;

  const password = await readPassword(source);
  if (password.length < PASSWORD_MIN_LENGTH) throw new UsageError(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (password.length > PASSWORD_MAX_LENGTH) throw new UsageError(`The password must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const passwordHash = await hashPassword(password);

  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR });
  try {
    await ensureMigrated(database);
    const now = new Date();
    const user = await database.db.transaction(async (tx) => {
      const created = await createAccount(tx, input, now);
      await updateUser(tx, created.id, { passwordHash, passwordChangedAt: now });
      await insertAuditRow(tx, {
        at: now,
        actorUserId: null,
        actorLabel: "cli",
        action: "user.created",
        target: `user:${created.id}`,
        details: { email: created.email, role: created.role, admin: created.admin, ags: input.ags ?? [] },
      });
      return created;
    });
    out(`Konto angelegt: ${user.email} (${user.role}${user.admin ? ", Administration" : ""})`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      out(`${error.message}${error.issues ? `: ${error.issues.map((i) => i.message).join("; ")}` : ""}`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}
