-- The person and their shelf. Every table holding a person's data has an owner from the start,
-- so a hosted, multi-user deployment needs no schema change.

CREATE TABLE profile (
    owner   TEXT PRIMARY KEY NOT NULL,
    -- The profile as JSON (glasskin_store::StoredProfile): one row per person.
    data    TEXT NOT NULL,
    updated TEXT NOT NULL
);

CREATE TABLE product (
    id            INTEGER PRIMARY KEY,
    owner         TEXT NOT NULL,
    name          TEXT NOT NULL CHECK (length(name) > 0),
    brand         TEXT,
    -- The label text as given; its analysis is recomputed from it, so it improves with the
    -- knowledge base.
    label         TEXT NOT NULL,
    -- A step the person declared, overriding glasskin's reading.
    step          TEXT,
    added         TEXT NOT NULL,
    opened        TEXT,
    pao_months    INTEGER CHECK (pao_months BETWEEN 1 AND 120),
    best_before   TEXT,
    status        TEXT NOT NULL DEFAULT 'in_use'
                  CHECK (status IN ('unopened', 'in_use', 'finished', 'stopped')),
    status_reason TEXT,
    -- Not yet patch tested.
    new           INTEGER NOT NULL DEFAULT 0 CHECK (new IN (0, 1))
);

CREATE INDEX product_owner ON product (owner, id);
