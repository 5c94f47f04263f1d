CREATE TABLE "data_generation" (
	"shard" smallint PRIMARY KEY NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_generation_shard_range" CHECK ("data_generation"."shard" between 0 and 15)
);
--> statement-breakpoint
CREATE TABLE "data_generation_pending" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "data_generation_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1)
);
--> statement-breakpoint
-- The data generation (see src/schema/generation.ts): read caches and ETags key on the sum of the
-- shards. Every transaction that changes what the read endpoints answer raises one shard by one, at
-- commit, so that the new generation becomes visible together with the data it stands for. Not
-- max(status_events.id): identities commit out of order, so a reader could see 11 while 10 is still
-- uncommitted and cache old figures under a key that never changes again.
INSERT INTO "data_generation" ("shard") SELECT generate_series(0, 15);
--> statement-breakpoint
-- Statement triggers on the data tables: once per transaction, queue the bump. The transaction-local
-- setting makes later statements of the same transaction skip it; a rolled-back savepoint reverts
-- the setting together with the queued row, so nothing is lost or counted twice.
CREATE FUNCTION data_generation_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('insek.data_generation_queued', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('insek.data_generation_queued', 'on', true);
    INSERT INTO data_generation_pending DEFAULT VALUES;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- At commit: raise the shard of this transaction. The shard row is locked only for the commit itself,
-- never while the transaction still runs (no lock-order deadlocks with the data rows), and concurrent
-- writers spread over 16 rows.
CREATE FUNCTION data_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_generation SET value = value + 1 WHERE shard = (txid_current() % 16)::smallint;
  DELETE FROM data_generation_pending WHERE id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER data_generation_at_commit
  AFTER INSERT ON data_generation_pending
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION data_generation_bump();
--> statement-breakpoint
CREATE TRIGGER status_events_data_generation
  AFTER INSERT ON status_events
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER municipalities_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER districts_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER registry_imports_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON registry_imports
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
-- Settings: the demo-data flag shows in statistics and exports, public access decides who reads.
CREATE TRIGGER app_settings_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON app_settings
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
-- The history shows who recorded a change by display name.
CREATE TRIGGER users_data_generation
  AFTER INSERT OR UPDATE OF display_name ON users
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
