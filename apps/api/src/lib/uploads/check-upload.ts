import { ERROR_CODES } from "@insek/contracts";
import { fileTypeFromBuffer } from "file-type";
import { type UploadKind, UploadTooLargeError, UploadTypeError } from "./upload-limits.js";
import { checkXlsx } from "./xlsx-bounds.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 without NUL bytes: what no binary format (PNG, ZIP, PDF streams) is. */
function isText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    utf8.decode(data);
    return true;
  } catch {
    return false;
  }
}

/**
 * The checks every upload passes before it is parsed: its size, what it unpacks to (archives), and
 * what its bytes are (magic bytes, detected by file-type) against the types its kind takes. A text
 * kind takes UTF-8 without NUL bytes, or bytes without a known binary signature (its reader then says
 * what is wrong with them, e.g. another encoding). Returns the detected MIME type ("text"
 * for text). Throws 413/415/422 errors in the error shape (upload-limits.ts).
 */
export async function checkUpload(kind: UploadKind, data: Buffer): Promise<string> {
  if (data.length > kind.maxBytes) {
    throw new UploadTooLargeError(ERROR_CODES.payloadTooLarge, `The file is larger than ${Math.round(kind.maxBytes / 1024 / 1024)} MB`);
  }
  // Archives are bounded before anything (file-type included) inflates a part of them.
  if (kind.archive && kind.table && kind.contentTypes.includes(XLSX)) await checkXlsx(data, kind.archive, kind.table);
  // Text may begin with what is a binary signature elsewhere ("BM" of a bitmap): text is what decodes.
  if (kind.contentTypes.includes("text") && isText(data)) return "text";
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
