CREATE TABLE "association_memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"association_key" char(9) NOT NULL,
	"ags" char(8) NOT NULL,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "association_memberships_validity" CHECK ("association_memberships"."valid_from" is null or "association_memberships"."valid_to" is null or "association_memberships"."valid_from" < "association_memberships"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "associations" (
	"key" char(9) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"district_key" char(5) NOT NULL,
	"seat" text NOT NULL,
	"fulfilling_ags" char(8),
	"valid_from" date,
	"valid_to" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "associations_key_format" CHECK ("associations"."key" ~ '^[0-9]{9}$'),
	CONSTRAINT "associations_type" CHECK ("associations"."type" in ('verwaltungsgemeinschaft', 'verwaltungsverband')),
	CONSTRAINT "associations_district_prefix" CHECK (left("associations"."key", 5) = "associations"."district_key"),
	CONSTRAINT "associations_validity" CHECK ("associations"."valid_from" is null or "associations"."valid_to" is null or "associations"."valid_from" < "associations"."valid_to")
);
--> statement-breakpoint
ALTER TABLE "association_memberships" ADD CONSTRAINT "association_memberships_association_key_associations_key_fk" FOREIGN KEY ("association_key") REFERENCES "public"."associations"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_memberships" ADD CONSTRAINT "association_memberships_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_district_key_districts_key_fk" FOREIGN KEY ("district_key") REFERENCES "public"."districts"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_fulfilling_ags_municipalities_ags_fk" FOREIGN KEY ("fulfilling_ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "association_memberships_association_idx" ON "association_memberships" USING btree ("association_key");--> statement-breakpoint
CREATE INDEX "association_memberships_ags_idx" ON "association_memberships" USING btree ("ags");--> statement-breakpoint
CREATE UNIQUE INDEX "association_memberships_open_idx" ON "association_memberships" USING btree ("ags") WHERE "association_memberships"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "associations_district_idx" ON "associations" USING btree ("district_key");--> statement-breakpoint
-- The cached reads show associations (municipality list, detail and exports; /api/associations): a change
-- raises the data generation like a change of the registry (migration 0006).
CREATE TRIGGER associations_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON associations
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER association_memberships_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON association_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
