CREATE TABLE "record_latest" (
	"ags" char(8) PRIMARY KEY NOT NULL,
	"status" text,
	"concept_kind" text,
	"status_since" date,
	"source" text,
	"document_url" text,
	"horizon_year" integer,
	"council_resolution_date" date,
	"first_status_since" date,
	"last_activity_at" timestamp with time zone,
	"last_confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "record_periods" (
	"ags" char(8) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"event_id" bigint NOT NULL,
	"status" text NOT NULL,
	"concept_kind" text,
	"source" text NOT NULL,
	"document_url" text,
	"horizon_year" integer,
	"council_resolution_date" date,
	CONSTRAINT "record_periods_ags_valid_from_pk" PRIMARY KEY("ags","valid_from"),
	CONSTRAINT "record_periods_nonempty" CHECK ("record_periods"."valid_to" is null or "record_periods"."valid_to" > "record_periods"."valid_from")
);
--> statement-breakpoint
-- Re-derives the status periods and the latest status of the given municipalities from their live
-- (not superseded) status events; see src/schema/records.ts. Each event's period runs from its
-- effective date to the next event's (in effective-date-then-id order); periods of no day (a later
-- event on the same date) are left out, but their adoptions still count for the periods after them.
-- `adoptions` numbers the adoptions so far, so the first row of each (ags, adoptions) group is the
-- adoption in force for the rows of that group.
CREATE FUNCTION record_derive(changed char(8)[]) RETURNS void LANGUAGE plpgsql AS $$
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
END;
$$;
--> statement-breakpoint
-- After every insert into the history, in the inserting transaction: the last activity and
-- confirmation of each municipality concerned, and the periods of those with a status event or a
-- correction (and of the corrected event's). Once per statement, so a bulk load derives each municipality
-- once per batch; a single status event appended after the open period (the API's usual write) only closes
-- that period and opens its own.
CREATE FUNCTION record_derive_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
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
--> statement-breakpoint
CREATE TRIGGER status_events_record_derive
  AFTER INSERT ON status_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION record_derive_on_insert();
--> statement-breakpoint
-- The history so far.
INSERT INTO record_latest (ags, last_activity_at, last_confirmed_at)
SELECT ags, max(recorded_at), max(recorded_at) FILTER (WHERE type = 'confirmation')
FROM status_events GROUP BY ags;
--> statement-breakpoint
SELECT record_derive(array(SELECT ags FROM record_latest));
