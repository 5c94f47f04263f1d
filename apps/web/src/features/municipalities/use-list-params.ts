import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import {
  type ListParamsChange,
  type MunicipalityListParams,
  applyListChange,
  parseListParams,
  serializeListParams,
} from "./list-params";

/** The list state from the URL, and a setter that writes changes back to it. */
export function useListParams(): [
  MunicipalityListParams,
  (change: ListParamsChange, options?: { replace?: boolean }) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => parseListParams(searchParams), [searchParams]);
  const update = useCallback(
    (change: ListParamsChange, options?: { replace?: boolean }) => {
      setSearchParams(
        (current) => serializeListParams(applyListChange(parseListParams(current), change)),
        { replace: options?.replace ?? false },
      );
    },
    [setSearchParams],
  );
  return [params, update];
}
