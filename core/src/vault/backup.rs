//! Backups: the whole vault in one portable file, encrypted under its own passphrase.
//!
//! ```text
//! header  = "VIGILBK1" | format version (u8 = 1) | Argon2id m, t, p (12 B) | salt (16 B)
//! chunks  = { length (u32 LE) | sealed chunk }*   (chunk 0 has an empty payload: a passphrase check)
//! chunk i = seal_record(backup key, place = (header, "backup", i, "more" | "last"), ≤ 64 KiB of payload)
//! payload = { table len (u16) | table | id len (u16) | id | record len (u32) | record envelope }*
//! ```
//! Binding the header, the chunk index and the last-chunk flag into each chunk's associated data
//! makes reordering, dropping, truncating or splicing chunks fail authentication (the STREAM
//! construction). Import decrypts and parses everything before it writes anything.

use std::{fs, io::Write, path::Path};

use rusqlite::TransactionBehavior;
use serde::Serialize;

use super::{
    encrypted_txn::{
        all_rows, check_record_id, check_table_name, open_body, sealed_body, RecordWriter,
        SealedRow,
    },
    envelope, io_error, sql_error, Vault, VaultError,
};
use crate::{
    crypto::{open_record, random_bytes, seal_record, KdfParams, PassphraseKek, RecordPlace},
    error::Result,
};

const MAGIC: &[u8; 8] = b"VIGILBK1";
const FORMAT: u8 = 1;
pub(crate) const HEADER_LEN: usize = 8 + 1 + 12 + 16;
const CHUNK: usize = 64 * 1024;
/// A backup larger than this is refused before reading: far above any real vault, small
/// enough that a hostile file cannot exhaust a phone's memory.
const MAX_BACKUP_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImportReport {
    pub added: u64,
    pub replaced: u64,
    pub unchanged: u64,
}

/// A backup file split into its parts, not yet decrypted.
#[derive(Debug)]
pub struct BackupContainer<'a> {
    pub header: &'a [u8],
    pub kdf: KdfParams,
    pub salt: [u8; 16],
    pub chunks: Vec<&'a [u8]>,
}

/// Split a backup file into header and chunks. Checks framing only.
///
/// A file without the magic bytes is not a backup. One with them that does not frame (cut short
/// by an interrupted copy or download, say) is a damaged backup, and is reported as such: the
/// place named is `header` or the index of the chunk that is cut.
pub fn parse_backup_container(bytes: &[u8]) -> Result<BackupContainer<'_>, VaultError> {
    if bytes.get(..MAGIC.len()) != Some(&MAGIC[..]) {
        return Err(VaultError::NotAVault);
    }
    let damaged = |place: String| VaultError::Tampered {
        table: "backup".into(),
        id: place,
    };
    if bytes.len() < HEADER_LEN {
        return Err(damaged("header".into()));
    }
    if bytes[8] != FORMAT {
        return Err(VaultError::IncompatibleVersion {
            found: bytes[8] as i64,
            supported: FORMAT as i64,
        });
    }
    let kdf = KdfParams::from_bytes(&bytes[9..21]).ok_or_else(|| damaged("header".into()))?;
    let salt: [u8; 16] = bytes[21..HEADER_LEN].try_into().expect("slice of 16");
    let mut chunks = Vec::new();
    let mut rest = &bytes[HEADER_LEN..];
    while !rest.is_empty() {
        let cut = || damaged(chunks.len().to_string());
        let (len, tail) = rest.split_at_checked(4).ok_or_else(cut)?;
        let len = u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
        let (chunk, tail) = tail.split_at_checked(len).ok_or_else(cut)?;
        chunks.push(chunk);
        rest = tail;
    }
    if chunks.is_empty() {
        return Err(damaged("0".into()));
    }
    Ok(BackupContainer {
        header: &bytes[..HEADER_LEN],
        kdf,
        salt,
        chunks,
    })
}

/// One record as a backup carries it: table, and the record's plaintext envelope.
#[derive(Debug, PartialEq, Eq)]
pub struct BackupRecord {
    pub table: String,
    pub record: super::RawRecord,
}

/// Parse a decrypted payload into records, checking names as the vault would.
pub fn decode_backup_payload(mut payload: &[u8]) -> Result<Vec<BackupRecord>, VaultError> {
    let mut out = Vec::new();
    let take = |n: usize, rest: &mut &[u8]| -> Result<Vec<u8>, VaultError> {
        let (head, tail) = rest.split_at_checked(n).ok_or(VaultError::NotAVault)?;
        *rest = tail;
        Ok(head.to_vec())
    };
    while !payload.is_empty() {
        let table_len =
            u16::from_le_bytes(take(2, &mut payload)?.try_into().expect("2 bytes")) as usize;
        let table =
            String::from_utf8(take(table_len, &mut payload)?).map_err(|_| VaultError::NotAVault)?;
        let id_len =
            u16::from_le_bytes(take(2, &mut payload)?.try_into().expect("2 bytes")) as usize;
        let id =
            String::from_utf8(take(id_len, &mut payload)?).map_err(|_| VaultError::NotAVault)?;
        let rec_len =
            u32::from_le_bytes(take(4, &mut payload)?.try_into().expect("4 bytes")) as usize;
        let plain = take(rec_len, &mut payload)?;
        check_table_name(&table).map_err(|_| VaultError::NotAVault)?;
        check_record_id(&id).map_err(|_| VaultError::NotAVault)?;
        let record = envelope::decode(&id, &plain).ok_or(VaultError::NotAVault)?;
        out.push(BackupRecord { table, record });
    }
    Ok(out)
}

fn chunk_place<'a>(header: &'a [u8], index: &'a str, last: bool) -> RecordPlace<'a> {
    RecordPlace {
        vault_id: header,
        table: "backup",
        record_id: index,
        column: if last { "last" } else { "more" },
    }
}

impl Vault {
    /// Write every record to `path` (atomically: a temporary file renamed into place), encrypted
    /// under `backup_passphrase`.
    pub fn export(
        &self,
        path: &Path,
        backup_passphrase: &str,
        kdf: KdfParams,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<u64> {
        let salt = random_bytes::<16>();
        let kek = PassphraseKek::derive(backup_passphrase, kdf, &salt)
            .ok_or(VaultError::WeakParameters)?;
        let mut header = MAGIC.to_vec();
        header.push(FORMAT);
        header.extend_from_slice(&kdf.to_bytes());
        header.extend_from_slice(&salt);

        let mut payload = zeroize::Zeroizing::new(Vec::new());
        let count;
        {
            let mut st = self.state();
            let (conn, vault_id, keys) = st.unlocked_parts()?;
            let rows = all_rows(conn)?;
            count = rows.len() as u64;
            for (
                done,
                SealedRow {
                    table, id, body, ..
                },
            ) in rows.iter().enumerate()
            {
                let record = open_body(keys, vault_id, table, id, body)?;
                let plain = zeroize::Zeroizing::new(envelope::encode(&record));
                payload.extend_from_slice(&(table.len() as u16).to_le_bytes());
                payload.extend_from_slice(table.as_bytes());
                payload.extend_from_slice(&(id.len() as u16).to_le_bytes());
                payload.extend_from_slice(id.as_bytes());
                payload.extend_from_slice(&(plain.len() as u32).to_le_bytes());
                payload.extend_from_slice(&plain);
                progress(done as u64 + 1, count);
            }
        }

        let mut file = header.clone();
        let aead = kek.aead();
        // Chunk 0 is empty: it only proves the passphrase, so that a later chunk failing to
        // open reads as damage, never as a wrong passphrase.
        let pieces: Vec<&[u8]> = std::iter::once(&[][..])
            .chain(payload.chunks(CHUNK))
            .collect();
        for (i, piece) in pieces.iter().enumerate() {
            let index = i.to_string();
            let sealed = seal_record(
                &aead,
                chunk_place(&header, &index, i + 1 == pieces.len()),
                piece,
            )
            .map_err(|_| VaultError::RecordTooLarge)?;
            file.extend_from_slice(&(sealed.len() as u32).to_le_bytes());
            file.extend_from_slice(&sealed);
        }
        write_atomically(path, &file)?;
        Ok(count)
    }

    /// Merge the records of a backup into this vault by record id (the backup's version wins).
    /// A wrong passphrase or a damaged file changes nothing.
    pub fn import(
        &self,
        path: &Path,
        backup_passphrase: &str,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportReport> {
        let size = fs::metadata(path).map_err(|e| io_error(&e))?.len();
        if size > MAX_BACKUP_BYTES {
            return Err(VaultError::NotAVault.into());
        }
        let bytes = fs::read(path).map_err(|e| io_error(&e))?;
        let container = parse_backup_container(&bytes)?;
        let kek = PassphraseKek::derive(backup_passphrase, container.kdf, &container.salt)
            .ok_or(VaultError::NotAVault)?;
        let aead = kek.aead();
        let mut payload = zeroize::Zeroizing::new(Vec::new());
        let last = container.chunks.len() - 1;
        for (i, chunk) in container.chunks.iter().enumerate() {
            let index = i.to_string();
            let plain = open_record(
                &aead,
                chunk_place(container.header, &index, i == last),
                chunk,
            )
            .map_err(|_| {
                // Chunk 0 holds nothing but proves the key: only its failure is a wrong passphrase.
                if i == 0 {
                    VaultError::WrongPassphrase
                } else {
                    VaultError::Tampered {
                        table: "backup".into(),
                        id: index.clone(),
                    }
                }
            })?;
            payload.extend_from_slice(&plain);
        }
        let records = decode_backup_payload(&payload)?;

        let mut st = self.state();
        let (conn, vault_id, keys) = st.unlocked_parts()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        let mut report = ImportReport {
            added: 0,
            replaced: 0,
            unchanged: 0,
        };
        let total = records.len() as u64;
        let mut writer = RecordWriter::new(&tx, keys, vault_id);
        for (done, item) in records.iter().enumerate() {
            match sealed_body(&tx, &item.table, &item.record.id)? {
                None => report.added += 1,
                Some(body) => {
                    match open_body(keys, vault_id, &item.table, &item.record.id, &body) {
                        Ok(current) if current == item.record => {
                            report.unchanged += 1;
                            progress(done as u64 + 1, total);
                            continue;
                        }
                        // A tampered row here is replaced by the backup's good copy: that is a repair.
                        _ => report.replaced += 1,
                    }
                }
            }
            writer.write(&item.table, &item.record)?;
            progress(done as u64 + 1, total);
        }
        super::add_encryptions(&tx, writer.finish())?;
        tx.commit().map_err(sql_error)?;
        Ok(report)
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), VaultError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile_in(dir)?;
    tmp.1.write_all(bytes).map_err(|e| io_error(&e))?;
    tmp.1.sync_all().map_err(|e| io_error(&e))?;
    fs::rename(&tmp.0, path).map_err(|e| {
        let _ = fs::remove_file(&tmp.0);
        io_error(&e)
    })
}

fn tempfile_in(dir: &Path) -> Result<(std::path::PathBuf, fs::File), VaultError> {
    let suffix = crate::hex::lower(&random_bytes::<6>());
    let path = dir.join(format!(".vigil-backup-{suffix}.tmp"));
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| io_error(&e))?;
    Ok((path, file))
}
