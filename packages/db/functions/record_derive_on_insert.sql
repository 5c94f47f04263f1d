-- record_derive_on_insert: the current definition, as the migrations leave it (pg_get_functiondef).
-- Created in migrations/0008_derived_record_tables.sql, replaced in migrations/0009_timeline_rollup.sql, migrations/0010_multi_row_derive.sql.
-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.
CREATE OR REPLACE FUNCTION public.record_derive_on_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  changed char(8)[];
  incremental boolean;
  earliest date;
  e status_events;
  latest record_latest;
  adoption date;
BEGIN
  INSERT INTO record_latest AS l (ags, last_activity_at, last_confirmed_at)
  SELECT ags, max(recorded_at), max(recorded_at) FILTER (WHERE type = 'confirmation')
  FROM new_events GROUP BY ags
  ON CONFLICT (ags) DO UPDATE
  SET last_activity_at = greatest(l.last_activity_at, excluded.last_activity_at),
    last_confirmed_at = greatest(l.last_confirmed_at, excluded.last_confirmed_at);
  -- Every row of a municipality of its own, no correction, no status event before its open period.
  SELECT count(*) = count(DISTINCT n.ags)
      AND coalesce(bool_and(n.supersedes IS NULL
        AND (n.type <> 'status' OR l.status_since IS NULL OR n.effective_date >= l.status_since)), true),
    min(n.effective_date) FILTER (WHERE n.type = 'status')
    INTO incremental, earliest
  FROM new_events n JOIN record_latest l ON l.ags = n.ags;
  IF incremental THEN
    -- The common write: each status event closes its municipality's open period (or replaces it, on
    -- the same day) and opens its own (a later transaction of one municipality gets a higher id, so it
    -- also comes later in effective-date-then-id order). Confirmations need nothing more.
    FOR e IN SELECT * FROM new_events WHERE type = 'status' LOOP
      SELECT * INTO latest FROM record_latest WHERE ags = e.ags;
      adoption := CASE WHEN e.status = 'council_adopted' THEN e.council_resolution_date ELSE latest.council_resolution_date END;
      IF e.effective_date = latest.status_since THEN
        UPDATE record_periods SET event_id = e.id, status = e.status, concept_kind = e.concept_kind, source = e.source,
          document_url = e.document_url, horizon_year = e.horizon_year, council_resolution_date = adoption
        WHERE ags = e.ags AND valid_from = e.effective_date;
      ELSE
        IF latest.status_since IS NOT NULL THEN
          UPDATE record_periods SET valid_to = e.effective_date WHERE ags = e.ags AND valid_from = latest.status_since;
        END IF;
        INSERT INTO record_periods (ags, valid_from, valid_to, event_id, status, concept_kind, source, document_url,
          horizon_year, council_resolution_date)
        VALUES (e.ags, e.effective_date, NULL, e.id, e.status, e.concept_kind, e.source, e.document_url, e.horizon_year, adoption);
      END IF;
      UPDATE record_latest SET status = e.status, concept_kind = e.concept_kind, status_since = e.effective_date,
        source = e.source, document_url = e.document_url, horizon_year = e.horizon_year,
        council_resolution_date = adoption, first_status_since = coalesce(first_status_since, e.effective_date)
      WHERE ags = e.ags;
    END LOOP;
    -- Every delta this changes lies on or after the earliest effective date (the closed periods' ends,
    -- the new periods' starts and their lapses; a closed period's lapse moves only where it lay after it).
    IF earliest IS NOT NULL THEN
      PERFORM timeline_rollup_touch(earliest);
    END IF;
    RETURN NULL;
  END IF;
  -- Otherwise re-derive every municipality concerned. A correction changes the periods of the
  -- municipality of the event it supersedes (the API keeps both in one municipality; the database does
  -- not insist on it).
  SELECT array_agg(DISTINCT c.ags) INTO changed FROM (
    SELECT n.ags FROM new_events n WHERE n.type = 'status' OR n.supersedes IS NOT NULL
    UNION ALL
    SELECT (SELECT s.ags FROM status_events s WHERE s.id = n.supersedes) FROM new_events n WHERE n.supersedes IS NOT NULL
  ) c;
  IF changed IS NOT NULL THEN
    PERFORM record_derive(changed);
  END IF;
  RETURN NULL;
END;
$function$;
