//! A plain, in-memory [`Store`]: the test double the store test suite also runs against, and a
//! fast back end for feature unit tests. No encryption, no persistence.

use std::{
    collections::BTreeMap,
    sync::{Mutex, MutexGuard},
};

use super::store::{RawRecord, Store, Txn};
use crate::error::{Error, Result};

type Tables = BTreeMap<&'static str, BTreeMap<String, RawRecord>>;

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
        Ok(self.tables.get(table).and_then(|t| t.get(id)).cloned())
    }

    fn list_raw(&mut self, table: &'static str) -> Result<Vec<RawRecord>> {
        Ok(self
            .tables
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
            .get(table)
            .map(|t| {
                t.values()
                    .filter(|r| r.terms.iter().any(|(n, v)| n == name && v == value))
                    .map(|r| r.id.clone())
                    .collect()
            })
            .unwrap_or_default())
    }

    fn put_raw(&mut self, table: &'static str, record: RawRecord) -> Result<()> {
        if !self.writable {
            return Err(Error::Internal("write inside a read transaction".into()));
        }
        self.tables
            .entry(table)
            .or_default()
            .insert(record.id.clone(), record);
        Ok(())
    }

    fn delete(&mut self, table: &'static str, id: &str) -> Result<bool> {
        if !self.writable {
            return Err(Error::Internal("write inside a read transaction".into()));
        }
        Ok(self
            .tables
            .get_mut(table)
            .is_some_and(|t| t.remove(id).is_some()))
    }

    fn count(&mut self, table: &'static str) -> Result<u64> {
        Ok(self.tables.get(table).map_or(0, |t| t.len() as u64))
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
