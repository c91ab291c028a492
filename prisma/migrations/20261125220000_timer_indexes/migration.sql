-- Hand-written: partial indexes are outside what schema.prisma describes.
-- The poller reads only timers not fired yet, by due time; a failed or
-- cancelled run cancels its pending timers by run id.
DROP INDEX IF EXISTS "timers_due_at_idx";
CREATE INDEX "timers_pending_due_at_idx" ON "timers" ("due_at") WHERE "fired_at" IS NULL;
CREATE INDEX "timers_pending_run_id_idx" ON "timers" ("run_id") WHERE "fired_at" IS NULL;
