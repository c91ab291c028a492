-- Event ids are random UUIDs (gen_random_uuid) and nothing looks events up by
-- them: a unique index on them cost one more index insert per event for nothing.
DROP INDEX IF EXISTS "events_event_id_key";
