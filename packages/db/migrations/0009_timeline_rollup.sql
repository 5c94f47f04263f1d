CREATE TABLE "timeline_rollup" (
	"month" date NOT NULL,
	"status" text NOT NULL,
	"count" bigint NOT NULL,
	"population" bigint NOT NULL,
	"covered_count" bigint NOT NULL,
	"covered_population" bigint NOT NULL,
	CONSTRAINT "timeline_rollup_month_status_pk" PRIMARY KEY("month","status")
);
--> statement-breakpoint
CREATE TABLE "timeline_rollup_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"built_version" bigint,
	"horizon" date,
	"currency_years" integer,
	CONSTRAINT "timeline_rollup_state_single_row" CHECK ("timeline_rollup_state"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "timeline_rollup_state" ("id") VALUES (1);
--> statement-breakpoint
-- Called in every transaction that changes a status period or the first status date (from the
-- derivation below) with the earliest date it changes (NULL: any date). Invalidates the roll-up when
-- that date lies before its horizon; a change on or after the horizon leaves every delta it holds as it
-- is. The shared advisory lock (held to the end of the transaction) orders this against a rebuild, which
-- takes the lock exclusively: a rebuild either sees this transaction's change (it waited for its commit)
-- or ran before it, and then this reads the rebuild's new horizon.
CREATE FUNCTION timeline_rollup_touch(changed_from date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  h date;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1229869893, 9);
  SELECT horizon INTO h FROM timeline_rollup_state WHERE id = 1 AND built_version = version;
  IF h IS NOT NULL AND (changed_from IS NULL OR changed_from < h) THEN
    UPDATE timeline_rollup_state SET version = version + 1 WHERE id = 1;
  END IF;
END;
$$;
--> statement-breakpoint
-- Registry changes of existence and population move deltas at any date. Once per statement; the write
-- path's claim (UPDATE OF record_version) does not fire it.
CREATE FUNCTION timeline_rollup_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE timeline_rollup_state SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER municipalities_timeline_rollup
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF valid_from, valid_to, population ON municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION timeline_rollup_registry_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION record_derive(changed char(8)[]) RETURNS void LANGUAGE plpgsql AS $$
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
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION record_derive_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed char(8)[];
  inserted bigint;
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
  SELECT count(*) INTO inserted FROM new_events;
  IF inserted = 1 THEN
    SELECT * INTO e FROM new_events;
    IF e.type <> 'status' AND e.supersedes IS NULL THEN
      RETURN NULL;
    END IF;
    -- The common write: one status event, no correction, effective on or after the open period's start
    -- (and so after it in effective-date-then-id order: later transactions of one municipality get
    -- higher ids). It closes the open period (or replaces it, on the same day) and opens its own.
    SELECT * INTO latest FROM record_latest WHERE ags = e.ags;
    IF e.type = 'status' AND e.supersedes IS NULL AND (latest.status_since IS NULL OR e.effective_date >= latest.status_since) THEN
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
      -- Every delta this changes lies on or after the effective date (the closed period's end, the new
      -- period's start and its lapse; the closed period's lapse moves only where it lay after that date).
      PERFORM timeline_rollup_touch(e.effective_date);
      RETURN NULL;
    END IF;
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
$$;
