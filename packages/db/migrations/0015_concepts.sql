CREATE TABLE "concept_resolutions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "concept_resolutions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"concept_id" bigint NOT NULL,
	"ags" char(8) NOT NULL,
	"date" date NOT NULL,
	"decision_number" text,
	"body" text,
	"document_id" bigint,
	"status_event_id" bigint,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "concept_members" (
	"concept_id" bigint NOT NULL,
	"ags" char(8) NOT NULL,
	"lead" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "concept_members_concept_id_ags_pk" PRIMARY KEY("concept_id","ags")
);
--> statement-breakpoint
CREATE TABLE "concept_participation" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "concept_participation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"concept_id" bigint NOT NULL,
	"date" date NOT NULL,
	"format" text NOT NULL,
	"note" text,
	CONSTRAINT "concept_participation_format" CHECK ("concept_participation"."format" in ('buergerversammlung', 'online', 'workshop', 'auslegung', 'other'))
);
--> statement-breakpoint
CREATE TABLE "concepts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "concepts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"lead_ags" char(8),
	"parent_id" bigint,
	"updates_id" bigint,
	"horizon_year" integer,
	"note" text,
	"origin" text DEFAULT 'recorded' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "concepts_kind" CHECK ("concepts"."kind" in ('INSEK', 'INGEKO', 'SEKO', 'GIHK', 'VU')),
	CONSTRAINT "concepts_scope" CHECK ("concepts"."scope" in ('municipal', 'joint', 'area')),
	CONSTRAINT "concepts_origin" CHECK ("concepts"."origin" in ('recorded', 'history', 'demo')),
	CONSTRAINT "concepts_area_kind" CHECK (("concepts"."scope" = 'area') = ("concepts"."kind" in ('SEKO', 'GIHK', 'VU'))),
	CONSTRAINT "concepts_area_parent" CHECK (("concepts"."scope" = 'area') = ("concepts"."parent_id" is not null)),
	CONSTRAINT "concepts_not_updating_itself" CHECK ("concepts"."updates_id" is null or "concepts"."updates_id" <> "concepts"."id"),
	CONSTRAINT "concepts_horizon" CHECK ("concepts"."horizon_year" is null or "concepts"."horizon_year" between 1990 and 2100)
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"concept_id" bigint,
	"kind" text NOT NULL,
	"title" text,
	"file_name" text,
	"media_type" text,
	"size" integer,
	"sha256" char(64),
	"content" "bytea",
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "documents_kind" CHECK ("documents"."kind" in ('concept', 'resolution', 'other')),
	CONSTRAINT "documents_file_or_link" CHECK (("documents"."content" is null) <> ("documents"."url" is null)),
	CONSTRAINT "documents_file_facts" CHECK ("documents"."content" is null or ("documents"."file_name" is not null and "documents"."media_type" is not null and "documents"."size" = octet_length("documents"."content") and "documents"."sha256" is not null))
);
--> statement-breakpoint
ALTER TABLE "status_events" ADD COLUMN "concept_id" bigint;--> statement-breakpoint
ALTER TABLE "concept_resolutions" ADD CONSTRAINT "concept_resolutions_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_resolutions" ADD CONSTRAINT "concept_resolutions_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_resolutions" ADD CONSTRAINT "concept_resolutions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_resolutions" ADD CONSTRAINT "concept_resolutions_status_event_id_status_events_id_fk" FOREIGN KEY ("status_event_id") REFERENCES "public"."status_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_resolutions" ADD CONSTRAINT "concept_resolutions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_members" ADD CONSTRAINT "concept_members_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_members" ADD CONSTRAINT "concept_members_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_participation" ADD CONSTRAINT "concept_participation_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concepts" ADD CONSTRAINT "concepts_lead_ags_municipalities_ags_fk" FOREIGN KEY ("lead_ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concepts" ADD CONSTRAINT "concepts_parent_id_concepts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concepts" ADD CONSTRAINT "concepts_updates_id_concepts_id_fk" FOREIGN KEY ("updates_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concepts" ADD CONSTRAINT "concepts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concept_resolutions_concept_idx" ON "concept_resolutions" USING btree ("concept_id","ags","date");--> statement-breakpoint
CREATE INDEX "concept_resolutions_ags_idx" ON "concept_resolutions" USING btree ("ags");--> statement-breakpoint
CREATE UNIQUE INDEX "concept_resolutions_event_uq" ON "concept_resolutions" USING btree ("status_event_id");--> statement-breakpoint
CREATE INDEX "concept_members_ags_idx" ON "concept_members" USING btree ("ags");--> statement-breakpoint
CREATE UNIQUE INDEX "concept_members_one_lead_idx" ON "concept_members" USING btree ("concept_id") WHERE "concept_members"."lead";--> statement-breakpoint
CREATE INDEX "concept_participation_concept_idx" ON "concept_participation" USING btree ("concept_id","date");--> statement-breakpoint
CREATE INDEX "concepts_parent_idx" ON "concepts" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "concepts_updates_idx" ON "concepts" USING btree ("updates_id");--> statement-breakpoint
CREATE INDEX "documents_concept_idx" ON "documents" USING btree ("concept_id");--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_events_concept_idx" ON "status_events" USING btree ("concept_id") WHERE "status_events"."concept_id" is not null;--> statement-breakpoint
-- The cached reads show concepts (municipality detail, list and exports; /api/concepts): a change raises the
-- data generation like a change of the history or the registry (migration 0006).
CREATE TRIGGER concepts_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON concepts
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER concept_members_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON concept_members
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER concept_participation_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON concept_participation
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER concept_resolutions_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON concept_resolutions
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER documents_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
