-- Event store hot path: a tailer index and the one-round-trip append function.
-- Hand-written: plpgsql is outside what schema.prisma can describe.

-- Tailers read in (transaction_id, global_position) order after a checkpoint.
CREATE INDEX "events_transaction_id_global_position_idx" ON "events"("transaction_id", "global_position");

-- weft_append_events appends p_events, a JSON array of
-- {eventId?, type, schemaVersion?, data, metadata?}, to p_stream_id at
-- p_expected_version, in the caller's transaction, and returns
-- (status 'appended' | 'duplicate', version, first_position, last_position).
--
-- Invariants:
--  * A command id is recorded once. A repeated (or concurrent) command with the
--    same id appends nothing and returns ('duplicate', version recorded by the
--    first, NULL, NULL). The processed_commands insert comes first, so a
--    concurrent duplicate waits on the first one's row and sees its outcome:
--    committed means duplicate, rolled back means it appends itself.
--  * The streams row serialises writers: inserted when p_expected_version is 0,
--    else updated WHERE version = p_expected_version. A concurrent writer at
--    the same version blocks on the row, then finds the version moved.
--    No row: SQLSTATE WF409 (wrong expected version), with DETAIL holding the
--    stream's actual version (0 when the stream does not exist).
--  * A stream belongs to one workspace forever: appending with another
--    workspace id raises SQLSTATE WF403.
--  * Event versions are p_expected_version + 1 .. + n in array order, with
--    increasing global positions.
--  * `closed` reflects the last append: closing marks the stream closed, a
--    later append without p_closes reopens it (e.g. a re-run).
--  * NOTIFY weft_events is delivered at commit only: tailers wake once the
--    events are visible.
CREATE FUNCTION weft_append_events(
    p_stream_id text,
    p_stream_type text,
    p_workspace_id text,
    p_expected_version integer,
    p_command_id text,
    p_closes boolean,
    p_events jsonb
) RETURNS TABLE (status text, version integer, first_position bigint, last_position bigint)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_count integer;
    v_new_version integer;
    v_recorded integer;
    v_workspace text;
    v_actual integer;
    v_first bigint;
    v_last bigint;
BEGIN
    IF p_events IS NULL OR jsonb_typeof(p_events) <> 'array' OR jsonb_array_length(p_events) = 0 THEN
        RAISE EXCEPTION 'weft_append_events: p_events must be a non-empty JSON array' USING ERRCODE = '22023';
    END IF;
    IF p_expected_version IS NULL OR p_expected_version < 0 THEN
        RAISE EXCEPTION 'weft_append_events: p_expected_version must be >= 0, got %', p_expected_version USING ERRCODE = '22023';
    END IF;
    v_count := jsonb_array_length(p_events);
    v_new_version := p_expected_version + v_count;

    IF p_command_id IS NOT NULL THEN
        INSERT INTO processed_commands (command_id, stream_id, version)
        VALUES (p_command_id, p_stream_id, v_new_version)
        ON CONFLICT (command_id) DO NOTHING;
        IF NOT FOUND THEN
            -- A new statement, a new snapshot: the first command committed before we got here.
            SELECT pc.version INTO v_recorded FROM processed_commands pc WHERE pc.command_id = p_command_id;
            RETURN QUERY SELECT 'duplicate'::text, v_recorded, NULL::bigint, NULL::bigint;
            RETURN;
        END IF;
    END IF;

    IF p_expected_version = 0 THEN
        INSERT INTO streams AS s (stream_id, stream_type, workspace_id, version, closed, updated_at)
        VALUES (p_stream_id, p_stream_type, p_workspace_id, v_new_version, COALESCE(p_closes, false), now())
        ON CONFLICT (stream_id) DO NOTHING
        RETURNING s.workspace_id INTO v_workspace;
    ELSE
        UPDATE streams AS s
        SET version = v_new_version, closed = COALESCE(p_closes, false), updated_at = now()
        WHERE s.stream_id = p_stream_id AND s.version = p_expected_version
        RETURNING s.workspace_id INTO v_workspace;
    END IF;

    IF v_workspace IS NULL THEN
        SELECT s.version INTO v_actual FROM streams s WHERE s.stream_id = p_stream_id;
        RAISE EXCEPTION 'wrong expected version for stream %: expected %, actual %', p_stream_id, p_expected_version, COALESCE(v_actual, 0)
            USING ERRCODE = 'WF409', DETAIL = COALESCE(v_actual, 0)::text;
    END IF;
    IF v_workspace <> p_workspace_id THEN
        RAISE EXCEPTION 'stream % belongs to another workspace', p_stream_id USING ERRCODE = 'WF403';
    END IF;

    WITH inserted AS (
        INSERT INTO events (stream_id, version, event_id, type, schema_version, data, metadata, workspace_id)
        SELECT p_stream_id,
               p_expected_version + e.ordinality::integer,
               COALESCE((e.value ->> 'eventId')::uuid, gen_random_uuid()),
               e.value ->> 'type',
               COALESCE((e.value ->> 'schemaVersion')::integer, 1),
               COALESCE(e.value -> 'data', 'null'::jsonb),
               COALESCE(e.value -> 'metadata', '{}'::jsonb),
               p_workspace_id
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ordinality)
        ORDER BY e.ordinality
        RETURNING global_position
    )
    SELECT min(inserted.global_position), max(inserted.global_position) INTO v_first, v_last FROM inserted;

    PERFORM pg_notify('weft_events', '');
    RETURN QUERY SELECT 'appended'::text, v_new_version, v_first, v_last;
END
$fn$;
