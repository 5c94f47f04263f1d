import { type ComponentType, Suspense, lazy } from "react";
import { Route, Routes } from "react-router";
import { LoadingState } from "../components/query-state";
import { AppLayout } from "./layout/app-layout";
import { AccessibilityPage } from "./pages/accessibility-page";
import { AccountsPage } from "./pages/accounts-page";
import { EasyLanguagePage } from "./pages/easy-language-page";
import { LoginPage } from "./pages/login-page";
import { MunicipalityDetailPage } from "./pages/municipality-detail-page";
import { MunicipalityListPage } from "./pages/municipality-list-page";
import { MyMunicipalitiesPage } from "./pages/my-municipalities-page";
import { NotFoundPage } from "./pages/not-found-page";
import { OverviewPage } from "./pages/overview-page";
import { SetPasswordPage } from "./pages/set-password-page";

/** The advisory workspace's pages are separate chunks: most readers never open them. */
function lazyPage(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<LoadingState />}>
      <Page />
    </Suspense>
  );
}

const portfolioPage = lazyPage(async () => (await import("./pages/portfolio-page")).PortfolioPage);
const consultationsPage = lazyPage(async () => (await import("./pages/consultations-page")).ConsultationsPage);
const assignmentsPage = lazyPage(async () => (await import("./pages/assignments-page")).AssignmentsPage);
const updateRequestsPage = lazyPage(async () => (await import("./pages/update-requests-page")).UpdateRequestsPage);
const municipalityContactsPage = lazyPage(async () => (await import("./pages/municipality-contacts-page")).MunicipalityContactsPage);
const auditPage = lazyPage(async () => (await import("./pages/audit-page")).AuditPage);
const tokenUpdatePage = lazyPage(async () => (await import("./pages/token-update-page")).TokenUpdatePage);
const conceptListPage = lazyPage(async () => (await import("./pages/concept-list-page")).ConceptListPage);
const conceptDetailPage = lazyPage(async () => (await import("./pages/concept-detail-page")).ConceptDetailPage);
const conceptCreatePage = lazyPage(async () => (await import("./pages/concept-form-page")).ConceptCreatePage);
const conceptEditPage = lazyPage(async () => (await import("./pages/concept-form-page")).ConceptEditPage);
const fundingPage = lazyPage(async () => (await import("./pages/funding-page")).FundingPage);
const fundingImportPage = lazyPage(async () => (await import("./pages/funding-import-page")).FundingImportPage);
const fundingProgrammesPage = lazyPage(async () => (await import("./pages/funding-programmes-page")).FundingProgrammesPage);
const practiceListPage = lazyPage(async () => (await import("./pages/practice-list-page")).PracticeListPage);
const practiceDetailPage = lazyPage(async () => (await import("./pages/practice-detail-page")).PracticeDetailPage);
const practiceCreatePage = lazyPage(async () => (await import("./pages/practice-form-page")).PracticeCreatePage);
const practiceEditPage = lazyPage(async () => (await import("./pages/practice-form-page")).PracticeEditPage);
const practiceQueuePage = lazyPage(async () => (await import("./pages/practice-queue-page")).PracticeQueuePage);
const myPracticesPage = lazyPage(async () => (await import("./pages/my-practices-page")).MyPracticesPage);

/** Paths are part of the product (see product.md); keep them stable. */
export function AppRouter() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<OverviewPage />} />
        <Route path="gemeinden" element={<MunicipalityListPage />} />
        <Route path="gemeinden/:ags" element={<MunicipalityDetailPage />} />
        <Route path="anmelden" element={<LoginPage />} />
        <Route path="meine-gemeinden" element={<MyMunicipalitiesPage />} />
        <Route path="konten" element={<AccountsPage />} />
        <Route path="passwort-setzen" element={<SetPasswordPage />} />
        <Route path="barrierefreiheit" element={<AccessibilityPage />} />
        <Route path="leichte-sprache" element={<EasyLanguagePage />} />
        <Route path="meine-kommunen" element={portfolioPage} />
        <Route path="beratungen" element={consultationsPage} />
        <Route path="beratungen/zuordnungen" element={assignmentsPage} />
        <Route path="beratungen/anfragen" element={updateRequestsPage} />
        <Route path="beratungen/kontakte" element={municipalityContactsPage} />
        <Route path="aktualisieren/:token" element={tokenUpdatePage} />
        <Route path="protokoll" element={auditPage} />
        <Route path="konzepte" element={conceptListPage} />
        <Route path="konzepte/neu" element={conceptCreatePage} />
        <Route path="konzepte/:id" element={conceptDetailPage} />
        <Route path="konzepte/:id/bearbeiten" element={conceptEditPage} />
        <Route path="foerderung" element={fundingPage} />
        <Route path="foerderung/import" element={fundingImportPage} />
        <Route path="foerderung/programme" element={fundingProgrammesPage} />
        <Route path="praxisbeispiele" element={practiceListPage} />
        <Route path="praxisbeispiele/neu" element={practiceCreatePage} />
        <Route path="praxisbeispiele/pruefen" element={practiceQueuePage} />
        <Route path="praxisbeispiele/meine-entwuerfe" element={myPracticesPage} />
        <Route path="praxisbeispiele/:id" element={practiceDetailPage} />
        <Route path="praxisbeispiele/:id/bearbeiten" element={practiceEditPage} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
