import type { DirectoryEncoding } from "./types.js";

/**
 * Current Destatis files are UTF-8, older ones Latin-1. Latin-1 text with umlauts is never valid
 * UTF-8, so a strict UTF-8 decode tells the two apart.
 */
export function decodeDirectoryText(bytes: Uint8Array): { text: string; encoding: DirectoryEncoding } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // The WHATWG "latin1" label is windows-1252, a superset of ISO-8859-1 in the printable range.
    return { text: new TextDecoder("latin1").decode(bytes), encoding: "latin1" };
  }
}
