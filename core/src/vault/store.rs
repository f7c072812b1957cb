//! The record store contract every feature is written against.
//!
//! Features keep their data as typed [`Record`]s in named tables. A [`Store`] runs a closure
//! against a [`Txn`] either read-only ([`Store::read`]) or atomically ([`Store::write`]: all of
//! its writes commit together or none do). Two stores implement it: the encrypted SQLite
//! [`Vault`](super::Vault), and [`MemoryStore`](super::MemoryStore), a plain test double; the
//! feature test suites run against both.
//!
//! Exact-match lookups go through *index terms*: `(name, normalised value)` pairs a record
//! declares. The vault keeps only HMACs of them (blind indexes). A lookup returns candidate ids and
//! [`TxnExt::find`] re-checks every candidate against its decrypted terms, so an altered index row
//! can hide a record (which `verify` reports) but never make a wrong one match.

use serde::{de::DeserializeOwned, Serialize};

use crate::error::{Error, Result};

/// A typed record kept in one table.
pub trait Record: Serialize + DeserializeOwned {
    /// The table name: lowercase ASCII, stable forever (it is bound into every ciphertext).
    const TABLE: &'static str;

    /// The record id: unique within the table. Ids are not secret (they appear in the file).
    fn id(&self) -> &str;

    /// Exact-match lookup terms as `(index name, normalised value)`. Normalise before returning
    /// (case, spaces, separators): lookups compare exactly.
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The bytes sealed for this record: JSON, unless a record on a hot path has a leaner form.
    fn encode(&self) -> Result<Vec<u8>> {
        serde_json::to_vec(self)
            .map_err(|e| Error::Internal(format!("encode {}: {e}", Self::TABLE)))
    }

    /// What [`Record::encode`] wrote, in any form this build has ever written; `None` otherwise.
    fn decode(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }
}

/// A stored row as the store sees it: opaque bytes plus its index terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    pub id: String,
    pub terms: Vec<(String, String)>,
    pub data: Vec<u8>,
}

/// Operations inside one read or write transaction. Untyped; features use [`TxnExt`].
pub trait Txn {
    fn get_raw(&mut self, table: &'static str, id: &str) -> Result<Option<RawRecord>>;
    /// Whether `table` holds `id`, without opening the record (replay checks on feeds that
    /// mostly repeat what the device already has).
    fn contains_raw(&mut self, table: &'static str, id: &str) -> Result<bool>;
    /// Every record of `table`, in id order.
    fn list_raw(&mut self, table: &'static str) -> Result<Vec<RawRecord>>;
    /// [`Txn::list_raw`] for views that should show what is intact: a record that fails
    /// authentication (damaged or altered on disk) is left out and counted instead of failing
    /// the whole listing. A store that cannot be damaged lists everything.
    fn list_raw_intact(&mut self, table: &'static str) -> Result<(Vec<RawRecord>, u64)> {
        Ok((self.list_raw(table)?, 0))
    }
    /// Ids whose index `name` may equal `value` (candidates: see the module docs).
    fn candidate_ids(
        &mut self,
        table: &'static str,
        name: &str,
        value: &str,
    ) -> Result<Vec<String>>;
    /// Insert or replace. Fails with `Locked`/storage errors; in a read transaction, `Internal`.
    fn put_raw(&mut self, table: &'static str, record: RawRecord) -> Result<()>;
    /// Remove; returns whether the record existed.
    fn delete(&mut self, table: &'static str, id: &str) -> Result<bool>;
    /// How many records `table` holds.
    fn count(&mut self, table: &'static str) -> Result<u64>;
}

/// Typed access on top of [`Txn`].
pub trait TxnExt: Txn {
    fn get<R: Record>(&mut self, id: &str) -> Result<Option<R>> {
        self.get_raw(R::TABLE, id)?
            .map(|raw| decode::<R>(&raw))
            .transpose()
    }

    fn contains<R: Record>(&mut self, id: &str) -> Result<bool> {
        self.contains_raw(R::TABLE, id)
    }

    /// Like [`TxnExt::get`], but a missing record is `NotFound(what)`.
    fn require<R: Record>(&mut self, id: &str, what: &'static str) -> Result<R> {
        self.get::<R>(id)?.ok_or(Error::NotFound(what))
    }

    fn list<R: Record>(&mut self) -> Result<Vec<R>> {
        self.list_raw(R::TABLE)?.iter().map(decode::<R>).collect()
    }

    /// Every intact record of `R`'s table, and how many could not be read: see
    /// [`Txn::list_raw_intact`]. One that authenticates but does not decode counts as damaged.
    fn list_intact<R: Record>(&mut self) -> Result<(Vec<R>, u64)> {
        let (raw, mut damaged) = self.list_raw_intact(R::TABLE)?;
        let mut records = Vec::with_capacity(raw.len());
        for record in &raw {
            match decode::<R>(record) {
                Ok(record) => records.push(record),
                Err(_) => damaged += 1,
            }
        }
        Ok((records, damaged))
    }

    /// Records whose index `name` equals `value` exactly (already normalised by the caller).
    fn find<R: Record>(&mut self, name: &str, value: &str) -> Result<Vec<R>> {
        let mut found = Vec::new();
        for id in self.candidate_ids(R::TABLE, name, value)? {
            let Some(raw) = self.get_raw(R::TABLE, &id)? else {
                continue;
            };
            if raw.terms.iter().any(|(n, v)| n == name && v == value) {
                found.push(decode::<R>(&raw)?);
            }
        }
        Ok(found)
    }

    fn put<R: Record>(&mut self, record: &R) -> Result<()> {
        let data = record.encode()?;
        let terms = record
            .index_terms()
            .into_iter()
            .map(|(n, v)| (n.to_owned(), v))
            .collect();
        self.put_raw(
            R::TABLE,
            RawRecord {
                id: record.id().to_owned(),
                terms,
                data,
            },
        )
    }

    fn remove<R: Record>(&mut self, id: &str) -> Result<bool> {
        self.delete(R::TABLE, id)
    }
}

impl<T: Txn + ?Sized> TxnExt for T {}

fn decode<R: Record>(raw: &RawRecord) -> Result<R> {
    // A record that authenticated but does not decode was written by a newer or buggy build; it
    // is reported like tampering (table + id, no content) so the user's other records stay usable.
    R::decode(&raw.data).ok_or_else(|| {
        Error::Vault(super::VaultError::Tampered {
            table: R::TABLE.to_owned(),
            id: raw.id.clone(),
        })
    })
}

/// Something that runs transactions: the encrypted [`Vault`](super::Vault) or the
/// [`MemoryStore`](super::MemoryStore) test double.
pub trait Store: Send + Sync {
    /// Run `f` on a consistent snapshot. Writes inside fail.
    fn read<T>(&self, f: impl FnOnce(&mut dyn Txn) -> Result<T>) -> Result<T>;
    /// Run `f` atomically: if it returns `Err`, or the commit fails, nothing it wrote persists.
    fn write<T>(&self, f: impl FnOnce(&mut dyn Txn) -> Result<T>) -> Result<T>;
}

/// A fresh random record id: 128 bits from the OS CSPRNG, lowercase hex.
pub fn new_id() -> String {
    use ring::rand::{SecureRandom, SystemRandom};
    let mut bytes = [0u8; 16];
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the OS random number generator is available");
    crate::hex::lower(&bytes)
}
