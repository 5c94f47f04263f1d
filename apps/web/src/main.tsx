import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Providers } from "./app/providers";
import { AppRouter } from "./app/router";
import { initI18n } from "./lib/i18n";
// Global styles after the app's modules, as before the split: the built CSS keeps its order (the eagerly
// loaded features' styles first, then these), so equal-specificity rules resolve as they did.
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/data.css";
import "./styles/forms.css";
import "./styles/notices.css";
import "./styles/components.css";
import "./styles/print.css";

initI18n();

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

createRoot(container).render(
  <StrictMode>
    <Providers>
      <AppRouter />
    </Providers>
  </StrictMode>,
);
