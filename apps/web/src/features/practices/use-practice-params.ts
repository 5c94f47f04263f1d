import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { type PracticeListParams, parsePracticeParams, practiceSearchParams, withFilter } from "./practice-params";

/** The catalogue's filters from the URL, a setter of filters (back to page 1) and one of the page. */
export function usePracticeParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => parsePracticeParams(searchParams), [searchParams]);
  const setFilter = useCallback(
    (patch: Partial<Omit<PracticeListParams, "page">>, options?: { replace?: boolean }) =>
      setSearchParams((current) => practiceSearchParams(withFilter(parsePracticeParams(current), patch)), { replace: options?.replace ?? false }),
    [setSearchParams],
  );
  const setPage = useCallback(
    (page: number) => setSearchParams((current) => practiceSearchParams({ ...parsePracticeParams(current), page })),
    [setSearchParams],
  );
  const reset = useCallback(() => setSearchParams(new URLSearchParams()), [setSearchParams]);
  return { params, setFilter, setPage, reset };
}
