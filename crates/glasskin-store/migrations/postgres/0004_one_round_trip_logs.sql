-- The writes people make most, a tick and a day of the diary, each as one statement the client
-- sends in one round trip: its own transaction, with no START TRANSACTION, owner and COMMIT
-- around it. A write begun and committed by the client costs three round trips, and on a
-- machine shared by the database and its nodes the round trips, not the statements, are what
-- a write costs.
--
-- Each names its owner for row level security for its own transaction alone (set_config's
-- third argument) and runs as the caller (not SECURITY DEFINER): it sees and writes nothing
-- that owner could not.

-- Names `who` for this transaction and moves their revision on, as the store's own writes of
-- a log do (their plan revision stays). With `planned`, only while the plan revision is still
-- that one: false, with nothing moved, when a write of the shelf, a patch test or a plan came
-- in between, so a tick checked against that plan is checked again. The revision row's lock,
-- held to the end of the transaction, orders this write with the owner's others.
CREATE FUNCTION glasskin_logged(who text, planned bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('glasskin.owner', who, true);
    UPDATE revision r SET n = r.n + 1
        WHERE r.owner = who AND (glasskin_logged.planned IS NULL OR r.planned = glasskin_logged.planned);
    IF FOUND THEN
        RETURN true;
    END IF;
    IF glasskin_logged.planned IS NOT NULL AND glasskin_logged.planned <> 0 THEN
        RETURN false;
    END IF;
    -- The owner's first write: their plan revision is 0.
    INSERT INTO revision AS r (owner, n) VALUES (who, 1)
        ON CONFLICT (owner) DO UPDATE SET n = r.n + 1
        WHERE glasskin_logged.planned IS NULL OR r.planned = glasskin_logged.planned;
    RETURN FOUND;
END
$$;

-- Ticks off (`done`) or unticks `who`'s steps: the i-th of each array is one check-off. With
-- `planned`, only while the plan revision is still that one, the one the ticks were checked
-- against (false, nothing written, otherwise). A product not on the shelf fails the whole
-- call with no_data_found (P0002), its id in the detail.
CREATE FUNCTION glasskin_check_off(who text, planned bigint, days date[], times text[],
                                   products bigint[], done boolean[]) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
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

-- Writes `who`'s diary entry for its day, replacing the one there.
CREATE FUNCTION glasskin_log_diary(who text, day date, hydration smallint, oiliness smallint,
                                   breakouts smallint, redness smallint, texture smallint,
                                   glow smallint, breakout_count integer, notes text,
                                   tags jsonb, photo text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
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

REVOKE ALL ON FUNCTION glasskin_logged(text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION glasskin_check_off(text, bigint, date[], text[], bigint[], boolean[])
    FROM PUBLIC;
REVOKE ALL ON FUNCTION glasskin_log_diary(text, date, smallint, smallint, smallint, smallint,
    smallint, smallint, integer, text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION glasskin_logged(text, bigint) TO glasskin_app;
GRANT EXECUTE ON FUNCTION glasskin_check_off(text, bigint, date[], text[], bigint[], boolean[])
    TO glasskin_app;
GRANT EXECUTE ON FUNCTION glasskin_log_diary(text, date, smallint, smallint, smallint, smallint,
    smallint, smallint, integer, text, jsonb, text) TO glasskin_app;
