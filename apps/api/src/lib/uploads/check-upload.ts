import { ERROR_CODES } from "@insek/contracts";
import { fileTypeFromBuffer } from "file-type";
import { type UploadKind, UploadTooLargeError, UploadTypeError } from "./upload-limits.js";
import { checkXlsx } from "./xlsx-bounds.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The checks every upload passes before it is parsed: its size, what it unpacks to (archives), and
 * what its bytes are (magic bytes, detected by file-type) against the types its kind takes. A text
 * kind takes only bytes without a known binary signature. Returns the detected MIME type ("text"
 * for text). Throws 413/415/422 errors in the error shape (upload-limits.ts).
 */
export async function checkUpload(kind: UploadKind, data: Buffer): Promise<string> {
  if (data.length > kind.maxBytes) {
    throw new UploadTooLargeError(ERROR_CODES.payloadTooLarge, `The file is larger than ${Math.round(kind.maxBytes / 1024 / 1024)} MB`);
  }
  // Archives are bounded before anything (file-type included) inflates a part of them.
  if (kind.archive && kind.table && kind.contentTypes.includes(XLSX)) await checkXlsx(data, kind.archive, kind.table);
  const detected = (await fileTypeFromBuffer(data))?.mime ?? "text";
  if (!kind.contentTypes.includes(detected)) {
    throw new UploadTypeError(
      detected === "text"
        ? `The file is not of the expected type (${kind.contentTypes.join(", ")})`
        : `The file is ${detected}, expected ${kind.contentTypes.join(", ")}`,
    );
  }
  return detected;
}
