-- An index on `records (spilled)` for the foreign key from `records.spilled` to `record_bodies`.
--
-- Why: with `foreign_keys` on, deleting a row of `record_bodies` (which the triggers of 0003 do
-- whenever a spilled record is rewritten or removed) makes SQLite look for rows of `records`
-- still pointing at it. Without an index that is a scan of the whole `records` table for every
-- rewrite: marking one alert read cost ~0.3 ms in a 10,000-record vault and grew with the vault,
-- and a rekey (which rewrites every record) was quadratic, 5 s for 10,000 spilled records.
-- Partial, because most records do not spill and the lookup is only ever for a non-null value.
CREATE INDEX records_by_spilled ON records (spilled) WHERE spilled IS NOT NULL;
