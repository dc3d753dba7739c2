-- Saved plans (every save is a new version) and daily check-offs of planned steps.

CREATE TABLE plan (
    id      INTEGER PRIMARY KEY,
    owner   TEXT NOT NULL,
    created TEXT NOT NULL,
    -- The Monday the plan's week 1 starts on.
    starts  TEXT NOT NULL,
    -- The plan's weeks as JSON (glasskin_store::SavedPlan).
    data    TEXT NOT NULL
);

CREATE INDEX plan_owner ON plan (owner, id);

CREATE TABLE checkoff (
    owner      TEXT NOT NULL,
    date       TEXT NOT NULL,
    time       TEXT NOT NULL CHECK (time IN ('am', 'pm')),
    product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    PRIMARY KEY (owner, date, time, product_id)
);
