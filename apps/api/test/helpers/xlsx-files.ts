import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * Hand-built XLSX files for attacks that no spreadsheet program writes: a sheet that inflates to
 * gigabytes from a few megabytes, and parts whose directory declares less than they hold. The deflate
 * stream of a huge sheet is built from one compressed block repeated (each block ends with a full
 * flush, so it stands alone), which makes a 4 GB sheet in milliseconds.
 */

interface Part {
  name: string;
  /** Raw deflate data. */
  packed: Buffer;
  unpackedSize: number;
  crc: number;
  /** Size written into the headers (default: the true one). */
  declaredSize?: number;
}

function fullFlushed(text: string): Buffer {
  return deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
}

const FINAL_EMPTY_BLOCK = deflateRawSync(Buffer.alloc(0));

function textPart(name: string, text: string): Part {
  const data = Buffer.from(text);
  return { name, packed: deflateRawSync(data), unpackedSize: data.length, crc: crc32(data) };
}

/** A part of `head` + `repeat` × `times` + `tail`, deflated without ever holding it unpacked. */
function repeatedPart(name: string, head: string, repeat: string, times: number, tail: string): Part {
  const block = fullFlushed(repeat);
  const packed = Buffer.concat([fullFlushed(head), ...Array.from({ length: times }, () => block), fullFlushed(tail), FINAL_EMPTY_BLOCK]);
  // The CRC is not what these attacks are about; readers that do not check it (most) go on inflating.
  return { name, packed, unpackedSize: head.length + repeat.length * times + tail.length, crc: 0 };
}

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const size = part.declaredSize ?? part.unpackedSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.packed.length, 18);
    local.writeUInt32LE(Math.min(size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.packed.length, 20);
    central.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.packed);
    centrals.push(central, name);
    offset += local.length + name.length + part.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function frameParts(sheets: number): Part[] {
  const sheetList = Array.from({ length: sheets }, (_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const sheetRels = Array.from(
    { length: sheets },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join("");
  const overrides = Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("");
  return [
    textPart(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `${overrides}</Types>`,
    ),
    textPart(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    textPart(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetList}</sheets></workbook>`,
    ),
    textPart(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels}</Relationships>`,
    ),
  ];
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`;
const SHEET_TAIL = "</sheetData></worksheet>";
const HEADER_ROW = `<row r="1"><c r="A1" t="inlineStr"><is><t>AGS</t></is></c><c r="B1" t="inlineStr"><is><t>Status</t></is></c></row>`;

/** A row of the import as inline strings. */
export function dataRow(ags: string, status: string, row: number): string {
  return `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>${ags}</t></is></c><c r="B${row}" t="inlineStr"><is><t>${status}</t></is></c></row>`;
}

/**
 * A valid XLSX whose one sheet inflates to about `unpackedMiB` MiB of repeated data rows.
 * `declaredSize` writes a smaller size into the directory than the sheet inflates to.
 */
export function xlsxBomb(options: { unpackedMiB: number; declaredSize?: number }): Buffer {
  // The same row over and over: a reader that builds every row it reads runs out of memory.
  const row = dataRow("14522010", "drafting", 2);
  const chunk = row.repeat(Math.floor((1024 * 1024) / row.length));
  const sheet = repeatedPart("xl/worksheets/sheet1.xml", SHEET_HEAD + HEADER_ROW, chunk, options.unpackedMiB, SHEET_TAIL);
  if (options.declaredSize !== undefined) sheet.declaredSize = options.declaredSize;
  return zip([...frameParts(1), sheet]);
}

/** A small, valid XLSX with the given sheet rows (XML of <row> elements after the header row) on `sheets` sheets. */
export function xlsxWithRows(rowsXml: string, options: { sheets?: number; header?: string } = {}): Buffer {
  const sheets = options.sheets ?? 1;
  const parts = Array.from({ length: sheets }, (_, i) =>
    textPart(`xl/worksheets/sheet${i + 1}.xml`, SHEET_HEAD + (options.header ?? HEADER_ROW) + rowsXml + SHEET_TAIL),
  );
  return zip([...frameParts(sheets), ...parts]);
}

/** A ZIP of the given text files (deflated), e.g. one with more parts than any workbook has. */
export function zipOfTexts(files: Record<string, string>): Buffer {
  return zip(Object.entries(files).map(([name, text]) => textPart(name, text)));
}

/** A valid XLSX of one data row whose status cell is about `cellMiB` MiB of "x" (inline string). */
export function xlsxWithHugeCell(options: { cellMiB: number; declaredSize?: number }): Buffer {
  const head = `${SHEET_HEAD}${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>14522010</t></is></c><c r="B2" t="inlineStr"><is><t>`;
  const sheet = repeatedPart("xl/worksheets/sheet1.xml", head, "x".repeat(1024 * 1024), options.cellMiB, `</t></is></c></row>${SHEET_TAIL}`);
  if (options.declaredSize !== undefined) sheet.declaredSize = options.declaredSize;
  return zip([...frameParts(1), sheet]);
}
