import { StringDecoder } from "node:string_decoder";
import { ERROR_CODES } from "@insek/contracts";
import { SaxesParser } from "saxes";
import { type ArchiveLimits, type TableLimits, UploadContentError } from "./upload-limits.js";
import { type EntryObserver, checkArchive } from "./zip-bounds.js";

/** The worksheets and the shared strings of a workbook: where its rows and cell texts are. */
const WORKSHEET = /(^|\/)worksheets\/[^/]+\.xml$/i;
const SHARED_STRINGS = /(^|\/)sharedStrings[^/]*\.xml$/i;

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Column number of a cell reference such as "AB12" (0 when there is none). */
export function columnOfReference(reference: string): number {
  let column = 0;
  for (const char of reference.toUpperCase()) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    if (column > 1_000_000) break;
  }
  return column;
}

interface Counts {
  sheets: number;
  cells: number;
}

/** Streams one XML entry through a SAX parser (saxes), counting what `on` asks for. */
function xmlObserver(setup: (parser: SaxesParser) => void): EntryObserver {
  const parser = new SaxesParser();
  const decoder = new StringDecoder("utf8");
  setup(parser);
  return {
    write: (chunk) => {
      parser.write(decoder.write(chunk));
    },
    end: () => {
      parser.write(decoder.end());
      parser.close();
    },
  };
}

function worksheetObserver(limits: TableLimits, counts: Counts): EntryObserver {
  counts.sheets++;
  if (counts.sheets > limits.maxSheets) {
    throw new UploadContentError(ERROR_CODES.tooManySheets, `The workbook holds more than ${limits.maxSheets} worksheets`);
  }
  let rows = 0;
  let cellsInRow = 0;
  let cellDepth = 0;
  let cellChars = 0;
  return xmlObserver((parser) => {
    parser.on("opentag", (tag) => {
      const name = localName(tag.name);
      if (cellDepth > 0) {
        cellDepth++;
        return;
      }
      if (name === "row") {
        rows++;
        cellsInRow = 0;
        // The header row and at most maxRows data rows.
        if (rows > limits.maxRows + 1) {
          throw new UploadContentError(ERROR_CODES.tooManyRows, `A worksheet holds more than ${limits.maxRows} data rows`);
        }
      } else if (name === "c") {
        cellDepth = 1;
        cellChars = 0;
        cellsInRow++;
        counts.cells++;
        const reference = tag.attributes.r;
        const column = typeof reference === "string" ? columnOfReference(reference) : cellsInRow;
        if (cellsInRow > limits.maxColumns || column > limits.maxColumns) {
          throw new UploadContentError(ERROR_CODES.tooManyColumns, `A row holds cells beyond column ${limits.maxColumns}`);
        }
        if (counts.cells > limits.maxCells) {
          throw new UploadContentError(ERROR_CODES.tooManyCells, `The workbook holds more than ${limits.maxCells} cells`);
        }
      }
    });
    parser.on("closetag", () => {
      if (cellDepth > 0) cellDepth--;
    });
    const onText = (text: string) => {
      if (cellDepth === 0) return;
      cellChars += text.length;
      if (cellChars > limits.maxCellChars) {
        throw new UploadContentError(ERROR_CODES.cellTooLong, `A cell holds more than ${limits.maxCellChars} characters`);
      }
    };
    parser.on("text", onText);
    parser.on("cdata", onText);
  });
}

function sharedStringsObserver(limits: TableLimits): EntryObserver {
  let strings = 0;
  let depth = 0;
  let chars = 0;
  return xmlObserver((parser) => {
    parser.on("opentag", (tag) => {
      if (depth > 0) {
        depth++;
      } else if (localName(tag.name) === "si") {
        depth = 1;
        chars = 0;
        strings++;
        if (strings > limits.maxCells) {
          throw new UploadContentError(ERROR_CODES.tooManyCells, `The workbook holds more than ${limits.maxCells} texts`);
        }
      }
    });
    parser.on("closetag", () => {
      if (depth > 0) depth--;
    });
    const onText = (text: string) => {
      if (depth === 0) return;
      chars += text.length;
      if (chars > limits.maxCellChars) {
        throw new UploadContentError(ERROR_CODES.cellTooLong, `A cell holds more than ${limits.maxCellChars} characters`);
      }
    };
    parser.on("text", onText);
    parser.on("cdata", onText);
  });
}

/**
 * Everything an XLSX workbook may cost, checked in one streaming pass before a spreadsheet library
 * builds it in memory: the archive's bounds (checkArchive) and, while its worksheets and shared
 * strings inflate, the number of worksheets, rows per sheet, columns, cells and characters per cell.
 */
export async function checkXlsx(data: Buffer, archive: ArchiveLimits, table: TableLimits): Promise<void> {
  const counts: Counts = { sheets: 0, cells: 0 };
  await checkArchive(data, archive, (fileName) => {
    if (WORKSHEET.test(fileName)) return worksheetObserver(table, counts);
    if (SHARED_STRINGS.test(fileName)) return sharedStringsObserver(table);
    return undefined;
  });
}
