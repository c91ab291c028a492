-- Hand-written: a batched append, so a process with many steps in flight
-- commits them in one transaction (one round trip, one WAL flush).
--
-- weft_append_batch(p_items) takes a JSON array of appends
--   {streamId, streamType, workspaceId, expectedVersion, commandId?, closes, events}
-- (events as for weft_append_events) and returns one row per item, by its
-- 1-based position: status 'appended' | 'duplicate' | 'conflict' | 'forbidden',
-- the stream version (the new one; the recorded one for a duplicate; the actual
-- one for a conflict), and the first and last global positions written.
--
-- Invariants (as weft_append_events, item by item, without exceptions):
--  * A command id is recorded once; a repeat appends nothing ('duplicate').
--  * The stream must be at expectedVersion, else nothing of that item is
--    written ('conflict'); a stream of another workspace is 'forbidden'.
--  * Items do not affect each other, but share one commit. Callers send items
--    sorted by stream id, so concurrent batches lock streams in one order.
CREATE FUNCTION weft_append_batch(p_items jsonb)
RETURNS TABLE (idx integer, status text, version integer, first_position bigint, last_position bigint)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_item jsonb;
    v_idx integer;
    v_stream text;
    v_expected integer;
    v_command text;
    v_count integer;
    v_new integer;
    v_recorded integer;
    v_workspace text;
    v_actual integer;
    v_first bigint;
    v_last bigint;
    v_notify boolean := false;
BEGIN
    FOR v_item, v_idx IN SELECT e.value, e.ordinality::integer FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e(value, ordinality) LOOP
        v_stream := v_item ->> 'streamId';
        v_expected := (v_item ->> 'expectedVersion')::integer;
        v_command := v_item ->> 'commandId';
        v_count := jsonb_array_length(v_item -> 'events');
        v_new := v_expected + v_count;

        IF v_command IS NOT NULL THEN
            INSERT INTO processed_commands (command_id, stream_id, version) VALUES (v_command, v_stream, v_new)
            ON CONFLICT (command_id) DO NOTHING;
            IF NOT FOUND THEN
                SELECT pc.version INTO v_recorded FROM processed_commands pc WHERE pc.command_id = v_command;
                RETURN QUERY SELECT v_idx, 'duplicate'::text, v_recorded, NULL::bigint, NULL::bigint;
                CONTINUE;
            END IF;
        END IF;

        SELECT s.workspace_id, s.version INTO v_workspace, v_actual FROM streams s WHERE s.stream_id = v_stream FOR UPDATE;
        IF FOUND AND v_workspace <> (v_item ->> 'workspaceId') THEN
            DELETE FROM processed_commands WHERE command_id = v_command;
            RETURN QUERY SELECT v_idx, 'forbidden'::text, NULL::integer, NULL::bigint, NULL::bigint;
            CONTINUE;
        END IF;
        IF COALESCE(v_actual, 0) <> v_expected THEN
            DELETE FROM processed_commands WHERE command_id = v_command;
            RETURN QUERY SELECT v_idx, 'conflict'::text, COALESCE(v_actual, 0), NULL::bigint, NULL::bigint;
            CONTINUE;
        END IF;
        IF FOUND THEN
            UPDATE streams s SET version = v_new, closed = COALESCE((v_item ->> 'closes')::boolean, false), updated_at = now() WHERE s.stream_id = v_stream;
        ELSE
            INSERT INTO streams (stream_id, stream_type, workspace_id, version, closed, updated_at)
            VALUES (v_stream, v_item ->> 'streamType', v_item ->> 'workspaceId', v_new, COALESCE((v_item ->> 'closes')::boolean, false), now())
            ON CONFLICT (stream_id) DO NOTHING;
            IF NOT FOUND THEN
                DELETE FROM processed_commands WHERE command_id = v_command;
                SELECT s.version INTO v_actual FROM streams s WHERE s.stream_id = v_stream;
                RETURN QUERY SELECT v_idx, 'conflict'::text, v_actual, NULL::bigint, NULL::bigint;
                CONTINUE;
            END IF;
        END IF;

        WITH inserted AS (
            INSERT INTO events (stream_id, version, event_id, type, schema_version, data, metadata, workspace_id)
            SELECT v_stream,
                   v_expected + e.ordinality::integer,
                   COALESCE((e.value ->> 'eventId')::uuid, gen_random_uuid()),
                   e.value ->> 'type',
                   COALESCE((e.value ->> 'schemaVersion')::integer, 1),
                   COALESCE(e.value -> 'data', 'null'::jsonb),
                   COALESCE(e.value -> 'metadata', '{}'::jsonb),
                   v_item ->> 'workspaceId'
            FROM jsonb_array_elements(v_item -> 'events') WITH ORDINALITY AS e(value, ordinality)
            ORDER BY e.ordinality
            RETURNING global_position
        )
        SELECT min(inserted.global_position), max(inserted.global_position) INTO v_first, v_last FROM inserted;
        v_notify := true;
        RETURN QUERY SELECT v_idx, 'appended'::text, v_new, v_first, v_last;
    END LOOP;
    IF v_notify THEN
        PERFORM pg_notify('weft_events', '');
    END IF;
END
$fn$;
