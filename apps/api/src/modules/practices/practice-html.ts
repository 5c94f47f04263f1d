import sanitizeHtml from "sanitize-html";

/*
 * The description of a Praxisbeispiel is formatted text: paragraphs, lists, links, strong, em and line
 * breaks. Everything else is removed on writing (decision 0033), so that what is stored is safe to show
 * as HTML: no scripts, no event handlers, no styles, and links only to http, https and mailto, opened
 * without giving the target page a handle on ours.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "ul", "ol", "li", "a", "strong", "em", "br"],
  // `rel` is only ever the one the transform below sets.
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // The content of these goes with them (the default also drops script and style content).
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "iframe", "object", "svg", "math"],
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs): sanitizeHtml.Tag => ({
      tagName,
      attribs: attribs.href ? { href: attribs.href, rel: "noopener noreferrer" } : {},
    }),
    b: "strong",
    i: "em",
  },
};

/** The sanitised description (the allowlist above); plain text is kept as text, escaped. */
export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Whether the sanitised description still says anything (not only empty tags or white space). */
export function hasText(html: string): boolean {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).trim().length > 0;
}

/** The description as plain text (the feed's summary fallback, the CSV). */
export function plainText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|li)>|<br\s*\/?>/gi, "$& "), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, " ")
    .trim();
}
