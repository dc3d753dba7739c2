-- What a plan is made of has a revision of its own (Store::plan_revision): the `n` a write of
-- the profile, a product, a plan or a patch test moved `n` to. Check-offs, the diary, the
-- lifestyle log and devices move `n` alone, so the pages drawn from the shelf and the plan
-- (Week, the shelf) are kept across them.
ALTER TABLE revision ADD COLUMN planned bigint NOT NULL DEFAULT 0;
-- Every owner's rows, as the tables' owner: its own policy would ask which owner.
ALTER TABLE revision NO FORCE ROW LEVEL SECURITY;
UPDATE revision SET planned = n;
ALTER TABLE revision FORCE ROW LEVEL SECURITY;

-- A request's session and its owner's revisions in one round trip. The session layer looks up
-- the session before every request, and the page cache then needs only the owner's revisions
-- to answer a page it keeps: one statement instead of two transactions.
--
-- The revision is read under row level security as the owner the session names, set for this
-- statement's transaction alone (set_config's third argument), as the store sets it for its
-- own: the function sees nothing that session's owner could not.
CREATE FUNCTION glasskin_session(token bytea, at timestamptz)
RETURNS TABLE (session_owner text, session_created timestamptz, session_expires timestamptz,
               data_revision bigint, plan_revision bigint)
LANGUAGE plpgsql AS $$
DECLARE
    found_owner text;
    found_created timestamptz;
    found_expires timestamptz;
BEGIN
    SELECT s.owner, s.created, s.expires INTO found_owner, found_created, found_expires
        FROM session s WHERE s.token_hash = token AND s.expires > at;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM set_config('glasskin.owner', found_owner, true);
    RETURN QUERY SELECT found_owner, found_created, found_expires, coalesce(r.n, 0),
        coalesce(r.planned, 0)
        FROM (SELECT 1) AS one LEFT JOIN revision r ON r.owner = found_owner;
END
$$;
REVOKE ALL ON FUNCTION glasskin_session(bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION glasskin_session(bytea, timestamptz) TO glasskin_app;
