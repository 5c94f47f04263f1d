import type { PracticeRevisionState, PracticeState } from "@insek/contracts";
import { type Db, schema } from "@insek/db";

/**
 * A Praxisbeispiel inserted directly in a given state, for tests whose subject is not the workflow (the
 * images, decision 0035): the workflow itself is tested through the API in practices-workflow.test.ts.
 */
export async function insertPractice(
  db: Db,
  options: { state: PracticeState; ags: string[]; authorId?: string | null; revisionState?: PracticeRevisionState; title?: string },
): Promise<number> {
  const published = options.state === "published" || options.state === "withdrawn" ? "2026-10-01T08:00:00.000Z" : null;
  const [row] = await db
    .insert(schema.practices)
    .values({
      title: options.title ?? `Testbeispiel (${options.state})`,
      summary: "Ein Beispiel für die Tests der Bilder.",
      descriptionHtml: "<p>Beschreibung</p>",
      phase: "implementation",
      state: options.state,
      authorId: options.authorId ?? null,
      publishedAt: published,
      lastPublishedAt: published,
    })
    .returning({ id: schema.practices.id });
  if (!row) throw new Error("no practice inserted");
  await db.insert(schema.practiceMunicipalities).values(options.ags.map((ags, position) => ({ practiceId: row.id, ags, position })));
  await db.insert(schema.practiceTopics).values({ practiceId: row.id, topic: "participation" });
  if (options.revisionState) {
    await db.insert(schema.practiceRevisions).values({ practiceId: row.id, state: options.revisionState, content: {} });
  }
  return row.id;
}
