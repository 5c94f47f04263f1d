import { createHash } from "node:crypto";
import {
  ERROR_CODES,
  PRACTICE_IMAGE_EDGES,
  PRACTICE_IMAGE_MAX_BYTES,
  PRACTICE_IMAGE_MAX_PIXELS,
  PRACTICE_IMAGE_SIZES,
  type PracticeImageSize,
} from "@insek/contracts";
import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata } from "sharp";
import { AppError } from "../errors.js";

/*
 * What an uploaded picture becomes (docs/decisions/0035-practice-images.md): its bytes must be a JPEG, PNG or
 * WebP by their content (file-type's magic bytes, then libvips' own reading of the header must agree), of at
 * most PRACTICE_IMAGE_MAX_BYTES, declaring at most PRACTICE_IMAGE_MAX_PIXELS before a single pixel is decoded (a decompression
 * bomb declares billions and packs into kilobytes). It is then turned upright (EXIF orientation) and written
 * in three web sizes as WebP. sharp writes no metadata unless asked (withMetadata, keepExif): EXIF (with GPS),
 * XMP, IPTC and the colour profile are gone from every size (the pixels are converted to sRGB). The original is
 * not kept.
 */

/** The widest side libvips' WebP writer takes, and more than any photograph needs. */
const MAX_SIDE = 16_383;

/** The formats taken, as file-type names them and as libvips names them. */
const TAKEN: Record<string, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp" };

/** Seconds libvips may spend on one size before the upload is refused (a defence, not a budget). */
const TIMEOUT_SECONDS = 30;

export interface ProcessedSize {
  size: PracticeImageSize;
  mediaType: "image/webp";
  width: number;
  height: number;
  content: Buffer;
  sha256: string;
}

export interface ProcessedImage {
  /** What the upload was, by its content. */
  source: { mediaType: string; width: number; height: number; bytes: number };
  sizes: ProcessedSize[];
}

function fileIssue(statusCode: number, code: string, message: string): AppError {
  return new AppError(statusCode, code, message, [{ path: "body.file", code, message }]);
}

export function imageTooLarge(): AppError {
  return fileIssue(422, ERROR_CODES.practiceImageTooLarge, `The picture is larger than ${Math.round(PRACTICE_IMAGE_MAX_BYTES / 1024 / 1024)} MB`);
}

function notAllowed(what: string): AppError {
  return fileIssue(422, ERROR_CODES.practiceImageInvalid, `The file is ${what}; send a JPEG, PNG or WebP picture`);
}

/**
 * Checks the bytes of an uploaded picture and writes its web sizes. Throws 422 with the field `file` and one
 * code each: PRACTICE_IMAGE_TOO_LARGE, PRACTICE_IMAGE_INVALID (not a JPEG, PNG or WebP by content, the name and
 * the Content-Type are never asked; or libvips cannot decode it), PRACTICE_IMAGE_TOO_MANY_PIXELS (declared,
 * refused before decoding).
 * `effort` is libwebp's (0 fastest … 6 smallest; 4 by default): the demo's drawn scenes take 0.
 */
export async function processImage(data: Buffer, options: { effort?: number } = {}): Promise<ProcessedImage> {
  if (data.length > PRACTICE_IMAGE_MAX_BYTES) throw imageTooLarge();
  const detected = (await fileTypeFromBuffer(data))?.mime;
  if (detected === undefined) throw notAllowed("no picture of a known type");
  const format = TAKEN[detected];
  if (format === undefined) throw notAllowed(detected);

  // The header only: no pixel is decoded here, so a bomb's claim is read at the cost of its first bytes.
  let declared: Metadata;
  try {
    declared = await sharp(data, { limitInputPixels: false, failOn: "error" }).metadata();
  } catch {
    throw fileIssue(422, ERROR_CODES.practiceImageInvalid, "The picture cannot be read (damaged or incomplete)");
  }
  if (declared.format !== format) throw notAllowed(`${detected} by its signature but ${declared.format} by its header`);
  const width = declared.width;
  const height = declared.height;
  if (width * height > PRACTICE_IMAGE_MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE) {
    throw fileIssue(
      422,
      ERROR_CODES.practiceImageTooManyPixels,
      `The picture declares ${width} × ${height} pixels; at most ${PRACTICE_IMAGE_MAX_PIXELS / 1_000_000} megapixels and ${MAX_SIDE} pixels a side are taken`,
    );
  }

  try {
    // Decoded once (upright, at most the largest size), then each size is written from those pixels.
    const largest = PRACTICE_IMAGE_EDGES.large;
    const upright = await sharp(data, { limitInputPixels: PRACTICE_IMAGE_MAX_PIXELS, failOn: "error", sequentialRead: true })
      .timeout({ seconds: TIMEOUT_SECONDS })
      .rotate()
      .resize({ width: largest, height: largest, fit: "inside", withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: upright.info.width, height: upright.info.height, channels: upright.info.channels };
    const sizes: ProcessedSize[] = [];
    for (const size of PRACTICE_IMAGE_SIZES) {
      const side = PRACTICE_IMAGE_EDGES[size];
      const written = await sharp(upright.data, { raw })
        .timeout({ seconds: TIMEOUT_SECONDS })
        .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true })
        .webp({ quality: size === "small" ? 75 : 80, effort: options.effort ?? 4 })
        .toBuffer({ resolveWithObject: true });
      sizes.push({
        size,
        mediaType: "image/webp",
        width: written.info.width,
        height: written.info.height,
        content: written.data,
        sha256: createHash("sha256").update(written.data).digest("hex"),
      });
    }
    return { source: { mediaType: detected, width, height, bytes: data.length }, sizes };
  } catch {
    throw fileIssue(422, ERROR_CODES.practiceImageInvalid, "The picture cannot be read (damaged or incomplete)");
  }
}
