-- Records move from a WITHOUT ROWID table to a rowid table keyed by the same (tbl, id).
--
-- Why: a WITHOUT ROWID table is a b-tree of keys, and SQLite keeps at most about 1,000 bytes of
-- such a row in its page; a sealed alert (about 1.1 KB) spilled into an overflow page of its
-- own, so each alert cost a 4 KiB page of file and WAL, and every key comparison on the way down
-- the tree had to read that overflow page. A rowid table keeps rows up to about 4 KB in-page, and
-- appends new rows in insertion order instead of at random ids: a feed of 1,000 alerts now writes
-- a few hundred sequential pages instead of a thousand scattered ones. Lookups by (tbl, id) go
-- through the primary-key index.
--
-- Columns and their AEAD binding are unchanged (body is bound to vault, tbl, id); the implicit
-- rowid is not bound to anything and nothing refers to it.
--
-- Order matters: blind_index references records with ON DELETE CASCADE, and DROP TABLE runs an
-- implicit DELETE. So the index rows are copied first into a table that references the new
-- records table, and the old records table is dropped only once nothing references it.
CREATE TABLE records_v3 (
    tbl  TEXT NOT NULL,
    id   TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (tbl, id)
);
INSERT INTO records_v3 (tbl, id, body) SELECT tbl, id, body FROM records ORDER BY tbl, id;

CREATE TABLE blind_index_v3 (
    tbl TEXT NOT NULL,
    mac BLOB NOT NULL,
    id  TEXT NOT NULL,
    PRIMARY KEY (tbl, mac, id),
    FOREIGN KEY (tbl, id) REFERENCES records_v3 (tbl, id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO blind_index_v3 (tbl, mac, id) SELECT tbl, mac, id FROM blind_index;

DROP TABLE blind_index;
DROP TABLE records;
-- Renaming the parent also rewrites blind_index's REFERENCES clause to the new name.
ALTER TABLE records_v3 RENAME TO records;
ALTER TABLE blind_index_v3 RENAME TO blind_index;
CREATE INDEX blind_index_by_record ON blind_index (tbl, id);
