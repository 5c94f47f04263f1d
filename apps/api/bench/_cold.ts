import { databaseUrl, startApiServer } from "./bench-lib.js";
const paths = ["/api/stats/summary", "/api/stats/districts", "/api/stats/timeline", "/api/municipalities?status=drafting&stale=false&sort=name&limit=50"];
for (const p of paths) {
  const s = await startApiServer({ DATABASE_URL: databaseUrl("insek_scale") });
  const t = performance.now();
  const r = await fetch(s.baseUrl + p);
  await r.arrayBuffer();
  console.log(p, r.status, Math.round(performance.now() - t), "ms");
  await s.stop();
}
