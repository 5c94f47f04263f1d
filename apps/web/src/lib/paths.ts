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
  municipalityContacts: "/beratungen/kontakte",
  auditLog: "/protokoll",
  tokenForm: (token: string) => `/aktualisieren/${encodeURIComponent(token)}`,
} as const;
