-- A write a person makes every day (a tick, a day of the diary or of the lifestyle log) checks
-- its own session, in its own statement, where the node remembers whose that session was: the
-- request then needs no lookup of its session first, a round trip of its own. The node's
-- memory is only a hint; the database is what says the session is still live, in the same
-- transaction as the write, so a session ended on any node writes nothing anywhere.

-- Refuses (SQLSTATE GS401, glasskin's own) unless `token` is the hash of a live session of `who`'s at `at`; a
-- NULL token asks nothing (the node looked the session up before the request).
CREATE FUNCTION glasskin_signed_in(who text, token bytea, at timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF token IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM session s WHERE s.token_hash = token AND s.owner = who AND s.expires > at
    ) THEN
        RAISE EXCEPTION 'the session has ended' USING ERRCODE = 'GS401';
    END IF;
END
$$;

-- Migration 0004's two writes, the session checked first.
DROP FUNCTION glasskin_check_off(text, bigint, date[], text[], bigint[], boolean[]);
DROP FUNCTION glasskin_log_diary(text, date, smallint, smallint, smallint, smallint, smallint,
    smallint, integer, text, jsonb, text);

CREATE FUNCTION glasskin_check_off(who text, planned bigint, days date[], times text[],
                                   products bigint[], done boolean[], token bytea,
                                   at timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    PERFORM glasskin_signed_in(who, token, at);
    IF NOT glasskin_logged(who, planned) THEN
        RETURN false;
    END IF;
    SELECT p INTO missing FROM unnest(products) AS p
        WHERE NOT EXISTS (SELECT 1 FROM product WHERE owner = who AND id = p) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'no product % on the shelf', missing
            USING ERRCODE = 'no_data_found', DETAIL = missing::text;
    END IF;
    -- In order: the same step ticked and unticked in one piece of work ends unticked.
    FOR i IN 1 .. coalesce(array_length(products, 1), 0) LOOP
        IF done[i] THEN
            INSERT INTO checkoff (owner, date, time, product_id)
                VALUES (who, days[i], times[i], products[i]) ON CONFLICT DO NOTHING;
        ELSE
            DELETE FROM checkoff
                WHERE owner = who AND date = days[i] AND time = times[i]
                    AND product_id = products[i];
        END IF;
    END LOOP;
    RETURN true;
END
$$;

CREATE FUNCTION glasskin_log_diary(who text, day date, hydration smallint, oiliness smallint,
                                   breakouts smallint, redness smallint, texture smallint,
                                   glow smallint, breakout_count integer, notes text,
                                   tags jsonb, photo text, token bytea,
                                   at timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM glasskin_signed_in(who, token, at);
    PERFORM glasskin_logged(who, NULL);
    INSERT INTO diary AS d (owner, date, hydration, oiliness, breakouts, redness, texture, glow,
                            breakout_count, notes, tags, photo)
        VALUES (who, day, hydration, oiliness, breakouts, redness, texture, glow,
                breakout_count, notes, tags, photo)
        ON CONFLICT (owner, date) DO UPDATE SET hydration = excluded.hydration,
            oiliness = excluded.oiliness, breakouts = excluded.breakouts,
            redness = excluded.redness, texture = excluded.texture, glow = excluded.glow,
            breakout_count = excluded.breakout_count, notes = excluded.notes,
            tags = excluded.tags, photo = excluded.photo;
END
$$;

REVOKE ALL ON FUNCTION glasskin_signed_in(text, bytea, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION glasskin_check_off(text, bigint, date[], text[], bigint[], boolean[],
    bytea, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION glasskin_log_diary(text, date, smallint, smallint, smallint, smallint,
    smallint, smallint, integer, text, jsonb, text, bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION glasskin_signed_in(text, bytea, timestamptz) TO glasskin_app;
GRANT EXECUTE ON FUNCTION glasskin_check_off(text, bigint, date[], text[], bigint[], boolean[],
    bytea, timestamptz) TO glasskin_app;
GRANT EXECUTE ON FUNCTION glasskin_log_diary(text, date, smallint, smallint, smallint, smallint,
    smallint, smallint, integer, text, jsonb, text, bytea, timestamptz) TO glasskin_app;
