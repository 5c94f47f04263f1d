/**
 * The practices vocabulary as the web uses it (values as the API's contract names them; wording in the
 * `practices` locale).
 */
export const PRACTICE_TOPICS = [
  "participation",
  "inner_development",
  "services",
  "climate_energy",
  "mobility",
  "digital",
  "cooperation",
  "youth",
  "other",
] as const;
export type PracticeTopic = (typeof PRACTICE_TOPICS)[number];

export const PRACTICE_PHASES = ["idea", "implementation", "completed"] as const;
export type PracticePhase = (typeof PRACTICE_PHASES)[number];

export const PRACTICE_STATES = ["draft", "submitted", "returned", "published", "withdrawn"] as const;
export type PracticeState = (typeof PRACTICE_STATES)[number];

/** What juries judge an entry by (innovative, exemplary, cooperative). */
export const PRACTICE_CRITERIA = ["innovative", "exemplary", "cooperative"] as const;
export type PracticeCriterion = (typeof PRACTICE_CRITERIA)[number];
