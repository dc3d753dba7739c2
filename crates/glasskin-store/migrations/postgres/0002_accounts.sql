-- Accounts, their sessions, and the count of sign-in attempts per address: the directory that
-- says who a request is. These three are read before any owner is known (a sign-in finds the
-- account by its email, a request its session by the cookie's hash), so they are not under the
-- owner policy; the application reaches them only through the store's account operations.
-- Every row of a person's data stays in the tenant tables of 0001.

CREATE TABLE account (
    -- The owner of the tenant tables' rows: random, never shown, never changes.
    owner         text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    -- Lowercase, trimmed: what a person signs in with.
    email         text NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    -- A PHC string ($argon2id$v=19$m=…): the password itself is never stored.
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    created       timestamptz NOT NULL
);

CREATE TABLE session (
    -- The SHA-256 of the cookie's secret: a copy of the database signs nobody in.
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    owner      text NOT NULL REFERENCES account (owner) ON DELETE CASCADE,
    created    timestamptz NOT NULL,
    -- Moved on as the session is used (at most once a day), never past `created` + a year.
    expires    timestamptz NOT NULL
);
CREATE INDEX session_owner ON session (owner);
CREATE INDEX session_expires ON session (expires);

-- Sign-in and sign-up attempts per client address and second, shared by every node: the
-- attempts of the last 60 seconds are what the limit counts.
CREATE TABLE sign_in_attempt (
    address text NOT NULL,
    second  timestamptz NOT NULL,
    n       integer NOT NULL,
    PRIMARY KEY (address, second)
);
CREATE INDEX sign_in_attempt_second ON sign_in_attempt (second);

GRANT SELECT, INSERT, UPDATE, DELETE ON account, session, sign_in_attempt TO glasskin_app;
