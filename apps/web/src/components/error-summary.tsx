import type { Ref } from "react";

export interface ErrorSummaryItem {
  /** The field's element id; the item links to it. Absent: a message about the whole form. */
  fieldId?: string | undefined;
  label?: string | undefined;
  message: string;
}

/**
 * The list of a form's errors above it, each linking to its field (GOV.UK / BITV pattern). The form moves
 * focus here after a failed submit, so screen readers announce it.
 */
export function ErrorSummary({ title, items, ref }: { title: string; items: ErrorSummaryItem[]; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="error-summary__title">{title}</p>
      <ul>
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? "form"}-${index}`}>
            {item.fieldId ? (
              <a href={`#${item.fieldId}`}>
                {item.label}: {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
