CREATE TABLE "consultation_municipalities" (
	"consultation_id" bigint NOT NULL,
	"ags" char(8) NOT NULL,
	CONSTRAINT "consultation_municipalities_consultation_id_ags_pk" PRIMARY KEY("consultation_id","ags")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"topics" text[] NOT NULL,
	"topic_other" text,
	"summary" text NOT NULL,
	"next_step" text,
	"next_contact_date" date,
	"internal" boolean DEFAULT false NOT NULL,
	"advisor_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "consultations_kind" CHECK ("consultations"."kind" in ('phone', 'on_site', 'seminar', 'email', 'video')),
	CONSTRAINT "consultations_topics" CHECK (cardinality("consultations"."topics") > 0 and "consultations"."topics" <@ array['preparation', 'update', 'participation', 'funding', 'other']::text[]),
	CONSTRAINT "consultations_next_contact" CHECK ("consultations"."next_contact_date" is null or "consultations"."next_contact_date" >= "consultations"."date")
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"created_at" timestamp with time zone NOT NULL,
	"recipients" text[] NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"update_request_id" bigint,
	CONSTRAINT "outbox_messages_state" CHECK ("outbox_messages"."state" in ('queued', 'sent', 'failed', 'held'))
);
--> statement-breakpoint
CREATE TABLE "update_request_campaigns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "update_request_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"scope" jsonb NOT NULL,
	"valid_days" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "update_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "update_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"ags" char(8) NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"recipients" text[] NOT NULL,
	"opened_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"response" text,
	"event_id" bigint,
	"proposed_event" jsonb,
	"review_state" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "update_requests_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "update_requests_response" CHECK ("update_requests"."response" is null or "update_requests"."response" in ('confirm', 'change')),
	CONSTRAINT "update_requests_review" CHECK ("update_requests"."review_state" is null or "update_requests"."review_state" in ('pending', 'accepted', 'rejected')),
	CONSTRAINT "update_requests_answered" CHECK (("update_requests"."response" is null) = ("update_requests"."answered_at" is null))
);
--> statement-breakpoint
ALTER TABLE "consultation_municipalities" ADD CONSTRAINT "consultation_municipalities_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_municipalities" ADD CONSTRAINT "consultation_municipalities_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_advisor_user_id_users_id_fk" FOREIGN KEY ("advisor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_update_request_id_update_requests_id_fk" FOREIGN KEY ("update_request_id") REFERENCES "public"."update_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_request_campaigns" ADD CONSTRAINT "update_request_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_requests" ADD CONSTRAINT "update_requests_campaign_id_update_request_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."update_request_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_requests" ADD CONSTRAINT "update_requests_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_requests" ADD CONSTRAINT "update_requests_event_id_status_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."status_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_requests" ADD CONSTRAINT "update_requests_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_municipalities_ags_idx" ON "consultation_municipalities" USING btree ("ags");--> statement-breakpoint
CREATE INDEX "consultations_date_idx" ON "consultations" USING btree ("date");--> statement-breakpoint
CREATE INDEX "consultations_advisor_idx" ON "consultations" USING btree ("advisor_user_id","date");--> statement-breakpoint
CREATE INDEX "outbox_messages_state_idx" ON "outbox_messages" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_request_idx" ON "outbox_messages" USING btree ("update_request_id");--> statement-breakpoint
CREATE INDEX "update_requests_campaign_idx" ON "update_requests" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "update_requests_ags_idx" ON "update_requests" USING btree ("ags");--> statement-breakpoint
CREATE INDEX "update_requests_review_idx" ON "update_requests" USING btree ("review_state");