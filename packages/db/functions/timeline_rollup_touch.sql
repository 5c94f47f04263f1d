-- timeline_rollup_touch: the current definition, as the migrations leave it (pg_get_functiondef).
-- Created in migrations/0009_timeline_rollup.sql.
-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.
CREATE OR REPLACE FUNCTION public.timeline_rollup_touch(changed_from date)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
  h date;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1229869893, 9);
  SELECT horizon INTO h FROM timeline_rollup_state WHERE id = 1 AND built_version = version;
  IF h IS NOT NULL AND (changed_from IS NULL OR changed_from < h) THEN
    UPDATE timeline_rollup_state SET version = version + 1 WHERE id = 1;
  END IF;
END;
$function$;
