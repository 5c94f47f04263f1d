-- data_generation_bump: the current definition, as the migrations leave it (pg_get_functiondef).
-- Created in migrations/0006_data_generation.sql, replaced in migrations/0018_credentials_generation.sql.
-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.
CREATE OR REPLACE FUNCTION public.data_generation_bump()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  UPDATE data_generation SET value = value + 1 WHERE shard = (txid_current() % 16)::smallint;
  DELETE FROM data_generation_pending WHERE id = NEW.id;
  IF current_setting('insek.notify_generation', true) = 'on' THEN
    PERFORM pg_notify('insek_data_generation', '');
  END IF;
  RETURN NULL;
END;
$function$;
