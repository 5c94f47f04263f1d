import type { Block, Inline } from "../formatted-text";

function InlineContent({ content }: { content: readonly Inline[] }) {
  return (
    <>
      {content.map((part, index) =>
        part.kind === "link" ? (
          <a key={index} href={part.href} rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** Formatted text as elements (never as raw HTML): paragraphs, lists and links only. */
export function FormattedText({ blocks }: { blocks: readonly Block[] }) {
  return (
    <div className="formatted-text">
      {blocks.map((block, index) => {
        if (block.kind === "paragraph") {
          return (
            <p key={index}>
              <InlineContent content={block.content} />
            </p>
          );
        }
        const items = block.items.map((item, at) => (
          <li key={at}>
            <InlineContent content={item} />
          </li>
        ));
        return block.kind === "bullets" ? <ul key={index}>{items}</ul> : <ol key={index}>{items}</ol>;
      })}
    </div>
  );
}
