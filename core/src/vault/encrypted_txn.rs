//! [`Txn`] over the SQLite file: every body sealed with the record key and bound to its place,
//! every index term stored only as a blind-index MAC.

use rusqlite::{params, Connection, OptionalExtension, Statement, Transaction};

use super::{
    envelope, sql_error,
    store::{RawRecord, Txn},
    VaultError,
};
use crate::{
    crypto::{open_record, seal_record_with, Nonces, RecordKeys, RecordPlace},
    error::{Error, Result},
};

pub(crate) const BODY: &str = "body";

pub(crate) struct EncryptedTxn<'a> {
    tx: &'a Transaction<'a>,
    keys: &'a RecordKeys,
    vault_id: &'a [u8],
    writable: bool,
    writer: RecordWriter<'a>,
    contains: Held<'a>,
    candidates: Held<'a>,
}

impl<'a> EncryptedTxn<'a> {
    pub fn new(
        tx: &'a Transaction<'a>,
        keys: &'a RecordKeys,
        vault_id: &'a [u8],
        writable: bool,
    ) -> Self {
        EncryptedTxn {
            tx,
            keys,
            vault_id,
            writable,
            writer: RecordWriter::new(tx, keys, vault_id),
            contains: Held::new("SELECT 1 FROM records WHERE tbl = ?1 AND id = ?2"),
            candidates: Held::new("SELECT id FROM blind_index WHERE tbl = ?1 AND mac = ?2"),
        }
    }

    /// See [`RecordWriter::finish`].
    pub fn finish(self) -> u64 {
        self.writer.finish()
    }
}

fn place<'a>(vault_id: &'a [u8], table: &'a str, id: &'a str) -> RecordPlace<'a> {
    RecordPlace {
        vault_id,
        table,
        record_id: id,
        column: BODY,
    }
}

/// Open one stored body into its record; a failure names only the table and the id.
pub(crate) fn open_body(
    keys: &RecordKeys,
    vault_id: &[u8],
    table: &str,
    id: &str,
    body: &[u8],
) -> Result<RawRecord, VaultError> {
    let tampered = || VaultError::Tampered {
        table: table.to_owned(),
        id: id.to_owned(),
    };
    let plain = zeroize::Zeroizing::new(
        open_record(&keys.aead, place(vault_id, table, id), body).map_err(|_| tampered())?,
    );
    envelope::decode(id, &plain).ok_or_else(tampered)
}

/// A statement prepared on first use and kept for the rest of the transaction.
///
/// rusqlite's `prepare_cached` hashes the SQL and moves the statement out of its cache and back
/// on every use: ~1,800 instructions (callgrind), paid three times per alert of a feed (contains,
/// reference probe, insert).
struct Held<'conn> {
    sql: &'static str,
    statement: Option<Statement<'conn>>,
}

impl<'conn> Held<'conn> {
    const fn new(sql: &'static str) -> Self {
        Held {
            sql,
            statement: None,
        }
    }

    fn get(&mut self, conn: &'conn Connection) -> Result<&mut Statement<'conn>, VaultError> {
        match &mut self.statement {
            Some(statement) => Ok(statement),
            empty => Ok(empty.insert(conn.prepare(self.sql).map_err(sql_error)?)),
        }
    }
}

/// Seals records and writes them into one transaction; the writes share its nonces and
/// prepared statements.
pub(crate) struct RecordWriter<'a> {
    conn: &'a Connection,
    keys: &'a RecordKeys,
    vault_id: &'a [u8],
    nonces: Nonces,
    insert_record: Held<'a>,
    insert_term: Held<'a>,
    /// Seals made, added to the vault's counter at commit.
    sealed: u64,
}

impl<'a> RecordWriter<'a> {
    pub fn new(conn: &'a Connection, keys: &'a RecordKeys, vault_id: &'a [u8]) -> Self {
        RecordWriter {
            conn,
            keys,
            vault_id,
            nonces: Nonces::new(),
            insert_record: Held::new(
                "INSERT OR IGNORE INTO records (tbl, id, body) VALUES (?1, ?2, ?3)",
            ),
            insert_term: Held::new(
                "INSERT OR IGNORE INTO blind_index (tbl, mac, id) VALUES (?1, ?2, ?3)",
            ),
            sealed: 0,
        }
    }

    /// The seals made, for the vault's counter; the statements, which borrow the transaction,
    /// are released so that it can commit.
    pub fn finish(self) -> u64 {
        self.sealed
    }

    /// Seal `record` and write it with its blind-index entries, replacing any previous version.
    pub fn write(&mut self, table: &str, record: &RawRecord) -> Result<(), VaultError> {
        let conn = self.conn;
        let plain = zeroize::Zeroizing::new(envelope::encode(record));
        let sealed = seal_record_with(
            &mut self.nonces,
            &self.keys.aead,
            place(self.vault_id, table, &record.id),
            &plain,
        )
        .map_err(|_| VaultError::RecordTooLarge)?;
        self.sealed += 1;
        let inserted = self
            .insert_record
            .get(conn)?
            .execute(params![table, record.id, sealed])
            .map_err(sql_error)?;
        // Only a replaced record has index entries to drop: new ones (most writes) skip the lookup.
        if inserted == 0 {
            // In place: the row keeps its position, and secure_delete zeroes the old body.
            conn.prepare_cached("UPDATE records SET body = ?3 WHERE tbl = ?1 AND id = ?2")
                .and_then(|mut s| s.execute(params![table, record.id, sealed]))
                .map_err(sql_error)?;
            conn.prepare_cached("DELETE FROM blind_index WHERE tbl = ?1 AND id = ?2")
                .and_then(|mut s| s.execute(params![table, record.id]))
                .map_err(sql_error)?;
        }
        for (name, value) in &record.terms {
            let mac = self.keys.blind_index(table, name, value);
            self.insert_term
                .get(conn)?
                .execute(params![table, mac, record.id])
                .map_err(sql_error)?;
        }
        Ok(())
    }
}

/// The sealed body of `table`/`id`, if the record exists.
pub(crate) fn sealed_body(
    conn: &Connection,
    table: &str,
    id: &str,
) -> Result<Option<Vec<u8>>, VaultError> {
    conn.prepare_cached("SELECT body FROM records WHERE tbl = ?1 AND id = ?2")
        .and_then(|mut s| s.query_row(params![table, id], |r| r.get(0)).optional())
        .map_err(sql_error)
}

/// A stored row as `verify`, `rekey` and backups walk it.
pub(crate) struct SealedRow {
    pub table: String,
    pub id: String,
    pub body: Vec<u8>,
}

/// Every stored row, ordered by table and id.
pub(crate) fn all_rows(conn: &Connection) -> Result<Vec<SealedRow>, VaultError> {
    let mut stmt = conn
        .prepare("SELECT tbl, id, body FROM records ORDER BY tbl, id")
        .map_err(sql_error)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(SealedRow {
                table: r.get(0)?,
                id: r.get(1)?,
                body: r.get(2)?,
            })
        })
        .map_err(sql_error)?;
    rows.collect::<Result<_, _>>().map_err(sql_error)
}

/// Table names are bound into ciphertexts forever: keep them simple and stable.
pub(crate) fn check_table_name(table: &str) -> Result<(), VaultError> {
    let ok = !table.is_empty()
        && table.len() <= 64
        && table
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(VaultError::InvalidName)
    }
}

pub(crate) fn check_record_id(id: &str) -> Result<(), VaultError> {
    let ok = !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(VaultError::InvalidName)
    }
}

impl EncryptedTxn<'_> {
    /// Every record of `table` in id order, each as opening it turned out.
    fn each_body(
        &mut self,
        table: &'static str,
        each: &mut dyn FnMut(Result<RawRecord, VaultError>) -> Result<(), VaultError>,
    ) -> Result<()> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id, body FROM records WHERE tbl = ?1 ORDER BY id")
            .map_err(sql_error)?;
        let rows = stmt
            .query_map([table], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .map_err(sql_error)?;
        for row in rows {
            let (id, body) = row.map_err(sql_error)?;
            each(open_body(self.keys, self.vault_id, table, &id, &body))?;
        }
        Ok(())
    }

    fn require_writable(&self) -> Result<()> {
        if self.writable {
            Ok(())
        } else {
            Err(Error::Internal("write inside a read transaction".into()))
        }
    }
}

impl Txn for EncryptedTxn<'_> {
    fn get_raw(&mut self, table: &'static str, id: &str) -> Result<Option<RawRecord>> {
        Ok(sealed_body(self.tx, table, id)?
            .map(|b| open_body(self.keys, self.vault_id, table, id, &b))
            .transpose()?)
    }

    fn contains_raw(&mut self, table: &'static str, id: &str) -> Result<bool> {
        // Only the key is looked at: the body is neither fetched nor opened.
        let found = self
            .contains
            .get(self.tx)?
            .exists(params![table, id])
            .map_err(sql_error)?;
        Ok(found)
    }

    fn list_raw(&mut self, table: &'static str) -> Result<Vec<RawRecord>> {
        let mut out = Vec::new();
        self.each_body(table, &mut |opened| {
            out.push(opened?);
            Ok(())
        })?;
        Ok(out)
    }

    fn list_raw_intact(&mut self, table: &'static str) -> Result<(Vec<RawRecord>, u64)> {
        let (mut out, mut damaged) = (Vec::new(), 0);
        self.each_body(table, &mut |opened| {
            match opened {
                Ok(record) => out.push(record),
                Err(VaultError::Tampered { .. }) => damaged += 1,
                Err(other) => return Err(other),
            }
            Ok(())
        })?;
        Ok((out, damaged))
    }

    fn candidate_ids(
        &mut self,
        table: &'static str,
        name: &str,
        value: &str,
    ) -> Result<Vec<String>> {
        let mac = self.keys.blind_index(table, name, value);
        let ids = self
            .candidates
            .get(self.tx)?
            .query_map(params![table, mac], |r| r.get(0))
            .map_err(sql_error)?;
        Ok(ids.collect::<Result<Vec<String>, _>>().map_err(sql_error)?)
    }

    fn put_raw(&mut self, table: &'static str, record: RawRecord) -> Result<()> {
        self.require_writable()?;
        check_table_name(table)?;
        check_record_id(&record.id)?;
        self.writer.write(table, &record)?;
        Ok(())
    }

    fn delete(&mut self, table: &'static str, id: &str) -> Result<bool> {
        self.require_writable()?;
        let n = self
            .tx
            .execute(
                "DELETE FROM records WHERE tbl = ?1 AND id = ?2",
                params![table, id],
            )
            .map_err(sql_error)?;
        Ok(n > 0)
    }

    fn count(&mut self, table: &'static str) -> Result<u64> {
        Ok(self
            .tx
            .query_row(
                "SELECT COUNT(*) FROM records WHERE tbl = ?1",
                [table],
                |r| r.get::<_, i64>(0),
            )
            .map_err(sql_error)? as u64)
    }
}
