import { useTranslation } from "react-i18next";

/**
 * Previous/next paging. The buttons stay focusable at the ends (aria-disabled instead of
 * disabled) so keyboard focus is not lost when the last page is reached.
 */
export function Pagination({
  page,
  pageCount,
  onPageChange,
}: {
  page: number;
  pageCount: number;
  onPageChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const hasPrevious = page > 1;
  const hasNext = page < pageCount;
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={!hasPrevious}
        onClick={() => hasPrevious && onPageChange(page - 1)}
      >
        <span aria-hidden="true">‹ </span>
        {t("pagination.previous")}
      </button>
      <p className="pagination__position">{t("pagination.pageOf", { page, pageCount })}</p>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={!hasNext}
        onClick={() => hasNext && onPageChange(page + 1)}
      >
        {t("pagination.next")}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}
