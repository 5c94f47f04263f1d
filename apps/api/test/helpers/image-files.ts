import { crc32, createDeflate } from "node:zlib";
import sharp from "sharp";

/*
 * Pictures for the image upload tests (decision 0035), made in the test: real ones with sharp, hostile ones by
 * hand (a PNG is a signature and CRC-checked chunks, so a header may claim anything).
 */

/** A photo-like JPEG (a gradient with noise, so that it does not compress to nothing). */
export async function jpeg(width: number, height: number, options: { gps?: boolean; orientation?: number } = {}): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: "#4a7c59", noise: { type: "gaussian", mean: 128, sigma: 30 } } });
  let image = sharp(await base.jpeg().toBuffer());
  if (options.gps) {
    image = image.withExif({
      IFD0: { Copyright: "Kamera-Inhaber", Make: "TestCam", Model: "GPS-1000" },
      // GPS IFD: 51° 03' N, 13° 44' E (Dresden), as a phone writes it.
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 3/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "13/1 44/1 0/1" },
    });
  }
  if (options.orientation !== undefined) image = image.withMetadata({ orientation: options.orientation });
  return image.jpeg({ quality: 85 }).toBuffer();
}

export async function png(width: number, height: number, colour = "#c0392b"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: colour } }).png().toBuffer();
}

export async function gif(): Promise<Buffer> {
  return sharp({ create: { width: 20, height: 20, channels: 3, background: "#000" } }).gif().toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a valid 1-bit greyscale PNG of `side` × `side` pixels whose rows are all zero, so that
 * it packs into a few hundred kilobytes and would unpack to side² pixels (50000² = 2.5 gigapixels). The zero
 * rows are deflated as a stream of slices, never held in memory whole.
 */
export async function pngBomb(side = 50_000): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rowsPerSlice = 500;
  const slice = Buffer.alloc((1 + Math.ceil(side / 8)) * rowsPerSlice);
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (part: Buffer) => parts.push(part));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  for (let rows = 0; rows < side; rows += rowsPerSlice) {
    if (!deflate.write(slice)) await new Promise<void>((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await ended;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", Buffer.concat(parts)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><script>alert(document.cookie)</script><rect width="200" height="200" fill="red"/></svg>\n',
);

export const HTML = Buffer.from('<!doctype html>\n<html><body><img src=x onerror="alert(document.cookie)"><script>fetch("/api/auth/me")</script></body></html>\n');
