//! Opening the vault database: the lifecycle, after application-services' `open_database`.
//!
//! 1. Open (or create) `vault.sqlite3` in the vault directory.
//! 2. Set connection pragmas (each one's reason is beside it). They run before any schema read.
//! 3. Read `PRAGMA user_version`:
//!    - newer than [`VERSION`] → `IncompatibleVersion`, and nothing is written;
//!    - older → run each missing migration in its own `BEGIN IMMEDIATE` transaction.
//! 4. On close, `wal_checkpoint(TRUNCATE)`: iOS kills suspended apps that hold file locks, and a
//!    folded-in WAL also leaves a single file for backups and disk-full recovery.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{sql_error, VaultError};

/// Schema history (`PRAGMA user_version`):
/// - 1: `meta`, `key_slots`, `records`, `blind_index`.
/// - 2: index `blind_index_by_record` on `(tbl, id)`.
/// - 3: sealed bodies over 800 bytes
///   spill into `record_bodies` (appended in write order) instead of SQLite overflow pages; every
///   reader goes through the `sealed_records` view.
/// - 4: index `records_by_spilled`, so freeing a spilled body does not scan `records` for the
///   foreign key; `sealed_records` also tells whether a body is appended.
/// - 5: `records` becomes a rowid table holding every sealed body in its row, unique on
///   `(tbl, id)`; `record_bodies`, its triggers and the `sealed_records` view are gone.
pub const VERSION: i64 = 5;

const MIGRATIONS: [&str; VERSION as usize] = [
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_blind_index_by_record.sql"),
    include_str!("migrations/0003_spilled_bodies.sql"),
    include_str!("migrations/0004_records_by_spilled.sql"),
    include_str!("migrations/0005_records_in_rowid_order.sql"),
];

pub(crate) const DB_FILE: &str = "vault.sqlite3";

pub(crate) fn open(dir: &Path, create: bool) -> Result<Connection, VaultError> {
    let path = dir.join(DB_FILE);
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    } else if !path.exists() {
        return Err(VaultError::NotAVault);
    }
    let conn = Connection::open_with_flags(&path, flags).map_err(sql_error)?;
    set_pragmas(&conn)?;
    Ok(conn)
}

fn set_pragmas(conn: &Connection) -> Result<(), VaultError> {
    conn.execute_batch(
        "
        -- One process owns the vault (extensions hand work over through a spool). EXCLUSIVE keeps
        -- the WAL index in heap memory instead of a memory-mapped -shm file: after a disk-full
        -- error, reopening with a -shm crashed with SIGBUS in 6 of 8 runs here, 0 of 6 without.
        -- It must be set before journal_mode=WAL to take effect for the WAL index.
        PRAGMA locking_mode = EXCLUSIVE;
        -- WAL: a commit appends to the log, so a crash mid-write never damages the main file.
        PRAGMA journal_mode = WAL;
        -- FULL: in WAL mode, NORMAL may lose the last commits on power loss; FULL fsyncs the WAL
        -- at every commit, so a write the API reported committed survives process death and power loss.
        PRAGMA synchronous = FULL;
        -- blind_index rows reference their record; deleting a record drops its index entries.
        PRAGMA foreign_keys = ON;
        -- Overwrite deleted content with zeros, so freed pages keep no old ciphertext or index MACs.
        PRAGMA secure_delete = ON;
        -- The UI and a background sync share one connection behind a mutex; this covers the rare
        -- moment another handle (a backup tool, a test) holds the file.
        PRAGMA busy_timeout = 5000;
        -- Sorts and temporary tables stay in memory: nothing leaks into temp files, and a full
        -- disk cannot fail a read-only query.
        PRAGMA temp_store = MEMORY;
        -- 16 MiB of page cache: blind-index keys are random MACs, so inserts land all over the
        -- index; a cache that holds a large vault's index (100k entries is about 10 MiB) keeps
        -- inserts from re-reading pages. Measured: vault_insert_ratio in `cargo xtask bench`.
        PRAGMA cache_size = -16384;
        -- Truncate the WAL back to 4 MiB after checkpoints, so one big import or rekey does not
        -- leave a large file behind.
        PRAGMA journal_size_limit = 4194304;
        ",
    )
    .map_err(sql_error)
}

/// The schema version of an open database.
pub(crate) fn version(conn: &Connection) -> Result<i64, VaultError> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql_error)
}

/// Bring the schema to [`VERSION`], one transaction per step. Refuses (without writing) a vault
/// from a newer build.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), VaultError> {
    migrate_to(conn, VERSION)
}

pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), VaultError> {
    let current = version(conn)?;
    if current > VERSION {
        return Err(VaultError::IncompatibleVersion {
            found: current,
            supported: VERSION,
        });
    }
    for step in current + 1..=target {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        tx.execute_batch(MIGRATIONS[(step - 1) as usize])
            .map_err(sql_error)?;
        tx.pragma_update(None, "user_version", step)
            .map_err(sql_error)?;
        tx.commit().map_err(sql_error)?;
    }
    Ok(())
}

/// Fold the WAL into the main file and truncate it.
pub(crate) fn checkpoint(conn: &Connection) {
    // Best effort: on a full disk the checkpoint may fail, and the WAL stays valid.
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

/// The vault's pragmas and schema on an unencrypted database: the baseline that benchmarks
/// compare the encrypted store against. Not for storing anything real.
pub fn open_unencrypted_baseline(dir: &Path) -> Result<Connection, VaultError> {
    let mut conn = open(dir, true)?;
    migrate(&mut conn)?;
    Ok(conn)
}
