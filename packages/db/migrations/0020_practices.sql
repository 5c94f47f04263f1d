CREATE TABLE "practice_adopters" (
	"practice_id" bigint NOT NULL,
	"ags" char(8) NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_adopters_practice_id_ags_pk" PRIMARY KEY("practice_id","ags")
);
--> statement-breakpoint
CREATE TABLE "practice_images" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "practice_images_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" bigint NOT NULL,
	"alt" text NOT NULL,
	"position" integer NOT NULL,
	"content_type" text NOT NULL,
	"small" "bytea" NOT NULL,
	"small_width" integer NOT NULL,
	"small_height" integer NOT NULL,
	"medium" "bytea" NOT NULL,
	"medium_width" integer NOT NULL,
	"medium_height" integer NOT NULL,
	"large" "bytea" NOT NULL,
	"large_width" integer NOT NULL,
	"large_height" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_images_content_type" CHECK ("practice_images"."content_type" in ('image/webp', 'image/jpeg')),
	CONSTRAINT "practice_images_alt" CHECK (char_length("practice_images"."alt") > 0)
);
--> statement-breakpoint
CREATE TABLE "practice_measures" (
	"practice_id" bigint NOT NULL,
	"measure_id" bigint NOT NULL,
	CONSTRAINT "practice_measures_practice_id_measure_id_pk" PRIMARY KEY("practice_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "practice_municipalities" (
	"practice_id" bigint NOT NULL,
	"ags" char(8) NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "practice_municipalities_practice_id_ags_pk" PRIMARY KEY("practice_id","ags")
);
--> statement-breakpoint
CREATE TABLE "practice_programmes" (
	"practice_id" bigint NOT NULL,
	"programme_id" text NOT NULL,
	CONSTRAINT "practice_programmes_practice_id_programme_id_pk" PRIMARY KEY("practice_id","programme_id")
);
--> statement-breakpoint
CREATE TABLE "practice_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "practice_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" bigint NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"return_comment" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_revisions_state" CHECK ("practice_revisions"."state" in ('draft', 'submitted', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "practice_topics" (
	"practice_id" bigint NOT NULL,
	"topic" text NOT NULL,
	CONSTRAINT "practice_topics_practice_id_topic_pk" PRIMARY KEY("practice_id","topic"),
	CONSTRAINT "practice_topics_topic" CHECK ("practice_topics"."topic" in ('participation', 'inner_development', 'services', 'climate_energy', 'mobility', 'digital', 'cooperation', 'youth', 'other'))
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "practices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description_html" text NOT NULL,
	"phase" text NOT NULL,
	"period_from" date,
	"period_to" date,
	"partners" text,
	"outcome" text,
	"transferability" text,
	"contact_office" text,
	"contact_email" text,
	"contact_phone" text,
	"contact_person" text,
	"contact_consent_at" timestamp with time zone,
	"contact_consent_by" uuid,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"innovative" boolean DEFAULT false NOT NULL,
	"exemplary" boolean DEFAULT false NOT NULL,
	"cooperative" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"return_comment" text,
	"concept_id" bigint,
	"origin" text DEFAULT 'recorded' NOT NULL,
	"author_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"last_published_at" timestamp with time zone,
	CONSTRAINT "practices_state" CHECK ("practices"."state" in ('draft', 'submitted', 'returned', 'published', 'withdrawn')),
	CONSTRAINT "practices_phase" CHECK ("practices"."phase" in ('idea', 'implementation', 'completed')),
	CONSTRAINT "practices_origin" CHECK ("practices"."origin" in ('recorded', 'demo')),
	CONSTRAINT "practices_summary_length" CHECK (char_length("practices"."summary") <= 300),
	CONSTRAINT "practices_period" CHECK ("practices"."period_from" is null or "practices"."period_to" is null or "practices"."period_to" >= "practices"."period_from"),
	CONSTRAINT "practices_contact_consent" CHECK ("practices"."contact_person" is null or ("practices"."contact_consent_at" is not null and "practices"."contact_consent_by" is not null)),
	CONSTRAINT "practices_published_at" CHECK ("practices"."state" <> 'published' or "practices"."published_at" is not null),
	CONSTRAINT "practices_links_array" CHECK (jsonb_typeof("practices"."links") = 'array')
);
--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "practice_id" bigint;--> statement-breakpoint
ALTER TABLE "practice_adopters" ADD CONSTRAINT "practice_adopters_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_adopters" ADD CONSTRAINT "practice_adopters_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_adopters" ADD CONSTRAINT "practice_adopters_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_images" ADD CONSTRAINT "practice_images_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_images" ADD CONSTRAINT "practice_images_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_measures" ADD CONSTRAINT "practice_measures_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_measures" ADD CONSTRAINT "practice_measures_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_municipalities" ADD CONSTRAINT "practice_municipalities_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_municipalities" ADD CONSTRAINT "practice_municipalities_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_programmes" ADD CONSTRAINT "practice_programmes_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_programmes" ADD CONSTRAINT "practice_programmes_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_revisions" ADD CONSTRAINT "practice_revisions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_revisions" ADD CONSTRAINT "practice_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_topics" ADD CONSTRAINT "practice_topics_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_contact_consent_by_users_id_fk" FOREIGN KEY ("contact_consent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_adopters_ags_idx" ON "practice_adopters" USING btree ("ags");--> statement-breakpoint
CREATE INDEX "practice_images_practice_idx" ON "practice_images" USING btree ("practice_id","position");--> statement-breakpoint
CREATE INDEX "practice_measures_measure_idx" ON "practice_measures" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "practice_municipalities_ags_idx" ON "practice_municipalities" USING btree ("ags");--> statement-breakpoint
CREATE INDEX "practice_programmes_programme_idx" ON "practice_programmes" USING btree ("programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "practice_revisions_one_open_idx" ON "practice_revisions" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "practice_topics_topic_idx" ON "practice_topics" USING btree ("topic");--> statement-breakpoint
CREATE INDEX "practices_state_idx" ON "practices" USING btree ("state","published_at");--> statement-breakpoint
CREATE INDEX "practices_concept_idx" ON "practices" USING btree ("concept_id");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_practice_idx" ON "consultations" USING btree ("practice_id");--> statement-breakpoint
-- Public reads show the published entries, their municipalities, topics, adopters and images: a change raises
-- the data generation (migration 0006) so that a cached or ETagged read of them never outlives it.
CREATE TRIGGER practices_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practices
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER practice_municipalities_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER practice_topics_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_topics
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER practice_adopters_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_adopters
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER practice_images_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_images
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER practice_programmes_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_programmes
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER practice_measures_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_measures
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
