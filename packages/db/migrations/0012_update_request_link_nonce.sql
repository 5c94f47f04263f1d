ALTER TABLE "update_requests" ADD COLUMN "link_nonce" text;--> statement-breakpoint
-- Links are no longer stored (decision 0017): the links of messages written before are replaced by the
-- placeholder. Their requests have no nonce, so the application shows "link no longer available" there
-- and does not send a queued one; links already delivered keep working until they expire.
UPDATE "outbox_messages"
SET "body_text" = regexp_replace("body_text", 'https?://[^[:space:]]+/aktualisieren/[A-Za-z0-9_-]+', '[[aktualisierungslink]]', 'g')
WHERE "body_text" ~ '/aktualisieren/[A-Za-z0-9_-]';
