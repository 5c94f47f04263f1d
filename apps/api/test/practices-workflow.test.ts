import {
  PRACTICE_ACTIONS,
  PRACTICE_ACTORS,
  PRACTICE_POSITIONS,
  PRACTICE_WORKFLOW,
  type PracticeAction,
  type PracticeActor,
  type PracticePosition,
  errorResponseSchema,
  practiceCreatedSchema,
  practiceDetailSchema,
  practicePosition,
  practiceStepResultSchema,
} from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, bearerFor } from "./helpers/accounts.js";
import { auditEntries } from "./helpers/advisory.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/*
 * The workflow of Praxisbeispiele is one table (packages/contracts/src/practice-workflow.ts). This test holds a
 * literal copy of every cell, checks the table against it, and then plays every position × action × actor
 * through the API on a real database: the answer's status and code, or the position the entry moves to.
 */

const N = (next: PracticePosition) => next;
/** A position (the step's result) or a refusal's code. */
type Cell = string;
/** Per position and action: [editor, owner, other]. A position is the step's result, anything else the refusal's code. */
const EXPECTED: Record<PracticePosition, Record<PracticeAction, [Cell, Cell, Cell]>> = {
  draft: {
    edit: [N("draft"), N("draft"), "PRACTICE_NOT_OWNER"],
    submit: [N("submitted"), N("submitted"), "PRACTICE_NOT_OWNER"],
    publish: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    return: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    withdraw: [N("withdrawn"), N("withdrawn"), "PRACTICE_NOT_OWNER"],
  },
  submitted: {
    edit: [N("submitted"), "PRACTICE_IN_REVIEW", "PRACTICE_NOT_OWNER"],
    submit: ["PRACTICE_ALREADY_SUBMITTED", "PRACTICE_ALREADY_SUBMITTED", "PRACTICE_NOT_OWNER"],
    publish: [N("published"), "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    return: [N("returned"), "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    withdraw: [N("withdrawn"), N("withdrawn"), "PRACTICE_NOT_OWNER"],
  },
  returned: {
    edit: [N("returned"), N("returned"), "PRACTICE_NOT_OWNER"],
    submit: [N("submitted"), N("submitted"), "PRACTICE_NOT_OWNER"],
    publish: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    return: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    withdraw: [N("withdrawn"), N("withdrawn"), "PRACTICE_NOT_OWNER"],
  },
  published: {
    edit: [N("revision_draft"), N("revision_draft"), "PRACTICE_NOT_OWNER"],
    submit: ["PRACTICE_NOTHING_TO_SUBMIT", "PRACTICE_NOTHING_TO_SUBMIT", "PRACTICE_NOT_OWNER"],
    publish: ["PRACTICE_ALREADY_PUBLISHED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    return: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    withdraw: [N("withdrawn"), N("withdrawn"), "PRACTICE_NOT_OWNER"],
  },
  withdrawn: {
    edit: ["PRACTICE_WITHDRAWN", "PRACTICE_WITHDRAWN", "PRACTICE_NOT_OWNER"],
    submit: ["PRACTICE_WITHDRAWN", "PRACTICE_WITHDRAWN", "PRACTICE_NOT_OWNER"],
    publish: ["PRACTICE_WITHDRAWN", "PRACTICE_WITHDRAWN", "PRACTICE_NOT_OWNER"],
    return: ["PRACTICE_WITHDRAWN", "PRACTICE_WITHDRAWN", "PRACTICE_NOT_OWNER"],
    withdraw: ["PRACTICE_WITHDRAWN", "PRACTICE_WITHDRAWN", "PRACTICE_NOT_OWNER"],
  },
  revision_draft: {
    edit: [N("revision_draft"), N("revision_draft"), "PRACTICE_NOT_OWNER"],
    submit: [N("revision_submitted"), N("revision_submitted"), "PRACTICE_NOT_OWNER"],
    publish: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    return: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    withdraw: [N("withdrawn"), N("withdrawn"), "PRACTICE_NOT_OWNER"],
  },
  revision_submitted: {
    edit: [N("revision_submitted"), "PRACTICE_IN_REVIEW", "PRACTICE_NOT_OWNER"],
    submit: ["PRACTICE_ALREADY_SUBMITTED", "PRACTICE_ALREADY_SUBMITTED", "PRACTICE_NOT_OWNER"],
    publish: [N("published"), "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    return: [N("revision_returned"), "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    withdraw: [N("withdrawn"), N("withdrawn"), "PRACTICE_NOT_OWNER"],
  },
  revision_returned: {
    edit: [N("revision_returned"), N("revision_returned"), "PRACTICE_NOT_OWNER"],
    submit: [N("revision_submitted"), N("revision_submitted"), "PRACTICE_NOT_OWNER"],
    publish: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    return: ["PRACTICE_NOT_SUBMITTED", "PRACTICE_EDITORS_ONLY", "PRACTICE_NOT_OWNER"],
    withdraw: [N("withdrawn"), N("withdrawn"), "PRACTICE_NOT_OWNER"],
  },
};

const isPosition = (cell: Cell): cell is PracticePosition => (PRACTICE_POSITIONS as readonly string[]).includes(cell);
const STATUS_OF_REFUSAL = (code: string) => (code === "PRACTICE_NOT_OWNER" || code === "PRACTICE_EDITORS_ONLY" ? 403 : 409);

describe("the workflow table", () => {
  it("every cell equals the literal table", () => {
    for (const position of PRACTICE_POSITIONS) {
      for (const action of PRACTICE_ACTIONS) {
        PRACTICE_ACTORS.forEach((actor, i) => {
          const cell = PRACTICE_WORKFLOW[position][action][actor];
          const expected: Cell = EXPECTED[position][action][i] ?? "";
          expect("next" in cell ? cell.next : cell.refused, `${position} × ${action} × ${actor}`).toBe(expected);
        });
      }
    }
    expect(Object.keys(PRACTICE_WORKFLOW).sort()).toEqual([...PRACTICE_POSITIONS].sort());
  });

  it("each refusal has its own code, and every code is used", () => {
    const codes = new Set(Object.values(EXPECTED).flatMap((row) => Object.values(row).flat()).filter((c) => !isPosition(c)));
    expect([...codes].sort()).toEqual(
      [
        "PRACTICE_ALREADY_PUBLISHED",
        "PRACTICE_ALREADY_SUBMITTED",
        "PRACTICE_EDITORS_ONLY",
        "PRACTICE_IN_REVIEW",
        "PRACTICE_NOTHING_TO_SUBMIT",
        "PRACTICE_NOT_OWNER",
        "PRACTICE_NOT_SUBMITTED",
        "PRACTICE_WITHDRAWN",
      ].sort(),
    );
  });
});

// Auerbach's entries: the owner is Auerbach's account, the other Plauen's, the editors FS INGE and SMR.
const AUERBACH = "14523020";
const PLAUEN = "14523320";

let t: TestApp;
let headersOf: Record<PracticeActor, Record<string, string>>;
let smr: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  smr = (await bearerFor(t.app, (await addAccount(db, { email: "smr@test.example", role: "smr", password: null })).id)).headers;
  headersOf = {
    editor: (await bearerFor(t.app, (await addAccount(db, { email: "inge@test.example", role: "advisor", password: null })).id)).headers,
    owner: (await bearerFor(t.app, (await addAccount(db, { email: "auerbach@test.example", role: "municipality", ags: [AUERBACH], password: null })).id)).headers,
    other: (await bearerFor(t.app, (await addAccount(db, { email: "plauen@test.example", role: "municipality", ags: [PLAUEN], password: null })).id)).headers,
  };
});
afterAll(async () => {
  await t.close();
});

async function positionOf(id: number): Promise<{ position: PracticePosition; version: number }> {
  const res = await t.app.inject({ url: `/api/practices/${id}`, headers: smr });
  expect(res.statusCode, res.body).toBe(200);
  const detail = practiceDetailSchema.parse(res.json());
  return { position: practicePosition(detail.state, detail.revision?.state ?? null), version: detail.version };
}

async function act(id: number, action: PracticeAction, headers: Record<string, string>) {
  if (action === "edit") {
    const { version } = await positionOf(id);
    return t.app.inject({ method: "PATCH", url: `/api/practices/${id}`, headers: { ...headers, "if-match": `"${version}"` }, payload: { summary: `geändert ${version}` } });
  }
  return t.app.inject({
    method: "POST",
    url: `/api/practices/${id}/${action}`,
    headers,
    ...(action === "return" ? { payload: { comment: "Bitte überarbeiten" } } : {}),
  });
}

/** The way to each position from a new draft: the actions, by editor (smr) or owner. */
const PATHS: Record<PracticePosition, [PracticeAction, "smr" | "owner"][]> = {
  draft: [],
  submitted: [["submit", "owner"]],
  returned: [["submit", "owner"], ["return", "smr"]],
  published: [["submit", "owner"], ["publish", "smr"]],
  withdrawn: [["withdraw", "owner"]],
  revision_draft: [["submit", "owner"], ["publish", "smr"], ["edit", "owner"]],
  revision_submitted: [["submit", "owner"], ["publish", "smr"], ["edit", "owner"], ["submit", "owner"]],
  revision_returned: [["submit", "owner"], ["publish", "smr"], ["edit", "owner"], ["submit", "owner"], ["return", "smr"]],
};

async function entryIn(position: PracticePosition): Promise<number> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/practices",
    headers: headersOf.owner,
    payload: { title: `Im Zustand ${position}`, summary: "Kurz", description: "<p>Text</p>", ags: [AUERBACH], topics: ["other"], phase: "idea" },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id } = practiceCreatedSchema.parse(res.json());
  for (const [action, who] of PATHS[position]) {
    const done = await act(id, action, who === "smr" ? smr : headersOf.owner);
    expect(done.statusCode, `${position}: ${action} ${done.body}`).toBe(200);
  }
  expect((await positionOf(id)).position).toBe(position);
  return id;
}

describe("every position × action × actor through the API", () => {
  for (const position of PRACTICE_POSITIONS) {
    it(`from ${position}`, async () => {
      for (const action of PRACTICE_ACTIONS) {
        for (const [i, actor] of PRACTICE_ACTORS.entries()) {
          const expected: Cell = EXPECTED[position][action][i] ?? "";
          const id = await entryIn(position);
          const auditBefore = (await auditEntries(t.app, "practice.")).filter((a) => a.target === `practice:${id}`).length;
          const res = await act(id, action, headersOf[actor]);
          const label = `${position} × ${action} × ${actor}`;
          if (isPosition(expected)) {
            expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
            const result = practiceStepResultSchema.parse(res.json());
            expect(practicePosition(result.state, result.revisionState), label).toBe(expected);
            expect((await positionOf(id)).position, label).toBe(expected);
            const auditAfter = (await auditEntries(t.app, "practice.")).filter((a) => a.target === `practice:${id}`).length;
            expect(auditAfter, `${label}: audited`).toBe(auditBefore + 1);
          } else {
            // Another municipality does not learn that an unpublished entry exists: 404 before the table's refusal.
            const hidden = actor === "other" && !["published", "revision_draft", "revision_submitted", "revision_returned"].includes(position);
            expect(res.statusCode, `${label}: ${res.body}`).toBe(hidden ? 404 : STATUS_OF_REFUSAL(expected));
            expect(errorResponseSchema.parse(res.json()).code, label).toBe(hidden ? "PRACTICE_NOT_FOUND" : expected);
            expect((await positionOf(id)).position, `${label}: unchanged`).toBe(position);
          }
        }
      }
    });
  }

  it("SMR acts as an editor like FS INGE", async () => {
    const id = await entryIn("submitted");
    const res = await act(id, "publish", smr);
    expect(res.statusCode, res.body).toBe(200);
    expect((await positionOf(id)).position).toBe("published");
  });

  it("anonymous callers are asked to sign in for every action", async () => {
    const id = await entryIn("published");
    for (const action of PRACTICE_ACTIONS) {
      const res = await act(id, action, {});
      expect(res.statusCode, action).toBe(401);
    }
  });
});
