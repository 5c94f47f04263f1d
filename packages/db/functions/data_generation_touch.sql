-- data_generation_touch: the current definition, as the migrations leave it (pg_get_functiondef).
-- Created in migrations/0006_data_generation.sql.
-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.
CREATE OR REPLACE FUNCTION public.data_generation_touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF current_setting('insek.data_generation_queued', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('insek.data_generation_queued', 'on', true);
    INSERT INTO data_generation_pending DEFAULT VALUES;
  END IF;
  RETURN NULL;
END;
$function$;
