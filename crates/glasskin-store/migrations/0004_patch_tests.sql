-- Patch tests: one new product at a time, on a small area, twice a day for 7 to 10 days.

CREATE TABLE patch_test (
    id         INTEGER PRIMARY KEY,
    owner      TEXT NOT NULL,
    product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    started    TEXT NOT NULL,
    area       TEXT NOT NULL,
    -- Set when the test ends.
    result     TEXT CHECK (result IN ('passed', 'failed')),
    ended      TEXT
);

CREATE TABLE patch_check (
    patch_test_id INTEGER NOT NULL REFERENCES patch_test (id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    reaction      TEXT NOT NULL
                  CHECK (reaction IN ('none', 'itching', 'redness', 'burning', 'swelling', 'bumps')),
    PRIMARY KEY (patch_test_id, date)
);
