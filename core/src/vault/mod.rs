//! The encrypted vault: one SQLite file per vault directory, every record sealed with a data key
//! that key slots wrap. See `core/src/crypto/README.md` for the key hierarchy and what a person
//! holding the file learns.
//!
//! # Threads and blocking
//! A [`Vault`] is `Send + Sync`: the UI and a background sync may share it. Every call takes one
//! internal mutex around the single SQLite connection, so calls run one at a time. Record reads and
//! writes take microseconds to a few milliseconds; unlocking with a passphrase runs Argon2id (about
//! 0.1–0.5 s with default parameters); `rekey`, `verify`, `export` and `import` touch every record
//! and hold the mutex for their whole run (about a second per 100k records here).

mod backup;
mod device;
mod encrypted_txn;
mod envelope;
mod maintenance;
mod memory;
mod open_database;
mod slots;
pub mod store;

use std::{
    fs,
    path::{Path, PathBuf},
    sync::{Mutex, MutexGuard},
};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

pub use backup::{
    decode_backup_payload, parse_backup_container, BackupContainer, BackupRecord, ImportReport,
};
pub use device::{KeyProvider, KeyProviderError};
pub use maintenance::{Problem, ProblemKind, RekeyOutcome, VerifyReport};
pub use memory::MemoryStore;
pub use open_database::{open_unencrypted_baseline, VERSION as SCHEMA_VERSION};
pub use slots::SlotKind;
pub use store::{new_id, RawRecord, Record, Store, Txn, TxnExt};

use crate::{
    crypto::{
        open_record, random_bytes, seal_record, DataKey, KdfParams, RecordKeys, RecordPlace,
        RecoveryCode,
    },
    error::{ErrorCode, Result},
};
use encrypted_txn::EncryptedTxn;

/// What can go wrong opening, unlocking or using the vault. No variant carries user data.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("wrong passphrase or key")]
    WrongPassphrase,
    #[error("record failed authentication: table {table}, id {id}")]
    Tampered { table: String, id: String },
    #[error("the vault is locked")]
    Locked,
    #[error("device key temporarily unavailable")]
    KeyUnavailable,
    #[error("device key provider failed permanently")]
    KeyProviderFailed,
    #[error("vault schema version {found} is newer than this build supports ({supported})")]
    IncompatibleVersion { found: i64, supported: i64 },
    #[error("not a Vigil vault or backup, or damaged beyond reading")]
    NotAVault,
    #[error("a vault already exists in this directory")]
    AlreadyExists,
    #[error("this vault has no device key slot")]
    NoSuchSlot,
    #[error("key derivation parameters out of the accepted range")]
    WeakParameters,
    #[error("invalid table name or record id")]
    InvalidName,
    #[error("record too large")]
    RecordTooLarge,
    #[error("recovery code is not valid (check for typos)")]
    InvalidRecoveryCode,
    #[error("disk full")]
    DiskFull,
    #[error("storage error: {0}")]
    Storage(String),
}

impl VaultError {
    pub fn code(&self) -> ErrorCode {
        match self {
            VaultError::WrongPassphrase => ErrorCode::WrongPassphrase,
            VaultError::Tampered { .. } => ErrorCode::Tampered,
            VaultError::Locked => ErrorCode::Locked,
            VaultError::KeyUnavailable => ErrorCode::KeyUnavailable,
            VaultError::KeyProviderFailed => ErrorCode::KeyProviderFailed,
            VaultError::IncompatibleVersion { .. } => ErrorCode::IncompatibleVersion,
            VaultError::NotAVault => ErrorCode::NotAVault,
            VaultError::AlreadyExists => ErrorCode::AlreadyExists,
            VaultError::NoSuchSlot => ErrorCode::NotFound,
            VaultError::WeakParameters
            | VaultError::InvalidName
            | VaultError::RecordTooLarge
            | VaultError::InvalidRecoveryCode => ErrorCode::InvalidInput,
            VaultError::DiskFull => ErrorCode::DiskFull,
            VaultError::Storage(_) => ErrorCode::Storage,
        }
    }
}

impl From<KeyProviderError> for VaultError {
    fn from(e: KeyProviderError) -> Self {
        match e {
            KeyProviderError::Unavailable => VaultError::KeyUnavailable,
            KeyProviderError::Failed => VaultError::KeyProviderFailed,
        }
    }
}

/// SQLite errors, sorted into what a caller can act on. The text keeps SQLite's code name only:
/// SQLite messages can quote values from statements.
pub(crate) fn sql_error(e: rusqlite::Error) -> VaultError {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DiskFull) => VaultError::DiskFull,
        Some(C::NotADatabase | C::DatabaseCorrupt) => VaultError::NotAVault,
        Some(code) => VaultError::Storage(format!("{code:?}")),
        None => VaultError::Storage(match e {
            rusqlite::Error::QueryReturnedNoRows => "missing row".into(),
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..) => "unexpected column type".into(),
            _ => "sqlite interface error".into(),
        }),
    }
}

/// Options for a new vault.
#[derive(Debug, Clone, Copy)]
pub struct VaultOptions {
    pub kdf: KdfParams,
    /// Record encryptions after which `status` recommends a rekey. Random 96-bit nonces collide
    /// with probability about n²/2⁹⁷; NIST SP 800-38D caps a key at 2³² of them. 2²⁸ keeps the
    /// collision chance below 2⁻⁴¹ and is decades of normal use.
    pub rekey_after_encryptions: u64,
}

impl Default for VaultOptions {
    fn default() -> Self {
        VaultOptions {
            kdf: KdfParams::default(),
            rekey_after_encryptions: 1 << 28,
        }
    }
}

impl VaultOptions {
    /// Cheap key derivation: for tests and benchmarks only.
    pub fn fast_for_tests() -> Self {
        VaultOptions {
            kdf: KdfParams::FAST_INSECURE,
            ..Self::default()
        }
    }
}

/// A vault's state as the shells show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VaultStatus {
    pub locked: bool,
    pub schema_version: i64,
    pub slots: Vec<SlotKind>,
    pub records: u64,
    pub encryptions_since_rekey: u64,
    pub rekey_recommended: bool,
}

const CANARY: &[u8] = b"vigil-canary-v1";
const BALLAST_FILE: &str = "ballast";
/// Space kept in reserve: deleted when the disk fills, so SQLite has room to roll back,
/// checkpoint and delete, then recreated when space returns.
const BALLAST_BYTES: usize = 1 << 20;

struct Unlocked {
    dek: DataKey,
    keys: RecordKeys,
}

struct State {
    conn: Connection,
    vault_id: [u8; 16],
    unlocked: Option<Unlocked>,
}

impl State {
    /// The connection, vault id and record keys, or `Locked`.
    fn unlocked_parts(&mut self) -> Result<(&mut Connection, &[u8; 16], &RecordKeys), VaultError> {
        let keys = &self.unlocked.as_ref().ok_or(VaultError::Locked)?.keys;
        Ok((&mut self.conn, &self.vault_id, keys))
    }
}

/// An encrypted vault. See the module docs for threading.
pub struct Vault {
    dir: PathBuf,
    state: Mutex<State>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(..)")
    }
}

impl Vault {
    /// Create a vault in `dir` (created if missing) and return it unlocked, with the recovery
    /// code to show the user once.
    pub fn create(
        dir: &Path,
        passphrase: &str,
        options: &VaultOptions,
    ) -> Result<(Vault, RecoveryCode)> {
        if !options.kdf.is_acceptable() {
            return Err(VaultError::WeakParameters.into());
        }
        fs::create_dir_all(dir).map_err(|e| io_error(&e))?;
        if dir.join(open_database::DB_FILE).exists() {
            return Err(VaultError::AlreadyExists.into());
        }
        let mut conn = open_database::open(dir, true)?;
        open_database::migrate(&mut conn)?;
        let vault_id = random_bytes::<16>();
        let dek = DataKey::generate();
        let keys = RecordKeys::derive(&dek, &vault_id);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        set_meta(&tx, "vault_id", &vault_id)?;
        set_meta(&tx, "canary", &seal_canary(&keys, &vault_id))?;
        set_meta(&tx, "encryptions", &0u64.to_le_bytes())?;
        set_meta(
            &tx,
            "rekey_after",
            &options.rekey_after_encryptions.to_le_bytes(),
        )?;
        slots::add_passphrase(&tx, &vault_id, &dek, passphrase, options.kdf)?;
        let code = slots::add_recovery(&tx, &vault_id, &dek)?;
        tx.commit().map_err(sql_error)?;
        restore_ballast(dir);
        let state = State {
            conn,
            vault_id,
            unlocked: Some(Unlocked { dek, keys }),
        };
        Ok((
            Vault {
                dir: dir.to_owned(),
                state: Mutex::new(state),
            },
            code,
        ))
    }

    /// Open an existing vault, locked. Migrates an older schema; refuses a newer one unchanged.
    pub fn open(dir: &Path) -> Result<Vault> {
        let mut conn = open_database::open(dir, false)?;
        open_database::migrate(&mut conn)?;
        let vault_id: [u8; 16] = get_meta(&conn, "vault_id")?
            .and_then(|v| v.try_into().ok())
            .ok_or(VaultError::NotAVault)?;
        restore_ballast(dir);
        Ok(Vault {
            dir: dir.to_owned(),
            state: Mutex::new(State {
                conn,
                vault_id,
                unlocked: None,
            }),
        })
    }

    pub fn exists(dir: &Path) -> bool {
        dir.join(open_database::DB_FILE).exists()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the database half-written (transactions roll
        // back on drop), so the state is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn unlock_with_passphrase(&self, passphrase: &str) -> Result<()> {
        let mut st = self.state();
        let (dek, _) = slots::open_with_passphrase(&st.conn, &st.vault_id, passphrase)?;
        install(&mut st, dek, VaultError::WrongPassphrase)
    }

    pub fn unlock_with_recovery_code(&self, code: &str) -> Result<()> {
        let code: RecoveryCode = code.parse().map_err(|_| VaultError::InvalidRecoveryCode)?;
        let mut st = self.state();
        let dek = slots::open_with_recovery(&st.conn, &st.vault_id, &code)?;
        install(&mut st, dek, VaultError::WrongPassphrase)
    }

    pub fn unlock_with_device(&self, provider: &dyn KeyProvider) -> Result<()> {
        let mut st = self.state();
        let dek = slots::open_with_device(&st.conn, provider)?;
        // The provider returned bytes, but not this vault's key: the hardware key changed.
        install(&mut st, dek, VaultError::KeyProviderFailed)
    }

    /// Forget the keys (zeroized on drop). Records stay on disk, unreadable until the next unlock.
    pub fn lock(&self) {
        self.state().unlocked = None;
    }

    pub fn status(&self) -> Result<VaultStatus> {
        let st = self.state();
        let slots = slots::list(&st.conn)?.into_iter().map(|s| s.kind).collect();
        let encryptions = meta_u64(&st.conn, "encryptions")?;
        let rekey_after = meta_u64(&st.conn, "rekey_after")?;
        let records = st
            .conn
            .query_row("SELECT COUNT(*) FROM records", [], |r| r.get::<_, i64>(0))
            .map_err(sql_error)? as u64;
        Ok(VaultStatus {
            locked: st.unlocked.is_none(),
            schema_version: open_database::version(&st.conn)?,
            slots,
            records,
            encryptions_since_rekey: encryptions,
            rekey_recommended: encryptions >= rekey_after,
        })
    }

    /// Replace the passphrase slot(s). Re-wraps the data key only: constant time in vault size.
    pub fn change_passphrase(&self, old: &str, new: &str, kdf: Option<KdfParams>) -> Result<()> {
        let mut st = self.state();
        let (dek, old_kdf) = slots::open_with_passphrase(&st.conn, &st.vault_id, old)?;
        let vault_id = st.vault_id;
        with_immediate(&mut st.conn, |tx| {
            slots::remove_kind(tx, SlotKind::Passphrase)?;
            slots::add_passphrase(tx, &vault_id, &dek, new, kdf.unwrap_or(old_kdf))
        })
    }

    /// Forgotten passphrase: the recovery code opens the vault and sets a new passphrase.
    pub fn reset_passphrase_with_recovery_code(&self, code: &str, new: &str) -> Result<()> {
        let code: RecoveryCode = code.parse().map_err(|_| VaultError::InvalidRecoveryCode)?;
        let mut st = self.state();
        let dek = slots::open_with_recovery(&st.conn, &st.vault_id, &code)?;
        let vault_id = st.vault_id;
        with_immediate(&mut st.conn, |tx| {
            slots::remove_kind(tx, SlotKind::Passphrase)?;
            slots::add_passphrase(tx, &vault_id, &dek, new, KdfParams::default())
        })?;
        install(&mut st, dek, VaultError::WrongPassphrase)
    }

    /// Replace the recovery slot; the old code stops working. Shown once: the caller displays it.
    pub fn new_recovery_code(&self) -> Result<RecoveryCode> {
        let mut st = self.state();
        let vault_id = st.vault_id;
        let State { conn, unlocked, .. } = &mut *st;
        let unlocked = unlocked.as_ref().ok_or(VaultError::Locked)?;
        with_immediate(conn, |tx| {
            slots::remove_kind(tx, SlotKind::Recovery)?;
            slots::add_recovery(tx, &vault_id, &unlocked.dek)
        })
    }

    /// Add (or replace) the device slot, wrapping the data key with the shell's hardware key.
    pub fn add_device_slot(&self, provider: &dyn KeyProvider) -> Result<()> {
        let mut st = self.state();
        let State { conn, unlocked, .. } = &mut *st;
        let unlocked = unlocked.as_ref().ok_or(VaultError::Locked)?;
        with_immediate(conn, |tx| {
            slots::remove_kind(tx, SlotKind::Device)?;
            slots::add_device(tx, &unlocked.dek, provider)
        })
    }

    pub fn remove_device_slot(&self) -> Result<bool> {
        let mut st = self.state();
        with_immediate(&mut st.conn, |tx| {
            Ok(slots::remove_kind(tx, SlotKind::Device)? > 0)
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Accept `dek` only if it opens this vault's canary, then keep it for the session.
fn install(st: &mut State, dek: DataKey, wrong_key: VaultError) -> Result<()> {
    let keys = RecordKeys::derive(&dek, &st.vault_id);
    let canary = get_meta(&st.conn, "canary")?.ok_or(VaultError::NotAVault)?;
    match open_record(&keys.aead, canary_place(&st.vault_id), &canary) {
        Ok(plain) if plain == CANARY => {
            st.unlocked = Some(Unlocked { dek, keys });
            Ok(())
        }
        _ => Err(wrong_key.into()),
    }
}

fn canary_place(vault_id: &[u8]) -> RecordPlace<'_> {
    RecordPlace {
        vault_id,
        table: "meta",
        record_id: "canary",
        column: "value",
    }
}

fn seal_canary(keys: &RecordKeys, vault_id: &[u8]) -> Vec<u8> {
    seal_record(&keys.aead, canary_place(vault_id), CANARY).expect("the canary is small")
}

fn set_meta(conn: &Connection, key: &str, value: &[u8]) -> Result<(), VaultError> {
    conn.prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .and_then(|mut s| s.execute(params![key, value]))
        .map_err(sql_error)?;
    Ok(())
}

fn get_meta(conn: &Connection, key: &str) -> Result<Option<Vec<u8>>, VaultError> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .map_err(|e| match sql_error(e) {
            // A SQLite file without our tables is some other database.
            VaultError::Storage(_) => VaultError::NotAVault,
            other => other,
        })
}

fn meta_u64(conn: &Connection, key: &str) -> Result<u64, VaultError> {
    let bytes = get_meta(conn, key)?.ok_or(VaultError::NotAVault)?;
    Ok(u64::from_le_bytes(
        bytes.try_into().map_err(|_| VaultError::NotAVault)?,
    ))
}

fn add_encryptions(conn: &Connection, n: u64) -> Result<(), VaultError> {
    if n == 0 {
        return Ok(());
    }
    let current = meta_u64(conn, "encryptions")?;
    set_meta(
        conn,
        "encryptions",
        &current.saturating_add(n).to_le_bytes(),
    )
}

fn with_immediate<T>(
    conn: &mut Connection,
    f: impl FnOnce(&Connection) -> Result<T, VaultError>,
) -> Result<T> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_error)?;
    let out = f(&tx)?;
    tx.commit().map_err(sql_error)?;
    Ok(out)
}

fn io_error(e: &std::io::Error) -> VaultError {
    // 28 is ENOSPC on Linux, Android and Darwin.
    if e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull {
        VaultError::DiskFull
    } else {
        VaultError::Storage(format!("{:?}", e.kind()))
    }
}

fn restore_ballast(dir: &Path) {
    let path = dir.join(BALLAST_FILE);
    if path
        .metadata()
        .map(|m| m.len() as usize == BALLAST_BYTES)
        .unwrap_or(false)
    {
        return;
    }
    // Best effort: with no space for the ballast there is nothing to reserve; try again later.
    if fs::write(&path, vec![0u8; BALLAST_BYTES]).is_err() {
        let _ = fs::remove_file(&path);
    }
}

fn release_ballast(dir: &Path) {
    let _ = fs::remove_file(dir.join(BALLAST_FILE));
}

impl Store for Vault {
    fn read<T>(&self, f: impl FnOnce(&mut dyn Txn) -> Result<T>) -> Result<T> {
        let mut st = self.state();
        let (conn, vault_id, keys) = st.unlocked_parts()?;
        let tx = conn.transaction().map_err(sql_error)?;
        let mut txn = EncryptedTxn::new(&tx, keys, vault_id, false);
        f(&mut txn)
    }

    fn write<T>(&self, f: impl FnOnce(&mut dyn Txn) -> Result<T>) -> Result<T> {
        let mut st = self.state();
        let (conn, vault_id, keys) = st.unlocked_parts()?;
        let result: Result<T> = (|| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(sql_error)?;
            let mut txn = EncryptedTxn::new(&tx, keys, vault_id, true);
            let out = f(&mut txn)?;
            add_encryptions(&tx, txn.finish())?;
            tx.commit().map_err(sql_error)?;
            Ok(out)
        })();
        match &result {
            Err(e) if e.code() == ErrorCode::DiskFull => release_ballast(&self.dir),
            Ok(_) => restore_ballast_if_released(&self.dir),
            Err(_) => {}
        }
        result
    }
}

fn restore_ballast_if_released(dir: &Path) {
    if !dir.join(BALLAST_FILE).exists() {
        restore_ballast(dir);
    }
}

impl Drop for Vault {
    fn drop(&mut self) {
        open_database::checkpoint(&self.state().conn);
    }
}

#[cfg(test)]
mod tests;
