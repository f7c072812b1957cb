-- An index on `records (spilled)` for the foreign key from `records.spilled` to `record_bodies`,
-- and the `sealed_records` view telling where each body is kept.
--
-- Why the index: with `foreign_keys` on, deleting a row of `record_bodies` (which the triggers of
-- 0003 do whenever a spilled record is rewritten or removed) makes SQLite look for rows of
-- `records` still pointing at it. Without an index that is a scan of the whole `records` table
-- for every rewrite: marking one alert read cost ~0.3 ms in a 10,000-record vault and grew with
-- the vault, and a rekey (which rewrites every record) was quadratic, 5 s for 10,000 spilled
-- records. Partial, because most records do not spill and the lookup is only ever for a non-null
-- value.
CREATE INDEX records_by_spilled ON records (spilled) WHERE spilled IS NOT NULL;

-- Why the view gains `appended`: a rekey rewrites every record and must keep each body where it
-- was (a table can ask for its bodies to be appended whatever their size), so it reads where a
-- body is kept from the same view every other reader uses.
DROP VIEW sealed_records;
CREATE VIEW sealed_records (tbl, id, body, appended) AS
SELECT r.tbl, r.id, COALESCE(b.body, r.body), r.spilled IS NOT NULL
FROM records AS r LEFT JOIN record_bodies AS b ON b.id = r.spilled;
