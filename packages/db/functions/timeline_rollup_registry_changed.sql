-- timeline_rollup_registry_changed: the current definition, as the migrations leave it (pg_get_functiondef).
-- Created in migrations/0009_timeline_rollup.sql.
-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.
CREATE OR REPLACE FUNCTION public.timeline_rollup_registry_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  UPDATE timeline_rollup_state SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$function$;
