import { describe, expect, it } from "vitest";
import { formattedTextToHtml, htmlToBlocks, htmlToFormattedText, insertLink, insertParagraph, parseFormattedText, toggleList } from "./formatted-text";

describe("formatted text → HTML subset", () => {
  it("makes paragraphs of blank-line separated text and joins wrapped lines", () => {
    expect(formattedTextToHtml("Erster Absatz\nweiter.\n\nZweiter Absatz")).toBe("<p>Erster Absatz weiter.</p>\n<p>Zweiter Absatz</p>");
  });

  it("makes bulleted and numbered lists, a list right after a paragraph line included", () => {
    expect(formattedTextToHtml("Ziele:\n- Leerstand\n- Ortskern\n\n1. planen\n2. bauen")).toBe(
      "<p>Ziele:</p>\n<ul><li>Leerstand</li><li>Ortskern</li></ul>\n<ol><li>planen</li><li>bauen</li></ol>",
    );
  });

  it("makes links of [text](url) for http(s) and mailto only, and escapes everything else", () => {
    expect(formattedTextToHtml("Mehr [beim Amt](https://example.org/a?b=1&c=2) <b>fett</b> [x](javascript:alert(1))")).toBe(
      '<p>Mehr <a href="https://example.org/a?b=1&amp;c=2">beim Amt</a> &lt;b&gt;fett&lt;/b&gt; [x](javascript:alert(1))</p>',
    );
    expect(formattedTextToHtml("[Schreiben](mailto:info@example.org)")).toBe('<p><a href="mailto:info@example.org">Schreiben</a></p>');
  });

  it("gives nothing for empty text", () => {
    expect(formattedTextToHtml("  \n\n ")).toBe("");
  });
});

describe("stored HTML → text and blocks", () => {
  it("reads its own output back to the same text", () => {
    const text = "Ziele:\n\n- Leerstand & Umbau\n- [Ortskern](https://example.org/ort)\n\n1. planen\n2. bauen\n\nEnde.";
    expect(htmlToFormattedText(formattedTextToHtml(text))).toBe(text);
  });

  it("drops tags outside the subset and unsafe links, keeping their text", () => {
    expect(htmlToFormattedText('<h2>Titel</h2><p>Ein <strong>starker</strong> <a href="javascript:x()">Link</a><br>Zeile</p><script>x</script>')).toBe(
      "Titel\n\nEin starker Link Zeile\n\nx",
    );
    expect(htmlToBlocks('<ul><li><a href="https://a.example">A</a> und B</li></ul>')).toEqual([
      { kind: "bullets", items: [[{ kind: "link", text: "A", href: "https://a.example" }, { kind: "text", text: " und B" }]] },
    ]);
  });
});

describe("the toolbar's actions", () => {
  it("makes the selected lines a bulleted list and back", () => {
    const value = "Absatz\nerste\nzweite";
    const start = value.indexOf("erste");
    const listed = toggleList({ value, start, end: value.length }, "bullets");
    expect(listed.value).toBe("Absatz\n\n- erste\n- zweite");
    expect(parseFormattedText(listed.value).map((block) => block.kind)).toEqual(["paragraph", "bullets"]);
    const back = toggleList(listed, "bullets");
    expect(back.value).toBe("Absatz\n\nerste\nzweite");
  });

  it("numbers the selected lines, skipping empty ones, and turns a bulleted list into a numbered one", () => {
    expect(toggleList({ value: "a\n\nb", start: 0, end: 4 }, "numbers").value).toBe("1. a\n\n2. b");
    expect(toggleList({ value: "- a\n- b", start: 0, end: 7 }, "numbers").value).toBe("1. a\n2. b");
  });

  it("links the selection, or inserts a link text to type over; refuses an unsafe address", () => {
    const linked = insertLink({ value: "Siehe Website hier", start: 6, end: 13 }, " https://example.org ", "Linktext");
    expect(linked).toEqual({ value: "Siehe [Website](https://example.org) hier", start: 7, end: 14 });
    const inserted = insertLink({ value: "Siehe ", start: 6, end: 6 }, "https://example.org", "Linktext");
    expect(inserted?.value).toBe("Siehe [Linktext](https://example.org)");
    expect(inserted?.value.slice(inserted.start, inserted.end)).toBe("Linktext");
    expect(insertLink({ value: "x", start: 0, end: 1 }, "javascript:alert(1)", "Linktext")).toBeNull();
    expect(formattedTextToHtml(linked?.value ?? "")).toBe('<p>Siehe <a href="https://example.org">Website</a> hier</p>');
  });

  it("starts a new paragraph at the cursor", () => {
    const next = insertParagraph({ value: "eins\nzwei", start: 4, end: 4 });
    expect(next.value).toBe("eins\n\nzwei");
    expect(next.start).toBe(6);
  });
});
