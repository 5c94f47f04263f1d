-- audit_log_refuse_change: the current definition, as the migrations leave it (pg_get_functiondef).
-- Created in migrations/0004_audit_log_append_only.sql.
-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.
CREATE OR REPLACE FUNCTION public.audit_log_refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$function$;
