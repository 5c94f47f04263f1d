import { describe, expect, it } from "vitest";
import { hasText, plainText, sanitizeDescription } from "./practice-html.js";
import { xmlEscape } from "./practice-feed.js";

describe("the description's sanitiser", () => {
  it("keeps paragraphs, lists, links, strong, em and line breaks", () => {
    const html = '<p>Eins<br>zwei <strong>fett</strong> <em>kursiv</em></p><ol><li>a</li></ol><ul><li><a href="https://example.org">b</a></li></ul>';
    expect(sanitizeDescription(html)).toBe(
      '<p>Eins<br />zwei <strong>fett</strong> <em>kursiv</em></p><ol><li>a</li></ol><ul><li><a href="https://example.org" rel="noopener noreferrer">b</a></li></ul>',
    );
  });

  it("removes scripts with their content, event handlers, styles and other tags", () => {
    const out = sanitizeDescription('<p onclick="x()" style="color:red" class="c">T<script>alert(1)</script></p><img src=x onerror=alert(1)><iframe src=//e></iframe><svg><script>1</script></svg><style>p{}</style>');
    expect(out).toBe("<p>T</p>");
  });

  it("drops javascript:, data:, vbscript: and protocol-relative hrefs, also disguised, and sets its own rel", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "&#106;avascript:alert(1)", "data:text/html,<b>", "vbscript:x", "//evil.example/"]) {
      const out = sanitizeDescription(`<a href="${href}" rel="opener" target="_blank">x</a>`);
      expect(out, href).not.toMatch(/href|target|rel="opener"/);
    }
    expect(sanitizeDescription('<a href="mailto:a@example.org">m</a>')).toBe('<a href="mailto:a@example.org" rel="noopener noreferrer">m</a>');
    expect(sanitizeDescription('<a href="http://example.org" rel="opener">h</a>')).toBe('<a href="http://example.org" rel="noopener noreferrer">h</a>');
  });

  it("escapes text and knows when nothing is left", () => {
    expect(sanitizeDescription("A & B")).toBe("A &amp; B");
    expect(hasText(sanitizeDescription("<script>x</script><p> </p>"))).toBe(false);
    expect(plainText("<p>Eins</p><ul><li>zwei</li></ul>")).toBe("Eins zwei");
  });
});

describe("the feed's escaping", () => {
  it("escapes the five XML entities and drops characters XML forbids", () => {
    expect(xmlEscape(`<a href="x">'&'</a>\u0001\uFFFE`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
