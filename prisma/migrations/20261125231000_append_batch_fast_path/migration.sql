-- weft_append_batch, cheaper in the common case: one UPDATE checks version and
-- workspace and moves the stream at once (the SELECT … FOR UPDATE only runs
-- when that UPDATE matched nothing, to tell a conflict from a missing stream or
-- another workspace). Same contract as before (see 20261125221000_append_batch).
CREATE OR REPLACE FUNCTION weft_append_batch(p_items jsonb)
RETURNS TABLE (idx integer, status text, version integer, first_position bigint, last_position bigint)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_item jsonb;
    v_idx integer;
    v_stream text;
    v_workspace_id text;
    v_expected integer;
    v_command text;
    v_new integer;
    v_closes boolean;
    v_recorded integer;
    v_workspace text;
    v_actual integer;
    v_first bigint;
    v_last bigint;
    v_notify boolean := false;
BEGIN
    FOR v_item, v_idx IN SELECT e.value, e.ordinality::integer FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e(value, ordinality) LOOP
        v_stream := v_item ->> 'streamId';
        v_workspace_id := v_item ->> 'workspaceId';
        v_expected := (v_item ->> 'expectedVersion')::integer;
        v_command := v_item ->> 'commandId';
        v_new := v_expected + jsonb_array_length(v_item -> 'events');
        v_closes := COALESCE((v_item ->> 'closes')::boolean, false);

        IF v_command IS NOT NULL THEN
            INSERT INTO processed_commands (command_id, stream_id, version) VALUES (v_command, v_stream, v_new)
            ON CONFLICT (command_id) DO NOTHING;
            IF NOT FOUND THEN
                SELECT pc.version INTO v_recorded FROM processed_commands pc WHERE pc.command_id = v_command;
                RETURN QUERY SELECT v_idx, 'duplicate'::text, v_recorded, NULL::bigint, NULL::bigint;
                CONTINUE;
            END IF;
        END IF;

        IF v_expected > 0 THEN
            UPDATE streams s SET version = v_new, closed = v_closes, updated_at = now()
            WHERE s.stream_id = v_stream AND s.version = v_expected AND s.workspace_id = v_workspace_id;
        ELSE
            INSERT INTO streams (stream_id, stream_type, workspace_id, version, closed, updated_at)
            VALUES (v_stream, v_item ->> 'streamType', v_workspace_id, v_new, v_closes, now())
            ON CONFLICT (stream_id) DO NOTHING;
        END IF;
        IF NOT FOUND THEN
            IF v_command IS NOT NULL THEN
                DELETE FROM processed_commands WHERE command_id = v_command;
            END IF;
            SELECT s.workspace_id, s.version INTO v_workspace, v_actual FROM streams s WHERE s.stream_id = v_stream;
            IF FOUND AND v_workspace <> v_workspace_id THEN
                RETURN QUERY SELECT v_idx, 'forbidden'::text, NULL::integer, NULL::bigint, NULL::bigint;
            ELSE
                RETURN QUERY SELECT v_idx, 'conflict'::text, COALESCE(v_actual, 0), NULL::bigint, NULL::bigint;
            END IF;
            CONTINUE;
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
                   v_workspace_id
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
