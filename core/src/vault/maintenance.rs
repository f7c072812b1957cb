//! Whole-vault operations: `verify` (find damaged rows, keep the good ones readable) and `rekey`
//! (a new data key for every record, all or nothing).

use std::collections::BTreeSet;

use rusqlite::{params, Connection, TransactionBehavior};
use serde::Serialize;

use super::{
    encrypted_txn::{all_rows, open_body, RecordWriter, SealedRow},
    seal_canary, set_meta, slots, sql_error, KeyProvider, SlotKind, State, Unlocked, Vault,
    VaultError,
};
use crate::{
    crypto::{DataKey, RecordKeys, RecoveryCode},
    error::Result,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ProblemKind {
    /// The body failed authentication: altered, swapped from another row, or damaged.
    Tampered,
    /// The body is fine but its blind-index entries differ from what it declares: lookups may miss
    /// it (never match it wrongly). Fixed by `rekey`, which rebuilds every index.
    IndexMismatch,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Problem {
    pub table: String,
    pub record_id: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VerifyReport {
    pub records_checked: u64,
    pub problems: Vec<Problem>,
}

/// What `rekey` did. The recovery code is new: the old one no longer opens the vault.
#[derive(Debug)]
pub struct RekeyOutcome {
    pub records: u64,
    pub recovery_code: RecoveryCode,
    pub device_slot_kept: bool,
}

fn stored_macs(conn: &Connection, table: &str, id: &str) -> Result<BTreeSet<Vec<u8>>, VaultError> {
    let mut stmt = conn
        .prepare_cached("SELECT mac FROM blind_index WHERE tbl = ?1 AND id = ?2")
        .map_err(sql_error)?;
    let macs = stmt
        .query_map(params![table, id], |r| r.get(0))
        .map_err(sql_error)?;
    macs.collect::<Result<_, _>>().map_err(sql_error)
}

impl Vault {
    /// Check every record and its index entries. Never modifies anything.
    pub fn verify(&self, progress: &mut dyn FnMut(u64, u64)) -> Result<VerifyReport> {
        let mut st = self.state();
        let (conn, vault_id, keys) = st.unlocked_parts()?;
        let rows = all_rows(conn)?;
        let total = rows.len() as u64;
        let mut problems = Vec::new();
        for (
            done,
            SealedRow {
                table, id, body, ..
            },
        ) in rows.into_iter().enumerate()
        {
            let kind = match open_body(keys, vault_id, &table, &id, &body) {
                Err(_) => Some(ProblemKind::Tampered),
                Ok(record) => {
                    let expected: BTreeSet<Vec<u8>> = record
                        .terms
                        .iter()
                        .map(|(n, v)| keys.blind_index(&table, n, v).to_vec())
                        .collect();
                    (expected != stored_macs(conn, &table, &id)?)
                        .then_some(ProblemKind::IndexMismatch)
                }
            };
            if let Some(kind) = kind {
                problems.push(Problem {
                    table,
                    record_id: id,
                    kind,
                });
            }
            progress(done as u64 + 1, total);
        }
        Ok(VerifyReport {
            records_checked: total,
            problems,
        })
    }

    /// Make a new data key and re-encrypt every record in one transaction. Needs the passphrase
    /// (to re-wrap the new key) and, to keep the device slot, the device provider. Issues a new
    /// recovery code. If any record fails authentication, nothing changes: run `verify` first.
    pub fn rekey(
        &self,
        passphrase: &str,
        device: Option<&dyn KeyProvider>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<RekeyOutcome> {
        let mut st = self.state();
        let (_, kdf) = slots::open_with_passphrase(&st.conn, &st.vault_id, passphrase)?;
        let vault_id = st.vault_id;
        let new_dek = DataKey::generate();
        let new_keys = RecordKeys::derive(&new_dek, &vault_id);
        let State { conn, unlocked, .. } = &mut *st;
        let old_keys = &unlocked.as_ref().ok_or(VaultError::Locked)?.keys;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        let rows = all_rows(&tx)?;
        let total = rows.len() as u64;
        let mut writer = RecordWriter::new(&tx, &new_keys, &vault_id);
        for (done, row) in rows.iter().enumerate() {
            let record = open_body(old_keys, &vault_id, &row.table, &row.id, &row.body)?;
            writer.write(&row.table, &record)?;
            progress(done as u64 + 1, total);
        }
        let sealed = writer.finish();
        set_meta(&tx, "canary", &seal_canary(&new_keys, &vault_id))?;
        set_meta(&tx, "encryptions", &sealed.to_le_bytes())?;
        let had_device = slots::has_kind(&tx, SlotKind::Device)?;
        tx.execute("DELETE FROM key_slots", []).map_err(sql_error)?;
        slots::add_passphrase(&tx, &vault_id, &new_dek, passphrase, kdf)?;
        let recovery_code = slots::add_recovery(&tx, &vault_id, &new_dek)?;
        let device_slot_kept = match device {
            // A provider that fails now leaves the vault without a device slot, not un-rekeyed.
            Some(provider) if had_device => slots::add_device(&tx, &new_dek, provider).is_ok(),
            _ => false,
        };
        tx.commit().map_err(sql_error)?;
        *unlocked = Some(Unlocked {
            dek: new_dek,
            keys: new_keys,
        });
        Ok(RekeyOutcome {
            records: total,
            recovery_code,
            device_slot_kept,
        })
    }
}
