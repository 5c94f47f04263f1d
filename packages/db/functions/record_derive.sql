-- record_derive: the current definition, as the migrations leave it (pg_get_functiondef).
-- Created in migrations/0008_derived_record_tables.sql, replaced in migrations/0009_timeline_rollup.sql.
-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.
CREATE OR REPLACE FUNCTION public.record_derive(changed character[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM record_periods WHERE ags = ANY (changed);
  INSERT INTO record_periods (ags, valid_from, valid_to, event_id, status, concept_kind, source, document_url,
    horizon_year, council_resolution_date)
  SELECT ags, effective_date, until, id, status, concept_kind, source, document_url, horizon_year, adoption
  FROM (
    SELECT x.*,
      CASE WHEN x.adoptions > 0 THEN first_value(x.council_resolution_date)
        OVER (PARTITION BY x.ags, x.adoptions ORDER BY x.effective_date, x.id) END AS adoption
    FROM (
      SELECT e.ags, e.id, e.effective_date, e.status, e.concept_kind, e.source, e.document_url, e.horizon_year,
        e.council_resolution_date,
        lead(e.effective_date) OVER w AS until,
        count(*) FILTER (WHERE e.status = 'council_adopted') OVER w AS adoptions
      FROM status_events e
      WHERE e.ags = ANY (changed) AND e.type = 'status'
        AND NOT EXISTS (SELECT 1 FROM status_events s WHERE s.supersedes = e.id)
      WINDOW w AS (PARTITION BY e.ags ORDER BY e.effective_date, e.id)
    ) x
  ) y
  WHERE until IS NULL OR until > effective_date;
  UPDATE record_latest l
  SET status = p.status, concept_kind = p.concept_kind, status_since = p.valid_from, source = p.source,
    document_url = p.document_url, horizon_year = p.horizon_year, council_resolution_date = p.council_resolution_date,
    first_status_since = (SELECT min(f.valid_from) FROM record_periods f WHERE f.ags = c.ags)
  FROM unnest(changed) c(ags) LEFT JOIN record_periods p ON p.ags = c.ags AND p.valid_to IS NULL
  WHERE l.ags = c.ags;
  -- A whole history may have changed, at any date.
  PERFORM timeline_rollup_touch(NULL);
END;
$function$;
