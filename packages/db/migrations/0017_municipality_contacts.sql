CREATE TABLE "municipality_contacts" (
	"ags" char(8) PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"function_title" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "municipality_contacts" ADD CONSTRAINT "municipality_contacts_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_contacts" ADD CONSTRAINT "municipality_contacts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;