-- Decision 0026: a signed-in read trusts a session or API token that this API instance checked at the
-- current data generation. Every change that can end or narrow what a credential may do therefore raises
-- the data generation (at commit, like the data tables of migration 0006), so that every instance checks
-- the credential again at its next request. Row triggers: they fire only when a row really changes (a
-- login's clean-up of expired sessions that finds none raises nothing); last-seen and last-used touches
-- and new sessions or tokens raise nothing.
CREATE TRIGGER sessions_credentials_generation
  AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER sessions_reauth_credentials_generation
  AFTER UPDATE OF reauthenticated_at ON sessions
  FOR EACH ROW WHEN (OLD.reauthenticated_at IS DISTINCT FROM NEW.reauthenticated_at) EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER api_tokens_credentials_generation
  AFTER UPDATE OF revoked_at, expires_at, user_id ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER api_tokens_delete_credentials_generation
  AFTER DELETE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
-- Disabling, role, admin flag, e-mail, password (display names already raise it, migration 0006).
CREATE TRIGGER users_credentials_generation
  AFTER UPDATE OF email, role, admin, password_hash, disabled_at, password_changed_at OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
-- The municipalities a municipality account speaks for are part of its principal.
CREATE TRIGGER user_municipalities_credentials_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
-- The embedded database (PGlite) is one process by design: with the session setting
-- insek.notify_generation = 'on' (set by the API on PGlite only), every raise also sends a notification,
-- delivered at commit, so that the process knows the generation without asking for it on every request.
-- PostgreSQL servers never set it: NOTIFY serialises commits, and several instances must query anyway.
CREATE OR REPLACE FUNCTION data_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_generation SET value = value + 1 WHERE shard = (txid_current() % 16)::smallint;
  DELETE FROM data_generation_pending WHERE id = NEW.id;
  IF current_setting('insek.notify_generation', true) = 'on' THEN
    PERFORM pg_notify('insek_data_generation', '');
  END IF;
  RETURN NULL;
END;
$$;
