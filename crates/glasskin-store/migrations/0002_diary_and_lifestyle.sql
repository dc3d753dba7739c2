-- The skin diary and the lifestyle log: one entry per owner and day.

CREATE TABLE diary (
    owner          TEXT NOT NULL,
    date           TEXT NOT NULL,
    hydration      INTEGER CHECK (hydration BETWEEN 1 AND 5),
    oiliness       INTEGER CHECK (oiliness BETWEEN 1 AND 5),
    breakouts      INTEGER CHECK (breakouts BETWEEN 1 AND 5),
    redness        INTEGER CHECK (redness BETWEEN 1 AND 5),
    texture        INTEGER CHECK (texture BETWEEN 1 AND 5),
    glow           INTEGER CHECK (glow BETWEEN 1 AND 5),
    breakout_count INTEGER CHECK (breakout_count >= 0),
    notes          TEXT,
    -- A JSON array of free tags.
    tags           TEXT NOT NULL DEFAULT '[]',
    photo          TEXT,
    PRIMARY KEY (owner, date)
);

CREATE TABLE lifestyle (
    owner            TEXT NOT NULL,
    date             TEXT NOT NULL,
    sleep_hours      REAL CHECK (sleep_hours BETWEEN 0 AND 24),
    water_litres     REAL CHECK (water_litres BETWEEN 0 AND 20),
    exercise_minutes INTEGER CHECK (exercise_minutes BETWEEN 0 AND 1440),
    stress           INTEGER CHECK (stress BETWEEN 1 AND 5),
    -- JSON arrays: diet tags (high_glycaemic, dairy, alcohol, …) and free tags.
    diet_tags        TEXT NOT NULL DEFAULT '[]',
    tags             TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (owner, date)
);
