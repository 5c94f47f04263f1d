import { type AuditFilter, endpoints } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { endpointUrl, request } from "../../lib/api-client";

/** Entries per page of /protokoll. */
export const AUDIT_PAGE_SIZE = 50;

export function auditQueryOptions(filter: AuditFilter, page: number) {
  const query = { ...filter, limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE };
  return queryOptions({
    queryKey: ["audit", query] as const,
    queryFn: ({ signal }) => request(endpoints.auditList, { query, signal }),
  });
}

/** One page of the audit log; the previous page stays visible while the next one loads. */
export function useAuditLog(filter: AuditFilter, page: number) {
  return useQuery({ ...auditQueryOptions(filter, page), placeholderData: keepPreviousData });
}

/** The CSV download of every entry matching the filter (all pages). */
export function auditExportUrl(filter: AuditFilter): string {
  return endpointUrl(endpoints.exportAuditCsv, { query: filter });
}
