-- Every record in one rowid table with its sealed body in its row, found by `(tbl, id)` through
-- a unique index; `record_bodies`, its triggers, its foreign key and `records_by_spilled` go.
--
-- Why: 0003 moved large bodies out of the WITHOUT ROWID `records` table, which keeps at most
-- about 1,000 bytes of a row in its page. A rowid table keeps up to about 4,000, so a sealed
-- alert (~400 bytes) fits its row, and new rows are appended in write order as 0003's bodies
-- were. Each write is now one row and one index entry, where a spilled one was a body, a record
-- row, an entry in `records_by_spilled` and a foreign-key probe: measured on the storing side
-- of a 1,000-alert feed, and a rekey of 6,000 alerts went from ~180 ms to ~110 ms. Records need
-- no placement any more, and nothing can point at a body that is gone.
--
-- The data moves in this transaction. `blind_index` is rebuilt too, because its foreign key
-- names `records`: dropping the old table with foreign keys on would cascade into the index.
-- With `secure_delete` on, the pages the old tables free are zeroed.
DROP VIEW sealed_records;
DROP TRIGGER records_free_spilled_on_delete;
DROP TRIGGER records_free_spilled_on_update;

-- No INTEGER PRIMARY KEY column: nothing refers to a rowid, so VACUUM may renumber them.
CREATE TABLE records_v5 (
    tbl  TEXT NOT NULL,
    id   TEXT NOT NULL,
    body BLOB NOT NULL,
    UNIQUE (tbl, id)
);
INSERT INTO records_v5 (tbl, id, body)
SELECT r.tbl, r.id, COALESCE(b.body, r.body)
FROM records AS r LEFT JOIN record_bodies AS b ON b.id = r.spilled
ORDER BY r.tbl, r.id;

CREATE TABLE blind_index_v5 (
    tbl TEXT NOT NULL,
    mac BLOB NOT NULL,
    id  TEXT NOT NULL,
    PRIMARY KEY (tbl, mac, id),
    FOREIGN KEY (tbl, id) REFERENCES records_v5 (tbl, id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO blind_index_v5 (tbl, mac, id) SELECT tbl, mac, id FROM blind_index;

-- Children before parents, so that no foreign key fires on the way out.
DROP TABLE blind_index;
DROP TABLE records;
DROP TABLE record_bodies;

-- Renaming also renames the reference in blind_index_v5's foreign key.
ALTER TABLE records_v5 RENAME TO records;
ALTER TABLE blind_index_v5 RENAME TO blind_index;
CREATE INDEX blind_index_by_record ON blind_index (tbl, id);
