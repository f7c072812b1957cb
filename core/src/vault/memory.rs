//! A plain, in-memory [`Store`]: the test double the store test suite also runs against, and a
//! fast back end for feature unit tests. No encryption, no persistence.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{Mutex, MutexGuard},
};

use super::store::{RawRecord, Store, Txn};
use crate::error::{Error, Result};

#[derive(Clone, Default)]
struct Tables {
    records: BTreeMap<&'static str, BTreeMap<String, RawRecord>>,
    /// `(table, index name, value)` → ids, so a lookup does not scan the table.
    terms: BTreeMap<(&'static str, String, String), BTreeSet<String>>,
}

impl Tables {
    fn unindex(&mut self, table: &'static str, record: &RawRecord) {
        for (name, value) in &record.terms {
            let key = (table, name.clone(), value.clone());
            if let Some(ids) = self.terms.get_mut(&key) {
                ids.remove(&record.id);
                if ids.is_empty() {
                    self.terms.remove(&key);
                }
            }
        }
    }
}

#[derive(Default)]
pub struct MemoryStore {
    tables: Mutex<Tables>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Tables> {
        // A panic in another test thread must not cascade: the data is still consistent because
        // writes are applied to a copy and swapped in only on success.
        self.tables
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

struct MemoryTxn {
    tables: Tables,
    writable: bool,
}

impl Txn for MemoryTxn {
    fn get_raw(&mut self, table: &'static str, id: &str) -> Result<Option<RawRecord>> {
        Ok(self
            .tables
            .records
            .get(table)
            .and_then(|t| t.get(id))
            .cloned())
    }

    fn contains_raw(&mut self, table: &'static str, id: &str) -> Result<bool> {
        Ok(self
            .tables
            .records
            .get(table)
            .is_some_and(|t| t.contains_key(id)))
    }

    fn list_raw(&mut self, table: &'static str) -> Result<Vec<RawRecord>> {
        Ok(self
            .tables
            .records
            .get(table)
            .map(|t| t.values().cloned().collect())
            .unwrap_or_default())
    }

    fn candidate_ids(
        &mut self,
        table: &'static str,
        name: &str,
        value: &str,
    ) -> Result<Vec<String>> {
        Ok(self
            .tables
            .terms
            .get(&(table, name.to_owned(), value.to_owned()))
            .map(|ids| ids.iter().cloned().collect())
            .unwrap_or_default())
    }

    fn put_raw(&mut self, table: &'static str, record: RawRecord) -> Result<()> {
        if !self.writable {
            return Err(Error::Internal("write inside a read transaction".into()));
        }
        let previous = self
            .tables
            .records
            .entry(table)
            .or_default()
            .remove(&record.id);
        if let Some(previous) = previous {
            self.tables.unindex(table, &previous);
        }
        for (name, value) in &record.terms {
            self.tables
                .terms
                .entry((table, name.clone(), value.clone()))
                .or_default()
                .insert(record.id.clone());
        }
        self.tables
            .records
            .entry(table)
            .or_default()
            .insert(record.id.clone(), record);
        Ok(())
    }

    fn delete(&mut self, table: &'static str, id: &str) -> Result<bool> {
        if !self.writable {
            return Err(Error::Internal("write inside a read transaction".into()));
        }
        let removed = self
            .tables
            .records
            .get_mut(table)
            .and_then(|t| t.remove(id));
        if let Some(record) = &removed {
            self.tables.unindex(table, record);
        }
        Ok(removed.is_some())
    }

    fn count(&mut self, table: &'static str) -> Result<u64> {
        Ok(self.tables.records.get(table).map_or(0, |t| t.len() as u64))
    }
}

impl Store for MemoryStore {
    fn read<T>(&self, f: impl FnOnce(&mut dyn Txn) -> Result<T>) -> Result<T> {
        let guard = self.lock();
        let mut txn = MemoryTxn {
            tables: guard.clone(),
            writable: false,
        };
        f(&mut txn)
    }

    fn write<T>(&self, f: impl FnOnce(&mut dyn Txn) -> Result<T>) -> Result<T> {
        let mut guard = self.lock();
        let mut txn = MemoryTxn {
            tables: guard.clone(),
            writable: true,
        };
        let out = f(&mut txn)?;
        *guard = txn.tables;
        Ok(out)
    }
}
