CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "status_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ags" char(8) NOT NULL,
	"type" text NOT NULL,
	"status" text,
	"concept_kind" text,
	"effective_date" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" text,
	"source" text NOT NULL,
	"note" text,
	"council_resolution_date" date,
	"document_url" text,
	"horizon_year" integer,
	"supersedes" bigint,
	"version" integer NOT NULL,
	CONSTRAINT "status_events_status_presence" CHECK (("status_events"."type" = 'status') = ("status_events"."status" is not null)),
	CONSTRAINT "status_events_horizon" CHECK ("status_events"."horizon_year" is null or "status_events"."horizon_year" between 1990 and 2100),
	CONSTRAINT "status_events_effective_range" CHECK ("status_events"."effective_date" >= date '1990-01-01')
);
--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "record_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_supersedes_status_events_id_fk" FOREIGN KEY ("supersedes") REFERENCES "public"."status_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_events_timeline_idx" ON "status_events" USING btree ("ags","effective_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "status_events_supersedes_uq" ON "status_events" USING btree ("supersedes");--> statement-breakpoint
CREATE UNIQUE INDEX "status_events_version_uq" ON "status_events" USING btree ("ags","version");