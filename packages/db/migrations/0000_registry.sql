CREATE TABLE "districts" (
	"key" char(5) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	CONSTRAINT "districts_key_format" CHECK ("districts"."key" ~ '^[0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"ags" char(8) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"display_name" text NOT NULL,
	"search_text" text NOT NULL,
	"sort_key" text NOT NULL,
	"type" text NOT NULL,
	"district_key" char(5) NOT NULL,
	"population" integer,
	"population_date" date,
	"area_ha" integer,
	"valid_from" date,
	"valid_to" date,
	"successor_ags" char(8),
	"dissolution_kind" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_ags_format" CHECK ("municipalities"."ags" ~ '^[0-9]{8}$'),
	CONSTRAINT "municipalities_district_prefix" CHECK (left("municipalities"."ags", 5) = "municipalities"."district_key"),
	CONSTRAINT "municipalities_validity" CHECK ("municipalities"."valid_from" is null or "municipalities"."valid_to" is null or "municipalities"."valid_from" < "municipalities"."valid_to"),
	CONSTRAINT "municipalities_successor_needs_end" CHECK ("municipalities"."successor_ags" is null or "municipalities"."valid_to" is not null)
);
--> statement-breakpoint
CREATE TABLE "registry_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"land_key" char(2) NOT NULL,
	"territorial_status" date NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_district_key_districts_key_fk" FOREIGN KEY ("district_key") REFERENCES "public"."districts"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_successor_ags_municipalities_ags_fk" FOREIGN KEY ("successor_ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "municipalities_district_idx" ON "municipalities" USING btree ("district_key");--> statement-breakpoint
CREATE INDEX "municipalities_successor_idx" ON "municipalities" USING btree ("successor_ags");--> statement-breakpoint
CREATE INDEX "municipalities_sort_key_idx" ON "municipalities" USING btree ("sort_key");