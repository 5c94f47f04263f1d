import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";

export const MAIN_ID = "main";

export function SkipLink() {
  const { t } = useTranslation();
  // Focus main explicitly: a bare fragment link would also push "#main" into the router history.
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={skip}>
      {t("app.skipLink")}
    </a>
  );
}
