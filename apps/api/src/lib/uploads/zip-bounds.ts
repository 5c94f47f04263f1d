import type { Readable } from "node:stream";
import { ERROR_CODES } from "@insek/contracts";
import yauzl from "yauzl";
import { AppError } from "../errors.js";
import { type ArchiveLimits, UploadTooLargeError } from "./upload-limits.js";

/** Reads the unpacked bytes of one entry as they are inflated; may throw to refuse the file. */
export interface EntryObserver {
  write(chunk: Buffer): void;
  end(): void;
}

export class ArchiveUnreadableError extends Error {}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Checks a ZIP archive against its limits without keeping what it unpacks: first the central
 * directory (number of entries, declared sizes, compression ratio), then every entry is inflated
 * and its actual bytes counted against the same bounds, since the declared sizes may lie (yauzl also
 * refuses an entry that inflates to more than it declares). `observe` may look at the unpacked bytes
 * of chosen entries while they stream past (e.g. to count rows). Throws UploadTooLargeError (413),
 * ArchiveUnreadableError for what is no ZIP, or whatever an observer throws.
 */
export async function checkArchive(
  data: Buffer,
  limits: ArchiveLimits,
  observe: (fileName: string) => EntryObserver | undefined = () => undefined,
): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw new ArchiveUnreadableError("not a ZIP archive");
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new UploadTooLargeError(ERROR_CODES.archiveTooManyEntries, `The file holds ${zip.entryCount} parts; at most ${limits.maxEntries} are taken`);
  }
  const entries = await readDirectory(zip);
  try {
    let declared = 0;
    for (const entry of entries) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) {
        throw new UploadTooLargeError(ERROR_CODES.unpackedTooLarge, `The file unpacks to more than ${mb(limits.maxUnpackedBytes)}`);
      }
      if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
        throw new UploadTooLargeError(ERROR_CODES.compressionRatioTooHigh, `A part of the file is packed more than ${limits.maxRatio} times tighter than any spreadsheet is`);
      }
    }
    let actual = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      const observer = observe(entry.fileName);
      const stream = await openEntry(zip, entry);
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          actual += chunk.length;
          if (actual > limits.maxUnpackedBytes) {
            throw new UploadTooLargeError(ERROR_CODES.unpackedTooLarge, `The file unpacks to more than ${mb(limits.maxUnpackedBytes)}`);
          }
          observer?.write(chunk);
        }
      } catch (error) {
        throw isInflateError(error) ? tooLargeOrUnreadable(error) : error;
      } finally {
        stream.destroy();
      }
      observer?.end();
    }
  } finally {
    zip.close();
  }
  return entries.map((e) => e.fileName);
}

function readDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", () => reject(new ArchiveUnreadableError("broken ZIP directory")));
    zip.readEntry();
  });
}

async function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  try {
    return await zip.openReadStreamPromise(entry);
  } catch {
    throw new ArchiveUnreadableError("unreadable ZIP entry");
  }
}

/** Errors yauzl and zlib raise while inflating (not a refusal of ours or of an observer). */
function isInflateError(error: unknown): error is Error {
  return error instanceof Error && !(error instanceof AppError);
}

function tooLargeOrUnreadable(error: Error): Error {
  // yauzl: "too many bytes in the stream. expected N. got at least M" when an entry lies about its size.
  if (/too many bytes/i.test(error.message)) {
    return new UploadTooLargeError(ERROR_CODES.unpackedTooLarge, "A part of the file unpacks to more than its directory declares");
  }
  return new ArchiveUnreadableError("unreadable ZIP entry");
}
