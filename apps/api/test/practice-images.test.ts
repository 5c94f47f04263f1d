import { createHash } from "node:crypto";
import { errorResponseSchema, practiceImageSchema, type PracticeImage } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBackup } from "../src/modules/backup/backup.service.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { addAccount, bearerFor } from "./helpers/accounts.js";
import { HTML, SVG, gif, jpeg, png, pngBomb } from "./helpers/image-files.js";
import { insertPractice } from "./helpers/practice-fixture.js";
import { type TestApp, createTestApp } from "./helpers/test-app.js";

/**
 * The images of Praxisbeispiele (decision 0035): checked by content, bombs refused before decoding, stored
 * re-encoded in three sizes without metadata, served with long caching to whoever may see the entry.
 */

const OWN_AGS = "14627060"; // Großenhain
const OTHER_AGS = "14612000"; // Dresden

let t: TestApp;
const headers: Record<"smr" | "advisor" | "owner" | "other" | "author", Record<string, string>> = {} as never;
const practice: Record<"draft" | "returned" | "submitted" | "published" | "revision" | "withdrawn" | "authored", number> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const accounts = {
    smr: await addAccount(db, { email: "smr@test.example", role: "smr", password: null }),
    advisor: await addAccount(db, { email: "fsinge@test.example", role: "advisor", password: null }),
    owner: await addAccount(db, { email: "grossenhain@test.example", role: "municipality", ags: [OWN_AGS], password: null }),
    other: await addAccount(db, { email: "dresden@test.example", role: "municipality", ags: [OTHER_AGS], password: null }),
    author: await addAccount(db, { email: "author@test.example", role: "municipality", ags: ["14511000"], password: null }),
  };
  for (const [name, account] of Object.entries(accounts)) headers[name as keyof typeof headers] = (await bearerFor(t.app, account.id)).headers;
  practice.draft = await insertPractice(db, { state: "draft", ags: [OWN_AGS] });
  practice.returned = await insertPractice(db, { state: "returned", ags: [OWN_AGS] });
  practice.submitted = await insertPractice(db, { state: "submitted", ags: [OWN_AGS] });
  practice.published = await insertPractice(db, { state: "published", ags: [OWN_AGS] });
  practice.revision = await insertPractice(db, { state: "published", ags: [OWN_AGS], revisionState: "draft" });
  practice.withdrawn = await insertPractice(db, { state: "withdrawn", ags: [OWN_AGS] });
  practice.authored = await insertPractice(db, { state: "draft", ags: [OTHER_AGS], authorId: accounts.author.id });
});

afterAll(async () => {
  await t.close();
});

interface Part {
  name: string;
  value?: string;
  file?: { name: string; content: Buffer; type: string };
}

function multipartBody(parts: Part[]) {
  const boundary = `----insek${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.file.name}"\r\nContent-Type: ${part.file.type}\r\n\r\n`,
        ),
        part.file.content,
        Buffer.from("\r\n"),
      );
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value ?? ""}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads `content` as `name` with the Content-Type a browser would claim for that name (never trusted). */
function upload(id: number, who: Record<string, string>, content: Buffer | null, options: { alt?: string | null; name?: string; type?: string } = {}) {
  const parts: Part[] = [];
  if (options.alt !== null) parts.push({ name: "alt", value: options.alt ?? "Marktplatz mit Ständen" });
  if (content) parts.push({ name: "file", file: { name: options.name ?? "foto.jpg", content, type: options.type ?? "image/jpeg" } });
  const body = multipartBody(parts);
  return t.app.inject({ method: "POST", url: `/api/practices/${id}/images`, headers: { ...who, "content-type": body.contentType }, payload: body.payload });
}

function refused(res: { statusCode: number; body: string; json: <T>() => T }, status: number, code: string, path?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = errorResponseSchema.parse(res.json());
  expect(body.code).toBe(code);
  if (path) expect(body.issues?.map((i) => i.path)).toContain(path);
  return body;
}

function created(res: { statusCode: number; body: string; json: <T>() => T }): PracticeImage {
  expect(res.statusCode, res.body).toBe(201);
  return practiceImageSchema.parse(res.json());
}

function get(url: string, who: Record<string, string> = {}) {
  return t.app.inject({ method: "GET", url, headers: who });
}

describe("an uploaded photo", () => {
  let image: PracticeImage;
  let original: Buffer;

  beforeAll(async () => {
    original = await jpeg(2000, 1200, { gps: true });
    // The fixture really carries the GPS position and the camera's owner.
    const exif = (await sharp(original).metadata()).exif;
    expect(exif?.toString("latin1")).toContain("Kamera-Inhaber");
    expect(exif?.toString("latin1")).toContain("GPS-1000");
    image = created(await upload(practice.draft, headers.owner, original, { alt: "Marktplatz von Großenhain mit Ständen" }));
  });

  it("is stored in three WebP sizes, never enlarged, and named by its alt text", async () => {
    expect(image.alt).toBe("Marktplatz von Großenhain mit Ständen");
    expect(image.contentType).toBe("image/webp");
    expect(image.practiceId).toBe(practice.draft);
    expect(image.position).toBe(1);
    expect([image.sizes.small.width, image.sizes.small.height]).toEqual([320, 192]);
    expect([image.sizes.medium.width, image.sizes.medium.height]).toEqual([800, 480]);
    expect([image.sizes.large.width, image.sizes.large.height]).toEqual([1600, 960]);
    for (const size of ["small", "medium", "large"] as const) {
      expect(image.sizes[size].url).toMatch(new RegExp(`^/api/images/${image.id}\\?size=${size}&v=[0-9a-z]+$`));
      const res = await get(image.sizes[size].url, headers.owner);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toBe("image/webp");
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta.format).toBe("webp");
      expect([meta.width, meta.height]).toEqual([image.sizes[size].width, image.sizes[size].height]);
    }
    // The original is not kept: no stored size holds its bytes.
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from practice_images where large = ${original}`);
    expect(row?.n).toBe(0);
  });

  it("has no EXIF, GPS, XMP or camera data in any size it is served in", async () => {
    for (const size of ["small", "medium", "large"] as const) {
      const res = await get(image.sizes[size].url, headers.owner);
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      const bytes = res.rawPayload.toString("latin1");
      for (const trace of ["Exif", "GPS", "Kamera-Inhaber", "TestCam", "GPS-1000", "XMP"]) expect(bytes).not.toContain(trace);
    }
  });

  it("a PNG and a WebP carrying XMP (with a position) and EXIF lose them too", async () => {
    const xmp =
      '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,3.0N" exif:GPSLongitude="13,44.0E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
    const base = sharp({ create: { width: 500, height: 400, channels: 3, background: "#8e44ad" } });
    const pngFile = await base.clone().withXmp(xmp).png().toBuffer();
    const webpFile = await base.clone().withXmp(xmp).withExif({ IFD0: { Artist: "Fotografin Muster" } }).webp().toBuffer();
    expect((await sharp(pngFile).metadata()).xmp?.toString()).toContain("GPSLatitude");
    expect((await sharp(webpFile).metadata()).exif?.toString("latin1")).toContain("Fotografin Muster");
    for (const [file, name] of [[pngFile, "karte.png"], [webpFile, "foto.webp"]] as const) {
      const stored = created(await upload(practice.draft, headers.owner, file, { alt: "Metadaten", name, type: "image/png" }));
      for (const size of ["small", "medium", "large"] as const) {
        const served = (await get(stored.sizes[size].url, headers.owner)).rawPayload;
        const meta = await sharp(served).metadata();
        expect([meta.exif, meta.xmp]).toEqual([undefined, undefined]);
        for (const trace of ["GPSLatitude", "xmpmeta", "Fotografin"]) expect(served.toString("latin1")).not.toContain(trace);
      }
      const res = await t.app.inject({ method: "DELETE", url: `/api/practices/${practice.draft}/images/${stored.id}`, headers: headers.owner });
      expect(res.statusCode, res.body).toBe(204);
    }
  });

  it("is turned upright by its EXIF orientation, and a small original stays small", async () => {
    // 400 × 200 pixels, to be shown turned by 90° (orientation 6): upright it is 200 × 400.
    const turned = created(await upload(practice.draft, headers.owner, await jpeg(400, 200, { orientation: 6 }), { alt: "Hochformat" }));
    expect([turned.sizes.small.width, turned.sizes.small.height]).toEqual([160, 320]);
    expect([turned.sizes.medium.width, turned.sizes.medium.height]).toEqual([200, 400]);
    expect([turned.sizes.large.width, turned.sizes.large.height]).toEqual([200, 400]);
    const served = await sharp((await get(turned.sizes.large.url, headers.owner)).rawPayload).metadata();
    expect([served.width, served.height, served.orientation]).toEqual([200, 400, undefined]);
  });

  it("takes PNG (with transparency) and WebP by their bytes, whatever the name and type claim", async () => {
    const fromPng = created(await upload(practice.draft, headers.owner, await png(640, 480), { alt: "Grafik", name: "grafik.jpg", type: "image/jpeg" }));
    expect(fromPng.sizes.large.width).toBe(640);
    const webp = await sharp({ create: { width: 900, height: 300, channels: 3, background: "#2e86c1" } }).webp().toBuffer();
    const fromWebp = created(await upload(practice.draft, headers.owner, webp, { alt: "Banner", name: "banner.bin", type: "application/octet-stream" }));
    expect([fromWebp.sizes.medium.width, fromWebp.sizes.medium.height]).toEqual([800, 267]);
    // Cleaned up for the other tests (the entry holds at most 12 images).
    for (const id of [fromPng.id, fromWebp.id]) {
      const res = await t.app.inject({ method: "DELETE", url: `/api/practices/${practice.draft}/images/${id}`, headers: headers.owner });
      expect(res.statusCode, res.body).toBe(204);
    }
  });

  it("changes its alt text without changing its bytes, and is audited", async () => {
    const before = await get(image.sizes.medium.url, headers.owner);
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/practices/${practice.draft}/images/${image.id}`,
      headers: headers.owner,
      payload: { alt: "  Markttag auf dem Hauptmarkt  " },
    });
    expect(res.statusCode, res.body).toBe(200);
    const changed = practiceImageSchema.parse(res.json());
    expect(changed.alt).toBe("Markttag auf dem Hauptmarkt");
    expect(changed.sizes).toEqual(image.sizes);
    const after = await get(image.sizes.medium.url, headers.owner);
    expect(after.headers.etag).toBe(before.headers.etag);
    refused(
      await t.app.inject({ method: "PATCH", url: `/api/practices/${practice.draft}/images/${image.id}`, headers: headers.owner, payload: { alt: " " } }),
      400,
      "VALIDATION_FAILED",
    );
    const audit = await queryRows<{ action: string; target: string }>(
      t.database.db,
      sql`select action, target from audit_log where action like 'practice.image_%' order by id`,
    );
    expect(audit.map((a) => a.action)).toContain("practice.image_added");
    expect(audit.map((a) => a.action)).toContain("practice.image_updated");
    expect(audit.map((a) => a.action)).toContain("practice.image_deleted");
    expect(new Set(audit.map((a) => a.target))).toEqual(new Set([`practice:${practice.draft}`]));
  });
});

describe("hostile uploads are refused with a code at the field, never 500", () => {
  it("an SVG file named .png (image/png)", async () => {
    refused(await upload(practice.draft, headers.owner, SVG, { name: "bild.png", type: "image/png" }), 422, "PRACTICE_IMAGE_INVALID", "body.file");
  });

  it("an HTML file named .png (image/png)", async () => {
    refused(await upload(practice.draft, headers.owner, HTML, { name: "bild.png", type: "image/png" }), 422, "PRACTICE_IMAGE_INVALID", "body.file");
  });

  it("a GIF, and a JPEG cut off in the middle", async () => {
    refused(await upload(practice.draft, headers.owner, await gif(), { name: "bild.jpg" }), 422, "PRACTICE_IMAGE_INVALID", "body.file");
    const whole = await jpeg(800, 600);
    refused(await upload(practice.draft, headers.owner, whole.subarray(0, 200)), 422, "PRACTICE_IMAGE_INVALID", "body.file");
  });

  it("a decompression bomb (a PNG declaring 50000 × 50000 pixels in a few hundred kilobytes), before decoding", async () => {
    const bomb = await pngBomb(50_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const body = refused(await upload(practice.draft, headers.owner, bomb, { name: "karte.png", type: "image/png" }), 422, "PRACTICE_IMAGE_TOO_MANY_PIXELS", "body.file");
    expect(body.message).toContain("50000 × 50000");
    // Refused on the header: no 2.5 gigapixels were decoded.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("an upload over 10 MB, by one byte or by far (422 at the field, read no further than the limit)", async () => {
    const head = await jpeg(64, 64);
    const big = Buffer.concat([head, Buffer.alloc(10 * 1024 * 1024 + 1 - head.length, 0x20)]);
    refused(await upload(practice.draft, headers.owner, big), 422, "PRACTICE_IMAGE_TOO_LARGE", "body.file");
    const huge = Buffer.concat([head, Buffer.alloc(24 * 1024 * 1024, 0x20)]);
    refused(await upload(practice.draft, headers.owner, huge), 422, "PRACTICE_IMAGE_TOO_LARGE", "body.file");
  });

  it("a missing or blank alt text (422 at the field alt), and a missing file", async () => {
    const photo = await jpeg(320, 200);
    refused(await upload(practice.draft, headers.owner, photo, { alt: null }), 422, "VALIDATION_FAILED", "body.alt");
    refused(await upload(practice.draft, headers.owner, photo, { alt: "   " }), 422, "VALIDATION_FAILED", "body.alt");
    refused(await upload(practice.draft, headers.owner, null), 422, "PRACTICE_IMAGE_FILE_REQUIRED", "body.file");
  });

  it("a malformed multipart body (400), and a body that is no multipart at all (415)", async () => {
    const { payload, contentType } = multipartBody([{ name: "alt", value: "x" }, { name: "file", file: { name: "a.jpg", content: await jpeg(100, 100), type: "image/jpeg" } }]);
    const cut = payload.subarray(0, payload.length - 200);
    for (const [body, type] of [
      [cut, contentType],
      [Buffer.from("--x\r\nContent-Disposition: form-data\r\n\r\n--x--"), "multipart/form-data; boundary=x"],
      [Buffer.from("not multipart at all"), "multipart/form-data; boundary=zzz"],
      [payload, "multipart/form-data"],
    ] as const) {
      const res = await t.app.inject({ method: "POST", url: `/api/practices/${practice.draft}/images`, headers: { ...headers.owner, "content-type": type }, payload: body });
      expect(res.statusCode, `${type}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${type}: ${res.body}`).toBeLessThan(500);
      errorResponseSchema.parse(res.json());
    }
    refused(
      await t.app.inject({ method: "POST", url: `/api/practices/${practice.draft}/images`, headers: headers.owner, payload: { alt: "x" } }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });
});

describe("who may add, change and delete images", () => {
  let photo: Buffer;
  beforeAll(async () => {
    photo = await jpeg(640, 400);
  });

  it("the entry's municipality and its author while it is a draft or returned", async () => {
    created(await upload(practice.returned, headers.owner, photo));
    created(await upload(practice.authored, headers.author, photo));
  });

  it("editors (smr, FS INGE) at any time but withdrawn; owners not while it is reviewed or published", async () => {
    refused(await upload(practice.submitted, headers.owner, photo), 409, "PRACTICE_IN_REVIEW");
    refused(await upload(practice.published, headers.owner, photo), 403, "PRACTICE_IMAGES_EDITORS_ONLY");
    refused(await upload(practice.revision, headers.owner, photo), 403, "PRACTICE_IMAGES_EDITORS_ONLY");
    created(await upload(practice.submitted, headers.advisor, photo));
    created(await upload(practice.published, headers.smr, photo));
    created(await upload(practice.revision, headers.advisor, photo));
    refused(await upload(practice.withdrawn, headers.smr, photo), 409, "PRACTICE_WITHDRAWN");
  });

  it("nobody else: another municipality sees no draft (404) and may not change a published entry (403); anonymous 401", async () => {
    refused(await upload(practice.draft, headers.other, photo), 404, "PRACTICE_NOT_FOUND");
    refused(await upload(practice.published, headers.other, photo), 403, "PRACTICE_NOT_OWNER");
    refused(await upload(practice.published, {}, photo), 401, "AUTHENTICATION_REQUIRED");
    refused(await upload(999_999, headers.smr, photo), 404, "PRACTICE_NOT_FOUND");
    const [image] = (await queryRows<{ id: number }>(t.database.db, sql`select id::int from practice_images where practice_id = ${practice.published} limit 1`)) ?? [];
    const url = `/api/practices/${practice.published}/images/${image?.id}`;
    refused(await t.app.inject({ method: "DELETE", url, headers: headers.owner }), 403, "PRACTICE_IMAGES_EDITORS_ONLY");
    refused(await t.app.inject({ method: "PATCH", url, headers: headers.other, payload: { alt: "x" } }), 403, "PRACTICE_NOT_OWNER");
    refused(await t.app.inject({ method: "DELETE", url: `/api/practices/${practice.draft}/images/${image?.id}`, headers: headers.smr }), 404, "IMAGE_NOT_FOUND");
  });

  it("at most 12 images an entry", async () => {
    const id = await insertPractice(t.database.db, { state: "draft", ags: [OWN_AGS] });
    const small = await png(40, 30, "#16a085");
    for (let i = 0; i < 12; i++) created(await upload(id, headers.owner, small, { alt: `Bild ${i + 1}`, name: "b.png", type: "image/png" }));
    refused(await upload(id, headers.owner, small, { name: "b.png" }), 422, "PRACTICE_IMAGE_LIMIT", "body.file");
    const positions = await queryRows<{ position: number }>(t.database.db, sql`select position from practice_images where practice_id = ${id} order by position`);
    expect(positions.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe("GET /api/images/:id", () => {
  let draftImage: PracticeImage;
  let publicImage: PracticeImage;
  beforeAll(async () => {
    const photo = await jpeg(1000, 700);
    draftImage = created(await upload(practice.returned, headers.owner, photo, { alt: "Entwurf" }));
    publicImage = created(await upload(practice.published, headers.smr, photo, { alt: "Veröffentlicht" }));
  });

  it("serves a published entry's image to anyone with a year of public caching, an ETag and 304", async () => {
    const res = await get(publicImage.sizes.small.url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("image/webp");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.etag).toBe(`"${createHash("sha256").update(res.rawPayload).digest("hex")}"`);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    const again = await get(publicImage.sizes.small.url, { "if-none-match": String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // Without a size: the medium one.
    const medium = await get(`/api/images/${publicImage.id}`);
    expect((await sharp(medium.rawPayload).metadata()).width).toBe(publicImage.sizes.medium.width);
  });

  it("keeps a published image private while public access is off (signed-in readers only)", async () => {
    await writePublicAccess(t.database.db, false, new Date());
    try {
      refused(await get(publicImage.sizes.small.url), 401, "AUTHENTICATION_REQUIRED");
      const res = await get(publicImage.sizes.small.url, headers.other);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["cache-control"]).toBe("private, max-age=31536000, immutable");
    } finally {
      await writePublicAccess(t.database.db, true, new Date());
    }
  });

  it("serves an unpublished entry's image only to its owners and editors, privately; to others it does not exist", async () => {
    for (const who of [headers.owner, headers.smr, headers.advisor]) {
      const res = await get(draftImage.sizes.large.url, who);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["cache-control"]).toBe("private, no-cache");
    }
    refused(await get(draftImage.sizes.large.url), 404, "IMAGE_NOT_FOUND");
    refused(await get(draftImage.sizes.large.url, headers.other), 404, "IMAGE_NOT_FOUND");
  });

  it("answers 404 for an unknown id or another version, 400 for an unknown size", async () => {
    refused(await get("/api/images/999999?size=small"), 404, "IMAGE_NOT_FOUND");
    refused(await get(`/api/images/${publicImage.id}?size=small&v=zzz`), 404, "IMAGE_NOT_FOUND");
    refused(await get(`/api/images/${publicImage.id}?size=original`), 400, "VALIDATION_FAILED");
  });

  it("a deleted image is gone", async () => {
    const res = await t.app.inject({ method: "DELETE", url: `/api/practices/${practice.returned}/images/${draftImage.id}`, headers: headers.owner });
    expect(res.statusCode, res.body).toBe(204);
    refused(await get(draftImage.sizes.small.url, headers.owner), 404, "IMAGE_NOT_FOUND");
  });
});

describe("the backup", () => {
  it("holds every size of every image, byte for byte", async () => {
    let text = "";
    await exportBackup(t.database, (chunk) => {
      text += chunk;
      return Promise.resolve();
    });
    const lines = text.split("\n");
    const header = lines.findIndex((l) => l.startsWith('{"table":"practice_images"'));
    expect(header).toBeGreaterThan(0);
    const { rows } = JSON.parse(lines[header] ?? "{}") as { rows: number };
    const stored = await queryRows<{ id: number; small: string; medium: string; large: string }>(
      t.database.db,
      sql`select id::int, encode(small, 'hex') as small, encode(medium, 'hex') as medium, encode(large, 'hex') as large from practice_images order by id`,
    );
    expect(rows).toBe(stored.length);
    const backedUp = lines.slice(header + 1, header + 1 + rows).map((l) => JSON.parse(l) as { id: number; small: string; medium: string; large: string });
    expect(backedUp.map((r) => [r.id, r.small, r.medium, r.large])).toEqual(stored.map((r) => [r.id, `\\x${r.small}`, `\\x${r.medium}`, `\\x${r.large}`]));
  });
});
