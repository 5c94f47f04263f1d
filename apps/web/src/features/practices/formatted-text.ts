/**
 * The description's formatted text. People write in a plain textarea with a small toolbar; the text's few
 * conventions map to the HTML subset the API keeps (paragraphs, bulleted and numbered lists, links):
 *
 *   a blank line          starts a new paragraph
 *   "- " at a line start  a bulleted list item
 *   "1. " at a line start a numbered list item
 *   [text](https://…)     a link (http, https and mailto only)
 *
 * One parser (text → blocks) serves the HTML sent, the page's rendering (React elements, never raw HTML)
 * and, read back from stored HTML, the text an edit starts from.
 */

export type Inline = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };
export type Block = { kind: "paragraph"; content: Inline[] } | { kind: "bullets" | "numbers"; items: Inline[][] };

const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
const BULLET = /^\s*[-*•]\s+/;
const NUMBER = /^\s*\d{1,3}[.)]\s+/;

export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href);
}

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const match of line.matchAll(LINK)) {
    const [whole, text = "", href = ""] = match;
    const start = match.index;
    if (!isSafeHref(href)) continue;
    if (start > at) out.push({ kind: "text", text: line.slice(at, start) });
    out.push({ kind: "link", text, href });
    at = start + whole.length;
  }
  if (at < line.length) out.push({ kind: "text", text: line.slice(at) });
  return out;
}

function joinInline(lines: string[]): Inline[] {
  return parseInline(lines.map((line) => line.trim()).join(" "));
}

export function parseFormattedText(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  let list: { kind: "bullets" | "numbers"; items: string[][] } | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", content: joinInline(paragraph) });
    paragraph = [];
    if (list) blocks.push({ kind: list.kind, items: list.items.map(joinInline) });
    list = null;
  };
  for (const line of lines) {
    if (line.trim() === "") {
      flush();
      continue;
    }
    const kind = BULLET.test(line) ? "bullets" : NUMBER.test(line) ? "numbers" : null;
    if (kind) {
      if (paragraph.length > 0 || (list && list.kind !== kind)) flush();
      list ??= { kind, items: [] };
      list.items.push([line.replace(kind === "bullets" ? BULLET : NUMBER, "")]);
    } else if (list) {
      // A line after a list item without a marker continues that item.
      list.items.at(-1)?.push(line);
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function inlineHtml(content: readonly Inline[]): string {
  return content
    .map((part) => (part.kind === "link" ? `<a href="${escapeHtml(part.href)}">${escapeHtml(part.text)}</a>` : escapeHtml(part.text)))
    .join("");
}

export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if (block.kind === "paragraph") return `<p>${inlineHtml(block.content)}</p>`;
      const tag = block.kind === "bullets" ? "ul" : "ol";
      return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join("")}</${tag}>`;
    })
    .join("\n");
}

/** The HTML the API stores for this text ("" for none). */
export function formattedTextToHtml(text: string): string {
  return blocksToHtml(parseFormattedText(text));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Inline HTML back to the text's conventions: links as [text](href), every other tag dropped. */
function inlineText(html: string): string {
  const withLinks = html.replace(/<a\b[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a>/gi, (_whole, double: string | undefined, single: string | undefined, inner: string | undefined) => {
    const href = decodeEntities(double ?? single ?? "");
    const text = decodeEntities((inner ?? "").replace(/<[^>]*>/g, "")).trim();
    return isSafeHref(href) && text !== "" ? `[${text}](${href})` : text;
  });
  const plain = withLinks.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]*>/g, "");
  // Entities of the text outside links (inside links they were decoded above, and "[" "]" need no escape).
  return decodeEntities(plain).replace(/\s+/g, " ").trim();
}

/** Stored HTML (the subset; anything else is reduced to its text) to the textarea's text an edit starts from. */
export function htmlToFormattedText(html: string): string {
  const out: string[] = [];
  const blockPattern = /<(p|ul|ol)\b[^>]*>([\s\S]*?)<\/\1>/gi;
  let at = 0;
  const loose = (chunk: string) => {
    const text = inlineText(chunk);
    if (text !== "") out.push(text);
  };
  for (const match of html.matchAll(blockPattern)) {
    loose(html.slice(at, match.index));
    at = match.index + match[0].length;
    const tag = (match[1] ?? "").toLowerCase();
    const inner = match[2] ?? "";
    if (tag === "p") {
      const text = inlineText(inner);
      if (text !== "") out.push(text);
      continue;
    }
    const items = [...inner.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/gi)].map((item) => inlineText(item[1] ?? ""));
    out.push(items.map((item, index) => (tag === "ul" ? `- ${item}` : `${index + 1}. ${item}`)).join("\n"));
  }
  loose(html.slice(at));
  return out.join("\n\n");
}

/** The blocks of stored HTML, for rendering as elements (see FormattedText). */
export function htmlToBlocks(html: string): Block[] {
  return parseFormattedText(htmlToFormattedText(html));
}

/** A textarea's value and selection, as the toolbar's actions take and give them. */
export interface TextSelection {
  value: string;
  start: number;
  end: number;
}

/** The whole lines the selection touches. */
function lineRange(value: string, start: number, end: number): [number, number] {
  const from = value.lastIndexOf("\n", start - 1) + 1;
  const newline = value.indexOf("\n", end > start && value[end - 1] === "\n" ? end - 1 : end);
  return [from, newline === -1 ? value.length : newline];
}

/**
 * Makes the selected lines a list (bulleted or numbered), or plain lines again when they all are one already.
 * Empty lines stay empty. The selection afterwards covers the changed lines.
 */
export function toggleList(selection: TextSelection, kind: "bullets" | "numbers"): TextSelection {
  const { value, start, end } = selection;
  const [from, to] = lineRange(value, start, end);
  const lines = value.slice(from, to).split("\n");
  const marker = kind === "bullets" ? BULLET : NUMBER;
  const filled = lines.filter((line) => line.trim() !== "");
  const isList = filled.length > 0 && filled.every((line) => marker.test(line));
  let n = 0;
  const changed = lines.map((line) => {
    if (line.trim() === "") return line;
    const bare = line.replace(BULLET, "").replace(NUMBER, "");
    if (isList) return bare;
    n += 1;
    return kind === "bullets" ? `- ${bare}` : `${n}. ${bare}`;
  });
  // A list needs a blank line before it when a paragraph line is right above.
  const before = value.slice(0, from);
  const gap = !isList && before !== "" && !before.endsWith("\n\n") && before.endsWith("\n") && !marker.test(before.slice(0, -1).split("\n").at(-1) ?? "") ? "\n" : "";
  const replacement = gap + changed.join("\n");
  return { value: before + replacement + value.slice(to), start: from + gap.length, end: from + replacement.length };
}

/**
 * Turns the selection into a link to `href` ([text](href)); with nothing selected it inserts the link with
 * `fallbackText` and selects that text to be typed over. An unsafe address changes nothing (null).
 */
export function insertLink(selection: TextSelection, href: string, fallbackText: string): TextSelection | null {
  const address = href.trim();
  if (!isSafeHref(address)) return null;
  const { value, start, end } = selection;
  const selected = value.slice(start, end).replace(/[[\]\n]/g, " ").trim();
  const text = selected === "" ? fallbackText : selected;
  const link = `[${text}](${address})`;
  return { value: value.slice(0, start) + link + value.slice(end), start: start + 1, end: start + 1 + text.length };
}

/** Starts a new paragraph at the cursor (a blank line), replacing the selection. */
export function insertParagraph(selection: TextSelection): TextSelection {
  const { value, start, end } = selection;
  const before = value.slice(0, start).replace(/\n*$/, "");
  const after = value.slice(end).replace(/^\n*/, "");
  const next = `${before}\n\n${after}`;
  return { value: next, start: before.length + 2, end: before.length + 2 };
}
