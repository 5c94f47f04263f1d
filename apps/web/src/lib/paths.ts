/** Client routes. They are part of the product (links must stay valid), so they live in one place. */
export const paths = {
  overview: "/",
  municipalities: "/gemeinden",
  municipality: (ags: string) => `/gemeinden/${encodeURIComponent(ags)}`,
  municipalitiesOfDistrict: (districtKey: string) =>
    `/gemeinden?${new URLSearchParams({ district: districtKey }).toString()}`,
  municipalitiesOfAssociation: (associationKey: string) =>
    `/gemeinden?${new URLSearchParams({ association: associationKey }).toString()}`,
  login: "/anmelden",
  myMunicipalities: "/meine-gemeinden",
  accounts: "/konten",
  setPassword: "/passwort-setzen",
  accessibility: "/barrierefreiheit",
  easyLanguage: "/leichte-sprache",
  portfolio: "/meine-kommunen",
  consultations: "/beratungen",
  assignments: "/beratungen/zuordnungen",
  updateRequests: "/beratungen/anfragen",
  /** The send form with one municipality picked (e.g. from a measure at risk on its page). */
  updateRequestFor: (ags: string) => `/beratungen/anfragen?${new URLSearchParams({ gemeinde: ags }).toString()}`,
  municipalityContacts: "/beratungen/kontakte",
  auditLog: "/protokoll",
  tokenForm: (token: string) => `/aktualisieren/${encodeURIComponent(token)}`,
  funding: "/foerderung",
  fundingImport: "/foerderung/import",
  fundingProgrammes: "/foerderung/programme",
  concepts: "/konzepte",
  concept: (id: number | string) => `/konzepte/${encodeURIComponent(String(id))}`,
  conceptEdit: (id: number | string) => `/konzepte/${encodeURIComponent(String(id))}/bearbeiten`,
  /** The create form; `association` pre-fills a joint concept's members, `ags` a municipality, `parent` an area concept's parent. */
  conceptNew: (prefill: { association?: string; ags?: string; parent?: number | string } = {}) => {
    const search = new URLSearchParams();
    if (prefill.association) search.set("association", prefill.association);
    if (prefill.ags) search.set("ags", prefill.ags);
    if (prefill.parent !== undefined) search.set("parent", String(prefill.parent));
    const query = search.toString();
    return query ? `/konzepte/neu?${query}` : "/konzepte/neu";
  },
  practices: "/praxisbeispiele",
  practice: (id: number | string) => `/praxisbeispiele/${encodeURIComponent(String(id))}`,
  practiceEdit: (id: number | string) => `/praxisbeispiele/${encodeURIComponent(String(id))}/bearbeiten`,
  /** The proposal form; `ags` pre-fills the municipality. */
  practiceNew: (prefill: { ags?: string } = {}) => (prefill.ags ? `/praxisbeispiele/neu?${new URLSearchParams({ ags: prefill.ags }).toString()}` : "/praxisbeispiele/neu"),
  practiceQueue: "/praxisbeispiele/pruefen",
  myPractices: "/praxisbeispiele/meine-entwuerfe",
} as const;
