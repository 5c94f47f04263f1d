import { Route, Routes } from "react-router";
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
