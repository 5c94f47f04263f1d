import {
  ERROR_CODES,
  PRACTICE_IMAGE_SIZES,
  PRACTICE_MAX_IMAGES,
  type PracticeImage,
  type PracticeImageSize,
  practiceImageVersion,
  practicePosition,
} from "@insek/contracts";
import type { Db } from "@insek/db";
import { type Principal, requireSignedIn } from "../../lib/access.js";
import { AppError, NotFoundError } from "../../lib/errors.js";
import type { RequestContext } from "../../lib/request-context.js";

import { type ProcessedImage, processImage } from "../../lib/uploads/images.js";
import { recordAudit } from "../audit/audit.service.js";
import { actorOf, imageOf } from "../practices/practices.service.js";
import * as repo from "./practice-images.repo.js";

/*
 * The images of a Praxisbeispiel (decision 0035). Who may see an entry may see its images; who may change
 * them: editors (smr, FS INGE) while the entry is not withdrawn, the entry's owners (a municipality account
 * of one of its municipalities, or its author) while it is a draft or returned to them. Images of a published
 * entry are shown at once, without review, so only editors change them.
 */

/** The caller's column of the workflow table (practices.service), or "anonymous". */
function actorFor(principal: Principal, gate: repo.PracticeGate) {
  return actorOf(principal, { author_id: gate.authorId, ags: gate.ags }) ?? "anonymous";
}

/** Published entries are public (under the route's `read` rule); the others only for editors and owners. */
export function maySee(principal: Principal, gate: repo.PracticeGate): boolean {
  if (gate.state === "published") return true;
  const actor = actorFor(principal, gate);
  return actor === "editor" || actor === "owner";
}

function practiceNotFound(id: number): AppError {
  return new NotFoundError(ERROR_CODES.practiceNotFound, `No Praxisbeispiel with id ${id}`);
}

function imageNotFound(id: number): AppError {
  return new NotFoundError(ERROR_CODES.imageNotFound, `No image with id ${id}`);
}

/** Throws unless the principal may change the images of the entry now. */
function assertMayChangeImages(principal: Principal, gate: repo.PracticeGate): void {
  if (!maySee(principal, gate)) throw practiceNotFound(gate.id);
  const actor = actorFor(principal, gate);
  if (gate.state === "withdrawn") throw new AppError(409, ERROR_CODES.practiceWithdrawn, "The entry is withdrawn; its images stay as they are");
  if (actor === "editor") return;
  if (actor !== "owner") throw new AppError(403, ERROR_CODES.practiceNotOwner, "Only the entry's municipalities, its author and editors change its images");
  const position = practicePosition(gate.state, gate.revisionState);
  if (position === "draft" || position === "returned") return;
  if (position === "submitted") throw new AppError(409, ERROR_CODES.practiceInReview, "The entry is under review; only editors change its images now");
  throw new AppError(
    403,
    ERROR_CODES.practiceImagesEditorsOnly,
    "The entry is published: its images are shown at once, without review, so only editors change them",
  );
}

function tooMany(): AppError {
  const message = `An entry holds at most ${PRACTICE_MAX_IMAGES} images; delete one first`;
  return new AppError(422, ERROR_CODES.practiceImageLimit, message, [{ path: "body.file", code: ERROR_CODES.practiceImageLimit, message }]);
}

/** The sizes of a processed image in the shape the table stores. */
function storedSizes(processed: ProcessedImage): Record<PracticeImageSize, repo.StoredSize> {
  const bySize = new Map(processed.sizes.map((s) => [s.size, { content: s.content, width: s.width, height: s.height }]));
  const pick = (size: PracticeImageSize) => {
    const found = bySize.get(size);
    if (!found) throw new Error(`processImage wrote no ${size} size`);
    return found;
  };
  return { small: pick("small"), medium: pick("medium"), large: pick("large") };
}

/**
 * Adds an uploaded picture to an entry: access is checked first (no picture is decoded for someone who may not
 * add it), then the bytes are checked and re-encoded (lib/uploads/images.ts) outside the transaction, then the
 * entry is locked, access and the number of images checked again, and the sizes stored with an audit entry.
 */
export async function addImage(ctx: RequestContext, practiceId: number, upload: { alt: string; content: Buffer }): Promise<PracticeImage> {
  const { user } = requireSignedIn(ctx.principal);
  const before = await repo.practiceGate(ctx.db, practiceId);
  if (!before) throw practiceNotFound(practiceId);
  assertMayChangeImages(ctx.principal, before);
  if ((await repo.imageCount(ctx.db, practiceId)).count >= PRACTICE_MAX_IMAGES) throw tooMany();
  const processed = await processImage(upload.content);
  return ctx.db.transaction(async (tx) => {
    const gate = await repo.practiceGate(tx, practiceId, true);
    if (!gate) throw practiceNotFound(practiceId);
    assertMayChangeImages(ctx.principal, gate);
    const { count, nextPosition } = await repo.imageCount(tx, practiceId);
    if (count >= PRACTICE_MAX_IMAGES) throw tooMany();
    const id = await repo.insertImage(tx, {
      practiceId,
      alt: upload.alt,
      position: nextPosition,
      contentType: "image/webp",
      sizes: storedSizes(processed),
      createdBy: user.id,
      createdAt: ctx.clock().toISOString(),
    });
    await recordAudit(
      ctx,
      "practice.image_added",
      `practice:${practiceId}`,
      {
        imageId: id,
        alt: upload.alt,
        upload: processed.source,
        sizes: Object.fromEntries(processed.sizes.map((s) => [s.size, { width: s.width, height: s.height, bytes: s.content.length, sha256: s.sha256 }])),
      },
      { db: tx },
    );
    const row = await repo.imageRow(tx, practiceId, id);
    if (!row) throw imageNotFound(id);
    return imageOf(row);
  });
}

async function lockedImage(tx: Db, ctx: RequestContext, practiceId: number, imageId: number): Promise<repo.ImageRow> {
  const gate = await repo.practiceGate(tx, practiceId, true);
  if (!gate) throw practiceNotFound(practiceId);
  assertMayChangeImages(ctx.principal, gate);
  const row = await repo.imageRow(tx, practiceId, imageId);
  if (!row) throw imageNotFound(imageId);
  return row;
}

/** A new alt text; the bytes (and so the image's URLs) stay. */
export async function updateImageAlt(ctx: RequestContext, practiceId: number, imageId: number, alt: string): Promise<PracticeImage> {
  requireSignedIn(ctx.principal);
  return ctx.db.transaction(async (tx) => {
    const row = await lockedImage(tx, ctx, practiceId, imageId);
    await repo.updateImageAlt(tx, imageId, alt);
    await recordAudit(ctx, "practice.image_updated", `practice:${practiceId}`, { imageId, alt: { from: row.alt, to: alt } }, { db: tx });
    return imageOf({ ...row, alt });
  });
}

export async function deleteImage(ctx: RequestContext, practiceId: number, imageId: number): Promise<void> {
  requireSignedIn(ctx.principal);
  await ctx.db.transaction(async (tx) => {
    const row = await lockedImage(tx, ctx, practiceId, imageId);
    await repo.deleteImage(tx, imageId);
    await recordAudit(ctx, "practice.image_deleted", `practice:${practiceId}`, { imageId, alt: row.alt }, { db: tx });
  });
}

/** What GET /api/images/:id sends, and whether anyone may see it (then a shared cache may keep it). */
export interface ImageForDownload {
  content: Buffer;
  contentType: string;
  /** The entry is published: the image is what every reader the route lets in sees. */
  published: boolean;
}

/**
 * One size of an image, for a reader who may see its entry; 404 IMAGE_NOT_FOUND otherwise (an unpublished
 * entry's image is not told apart from a missing one), and for a `v` that is not this image's.
 */
export async function imageForDownload(ctx: Pick<RequestContext, "db" | "principal">, imageId: number, size: PracticeImageSize, v?: string): Promise<ImageForDownload> {
  if (!PRACTICE_IMAGE_SIZES.includes(size)) throw imageNotFound(imageId);
  const found = await repo.imageContent(ctx.db, imageId, size);
  if (!found || (v !== undefined && v !== practiceImageVersion(found.createdAt))) throw imageNotFound(imageId);
  const gate = await repo.practiceGate(ctx.db, found.practiceId);
  if (!gate || !maySee(ctx.principal, gate)) throw imageNotFound(imageId);
  return { content: found.content, contentType: found.contentType, published: gate.state === "published" };
}
