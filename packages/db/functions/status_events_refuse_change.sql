-- status_events_refuse_change: the current definition, as the migrations leave it (pg_get_functiondef).
-- Created in migrations/0002_status_events_append_only.sql.
-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.
CREATE OR REPLACE FUNCTION public.status_events_refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'status_events is append-only: % refused', TG_OP
    USING ERRCODE = 'integrity_constraint_violation',
          HINT = 'Record a correction: a new event that names the event it supersedes.';
END;
$function$;
