-- Decision 0027: each municipality's history before concepts existed is linked to municipal concepts built
-- from what its events say. Every status event keeps its meaning (status, dates, kind, document, horizon are
-- not touched); only the new concept_id is set, so every figure derived from the history stays as it was
-- (apps/api/test/concept-linking.test.ts runs these statements on the demo and a ten-year history and compares
-- every statistic before and after).
--
-- The rule, per municipality, over its status events (type 'status') that no later event corrects, in the
-- order of the record (effective date, then id):
--   * the n-th council_adopted event belongs to the n-th concept, and so do the funding_eligible events after it;
--   * drafting and updating events prepare the next concept (n + 1, where n adoptions lie at or before them);
--   * 'none' belongs to no concept; confirmations and corrected events are not linked.
-- Each concept is municipal, of the kind its latest event names (INSEK when none does), with the latest
-- document link and planning horizon its events give; the n-th updates the (n - 1)-th (Fortschreibung). Each
-- adoption becomes a council resolution naming its event. Municipalities that are already members of a
-- concept, and events that already carry one, are left alone, so the statements may run again.
--
-- status_events is append-only by a trigger (migration 0002): it is disabled for the one UPDATE and enabled
-- again, inside the migration's transaction (as in migration 0014).
CREATE TEMPORARY TABLE concept_link_events AS
WITH candidates AS (
  SELECT e.id, e.ags, e.status, e.effective_date, e.recorded_at, e.concept_kind, e.council_resolution_date, e.document_url, e.horizon_year
  FROM status_events e
  WHERE e.type = 'status'
    AND e.concept_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM status_events c WHERE c.supersedes = e.id)
    AND NOT EXISTS (SELECT 1 FROM concept_members cm WHERE cm.ags = e.ags)
),
numbered AS (
  SELECT c.*,
    count(*) FILTER (WHERE c.status = 'council_adopted')
      OVER (PARTITION BY c.ags ORDER BY c.effective_date, c.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS adoptions
  FROM candidates c
)
SELECT n.*,
  CASE WHEN n.status IN ('drafting', 'updating') THEN n.adoptions + 1
       WHEN n.status IN ('council_adopted', 'funding_eligible') THEN n.adoptions
  END AS cycle
FROM numbered n
WHERE n.status <> 'none';
--> statement-breakpoint
CREATE TEMPORARY TABLE concept_link_cycles AS
SELECT l.ags, l.cycle,
  nextval(pg_get_serial_sequence('concepts', 'id')) AS concept_id,
  coalesce((array_agg(l.concept_kind ORDER BY l.effective_date DESC, l.id DESC) FILTER (WHERE l.concept_kind IS NOT NULL))[1], 'INSEK') AS kind,
  max(coalesce(l.council_resolution_date, l.effective_date)) FILTER (WHERE l.status = 'council_adopted') AS adopted_on,
  (array_agg(l.document_url ORDER BY l.effective_date DESC, l.id DESC) FILTER (WHERE l.document_url IS NOT NULL))[1] AS document_url,
  (array_agg(l.horizon_year ORDER BY l.effective_date DESC, l.id DESC) FILTER (WHERE l.horizon_year IS NOT NULL))[1] AS horizon_year,
  min(l.recorded_at) AS first_recorded_at,
  max(l.recorded_at) AS last_recorded_at
FROM concept_link_events l
GROUP BY l.ags, l.cycle;
--> statement-breakpoint
INSERT INTO concepts (id, title, kind, scope, lead_ags, parent_id, updates_id, horizon_year, note, origin, version, created_at, updated_at, created_by)
OVERRIDING SYSTEM VALUE
SELECT c.concept_id,
  c.kind || ' ' || m.display_name || coalesce(' (' || extract(year FROM c.adopted_on)::int || ')', ''),
  c.kind, 'municipal', c.ags, NULL,
  (SELECT p.concept_id FROM concept_link_cycles p WHERE p.ags = c.ags AND p.cycle = c.cycle - 1),
  c.horizon_year,
  'Aus der Statushistorie übernommen (Migration 0016)',
  'history', 1, c.first_recorded_at, c.last_recorded_at, NULL
FROM concept_link_cycles c
JOIN municipalities m ON m.ags = c.ags
ORDER BY c.concept_id;
--> statement-breakpoint
INSERT INTO concept_members (concept_id, ags, lead, position)
SELECT c.concept_id, c.ags, true, 0 FROM concept_link_cycles c;
--> statement-breakpoint
INSERT INTO documents (concept_id, kind, title, url, created_at)
SELECT c.concept_id, 'concept', 'Konzept (Link aus der Statushistorie)', c.document_url, c.last_recorded_at
FROM concept_link_cycles c
WHERE c.document_url IS NOT NULL;
--> statement-breakpoint
INSERT INTO concept_resolutions (concept_id, ags, date, status_event_id, recorded_at)
SELECT c.concept_id, l.ags, coalesce(l.council_resolution_date, l.effective_date), l.id, l.recorded_at
FROM concept_link_events l
JOIN concept_link_cycles c ON c.ags = l.ags AND c.cycle = l.cycle
WHERE l.status = 'council_adopted'
ORDER BY l.id;
--> statement-breakpoint
ALTER TABLE "status_events" DISABLE TRIGGER "status_events_no_update_delete";
--> statement-breakpoint
UPDATE status_events e SET concept_id = c.concept_id
FROM concept_link_events l
JOIN concept_link_cycles c ON c.ags = l.ags AND c.cycle = l.cycle
WHERE e.id = l.id;
--> statement-breakpoint
ALTER TABLE "status_events" ENABLE TRIGGER "status_events_no_update_delete";
--> statement-breakpoint
DROP TABLE concept_link_events;
--> statement-breakpoint
DROP TABLE concept_link_cycles;
