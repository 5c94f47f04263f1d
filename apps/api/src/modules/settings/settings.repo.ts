import { type Db, excluded, schema } from "@insek/db";
import { eq, sql } from "drizzle-orm";
import { DEMO_SETTING_KEY } from "../demo/demo.repo.js";

const { appSettings } = schema;

const PUBLIC_ACCESS = "public_access";

function enabledOf(value: unknown): boolean | undefined {
  if (typeof value !== "object" || value === null || !("enabled" in value)) return undefined;
  return typeof value.enabled === "boolean" ? value.enabled : undefined;
}

/** Whether anonymous visitors may read; `fallback` when the setting has not been written yet. */
export async function readPublicAccess(db: Db, fallback: boolean): Promise<boolean> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, PUBLIC_ACCESS));
  return enabledOf(row?.value) ?? fallback;
}

export async function writePublicAccess(db: Db, enabled: boolean, at: Date): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key: PUBLIC_ACCESS, value: { enabled }, updatedAt: at })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: excluded(appSettings.value), updatedAt: excluded(appSettings.updatedAt) } });
}

/** Writes the setting once; an existing value (e.g. changed by an administrator) stays. */
export async function ensurePublicAccess(db: Db, enabled: boolean): Promise<void> {
  await db.insert(appSettings).values({ key: PUBLIC_ACCESS, value: { enabled } }).onConflictDoNothing();
}

/** Whether a setting has been written (e.g. a one-time marker such as the demo accounts'). */
export async function settingExists(db: Db, key: string): Promise<boolean> {
  const rows = await db.select({ key: appSettings.key }).from(appSettings).where(eq(appSettings.key, key));
  return rows.length > 0;
}

export async function insertSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db.insert(appSettings).values({ key, value });
}

/**
 * Whether the database holds the synthetic demo history, as a fragment for the statements that carry the
 * flag with their figures (statistics, timeline, exports), so that nobody mistakes demo data for real data.
 */
export const demoDataFlag = sql`exists (select 1 from ${appSettings} where ${appSettings.key} = ${DEMO_SETTING_KEY})`;
