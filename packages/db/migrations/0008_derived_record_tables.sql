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
-- correction (and of the corrected event's). Once per statement, so a bulk load derives each municipality once per batch.
CREATE FUNCTION record_derive_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed char(8)[];
BEGIN
  INSERT INTO record_latest AS l (ags, last_activity_at, last_confirmed_at)
  SELECT ags, max(recorded_at), max(recorded_at) FILTER (WHERE type = 'confirmation')
  FROM new_events GROUP BY ags
  ON CONFLICT (ags) DO UPDATE
  SET last_activity_at = greatest(l.last_activity_at, excluded.last_activity_at),
    last_confirmed_at = greatest(l.last_confirmed_at, excluded.last_confirmed_at);
  -- A correction changes the periods of the municipality of the event it supersedes (the API keeps
  -- both in one municipality; the database does not insist on it).
  SELECT array_agg(DISTINCT c.ags) INTO changed FROM (
    SELECT n.ags FROM new_events n WHERE n.type = 'status' OR n.supersedes IS NOT NULL
    UNION ALL
    SELECT e.ags FROM new_events n JOIN status_events e ON e.id = n.supersedes
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
