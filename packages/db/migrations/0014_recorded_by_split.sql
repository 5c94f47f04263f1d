ALTER TABLE "status_events" ADD COLUMN "recorded_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "status_events" ADD COLUMN "recorded_via" text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "status_events" ADD COLUMN "update_request_id" bigint;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_recorded_via" CHECK ("status_events"."recorded_via" in ('session', 'api_token', 'import', 'update_request', 'demo', 'system', 'unknown'));--> statement-breakpoint
-- Decision 0024: the typed columns are filled from recorded_by for the rows written before them. An account
-- id that names an account becomes recorded_by_user_id (its channel was never stored: "unknown");
-- "update-request:<id>" becomes update_request_id with the channel "update_request"; an event a reviewer
-- accepted from an update request gets that request's id (update_requests.event_id names it); no one at all
-- is the demo seeder where demo data was seeded, else a system write; anything else stays "unknown".
-- status_events is append-only by a trigger (migration 0002): it is disabled for this one statement and
-- enabled again, inside the migration's transaction.
ALTER TABLE "status_events" DISABLE TRIGGER "status_events_no_update_delete";
--> statement-breakpoint
UPDATE "status_events" e SET
  "recorded_by_user_id" = (
    SELECT u."id" FROM "users" u
    WHERE u."id" = CASE WHEN e."recorded_by" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN e."recorded_by"::uuid END),
  "update_request_id" = coalesce(
    (SELECT r."id" FROM "update_requests" r
      WHERE r."id" = CASE WHEN e."recorded_by" ~ '^update-request:[0-9]{1,18}$' THEN substring(e."recorded_by" FROM 16)::bigint END),
    (SELECT min(r."id") FROM "update_requests" r WHERE r."event_id" = e."id")),
  "recorded_via" = CASE
    WHEN e."recorded_by" ~ '^update-request:[0-9]{1,18}$' THEN 'update_request'
    WHEN e."recorded_by" IS NULL AND EXISTS (SELECT 1 FROM "app_settings" WHERE "key" = 'demo_data') THEN 'demo'
    WHEN e."recorded_by" IS NULL THEN 'system'
    ELSE 'unknown'
  END;
--> statement-breakpoint
ALTER TABLE "status_events" ENABLE TRIGGER "status_events_no_update_delete";
