-- Rewriting a record replaces its index entries, found by record; the primary key is by mac.
CREATE INDEX blind_index_by_record ON blind_index (tbl, id);
