import { describe, expect, it } from "vitest";
import { checkUpload } from "./check-upload.js";
import { UPLOAD_KINDS, quoteOf } from "./upload-limits.js";
import { ServerBusyError, WorkGate } from "./work-gate.js";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa9f7a8d40000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe("checkUpload: the kinds the product's uploads reuse", () => {
  it("takes a PDF as a document and a PNG as an image, by their bytes", async () => {
    expect(await checkUpload(UPLOAD_KINDS.document, PDF)).toBe("application/pdf");
    expect(await checkUpload(UPLOAD_KINDS.image, PNG)).toBe("image/png");
  });

  it("refuses bytes of another type (415) and a file over the kind's size (413)", async () => {
    await expect(checkUpload(UPLOAD_KINDS.document, PNG)).rejects.toMatchObject({ statusCode: 415, code: "CONTENT_TYPE_MISMATCH" });
    await expect(checkUpload(UPLOAD_KINDS.image, Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).rejects.toMatchObject({ statusCode: 415 });
    await expect(checkUpload(UPLOAD_KINDS.csv, Buffer.concat([PDF, Buffer.from([0xff, 0x00])]))).rejects.toMatchObject({ statusCode: 415 });
  });

  it("takes text as text even where it begins like a binary signature", async () => {
    expect(await checkUpload(UPLOAD_KINDS.csv, Buffer.from("BM-Nummer;AGS;Status\nx;14522010;drafting\n"))).toBe("text");
    // Latin-1 text is no binary format either: the CSV reader explains the encoding.
    expect(await checkUpload(UPLOAD_KINDS.csv, Buffer.from("AGS;Status\n14522010;\xe4\n", "latin1"))).toBe("text");
    const big = Buffer.concat([PDF, Buffer.alloc(UPLOAD_KINDS.document.maxBytes)]);
    await expect(checkUpload(UPLOAD_KINDS.document, big)).rejects.toMatchObject({ statusCode: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("quotes at most 200 characters of a value", () => {
    expect(quoteOf("kurz")).toBe("kurz");
    const quoted = quoteOf("x".repeat(100_000));
    expect(quoted.length).toBeLessThan(240);
    expect(quoted).toContain("100000 characters");
  });
});

describe("WorkGate", () => {
  it("runs one at a time, queues a few and refuses the rest with 503 SERVER_BUSY", async () => {
    const gate = new WorkGate(1, 2);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return "done";
      });
    const accepted = [work(), work(), work()];
    const refused = work();
    await expect(refused).rejects.toBeInstanceOf(ServerBusyError);
    await expect(refused).rejects.toMatchObject({ statusCode: 503, code: "SERVER_BUSY", retryAfterSeconds: 5 });
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 5));
      expect(releases).toHaveLength(i + 1);
      releases[i]?.();
    }
    expect(await Promise.all(accepted)).toEqual(["done", "done", "done"]);
    expect(most).toBe(1);
    // A failing piece of work frees its slot.
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(() => Promise.resolve(1))).toBe(1);
  });
});
