CREATE TABLE "measure_amounts" (
	"measure_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"federal" numeric(14, 2) DEFAULT '0' NOT NULL,
	"land" numeric(14, 2) DEFAULT '0' NOT NULL,
	"municipal" numeric(14, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "measure_amounts_measure_id_year_pk" PRIMARY KEY("measure_id","year"),
	CONSTRAINT "measure_amounts_year" CHECK ("measure_amounts"."year" between 1990 and 2100),
	CONSTRAINT "measure_amounts_non_negative" CHECK ("measure_amounts"."federal" >= 0 and "measure_amounts"."land" >= 0 and "measure_amounts"."municipal" >= 0)
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ags" char(8) NOT NULL,
	"programme_id" text NOT NULL,
	"name" text NOT NULL,
	"area" text,
	"start_year" integer NOT NULL,
	"end_year" integer,
	"state" text NOT NULL,
	"concept_id" bigint,
	"area_concept_id" bigint,
	"note" text,
	"note_internal" text,
	"origin" text DEFAULT 'recorded' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "measures_state" CHECK ("measures"."state" in ('running', 'paused', 'fully_funded', 'settled')),
	CONSTRAINT "measures_origin" CHECK ("measures"."origin" in ('recorded', 'import', 'demo')),
	CONSTRAINT "measures_years" CHECK ("measures"."start_year" between 1990 and 2100 and ("measures"."end_year" is null or "measures"."end_year" between "measures"."start_year" and 2100))
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"period_from" integer,
	"period_to" integer,
	"requires_town_wide_concept" boolean NOT NULL,
	"requires_area_concept" boolean NOT NULL,
	"min_population" integer,
	"joint_concept_allowed" boolean DEFAULT true NOT NULL,
	"source" text,
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "programmes_id_slug" CHECK ("programmes"."id" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "programmes_level" CHECK ("programmes"."level" in ('eu', 'federal', 'land')),
	CONSTRAINT "programmes_period" CHECK ("programmes"."period_from" is null or "programmes"."period_to" is null or "programmes"."period_from" <= "programmes"."period_to"),
	CONSTRAINT "programmes_min_population" CHECK ("programmes"."min_population" is null or "programmes"."min_population" >= 0)
);
--> statement-breakpoint
ALTER TABLE "measure_amounts" ADD CONSTRAINT "measure_amounts_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_area_concept_id_concepts_id_fk" FOREIGN KEY ("area_concept_id") REFERENCES "public"."concepts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measures_ags_idx" ON "measures" USING btree ("ags");--> statement-breakpoint
CREATE INDEX "measures_programme_idx" ON "measures" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "measures_concept_idx" ON "measures" USING btree ("concept_id");--> statement-breakpoint
CREATE INDEX "measures_area_concept_idx" ON "measures" USING btree ("area_concept_id");--> statement-breakpoint
CREATE INDEX "measures_running_idx" ON "measures" USING btree ("start_year","end_year") WHERE "measures"."state" = 'running';--> statement-breakpoint
-- The cached reads show programmes and measures (/api/programmes, /api/measures, /api/measures/at-risk,
-- /api/stats/funding): a change raises the data generation like a change of the history (migration 0006).
CREATE TRIGGER programmes_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programmes
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER measures_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measures
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
CREATE TRIGGER measure_amounts_data_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measure_amounts
  FOR EACH STATEMENT EXECUTE FUNCTION data_generation_touch();
--> statement-breakpoint
-- The programmes every database starts with (decision 0032): stable ids, requirements as product.md
-- ("Funding") states them, each with its source. "More than 2,000 inhabitants" is stored as the
-- threshold 2001 (min_population is always "at least"). The programmes of the Städtebauförderung before
-- 2020 are closed (active false) and keep their measures; their population threshold is not recorded.
INSERT INTO "programmes" ("id", "name", "level", "period_from", "period_to", "requires_town_wide_concept", "requires_area_concept", "min_population", "joint_concept_allowed", "source", "notes", "active") VALUES
  ('lebendige-zentren', 'Lebendige Zentren – Erhalt und Entwicklung der Orts- und Stadtkerne', 'federal', 2020, NULL, true, true, 2001, true,
   'VV Städtebauförderung (ab 2020), Art. 3; FRL StBauE Sachsen vom 7. März 2022, geändert am 15. Februar 2024: Gemeinden mit mehr als 2.000 Einwohnern; ein aktuelles, vom Rat beschlossenes INSEK/INGEKO ist Voraussetzung der Aufnahme; je Gesamtmaßnahme ein aus dem gesamtstädtischen Konzept abgeleitetes Gebietskonzept.',
   'Städtebauförderung von Bund und Ländern.', true),
  ('sozialer-zusammenhalt', 'Sozialer Zusammenhalt – Zusammenleben im Quartier gemeinsam gestalten', 'federal', 2020, NULL, true, true, 2001, true,
   'VV Städtebauförderung (ab 2020), Art. 3; FRL StBauE Sachsen vom 7. März 2022, geändert am 15. Februar 2024: Gemeinden mit mehr als 2.000 Einwohnern; ein aktuelles, vom Rat beschlossenes INSEK/INGEKO ist Voraussetzung der Aufnahme; je Gesamtmaßnahme ein aus dem gesamtstädtischen Konzept abgeleitetes Gebietskonzept.',
   'Städtebauförderung von Bund und Ländern; Nachfolger von Soziale Stadt.', true),
  ('wachstum-nachhaltige-erneuerung', 'Wachstum und nachhaltige Erneuerung – Lebenswerte Quartiere gestalten', 'federal', 2020, NULL, true, true, 2001, true,
   'VV Städtebauförderung (ab 2020), Art. 3; FRL StBauE Sachsen vom 7. März 2022, geändert am 15. Februar 2024: Gemeinden mit mehr als 2.000 Einwohnern; ein aktuelles, vom Rat beschlossenes INSEK/INGEKO ist Voraussetzung der Aufnahme; je Gesamtmaßnahme ein aus dem gesamtstädtischen Konzept abgeleitetes Gebietskonzept.',
   'Städtebauförderung von Bund und Ländern; Nachfolger von Stadtumbau Ost.', true),
  ('efre-nachhaltige-stadtentwicklung', 'EFRE Nachhaltige integrierte Stadtentwicklung 2021–2027', 'eu', 2021, 2027, true, true, 5000, true,
   'Sächsische EFRE-Richtlinie Nachhaltige integrierte Stadtentwicklung vom 17. Januar 2023: Städte mit mindestens 5.000 Einwohnern; je Fördergebiet ein aus dem gesamtstädtischen INSEK abgeleitetes gebietsbezogenes integriertes Handlungskonzept (GIHK).',
   'Förderperiode 2014–2020: 23 Gebiete in 21 Städten.', true),
  ('stadtumbau-ost', 'Stadtumbau Ost', 'federal', 2002, 2016, true, true, NULL, true,
   'VV Städtebauförderung (Bund-Länder-Programm Stadtumbau Ost, 2002–2016; ab 2017 Stadtumbau).',
   'Abgeschlossenes Programm; seit 2020 Wachstum und nachhaltige Erneuerung.', false),
  ('aktive-stadt-und-ortsteilzentren', 'Aktive Stadt- und Ortsteilzentren', 'federal', 2008, 2019, true, true, NULL, true,
   'VV Städtebauförderung (Bund-Länder-Programm Aktive Stadt- und Ortsteilzentren, 2008–2019).',
   'Abgeschlossenes Programm; seit 2020 Lebendige Zentren.', false),
  ('kleinere-staedte-und-gemeinden', 'Kleinere Städte und Gemeinden – überörtliche Zusammenarbeit und Netzwerke', 'federal', 2010, 2019, true, true, NULL, true,
   'VV Städtebauförderung (Bund-Länder-Programm Kleinere Städte und Gemeinden, 2010–2019).',
   'Abgeschlossenes Programm; seit 2020 in den drei Programmen der Städtebauförderung aufgegangen.', false),
  ('soziale-stadt', 'Soziale Stadt', 'federal', 1999, 2019, true, true, NULL, true,
   'VV Städtebauförderung (Bund-Länder-Programm Soziale Stadt, 1999–2019).',
   'Abgeschlossenes Programm; seit 2020 Sozialer Zusammenhalt.', false),
  ('staedtebaulicher-denkmalschutz', 'Städtebaulicher Denkmalschutz', 'federal', 1991, 2019, true, true, NULL, true,
   'VV Städtebauförderung (Bund-Länder-Programm Städtebaulicher Denkmalschutz, 1991–2019).',
   'Abgeschlossenes Programm; seit 2020 Lebendige Zentren.', false),
  ('fr-regio', 'FR-Regio – Regionalentwicklung', 'land', NULL, NULL, false, false, NULL, true,
   'Förderrichtlinie Regionalentwicklung (FR-Regio) des Freistaates Sachsen (Landesentwicklung): fördert die Erarbeitung und Fortschreibung interkommunaler Konzepte.',
   'Fördert Konzepte selbst; setzt kein gesamtstädtisches Konzept voraus.', true),
  ('leader', 'LEADER', 'eu', 2023, 2027, false, false, NULL, true,
   'LEADER in Sachsen 2023–2027 (30 LEADER-Regionen): Grundlage ist die Lokale Entwicklungsstrategie (LES) der Region, kein INSEK.',
   'Setzt kein gesamtstädtisches Konzept voraus.', true),
  ('vitale-dorfkerne', 'Vitale Dorfkerne', 'land', NULL, NULL, false, false, NULL, true,
   'Vitale Dorfkerne und Ortszentren im ländlichen Raum (Freistaat Sachsen): Grundlage ist die Lokale Entwicklungsstrategie (LES) der LEADER-Region, kein INSEK.',
   'Setzt kein gesamtstädtisches Konzept voraus.', true);
