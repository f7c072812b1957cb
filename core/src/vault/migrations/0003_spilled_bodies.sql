-- Large sealed bodies move out of their `records` row into `record_bodies`.
--
-- Why: `records` is a WITHOUT ROWID table, and SQLite keeps at most about 1,000 bytes of such a
-- row in its page. A larger row (a sealed alert is about 1 KB) spilled into an overflow page of
-- its own, so a 1,000-alert feed wrote a thousand scattered 4 KiB pages, and every key comparison
-- on the way down the tree read an overflow page. Small records (most of the inventory) keep
-- the clustered layout that lists a table in one sequential pass; large bodies are appended to a
-- rowid table in write order, and their row in `records` keeps only the key and `spilled`.
--
-- Integrity: a spilled body is sealed exactly as an inline one, bound to (vault, tbl, id), so a
-- `spilled` pointing at another record's body, or at nothing, fails to open as tampered. The
-- triggers free a body when its record is deleted or points elsewhere (with secure_delete on,
-- its bytes are zeroed). Bodies written before this migration stay inline until rewritten.
CREATE TABLE record_bodies (
    id   INTEGER PRIMARY KEY,
    body BLOB NOT NULL
);

-- When set, `body` is empty and the sealed body is record_bodies(spilled).
ALTER TABLE records ADD COLUMN spilled INTEGER REFERENCES record_bodies (id);

CREATE TRIGGER records_free_spilled_on_delete AFTER DELETE ON records
WHEN old.spilled IS NOT NULL
BEGIN
    DELETE FROM record_bodies WHERE id = old.spilled;
END;

CREATE TRIGGER records_free_spilled_on_update AFTER UPDATE OF spilled ON records
WHEN old.spilled IS NOT NULL AND old.spilled IS NOT new.spilled
BEGIN
    DELETE FROM record_bodies WHERE id = old.spilled;
END;

-- What every reader selects from: each record with its sealed body, wherever it is kept.
CREATE VIEW sealed_records (tbl, id, body) AS
SELECT r.tbl, r.id, COALESCE(b.body, r.body)
FROM records AS r LEFT JOIN record_bodies AS b ON b.id = r.spilled;
