-- Browsers paired to reach `glasskin serve --lan` from another device (a phone). Only a hash of
-- each device's secret is kept: a copy of this file lets nobody in.

CREATE TABLE device (
    id          INTEGER PRIMARY KEY,
    owner       TEXT NOT NULL,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    secret_hash BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    created     TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);
