-- Vault metadata: vault id, canary, encryption counter. Nothing personal.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- Key slots, each wrapping the data key: passphrase, device, recovery.
CREATE TABLE key_slots (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('passphrase', 'device', 'recovery')),
    params  BLOB NOT NULL,
    wrapped BLOB NOT NULL
);

-- Every feature's records: the body is AEAD ciphertext bound to (vault, tbl, id, 'body').
CREATE TABLE records (
    tbl  TEXT NOT NULL,
    id   TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (tbl, id)
) WITHOUT ROWID;

-- Blind indexes: HMAC(table key, index name || normalised value); lookups re-check candidates.
CREATE TABLE blind_index (
    tbl TEXT NOT NULL,
    mac BLOB NOT NULL,
    id  TEXT NOT NULL,
    PRIMARY KEY (tbl, mac, id),
    FOREIGN KEY (tbl, id) REFERENCES records (tbl, id) ON DELETE CASCADE
) WITHOUT ROWID;
