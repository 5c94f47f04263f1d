import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { DemoBanner } from "../../features/demo/components/demo-banner";
import { useTableScrollHints } from "../../lib/use-table-scroll-hints";
import { Footer } from "./footer";
import { Header } from "./header";
import { MAIN_ID, SkipLink } from "./skip-link";

export function AppLayout() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPathname = useRef(pathname);
  useTableScrollHints(mainRef);

  // After client-side navigation, start at the top and move focus to the new content, as a
  // full page load would; changes of the query string alone (filters, paging) keep focus.
  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <SkipLink />
      <DemoBanner />
      <Header />
      <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="container site-main">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}
