import { z } from "zod";

/** The one error shape of every API error (product.md, "Public API"). */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  /** Field-level problems for validation errors (400/422). */
  issues: z
    .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
    .optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Stable error codes. Clients may rely on these strings. */
export const ERROR_CODES = {
  validation: "VALIDATION_FAILED",
  malformedJson: "MALFORMED_JSON",
  badRequest: "BAD_REQUEST",
  // One code per client-error status the framework or Node's HTTP parser answers with.
  requestTimeout: "REQUEST_TIMEOUT",
  uriTooLong: "URI_TOO_LONG",
  requestHeaderFieldsTooLarge: "REQUEST_HEADER_FIELDS_TOO_LARGE",
  notAcceptable: "NOT_ACCEPTABLE",
  rangeNotSatisfiable: "RANGE_NOT_SATISFIABLE",
  notFound: "NOT_FOUND",
  routeNotFound: "ROUTE_NOT_FOUND",
  municipalityNotFound: "MUNICIPALITY_NOT_FOUND",
  invalidAgs: "INVALID_AGS",
  associationNotFound: "ASSOCIATION_NOT_FOUND",
  invalidAssociationKey: "INVALID_ASSOCIATION_KEY",
  payloadTooLarge: "PAYLOAD_TOO_LARGE",
  unsupportedMediaType: "UNSUPPORTED_MEDIA_TYPE",
  // Uploads (lib/uploads): what a file may cost before and while it is read.
  /** 415: the content (magic bytes) is not what the Content-Type says. */
  contentTypeMismatch: "CONTENT_TYPE_MISMATCH",
  /** 413: an archive (XLSX) unpacks, or would by its own directory, to more than allowed. */
  unpackedTooLarge: "UNPACKED_TOO_LARGE",
  /** 413: an archive entry packs more than the allowed ratio (a compression bomb). */
  compressionRatioTooHigh: "COMPRESSION_RATIO_TOO_HIGH",
  /** 413: an archive holds more entries than any genuine file of its kind. */
  archiveTooManyEntries: "ARCHIVE_TOO_MANY_ENTRIES",
  tooManySheets: "TOO_MANY_SHEETS",
  tooManyRows: "TOO_MANY_ROWS",
  tooManyColumns: "TOO_MANY_COLUMNS",
  tooManyCells: "TOO_MANY_CELLS",
  cellTooLong: "CELL_TOO_LONG",
  lineTooLong: "LINE_TOO_LONG",
  /** 503: too many heavy uploads are being read at once; retry after Retry-After. */
  serverBusy: "SERVER_BUSY",
  // Issue codes of the shared text and date rules (vocabulary.ts), inside a VALIDATION_FAILED answer.
  textNotWellFormed: "TEXT_NOT_WELL_FORMED",
  dateOutOfRange: "DATE_OUT_OF_RANGE",
  methodNotAllowed: "METHOD_NOT_ALLOWED",
  notReady: "NOT_READY",
  // Optimistic concurrency on a municipality's record (If-Match with its version).
  preconditionRequired: "PRECONDITION_REQUIRED",
  versionMismatch: "VERSION_MISMATCH",
  // Status rules (422), one code per rule.
  invalidTransition: "INVALID_TRANSITION",
  councilResolutionRequired: "COUNCIL_RESOLUTION_REQUIRED",
  councilResolutionAfterEffective: "COUNCIL_RESOLUTION_AFTER_EFFECTIVE",
  /** 422: a council resolution dated after today. */
  councilResolutionInFuture: "COUNCIL_RESOLUTION_IN_FUTURE",
  adoptionRequired: "ADOPTION_REQUIRED",
  previousAdoptionRequired: "PREVIOUS_ADOPTION_REQUIRED",
  fundingEligibleBySmrOnly: "FUNDING_ELIGIBLE_BY_SMR_ONLY",
  effectiveDateOutOfRange: "EFFECTIVE_DATE_OUT_OF_RANGE",
  confirmationNotToday: "CONFIRMATION_NOT_TODAY",
  conceptKindRequired: "CONCEPT_KIND_REQUIRED",
  municipalityNotExisting: "MUNICIPALITY_NOT_EXISTING_ON_DATE",
  supersededEventNotFound: "SUPERSEDED_EVENT_NOT_FOUND",
  eventAlreadySuperseded: "EVENT_ALREADY_SUPERSEDED",
  // Statistics and exports.
  invalidRange: "INVALID_RANGE",
  // Bulk import of status events.
  importInvalid: "IMPORT_INVALID",
  importUnreadable: "IMPORT_UNREADABLE",
  internal: "INTERNAL_ERROR",
  // Accounts and access control.
  authenticationRequired: "AUTHENTICATION_REQUIRED",
  forbidden: "FORBIDDEN",
  outOfScope: "OUT_OF_SCOPE",
  csrfTokenInvalid: "CSRF_TOKEN_INVALID",
  crossSiteRequest: "CROSS_SITE_REQUEST",
  invalidCredentials: "INVALID_CREDENTIALS",
  accountDisabled: "ACCOUNT_DISABLED",
  tooManyAttempts: "TOO_MANY_ATTEMPTS",
  resetTokenInvalid: "RESET_TOKEN_INVALID",
  emailTaken: "EMAIL_TAKEN",
  userNotFound: "USER_NOT_FOUND",
  tokenNotFound: "TOKEN_NOT_FOUND",
  unknownAgs: "UNKNOWN_AGS",
  ownAccountChange: "OWN_ACCOUNT_CHANGE_REFUSED",
  /** 403: account administration needs the password confirmed in this session recently (POST /api/auth/reauth). */
  reauthenticationRequired: "REAUTHENTICATION_REQUIRED",
  /** 403: a correction (`supersedes`) of an event whose source the account may not record. */
  correctionNotAllowed: "CORRECTION_NOT_ALLOWED",
  // FS INGE advisory workspace.
  advisorNotFound: "ADVISOR_NOT_FOUND",
  assignmentOverlap: "ASSIGNMENT_OVERLAP",
  assignmentNotFound: "ASSIGNMENT_NOT_FOUND",
  unknownDistrict: "UNKNOWN_DISTRICT",
  consultationNotFound: "CONSULTATION_NOT_FOUND",
  updateRequestNotFound: "UPDATE_REQUEST_NOT_FOUND",
  /** 410: the link was used already or has expired. */
  updateRequestGone: "UPDATE_REQUEST_GONE",
  noRecipients: "NO_RECIPIENTS",
  // Municipality contacts (decision 0028).
  /** A contact import names a municipality twice. */
  duplicateRow: "DUPLICATE_ROW",
  invalidEmail: "INVALID_EMAIL",
  reviewNotPending: "REVIEW_NOT_PENDING",
  // Concepts as records (docs/decisions/0027-concepts-as-records.md): 404s, then one 422 code per rule.
  conceptNotFound: "CONCEPT_NOT_FOUND",
  documentNotFound: "DOCUMENT_NOT_FOUND",
  conceptMemberDuplicate: "CONCEPT_MEMBER_DUPLICATE",
  conceptKindScopeMismatch: "CONCEPT_KIND_SCOPE_MISMATCH",
  conceptMunicipalOneMember: "CONCEPT_MUNICIPAL_ONE_MEMBER",
  conceptJointTwoMembers: "CONCEPT_JOINT_TWO_MEMBERS",
  conceptAreaParentRequired: "CONCEPT_AREA_PARENT_REQUIRED",
  conceptAreaOneMember: "CONCEPT_AREA_ONE_MEMBER",
  conceptParentOnlyForArea: "CONCEPT_PARENT_ONLY_FOR_AREA",
  conceptParentNotFound: "CONCEPT_PARENT_NOT_FOUND",
  conceptParentNotTownWide: "CONCEPT_PARENT_NOT_TOWN_WIDE",
  conceptParentNotCovering: "CONCEPT_PARENT_NOT_COVERING",
  conceptLeadNotMember: "CONCEPT_LEAD_NOT_MEMBER",
  conceptUpdatesNotFound: "CONCEPT_UPDATES_NOT_FOUND",
  conceptUpdatesItself: "CONCEPT_UPDATES_ITSELF",
  conceptMemberHasResolution: "CONCEPT_MEMBER_HAS_RESOLUTION",
  resolutionNotMember: "RESOLUTION_NOT_MEMBER",
  resolutionDateInFuture: "RESOLUTION_DATE_IN_FUTURE",
  resolutionDocumentNotFound: "RESOLUTION_DOCUMENT_NOT_FOUND",
  documentNotPdf: "DOCUMENT_NOT_PDF",
  documentTooLarge: "DOCUMENT_TOO_LARGE",
  documentFileRequired: "DOCUMENT_FILE_REQUIRED",
  // Praxisbeispiele (docs/decisions/0033-praxisbeispiele.md): 404s, the workflow's refusals (403/409), then 422 rules.
  practiceNotFound: "PRACTICE_NOT_FOUND",
  imageNotFound: "IMAGE_NOT_FOUND",
  practiceNotOwner: "PRACTICE_NOT_OWNER",
  practiceEditorsOnly: "PRACTICE_EDITORS_ONLY",
  practiceInReview: "PRACTICE_IN_REVIEW",
  practiceAlreadySubmitted: "PRACTICE_ALREADY_SUBMITTED",
  practiceNotSubmitted: "PRACTICE_NOT_SUBMITTED",
  practiceNothingToSubmit: "PRACTICE_NOTHING_TO_SUBMIT",
  practiceAlreadyPublished: "PRACTICE_ALREADY_PUBLISHED",
  practiceWithdrawn: "PRACTICE_WITHDRAWN",
  /** 403: the criteria (innovative, exemplary, cooperative) are set by editors only. */
  practiceCriteriaEditorsOnly: "PRACTICE_CRITERIA_EDITORS_ONLY",
  /** 409: adopters are recorded on published entries only. */
  practiceNotPublished: "PRACTICE_NOT_PUBLISHED",
  /** 409: this municipality is recorded as an adopter already. */
  practiceAdopterDuplicate: "PRACTICE_ADOPTER_DUPLICATE",
  /** 422: a municipality of the entry cannot adopt it. */
  practiceAdopterIsMunicipality: "PRACTICE_ADOPTER_IS_MUNICIPALITY",
  /** 422: a link that is not http or https (javascript:, data:, …). */
  practiceLinkNotHttp: "PRACTICE_LINK_NOT_HTTP",
  /** 422: a person's name in the contact without their recorded consent. */
  practiceContactConsentRequired: "PRACTICE_CONTACT_CONSENT_REQUIRED",
  /** 422: the description keeps no text once sanitised. */
  practiceDescriptionEmpty: "PRACTICE_DESCRIPTION_EMPTY",
  practiceConceptNotFound: "PRACTICE_CONCEPT_NOT_FOUND",
  practiceProgrammeNotFound: "PRACTICE_PROGRAMME_NOT_FOUND",
  practiceMeasureNotFound: "PRACTICE_MEASURE_NOT_FOUND",
  /** 422: an image that is not a JPEG, PNG or WebP by its bytes, or that cannot be decoded. */
  practiceImageInvalid: "PRACTICE_IMAGE_INVALID",
  practiceImageTooLarge: "PRACTICE_IMAGE_TOO_LARGE",
  /** 422: an image that declares more than PRACTICE_IMAGE_MAX_PIXELS (a decompression bomb), refused before decoding. */
  practiceImageTooManyPixels: "PRACTICE_IMAGE_TOO_MANY_PIXELS",
  practiceImageFileRequired: "PRACTICE_IMAGE_FILE_REQUIRED",
  practiceImageLimit: "PRACTICE_IMAGE_LIMIT",
  /** 403: the images of a published entry are shown at once, without review: only editors change them. */
  practiceImagesEditorsOnly: "PRACTICE_IMAGES_EDITORS_ONLY",
  /** 422: a consultation names an entry that does not exist. */
  consultationPracticeNotFound: "CONSULTATION_PRACTICE_NOT_FOUND",
  // Funding (docs/decisions/0032-funding-programmes-and-measures.md): 404s, then one 422 code per rule.
  programmeNotFound: "PROGRAMME_NOT_FOUND",
  measureNotFound: "MEASURE_NOT_FOUND",
  /** 409: POST /api/programmes with an id that exists. */
  programmeIdTaken: "PROGRAMME_ID_TAKEN",
  /** 422: a measure names a programme that does not exist. */
  measureProgrammeUnknown: "MEASURE_PROGRAMME_UNKNOWN",
  measureEndBeforeStart: "MEASURE_END_BEFORE_START",
  measureConceptNotFound: "MEASURE_CONCEPT_NOT_FOUND",
  measureConceptNotTownWide: "MEASURE_CONCEPT_NOT_TOWN_WIDE",
  /** 422: the town-wide concept has no member that is (or merged into, or grew from) the measure's municipality. */
  measureConceptNotCovering: "MEASURE_CONCEPT_NOT_COVERING",
  measureAreaConceptNotFound: "MEASURE_AREA_CONCEPT_NOT_FOUND",
  measureAreaConceptNotArea: "MEASURE_AREA_CONCEPT_NOT_AREA",
  /** 422: the area concept is of another municipality. */
  measureAreaConceptOtherMunicipality: "MEASURE_AREA_CONCEPT_OTHER_MUNICIPALITY",
  measureAmountYearDuplicate: "MEASURE_AMOUNT_YEAR_DUPLICATE",
  /** 422: programme period with `to` before `from`. */
  programmePeriodInvalid: "PROGRAMME_PERIOD_INVALID",
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
