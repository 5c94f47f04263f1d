import { z } from "zod";

/*
 * The workflow of a Praxisbeispiel (issue 16, docs/decisions/0033-praxisbeispiele.md) as one table:
 * position × action × actor → the next position, or the refusal's code. The API applies it
 * (apps/api/src/modules/practices/practices.service.ts), the web may ask it which buttons to show, and
 * apps/api/test/practices-workflow.test.ts checks every cell against a literal copy.
 */

/** The public state of an entry. */
export const PRACTICE_STATES = ["draft", "submitted", "returned", "published", "withdrawn"] as const;
export const practiceStateSchema = z.enum(PRACTICE_STATES);
export type PracticeState = z.infer<typeof practiceStateSchema>;

/** The state of a revision of a published entry (the published version stays visible meanwhile). */
export const PRACTICE_REVISION_STATES = ["draft", "submitted", "returned"] as const;
export const practiceRevisionStateSchema = z.enum(PRACTICE_REVISION_STATES);
export type PracticeRevisionState = z.infer<typeof practiceRevisionStateSchema>;

/**
 * Where an entry stands in the workflow: its state, or for a published entry with an open revision the
 * revision's state (`revision_draft`, `revision_submitted`, `revision_returned`).
 */
export const PRACTICE_POSITIONS = [
  "draft",
  "submitted",
  "returned",
  "published",
  "withdrawn",
  "revision_draft",
  "revision_submitted",
  "revision_returned",
] as const;
export type PracticePosition = (typeof PRACTICE_POSITIONS)[number];

/** `edit` is PATCH (content fields); the others are POST /api/practices/:id/<action>. */
export const PRACTICE_ACTIONS = ["edit", "submit", "publish", "return", "withdraw"] as const;
export const practiceActionSchema = z.enum(PRACTICE_ACTIONS);
export type PracticeAction = z.infer<typeof practiceActionSchema>;

/**
 * Who acts: `editor` (smr and FS INGE accounts), `owner` (a municipality account that speaks for one of the
 * entry's municipalities, or the account that wrote it), `other` (any other signed-in account).
 */
export const PRACTICE_ACTORS = ["editor", "owner", "other"] as const;
export type PracticeActor = (typeof PRACTICE_ACTORS)[number];

/** The refusals, one code each (ERROR_CODES.practice*). */
export const PRACTICE_REFUSALS = {
  /** 403: the account is not related to the entry. */
  notOwner: "PRACTICE_NOT_OWNER",
  /** 403: publishing and returning are for editors (smr, FS INGE). */
  editorsOnly: "PRACTICE_EDITORS_ONLY",
  /** 409: the entry (or its revision) is under review; only editors change it now. */
  inReview: "PRACTICE_IN_REVIEW",
  /** 409: submitted already. */
  alreadySubmitted: "PRACTICE_ALREADY_SUBMITTED",
  /** 409: publishing or returning needs a submitted entry or revision. */
  notSubmitted: "PRACTICE_NOT_SUBMITTED",
  /** 409: a published entry without an open revision has nothing to submit. */
  nothingToSubmit: "PRACTICE_NOTHING_TO_SUBMIT",
  /** 409: the entry is published and has no submitted revision. */
  alreadyPublished: "PRACTICE_ALREADY_PUBLISHED",
  /** 409: the entry is withdrawn; nothing more happens to it. */
  withdrawn: "PRACTICE_WITHDRAWN",
} as const;
export type PracticeRefusal = (typeof PRACTICE_REFUSALS)[keyof typeof PRACTICE_REFUSALS];

export type PracticeStep = { next: PracticePosition } | { refused: PracticeRefusal };

const R = PRACTICE_REFUSALS;

/** What an editor may do in each position. */
const EDITOR: Record<PracticePosition, Record<PracticeAction, PracticeStep>> = {
  draft: { edit: { next: "draft" }, submit: { next: "submitted" }, publish: { refused: R.notSubmitted }, return: { refused: R.notSubmitted }, withdraw: { next: "withdrawn" } },
  submitted: {
    edit: { next: "submitted" },
    submit: { refused: R.alreadySubmitted },
    publish: { next: "published" },
    return: { next: "returned" },
    withdraw: { next: "withdrawn" },
  },
  returned: { edit: { next: "returned" }, submit: { next: "submitted" }, publish: { refused: R.notSubmitted }, return: { refused: R.notSubmitted }, withdraw: { next: "withdrawn" } },
  published: {
    edit: { next: "revision_draft" },
    submit: { refused: R.nothingToSubmit },
    publish: { refused: R.alreadyPublished },
    return: { refused: R.notSubmitted },
    withdraw: { next: "withdrawn" },
  },
  withdrawn: { edit: { refused: R.withdrawn }, submit: { refused: R.withdrawn }, publish: { refused: R.withdrawn }, return: { refused: R.withdrawn }, withdraw: { refused: R.withdrawn } },
  revision_draft: {
    edit: { next: "revision_draft" },
    submit: { next: "revision_submitted" },
    publish: { refused: R.notSubmitted },
    return: { refused: R.notSubmitted },
    withdraw: { next: "withdrawn" },
  },
  revision_submitted: {
    edit: { next: "revision_submitted" },
    submit: { refused: R.alreadySubmitted },
    publish: { next: "published" },
    return: { next: "revision_returned" },
    withdraw: { next: "withdrawn" },
  },
  revision_returned: {
    edit: { next: "revision_returned" },
    submit: { next: "revision_submitted" },
    publish: { refused: R.notSubmitted },
    return: { refused: R.notSubmitted },
    withdraw: { next: "withdrawn" },
  },
};

/** An owner edits, submits and withdraws, but never publishes or returns, and does not edit what is under review. */
function ownerStep(position: PracticePosition, action: PracticeAction): PracticeStep {
  const editor = EDITOR[position][action];
  if (position === "withdrawn") return editor;
  if (action === "publish" || action === "return") return { refused: R.editorsOnly };
  if (action === "edit" && (position === "submitted" || position === "revision_submitted")) return { refused: R.inReview };
  if (action === "edit" && position === "returned") return { next: "returned" };
  return editor;
}

/** The whole table: every position × action × actor. */
export const PRACTICE_WORKFLOW: Record<PracticePosition, Record<PracticeAction, Record<PracticeActor, PracticeStep>>> = Object.fromEntries(
  PRACTICE_POSITIONS.map((position) => [
    position,
    Object.fromEntries(
      PRACTICE_ACTIONS.map((action) => [
        action,
        { editor: EDITOR[position][action], owner: ownerStep(position, action), other: { refused: R.notOwner } } satisfies Record<PracticeActor, PracticeStep>,
      ]),
    ),
  ]),
) as Record<PracticePosition, Record<PracticeAction, Record<PracticeActor, PracticeStep>>>;

/** One cell of the table. */
export function practiceStep(position: PracticePosition, action: PracticeAction, actor: PracticeActor): PracticeStep {
  return PRACTICE_WORKFLOW[position][action][actor];
}

/** The position of an entry in the table. */
export function practicePosition(state: PracticeState, revisionState: PracticeRevisionState | null): PracticePosition {
  if (state === "published" && revisionState) return `revision_${revisionState}`;
  return state;
}
