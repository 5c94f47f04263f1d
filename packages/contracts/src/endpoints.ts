import { z } from "zod";
import {
  contactImportQuerySchema,
  contactImportResultSchema,
  outboxExportQuerySchema,
  advisorListSchema,
  assignmentRemoveSchema,
  assignmentRemovedSchema,
  municipalityContactInputSchema,
  municipalityContactListSchema,
  municipalityContactQuerySchema,
  municipalityContactSchema,
  updateRequestPreviewSchema,
  assignmentCreateSchema,
  assignmentCreatedSchema,
  assignmentListSchema,
  assignmentQuerySchema,
  campaignListSchema,
  consultationInputSchema,
  consultationListSchema,
  consultationPageQuerySchema,
  consultationQuerySchema,
  consultationReportQuerySchema,
  consultationSchema,
  consultationStatsQuerySchema,
  consultationStatsSchema,
  consultationUpdateSchema,
  numericIdParamsSchema,
  outboxListSchema,
  outboxMessageSchema,
  outboxQuerySchema,
  portfolioQuerySchema,
  portfolioSchema,
  tokenParamsSchema,
  updateRequestFormSchema,
  updateRequestAnswerResultSchema,
  updateRequestAnswerSchema,
  updateRequestCreateSchema,
  updateRequestCreatedSchema,
  updateRequestListSchema,
  updateRequestReviewResultSchema,
  updateRequestReviewSchema,
} from "./advisory.js";
import { associationDetailSchema, associationKeyParamsSchema, associationListQuerySchema, associationListSchema } from "./associations.js";
import {
  accountCreateSchema,
  accountCreatedSchema,
  accountListSchema,
  accountSchema,
  accountUpdateSchema,
  apiTokenCreateSchema,
  apiTokenCreatedSchema,
  apiTokenListSchema,
  auditFilterSchema,
  auditListSchema,
  auditQuerySchema,
  authStateSchema,
  idParamsSchema,
  loginInputSchema,
  passwordResetSchema,
  publicAccessInputSchema,
  publicSettingsSchema,
  reauthInputSchema,
  reauthStateSchema,
  resetLinkSchema,
  userTokenParamsSchema,
} from "./auth.js";
import {
  conceptDetailSchema,
  conceptIdParamsSchema,
  conceptInputSchema,
  conceptListQuerySchema,
  conceptListSchema,
  conceptUpdateSchema,
  documentBytesSchema,
  documentIdParamsSchema,
  documentLinkInputSchema,
  documentSchema,
  resolutionCreatedSchema,
  resolutionInputSchema,
} from "./concepts.js";
import {
  imageBytesSchema,
  imageIdParamsSchema,
  practiceAdopterInputSchema,
  practiceAdopterSchema,
  practiceCreatedSchema,
  practiceDetailSchema,
  practiceExportQuerySchema,
  practiceExportSchema,
  practiceIdParamsSchema,
  practiceImageParamsSchema,
  practiceImageQuerySchema,
  practiceImageSchema,
  practiceImageUpdateSchema,
  practiceInputSchema,
  practiceListQuerySchema,
  practiceListSchema,
  practiceReturnInputSchema,
  practiceStepResultSchema,
  practiceUpdateSchema,
} from "./practices.js";
import {
  atRiskListSchema,
  atRiskQuerySchema,
  eligibleWithoutConceptListSchema,
  eligibleWithoutConceptQuerySchema,
  fundingStatsQuerySchema,
  fundingStatsSchema,
  MEASURE_IMPORT_CONTENT_TYPES,
  measureDetailSchema,
  measureIdParamsSchema,
  measureImportQuerySchema,
  measureImportResultSchema,
  measureInputSchema,
  measureListQuerySchema,
  measureListSchema,
  measureUpdateSchema,
  programmeIdParamsSchema,
  programmeInputSchema,
  programmeListSchema,
  programmeSchema,
  programmeUpdateSchema,
} from "./funding.js";
import { EVENT_IMPORT_CONTENT_TYPES, eventImportQuerySchema, eventImportResultSchema } from "./event-import.js";
import { healthSchema } from "./health.js";
import { eventCreatedSchema, eventInputSchema, statusEventListSchema } from "./insek.js";
import { ifMatchHeadersSchema } from "./precondition.js";
import {
  agsParamsSchema,
  asOfQuerySchema,
  districtListSchema,
  municipalityDetailSchema,
  municipalityExportQuerySchema,
  municipalityListQuerySchema,
  municipalityListSchema,
  saxonyTopologySchema,
} from "./registry.js";
import {
  districtStatsQuerySchema,
  districtStatsSchema,
  statusMapQuerySchema,
  statusMapSchema,
  summaryQuerySchema,
  summarySchema,
  timelineQuerySchema,
  timelineSchema,
} from "./stats.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The answer of a 204: no body. */
export const noContentSchema = z.null();

/** The answer of a download (CSV, XLSX, GeoJSON, the metrics' text): bytes in the endpoint's `produces` type, not parsed. */
export const fileResponseSchema = z.unknown();

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One endpoint of the API: its method, its public path (with `:name` parameters) and the zod schemas of
 * what goes in and what comes back. The API registers its route from it (apps/api/src/lib/endpoint-route.ts)
 * and the web's client calls it with it (apps/web/src/lib/api-client.ts `request`), so both sides check the
 * same shapes. `status` is the success status (200 unless given).
 */
export interface Endpoint<
  M extends HttpMethod = HttpMethod,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
  H extends z.ZodType | undefined = z.ZodType | undefined,
> {
  readonly method: M;
  readonly path: string;
  readonly params?: P;
  readonly query?: Q;
  /** Request headers the endpoint reads (e.g. If-Match), checked like the query. */
  readonly headers?: H;
  readonly body?: B;
  readonly response: R;
  readonly status?: 200 | 201 | 204;
  /** The body is a file in one of these media types (not JSON; `body` is then absent). */
  readonly consumes?: readonly string[];
  /**
   * The answer is prepared bytes of this media type (a download, a prepared JSON document, the metrics'
   * text), not serialized from `response`; `response` is what a reader may check it with.
   */
  readonly produces?: string;
}

/** Checks an entry's shape and keeps its literal types. */
function endpoint<
  const M extends HttpMethod,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
  const S extends 200 | 201 | 204 = 200,
  H extends z.ZodType | undefined = undefined,
  const X extends string | undefined = undefined,
>(entry: {
  method: M;
  path: string;
  params?: P;
  query?: Q;
  headers?: H;
  body?: B;
  response: R;
  status?: S;
  consumes?: readonly string[];
  produces?: X;
}) {
  return entry as Endpoint<M, P, Q, B, R, H> & { params: P; query: Q; headers: H; body: B; status?: S; produces: X };
}

/** What a caller passes for an endpoint's parameters, query and body (before the server's defaults). */
export type EndpointParams<E extends Endpoint> = E["params"] extends z.ZodType ? z.input<E["params"]> : undefined;
export type EndpointQuery<E extends Endpoint> = E["query"] extends z.ZodType ? WireQuery<z.input<E["query"]>> : undefined;

/** A query flag (`queryBooleanSchema`: "true"/"false"/"1"/"0") may be passed as a boolean; the URL carries "true"/"false". */
type WireQuery<T> = { [K in keyof T]: T[K] | ("true" extends T[K] ? boolean : never) };
export type EndpointHeaders<E extends Endpoint> = E["headers"] extends z.ZodType ? z.input<E["headers"]> : undefined;
export type EndpointBody<E extends Endpoint> = E["body"] extends z.ZodType ? z.input<E["body"]> : undefined;
/** What the endpoint answers, parsed. */
export type EndpointResponse<E extends Endpoint> = z.output<E["response"]>;

/**
 * Every endpoint of the API, one entry each: the API registers each route from its entry and the web calls
 * them through it. The paths are a public contract: never change one here without a decision record. The
 * only routes not in the map are the files of others (the OpenAPI UI, the web bundle): decision 0023.
 */
export const endpoints = {
  // Statistics
  statsSummary: endpoint({ method: "GET", path: "/api/stats/summary", query: summaryQuerySchema, response: summarySchema }),
  statsDistricts: endpoint({ method: "GET", path: "/api/stats/districts", query: districtStatsQuerySchema, response: districtStatsSchema }),
  statsTimeline: endpoint({ method: "GET", path: "/api/stats/timeline", query: timelineQuerySchema, response: timelineSchema }),
  statsStatusMap: endpoint({ method: "GET", path: "/api/stats/status-map", query: statusMapQuerySchema, response: statusMapSchema }),

  // Registry
  municipalityList: endpoint({ method: "GET", path: "/api/municipalities", query: municipalityListQuerySchema, response: municipalityListSchema }),
  municipalityDetail: endpoint({
    method: "GET",
    path: "/api/municipalities/:ags",
    params: agsParamsSchema,
    query: asOfQuerySchema,
    response: municipalityDetailSchema,
  }),
  municipalityEvents: endpoint({ method: "GET", path: "/api/municipalities/:ags/events", params: agsParamsSchema, response: statusEventListSchema }),
  municipalityEventCreate: endpoint({
    method: "POST",
    path: "/api/municipalities/:ags/events",
    params: agsParamsSchema,
    headers: ifMatchHeadersSchema,
    body: eventInputSchema,
    response: eventCreatedSchema,
    status: 201,
  }),
  eventImport: endpoint({
    method: "POST",
    path: "/api/import/events",
    query: eventImportQuerySchema,
    consumes: [EVENT_IMPORT_CONTENT_TYPES.csv, EVENT_IMPORT_CONTENT_TYPES.xlsx],
    response: eventImportResultSchema,
  }),
  municipalityContactImport: endpoint({
    method: "POST",
    path: "/api/import/municipality-contacts",
    query: contactImportQuerySchema,
    consumes: [EVENT_IMPORT_CONTENT_TYPES.csv],
    response: contactImportResultSchema,
  }),
  exportOutboxCsv: endpoint({ method: "GET", path: "/api/export/outbox.csv", query: outboxExportQuerySchema, response: fileResponseSchema, produces: "text/csv" }),
  districtList: endpoint({ method: "GET", path: "/api/districts", query: asOfQuerySchema, response: districtListSchema }),
  associationList: endpoint({ method: "GET", path: "/api/associations", query: associationListQuerySchema, response: associationListSchema }),
  associationDetail: endpoint({
    method: "GET",
    path: "/api/associations/:key",
    params: associationKeyParamsSchema,
    response: associationDetailSchema,
  }),

  // Concepts and their documents (docs/decisions/0027-concepts-as-records.md)
  conceptList: endpoint({ method: "GET", path: "/api/concepts", query: conceptListQuerySchema, response: conceptListSchema }),
  conceptDetail: endpoint({ method: "GET", path: "/api/concepts/:id", params: conceptIdParamsSchema, response: conceptDetailSchema }),
  conceptCreate: endpoint({ method: "POST", path: "/api/concepts", body: conceptInputSchema, response: conceptDetailSchema, status: 201 }),
  /** Send If-Match with the concept's version (its ETag): 428 without, 412 with an old one. */
  conceptUpdate: endpoint({
    method: "PATCH",
    path: "/api/concepts/:id",
    params: conceptIdParamsSchema,
    headers: ifMatchHeadersSchema,
    body: conceptUpdateSchema,
    response: conceptDetailSchema,
  }),
  conceptResolutionCreate: endpoint({
    method: "POST",
    path: "/api/concepts/:id/resolutions",
    params: conceptIdParamsSchema,
    body: resolutionInputSchema,
    response: resolutionCreatedSchema,
    status: 201,
  }),
  /**
   * A document of the concept: multipart/form-data with the field `file` (a PDF) and optional `title`, `kind`
   * (send it with FormData, not `request`); or a JSON link (the body schema here).
   */
  conceptDocumentCreate: endpoint({
    method: "POST",
    path: "/api/concepts/:id/documents",
    params: conceptIdParamsSchema,
    body: documentLinkInputSchema.nullish(),
    response: documentSchema,
    status: 201,
  }),
  /** The bytes of an uploaded document with its type and file name: a download link, not a JSON call. */
  documentDownload: endpoint({ method: "GET", path: "/api/documents/:id", params: documentIdParamsSchema, response: documentBytesSchema }),

  // Praxisbeispiele (docs/decisions/0033-praxisbeispiele.md)
  practiceList: endpoint({ method: "GET", path: "/api/practices", query: practiceListQuerySchema, response: practiceListSchema }),
  /** Atom feed of the newest published entries. */
  practiceFeed: endpoint({
    method: "GET",
    path: "/api/practices/feed.atom",
    query: practiceExportQuerySchema,
    response: fileResponseSchema,
    produces: "application/atom+xml",
  }),
  practiceDetail: endpoint({ method: "GET", path: "/api/practices/:id", params: practiceIdParamsSchema, response: practiceDetailSchema }),
  practiceCreate: endpoint({ method: "POST", path: "/api/practices", body: practiceInputSchema, response: practiceCreatedSchema, status: 201 }),
  /** Send If-Match with the entry's version (its ETag): 428 without, 412 with an old one. */
  practiceUpdate: endpoint({
    method: "PATCH",
    path: "/api/practices/:id",
    params: practiceIdParamsSchema,
    headers: ifMatchHeadersSchema,
    body: practiceUpdateSchema,
    response: practiceStepResultSchema,
  }),
  practiceSubmit: endpoint({ method: "POST", path: "/api/practices/:id/submit", params: practiceIdParamsSchema, response: practiceStepResultSchema }),
  practicePublish: endpoint({ method: "POST", path: "/api/practices/:id/publish", params: practiceIdParamsSchema, response: practiceStepResultSchema }),
  practiceReturn: endpoint({
    method: "POST",
    path: "/api/practices/:id/return",
    params: practiceIdParamsSchema,
    body: practiceReturnInputSchema,
    response: practiceStepResultSchema,
  }),
  practiceWithdraw: endpoint({ method: "POST", path: "/api/practices/:id/withdraw", params: practiceIdParamsSchema, response: practiceStepResultSchema }),
  practiceAdopterCreate: endpoint({
    method: "POST",
    path: "/api/practices/:id/adopters",
    params: practiceIdParamsSchema,
    body: practiceAdopterInputSchema,
    response: practiceAdopterSchema,
    status: 201,
  }),
  /** An image: multipart/form-data with the field `file` (JPEG, PNG or WebP) and the field `alt` (required); send it with FormData. */
  practiceImageCreate: endpoint({
    method: "POST",
    path: "/api/practices/:id/images",
    params: practiceIdParamsSchema,
    consumes: ["multipart/form-data"],
    response: practiceImageSchema,
    status: 201,
  }),
  /** A new alt text for an image (decision 0035); its bytes never change. */
  practiceImageUpdate: endpoint({
    method: "PATCH",
    path: "/api/practices/:id/images/:imageId",
    params: practiceImageParamsSchema,
    body: practiceImageUpdateSchema,
    response: practiceImageSchema,
  }),
  practiceImageDelete: endpoint({
    method: "DELETE",
    path: "/api/practices/:id/images/:imageId",
    params: practiceImageParamsSchema,
    response: noContentSchema,
    status: 204,
  }),
  /** The bytes of an image in one size (re-encoded on upload): an <img> source, not a JSON call. */
  imageDownload: endpoint({
    method: "GET",
    path: "/api/images/:id",
    params: imageIdParamsSchema,
    query: practiceImageQuerySchema,
    response: imageBytesSchema,
    produces: "image/webp",
  }),
  exportPracticesCsv: endpoint({
    method: "GET",
    path: "/api/export/practices.csv",
    query: practiceExportQuerySchema,
    response: fileResponseSchema,
    produces: "text/csv",
  }),
  /** The same open data as JSON (every published entry matching the filters, no paging). */
  exportPracticesJson: endpoint({ method: "GET", path: "/api/export/practices.json", query: practiceExportQuerySchema, response: practiceExportSchema }),
  // Funding: programmes, measures and what is derived from them on a date (docs/decisions/0032-funding-programmes-and-measures.md)
  programmeList: endpoint({ method: "GET", path: "/api/programmes", response: programmeListSchema }),
  programmeCreate: endpoint({ method: "POST", path: "/api/programmes", body: programmeInputSchema, response: programmeSchema, status: 201 }),
  /** Send If-Match with the programme's version (its ETag): 428 without, 412 with an old one. */
  programmeUpdate: endpoint({
    method: "PATCH",
    path: "/api/programmes/:id",
    params: programmeIdParamsSchema,
    headers: ifMatchHeadersSchema,
    body: programmeUpdateSchema,
    response: programmeSchema,
  }),
  measureList: endpoint({ method: "GET", path: "/api/measures", query: measureListQuerySchema, response: measureListSchema }),
  measureAtRisk: endpoint({ method: "GET", path: "/api/measures/at-risk", query: atRiskQuerySchema, response: atRiskListSchema }),
  measureDetail: endpoint({ method: "GET", path: "/api/measures/:id", params: measureIdParamsSchema, response: measureDetailSchema }),
  measureCreate: endpoint({ method: "POST", path: "/api/measures", body: measureInputSchema, response: measureDetailSchema, status: 201 }),
  /** Send If-Match with the measure's version (its ETag): 428 without, 412 with an old one. */
  measureUpdate: endpoint({
    method: "PATCH",
    path: "/api/measures/:id",
    params: measureIdParamsSchema,
    headers: ifMatchHeadersSchema,
    body: measureUpdateSchema,
    response: measureDetailSchema,
  }),
  /** Send If-Match with the measure's version: 428 without, 412 with an old one. */
  measureDelete: endpoint({
    method: "DELETE",
    path: "/api/measures/:id",
    params: measureIdParamsSchema,
    headers: ifMatchHeadersSchema,
    response: noContentSchema,
    status: 204,
  }),
  /** multipart/form-data with the field `file` (CSV or XLSX); send it with FormData, not `request`. */
  measureImport: endpoint({
    method: "POST",
    path: "/api/measures/import",
    query: measureImportQuerySchema,
    consumes: [MEASURE_IMPORT_CONTENT_TYPES.multipart],
    response: measureImportResultSchema,
  }),
  municipalitiesEligibleWithoutConcept: endpoint({
    method: "GET",
    path: "/api/municipalities/eligible-without-concept",
    query: eligibleWithoutConceptQuerySchema,
    response: eligibleWithoutConceptListSchema,
  }),
  statsFunding: endpoint({ method: "GET", path: "/api/stats/funding", query: fundingStatsQuerySchema, response: fundingStatsSchema }),

  // Settings, audit, accounts
  settingsPublic: endpoint({ method: "GET", path: "/api/settings/public", response: publicSettingsSchema }),
  auditList: endpoint({ method: "GET", path: "/api/audit", query: auditQuerySchema, response: auditListSchema }),
  exportAuditCsv: endpoint({ method: "GET", path: "/api/export/audit.csv", query: auditFilterSchema, response: fileResponseSchema, produces: "text/csv" }),
  authMe: endpoint({ method: "GET", path: "/api/auth/me", response: authStateSchema }),
  userList: endpoint({ method: "GET", path: "/api/users", response: accountListSchema }),
  userTokens: endpoint({ method: "GET", path: "/api/users/:id/tokens", params: idParamsSchema, response: apiTokenListSchema }),

  // Advisory: outbox, update requests, consultations, portfolio, assignments
  outboxList: endpoint({ method: "GET", path: "/api/outbox", query: outboxQuerySchema, response: outboxListSchema }),
  campaignList: endpoint({ method: "GET", path: "/api/update-requests", response: campaignListSchema }),
  campaignRequests: endpoint({
    method: "GET",
    path: "/api/update-requests/campaigns/:id",
    params: numericIdParamsSchema,
    response: updateRequestListSchema,
  }),
  pendingUpdateRequests: endpoint({ method: "GET", path: "/api/update-requests/pending", response: updateRequestListSchema }),
  updateRequestForm: endpoint({
    method: "GET",
    path: "/api/update-requests/by-token/:token",
    params: tokenParamsSchema,
    response: updateRequestFormSchema,
  }),
  consultationList: endpoint({ method: "GET", path: "/api/consultations", query: consultationQuerySchema, response: consultationListSchema }),
  consultationStats: endpoint({
    method: "GET",
    path: "/api/consultations/stats",
    query: consultationStatsQuerySchema,
    response: consultationStatsSchema,
  }),
  consultationDetail: endpoint({ method: "GET", path: "/api/consultations/:id", params: numericIdParamsSchema, response: consultationSchema }),
  municipalityConsultations: endpoint({
    method: "GET",
    path: "/api/municipalities/:ags/consultations",
    params: agsParamsSchema,
    query: consultationPageQuerySchema,
    response: consultationListSchema,
  }),
  portfolio: endpoint({ method: "GET", path: "/api/portfolio", query: portfolioQuerySchema, response: portfolioSchema }),
  assignmentList: endpoint({ method: "GET", path: "/api/assignments", query: assignmentQuerySchema, response: assignmentListSchema }),
  advisorList: endpoint({ method: "GET", path: "/api/advisors", response: advisorListSchema }),
  municipalityContactList: endpoint({
    method: "GET",
    path: "/api/municipality-contacts",
    query: municipalityContactQuerySchema,
    response: municipalityContactListSchema,
  }),

  // Writes (the rest: docs/decisions/0023-endpoint-map.md)
  consultationCreate: endpoint({ method: "POST", path: "/api/consultations", body: consultationInputSchema, response: consultationSchema, status: 201 }),
  consultationUpdate: endpoint({
    method: "PATCH",
    path: "/api/consultations/:id",
    params: numericIdParamsSchema,
    body: consultationUpdateSchema,
    response: consultationSchema,
  }),
  consultationWithdraw: endpoint({
    method: "DELETE",
    path: "/api/consultations/:id",
    params: numericIdParamsSchema,
    response: noContentSchema,
    status: 204,
  }),
  assignmentCreate: endpoint({ method: "POST", path: "/api/assignments", body: assignmentCreateSchema, response: assignmentCreatedSchema, status: 201 }),
  assignmentDelete: endpoint({ method: "DELETE", path: "/api/assignments/:id", params: numericIdParamsSchema, response: noContentSchema, status: 204 }),
  assignmentRemove: endpoint({ method: "POST", path: "/api/assignments/remove", body: assignmentRemoveSchema, response: assignmentRemovedSchema }),
  municipalityContactPut: endpoint({
    method: "PUT",
    path: "/api/municipalities/:ags/contact",
    params: agsParamsSchema,
    body: municipalityContactInputSchema,
    response: municipalityContactSchema,
  }),
  municipalityContactDelete: endpoint({
    method: "DELETE",
    path: "/api/municipalities/:ags/contact",
    params: agsParamsSchema,
    response: noContentSchema,
    status: 204,
  }),

  // Auth: sign-in, sign-out, password confirmation and setting, the account's API tokens
  authLogin: endpoint({ method: "POST", path: "/api/auth/login", body: loginInputSchema, response: authStateSchema }),
  authLogout: endpoint({ method: "POST", path: "/api/auth/logout", response: noContentSchema, status: 204 }),
  authReauth: endpoint({ method: "POST", path: "/api/auth/reauth", body: reauthInputSchema, response: reauthStateSchema }),
  authReset: endpoint({ method: "POST", path: "/api/auth/reset", body: passwordResetSchema, response: noContentSchema, status: 204 }),
  authTokenCreate: endpoint({ method: "POST", path: "/api/auth/tokens", body: apiTokenCreateSchema, response: apiTokenCreatedSchema, status: 201 }),
  authTokenList: endpoint({ method: "GET", path: "/api/auth/tokens", response: apiTokenListSchema }),
  authTokenRevoke: endpoint({ method: "DELETE", path: "/api/auth/tokens/:id", params: idParamsSchema, response: noContentSchema, status: 204 }),

  // Account administration
  userCreate: endpoint({ method: "POST", path: "/api/users", body: accountCreateSchema, response: accountCreatedSchema, status: 201 }),
  userUpdate: endpoint({ method: "PATCH", path: "/api/users/:id", params: idParamsSchema, body: accountUpdateSchema, response: accountSchema }),
  userReset: endpoint({ method: "POST", path: "/api/users/:id/reset", params: idParamsSchema, response: resetLinkSchema }),
  userTokenRevoke: endpoint({
    method: "DELETE",
    path: "/api/users/:id/tokens/:tokenId",
    params: userTokenParamsSchema,
    response: noContentSchema,
    status: 204,
  }),

  // Settings and the outbox
  settingsPublicAccess: endpoint({ method: "PUT", path: "/api/settings/public-access", body: publicAccessInputSchema, response: publicSettingsSchema }),
  outboxMarkSent: endpoint({ method: "POST", path: "/api/outbox/:id/sent", params: numericIdParamsSchema, response: outboxMessageSchema }),

  // Update requests: sending, reviewing, and the single-use link's answer
  updateRequestCreate: endpoint({ method: "POST", path: "/api/update-requests", body: updateRequestCreateSchema, response: updateRequestCreatedSchema, status: 201 }),
  updateRequestPreview: endpoint({
    method: "POST",
    path: "/api/update-requests/preview",
    body: updateRequestCreateSchema,
    response: updateRequestPreviewSchema,
  }),
  updateRequestReview: endpoint({
    method: "POST",
    path: "/api/update-requests/:id/review",
    params: numericIdParamsSchema,
    body: updateRequestReviewSchema,
    response: updateRequestReviewResultSchema,
  }),
  updateRequestOpened: endpoint({
    method: "POST",
    path: "/api/update-requests/by-token/:token/opened",
    params: tokenParamsSchema,
    response: noContentSchema,
    status: 204,
  }),
  updateRequestAnswer: endpoint({
    method: "POST",
    path: "/api/update-requests/by-token/:token",
    params: tokenParamsSchema,
    body: updateRequestAnswerSchema,
    response: updateRequestAnswerResultSchema,
  }),

  // Not JSON from a response schema: the map's geometry (prepared TopoJSON) and the downloads (the web links to them)
  saxonyGeo: endpoint({ method: "GET", path: "/api/geo/saxony", response: saxonyTopologySchema, produces: "application/json" }),
  exportMunicipalitiesCsv: endpoint({
    method: "GET",
    path: "/api/export/municipalities.csv",
    query: municipalityExportQuerySchema,
    response: fileResponseSchema,
    produces: "text/csv",
  }),
  exportMunicipalitiesXlsx: endpoint({
    method: "GET",
    path: "/api/export/municipalities.xlsx",
    query: municipalityExportQuerySchema,
    response: fileResponseSchema,
    produces: XLSX,
  }),
  exportMunicipalitiesGeojson: endpoint({
    method: "GET",
    path: "/api/export/municipalities.geojson",
    query: municipalityExportQuerySchema,
    response: fileResponseSchema,
    produces: "application/geo+json",
  }),
  exportEventsCsv: endpoint({ method: "GET", path: "/api/export/events.csv", query: municipalityExportQuerySchema, response: fileResponseSchema, produces: "text/csv" }),
  exportConsultationsReport: endpoint({
    method: "GET",
    path: "/api/export/consultations-report.xlsx",
    query: consultationReportQuerySchema,
    response: fileResponseSchema,
    produces: XLSX,
  }),

  // Operations: health probes, metrics, the OpenAPI document
  healthLive: endpoint({ method: "GET", path: "/health/live", response: healthSchema }),
  healthReady: endpoint({ method: "GET", path: "/health/ready", response: healthSchema }),
  metrics: endpoint({ method: "GET", path: "/metrics", response: fileResponseSchema, produces: "text/plain" }),
  openApiDocument: endpoint({ method: "GET", path: "/api/openapi.json", response: fileResponseSchema, produces: "application/json" }),
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;

/** The path with its `:name` parameters filled in (URI-encoded). A missing parameter is an error. */
export function endpointPath(path: string, params?: Record<string, unknown>): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (typeof value !== "string" && typeof value !== "number") throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}
