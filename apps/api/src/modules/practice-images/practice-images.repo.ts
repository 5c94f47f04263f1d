import type { PracticeImageSize, PracticeRevisionState, PracticeState } from "@insek/contracts";
import { type Db, schema } from "@insek/db";
import { and, asc, count, eq, max } from "drizzle-orm";

const { practices, practiceImages: images, practiceMunicipalities, practiceRevisions } = schema;

/** What decides who may see an entry and change its images. */
export interface PracticeGate {
  id: number;
  state: PracticeState;
  revisionState: PracticeRevisionState | null;
  authorId: string | null;
  ags: string[];
}

/** The entry's state, author, municipalities and open revision; `lock` takes the entry's row for update. */
export async function practiceGate(db: Db, id: number, lock = false): Promise<PracticeGate | undefined> {
  const query = db.select({ id: practices.id, state: practices.state, authorId: practices.authorId }).from(practices).where(eq(practices.id, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return undefined;
  const [members, revisions] = await Promise.all([
    db
      .select({ ags: practiceMunicipalities.ags })
      .from(practiceMunicipalities)
      .where(eq(practiceMunicipalities.practiceId, id))
      .orderBy(asc(practiceMunicipalities.position)),
    db.select({ state: practiceRevisions.state }).from(practiceRevisions).where(eq(practiceRevisions.practiceId, id)),
  ]);
  return { ...row, revisionState: revisions[0]?.state ?? null, ags: members.map((m) => m.ags) };
}

/** The columns of an image without its bytes. */
const imageFacts = {
  id: images.id,
  practiceId: images.practiceId,
  alt: images.alt,
  position: images.position,
  contentType: images.contentType,
  smallWidth: images.smallWidth,
  smallHeight: images.smallHeight,
  mediumWidth: images.mediumWidth,
  mediumHeight: images.mediumHeight,
  largeWidth: images.largeWidth,
  largeHeight: images.largeHeight,
  createdAt: images.createdAt,
};

export type ImageRow = {
  id: number;
  practiceId: number;
  alt: string;
  position: number;
  contentType: string;
  smallWidth: number;
  smallHeight: number;
  mediumWidth: number;
  mediumHeight: number;
  largeWidth: number;
  largeHeight: number;
  createdAt: string;
};

export async function imageRow(db: Db, practiceId: number, imageId: number): Promise<ImageRow | undefined> {
  const [row] = await db
    .select(imageFacts)
    .from(images)
    .where(and(eq(images.id, imageId), eq(images.practiceId, practiceId)));
  return row;
}

/** How many images the entry has, and the next position. */
export async function imageCount(db: Db, practiceId: number): Promise<{ count: number; nextPosition: number }> {
  const [row] = await db
    .select({ count: count(), last: max(images.position) })
    .from(images)
    .where(eq(images.practiceId, practiceId));
  return { count: row?.count ?? 0, nextPosition: (row?.last ?? 0) + 1 };
}

export interface StoredSize {
  content: Buffer;
  width: number;
  height: number;
}

export interface NewImage {
  practiceId: number;
  alt: string;
  position: number;
  contentType: string;
  sizes: Record<PracticeImageSize, StoredSize>;
  createdBy: string | null;
  createdAt: string;
}

export async function insertImage(db: Db, image: NewImage): Promise<number> {
  const { small, medium, large } = image.sizes;
  const [row] = await db
    .insert(images)
    .values({
      practiceId: image.practiceId,
      alt: image.alt,
      position: image.position,
      contentType: image.contentType,
      small: small.content,
      smallWidth: small.width,
      smallHeight: small.height,
      medium: medium.content,
      mediumWidth: medium.width,
      mediumHeight: medium.height,
      large: large.content,
      largeWidth: large.width,
      largeHeight: large.height,
      createdBy: image.createdBy,
      createdAt: image.createdAt,
    })
    .returning({ id: images.id });
  if (!row) throw new Error("insert into practice_images returned no row");
  return row.id;
}

export async function updateImageAlt(db: Db, imageId: number, alt: string): Promise<void> {
  await db.update(images).set({ alt }).where(eq(images.id, imageId));
}

export async function deleteImage(db: Db, imageId: number): Promise<void> {
  await db.delete(images).where(eq(images.id, imageId));
}

/** One size's bytes of an image, with what decides who may see it. */
export async function imageContent(
  db: Db,
  imageId: number,
  size: PracticeImageSize,
): Promise<{ practiceId: number; contentType: string; createdAt: string; content: Buffer } | undefined> {
  const [row] = await db
    .select({ practiceId: images.practiceId, contentType: images.contentType, createdAt: images.createdAt, content: images[size] })
    .from(images)
    .where(eq(images.id, imageId));
  return row;
}
