import { useTranslation } from "react-i18next";

/** A dash for sighted users, words for screen readers. */
export function NotAvailable() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t("common.notAvailable")}</span>
    </>
  );
}
