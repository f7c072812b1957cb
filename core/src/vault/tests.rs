//! Vault tests. The store suite at the top runs against the encrypted vault and the plain double.

use std::sync::Arc;

use proptest::prelude::*;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tempfile::TempDir;
use zeroize::Zeroizing;

use super::*;
use crate::{crypto::KdfParams, Error};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Note {
    id: String,
    owner: String,
    text: String,
}

impl Record for Note {
    const TABLE: &'static str = "notes";
    fn id(&self) -> &str {
        &self.id
    }
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        vec![("owner", self.owner.to_lowercase())]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Tag {
    id: String,
    label: String,
}

impl Record for Tag {
    const TABLE: &'static str = "tags";
    fn id(&self) -> &str {
        &self.id
    }
}

fn note(id: &str, owner: &str, text: &str) -> Note {
    Note {
        id: id.into(),
        owner: owner.into(),
        text: text.into(),
    }
}

fn new_vault() -> (TempDir, Vault, RecoveryCode) {
    let dir = tempfile::tempdir().unwrap();
    let (vault, code) =
        Vault::create(dir.path(), "correct horse", &VaultOptions::fast_for_tests()).unwrap();
    (dir, vault, code)
}

fn code_of(r: Result<impl std::fmt::Debug>) -> ErrorCode {
    r.expect_err("expected an error").code()
}

// ---- the store suite: one body, two stores ----

fn store_suite(store: &impl Store) {
    store
        .write(|t| {
            t.put(&note("a", "Alice", "one"))?;
            t.put(&note("b", "bob", "two"))?;
            t.put(&Tag {
                id: "a".into(),
                label: "same id, other table".into(),
            })
        })
        .unwrap();
    assert_eq!(
        store.read(|t| t.get::<Note>("a")).unwrap(),
        Some(note("a", "Alice", "one"))
    );
    assert_eq!(
        store.read(|t| t.get::<Tag>("a")).unwrap().unwrap().label,
        "same id, other table"
    );
    assert_eq!(store.read(|t| t.list::<Note>()).unwrap().len(), 2);
    // `contains` is per table, like `get`.
    assert!(store.read(|t| t.contains::<Note>("b")).unwrap());
    assert!(!store.read(|t| t.contains::<Tag>("b")).unwrap());
    assert!(!store.read(|t| t.contains::<Note>("z")).unwrap());
    assert_eq!(
        store.read(|t| t.find::<Note>("owner", "alice")).unwrap(),
        vec![note("a", "Alice", "one")]
    );
    assert!(store
        .read(|t| t.find::<Note>("owner", "carol"))
        .unwrap()
        .is_empty());

    // Replacing a record replaces its index terms.
    store.write(|t| t.put(&note("a", "Carol", "one'"))).unwrap();
    assert!(store
        .read(|t| t.find::<Note>("owner", "alice"))
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .read(|t| t.find::<Note>("owner", "carol"))
            .unwrap()
            .len(),
        1
    );

    // A failing write changes nothing.
    let failed: Result<()> = store.write(|t| {
        t.put(&note("c", "dave", "three"))?;
        t.remove::<Note>("b")?;
        Err(Error::Internal("abort".into()))
    });
    assert!(failed.is_err());
    assert_eq!(store.read(|t| t.count(Note::TABLE)).unwrap(), 2);
    assert!(store.read(|t| t.get::<Note>("b")).unwrap().is_some());

    // Reads cannot write.
    assert!(store.read(|t| t.put(&note("d", "x", "y"))).is_err());

    assert!(store.write(|t| t.remove::<Note>("b")).unwrap());
    assert!(!store.write(|t| t.remove::<Note>("b")).unwrap());
    assert!(!store.read(|t| t.contains::<Note>("b")).unwrap());
    assert_eq!(
        code_of(store.read(|t| t.require::<Note>("b", "note"))),
        ErrorCode::NotFound
    );
}

#[test]
fn store_suite_on_memory_double() {
    store_suite(&MemoryStore::new());
}

#[test]
fn store_suite_on_encrypted_vault() {
    let (_dir, vault, _) = new_vault();
    store_suite(&vault);
}

// ---- unlock, slots, passphrases ----

#[test]
fn wrong_passphrase_is_refused_and_nothing_changes() {
    let (dir, vault, _) = new_vault();
    vault.write(|t| t.put(&note("a", "x", "secret"))).unwrap();
    drop(vault);
    let before = std::fs::read(dir.path().join("vault.sqlite3")).unwrap();
    let vault = Vault::open(dir.path()).unwrap();
    assert_eq!(
        code_of(vault.unlock_with_passphrase("wrong")),
        ErrorCode::WrongPassphrase
    );
    assert_eq!(
        code_of(vault.read(|t| t.get::<Note>("a"))),
        ErrorCode::Locked
    );
    drop(vault);
    assert_eq!(
        before,
        std::fs::read(dir.path().join("vault.sqlite3")).unwrap()
    );
    let vault = Vault::open(dir.path()).unwrap();
    vault.unlock_with_passphrase("correct horse").unwrap();
    assert_eq!(
        vault.read(|t| t.get::<Note>("a")).unwrap().unwrap().text,
        "secret"
    );
}

#[test]
fn lock_forgets_keys() {
    let (_dir, vault, _) = new_vault();
    vault.lock();
    assert!(vault.status().unwrap().locked);
    assert_eq!(
        code_of(vault.write(|t| t.put(&note("a", "x", "y")))),
        ErrorCode::Locked
    );
}

#[test]
fn recovery_code_opens_and_resets_the_passphrase() {
    let (dir, vault, code) = new_vault();
    vault.write(|t| t.put(&note("a", "x", "kept"))).unwrap();
    drop(vault);
    let vault = Vault::open(dir.path()).unwrap();
    assert_eq!(
        code_of(vault.unlock_with_recovery_code("0000-0000")),
        ErrorCode::InvalidInput
    );
    vault
        .unlock_with_recovery_code(&code.to_string().to_lowercase())
        .unwrap();
    vault.lock();
    vault
        .reset_passphrase_with_recovery_code(&code.to_string(), "new pass")
        .unwrap();
    assert_eq!(
        vault.read(|t| t.get::<Note>("a")).unwrap().unwrap().text,
        "kept"
    );
    vault.lock();
    assert_eq!(
        code_of(vault.unlock_with_passphrase("correct horse")),
        ErrorCode::WrongPassphrase
    );
    vault.unlock_with_passphrase("new pass").unwrap();

    let fresh = vault.new_recovery_code().unwrap();
    vault.lock();
    assert_eq!(
        code_of(vault.unlock_with_recovery_code(&code.to_string())),
        ErrorCode::WrongPassphrase
    );
    vault.unlock_with_recovery_code(&fresh.to_string()).unwrap();
}

#[test]
fn change_passphrase_rewraps_only() {
    let (_dir, vault, _) = new_vault();
    vault.write(|t| t.put(&note("a", "x", "y"))).unwrap();
    assert_eq!(
        code_of(vault.change_passphrase("bad", "next", None)),
        ErrorCode::WrongPassphrase
    );
    let encryptions = vault.status().unwrap().encryptions_since_rekey;
    vault
        .change_passphrase("correct horse", "next", None)
        .unwrap();
    assert_eq!(
        vault.status().unwrap().encryptions_since_rekey,
        encryptions,
        "no record was re-encrypted"
    );
    vault.lock();
    assert_eq!(
        code_of(vault.unlock_with_passphrase("correct horse")),
        ErrorCode::WrongPassphrase
    );
    vault.unlock_with_passphrase("next").unwrap();
    assert_eq!(vault.read(|t| t.list::<Note>()).unwrap().len(), 1);
}

/// A software stand-in for a hardware keystore: XORs with a secret pad, can be switched to fail.
struct PadProvider {
    pad: [u8; 32],
    mode: std::sync::Mutex<Option<KeyProviderError>>,
}

impl KeyProvider for PadProvider {
    fn wrap(&self, key: &[u8]) -> Result<Vec<u8>, KeyProviderError> {
        Ok(key.iter().zip(self.pad).map(|(a, b)| a ^ b).collect())
    }
    fn unwrap(&self, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyProviderError> {
        if let Some(e) = *self.mode.lock().unwrap() {
            return Err(e);
        }
        Ok(Zeroizing::new(
            blob.iter().zip(self.pad).map(|(a, b)| a ^ b).collect(),
        ))
    }
}

#[test]
fn device_slot_distinguishes_transient_and_permanent_failures() {
    let (dir, vault, _) = new_vault();
    let provider = PadProvider {
        pad: [0x5a; 32],
        mode: Default::default(),
    };
    vault.add_device_slot(&provider).unwrap();
    drop(vault);
    let vault = Vault::open(dir.path()).unwrap();
    *provider.mode.lock().unwrap() = Some(KeyProviderError::Unavailable);
    assert_eq!(
        code_of(vault.unlock_with_device(&provider)),
        ErrorCode::KeyUnavailable
    );
    *provider.mode.lock().unwrap() = Some(KeyProviderError::Failed);
    assert_eq!(
        code_of(vault.unlock_with_device(&provider)),
        ErrorCode::KeyProviderFailed
    );
    // A provider whose hardware key changed returns wrong bytes: the canary catches it.
    let other = PadProvider {
        pad: [0x11; 32],
        mode: Default::default(),
    };
    assert_eq!(
        code_of(vault.unlock_with_device(&other)),
        ErrorCode::KeyProviderFailed
    );
    *provider.mode.lock().unwrap() = None;
    vault.unlock_with_device(&provider).unwrap();
    assert!(vault.status().unwrap().slots.contains(&SlotKind::Device));
    // Nothing was wiped along the way; the passphrase still works.
    vault.lock();
    vault.unlock_with_passphrase("correct horse").unwrap();
    assert!(vault.remove_device_slot().unwrap());
    assert_eq!(
        code_of(vault.unlock_with_device(&provider)),
        ErrorCode::NotFound
    );
}

#[test]
fn weak_kdf_parameters_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let options = VaultOptions {
        kdf: KdfParams {
            memory_kib: 8,
            iterations: 1,
            parallelism: 1,
        },
        ..VaultOptions::fast_for_tests()
    };
    assert_eq!(
        code_of(Vault::create(dir.path(), "p", &options)),
        ErrorCode::InvalidInput
    );
}

#[test]
fn creating_over_an_existing_vault_is_refused() {
    let (dir, _vault, _) = new_vault();
    assert_eq!(
        code_of(Vault::create(
            dir.path(),
            "p",
            &VaultOptions::fast_for_tests()
        )),
        ErrorCode::AlreadyExists
    );
}

// ---- tampering: every stored byte, every unencrypted column ----

fn raw(dir: &TempDir) -> Connection {
    Connection::open(dir.path().join("vault.sqlite3")).unwrap()
}

fn body_of(conn: &Connection, table: &str, id: &str) -> Vec<u8> {
    conn.query_row(
        "SELECT body FROM records WHERE tbl = ?1 AND id = ?2",
        [table, id],
        |r| r.get(0),
    )
    .unwrap()
}

fn set_body(conn: &Connection, table: &str, id: &str, body: &[u8]) {
    let changed = conn
        .execute(
            "UPDATE records SET body = ?3 WHERE tbl = ?1 AND id = ?2",
            rusqlite::params![table, id, body],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

/// A note whose sealed body is larger than a 4 KiB page, so SQLite keeps part of it in overflow
/// pages.
fn big_note(id: &str, owner: &str, text: &str) -> Note {
    note(id, owner, &format!("{text} {}", "x".repeat(5_000)))
}

fn reopen(dir: &TempDir) -> Vault {
    let vault = Vault::open(dir.path()).unwrap();
    vault.unlock_with_passphrase("correct horse").unwrap();
    vault
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn flipping_any_stored_byte_is_tampered_never_wrong_plaintext(pos in any::<usize>(), bit in 0u8..8, big in any::<bool>()) {
        let (dir, vault, _) = new_vault();
        let secret = if big { big_note("a", "x", "the secret") } else { note("a", "x", "the secret") };
        vault.write(|t| { t.put(&secret) ?; t.put(&note("b", "y", "other")) }).unwrap();
        drop(vault);
        let conn = raw(&dir);
        let mut body = body_of(&conn, "notes", "a");
        let i = pos % body.len();
        body[i] ^= 1 << bit;
        set_body(&conn, "notes", "a", &body);
        drop(conn);
        let vault = reopen(&dir);
        let err = vault.read(|t| t.get::<Note>("a")).unwrap_err();
        prop_assert_eq!(err.code(), ErrorCode::Tampered);
        prop_assert!(!err.to_string().contains("secret"));
        prop_assert_eq!(vault.read(|t| t.get::<Note>("b")).unwrap().unwrap().text, "other");
    }
}

#[test]
fn rows_swapped_between_records_or_tables_do_not_open() {
    let (dir, vault, _) = new_vault();
    vault
        .write(|t| {
            t.put(&note("a", "x", "A"))?;
            t.put(&note("b", "y", "B"))?;
            t.put(&Tag {
                id: "a".into(),
                label: "T".into(),
            })
        })
        .unwrap();
    drop(vault);
    let conn = raw(&dir);
    let (a, b, tag) = (
        body_of(&conn, "notes", "a"),
        body_of(&conn, "notes", "b"),
        body_of(&conn, "tags", "a"),
    );
    set_body(&conn, "notes", "a", &b);
    set_body(&conn, "notes", "b", &a);
    set_body(&conn, "tags", "a", &a);
    drop(conn);
    let _ = tag;
    let vault = reopen(&dir);
    for id in ["a", "b"] {
        match vault.read(|t| t.get::<Note>(id)).unwrap_err() {
            Error::Vault(VaultError::Tampered { table, id: rid }) => {
                assert_eq!((table.as_str(), rid.as_str()), ("notes", id))
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(
        code_of(vault.read(|t| t.get::<Tag>("a"))),
        ErrorCode::Tampered
    );
    let report = vault.verify(&mut |_, _| {}).unwrap();
    assert_eq!(report.records_checked, 3);
    assert_eq!(report.problems.len(), 3);
    assert!(report
        .problems
        .iter()
        .all(|p| p.kind == ProblemKind::Tampered));
}

/// `(rowid, body length)` of every stored row, in rowid order, read with the vault closed (it
/// holds the file exclusively while open); the vault is reopened afterwards.
fn rows(dir: &TempDir, vault: Vault) -> (Vec<(String, i64, usize)>, Vault) {
    drop(vault);
    let conn = raw(dir);
    let rows = conn
        .prepare("SELECT id, rowid, length(body) FROM records ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    drop(conn);
    (rows, reopen(dir))
}

/// New records are appended in write order whatever their ids (a feed's alerts have hashed
/// ids), a rewrite stays in its row, and nothing is left behind by a removal or a failed write.
#[test]
fn records_are_appended_and_rewritten_in_place() {
    let (dir, vault, _) = new_vault();
    vault
        .write(|t| {
            t.put(&note("m", "x", "one"))?;
            t.put(&big_note("a", "x", "two"))?;
            t.put(&note("z", "x", "three"))
        })
        .unwrap();
    let (written, vault) = rows(&dir, vault);
    let order: Vec<&str> = written.iter().map(|(id, ..)| id.as_str()).collect();
    assert_eq!(order, ["m", "a", "z"]);

    vault
        .write(|t| t.put(&note("a", "x", "small now")))
        .unwrap();
    let (rewritten, vault) = rows(&dir, vault);
    assert_eq!(rewritten.len(), 3);
    assert_eq!(rewritten[1].1, written[1].1, "same row");
    assert!(rewritten[1].2 < 1_000, "the large body is gone");
    assert_eq!(
        vault.read(|t| t.find::<Note>("owner", "x")).unwrap().len(),
        3
    );

    assert!(vault.write(|t| t.remove::<Note>("a")).unwrap());
    let failed: Result<()> = vault.write(|t| {
        t.put(&big_note("b", "y", "four"))?;
        Err(Error::Internal("abort".into()))
    });
    assert!(failed.is_err());
    let (left, vault) = rows(&dir, vault);
    let ids: Vec<&str> = left.iter().map(|(id, ..)| id.as_str()).collect();
    assert_eq!(ids, ["m", "z"]);
    assert_eq!(
        vault.read(|t| t.find::<Note>("owner", "y")).unwrap(),
        vec![]
    );
}

#[test]
fn a_ciphertext_from_another_vault_does_not_open() {
    let (dir_a, vault_a, _) = new_vault();
    let (dir_b, vault_b, _) = new_vault();
    vault_a.write(|t| t.put(&note("a", "x", "from A"))).unwrap();
    vault_b.write(|t| t.put(&note("a", "x", "from B"))).unwrap();
    drop((vault_a, vault_b));
    let body = body_of(&raw(&dir_a), "notes", "a");
    set_body(&raw(&dir_b), "notes", "a", &body);
    assert_eq!(
        code_of(reopen(&dir_b).read(|t| t.get::<Note>("a"))),
        ErrorCode::Tampered
    );
}

#[test]
fn edited_index_rows_never_match_wrongly_and_verify_reports_them() {
    let (dir, vault, _) = new_vault();
    vault
        .write(|t| {
            t.put(&note("a", "alice", "A"))?;
            t.put(&note("b", "bob", "B"))
        })
        .unwrap();
    drop(vault);
    // Point alice's index entry at bob's record: a lookup for alice must not return bob.
    raw(&dir)
        .execute("UPDATE blind_index SET id = 'b' WHERE id = 'a'", [])
        .unwrap();
    let vault = reopen(&dir);
    assert!(vault
        .read(|t| t.find::<Note>("owner", "alice"))
        .unwrap()
        .is_empty());
    let report = vault.verify(&mut |_, _| {}).unwrap();
    let kinds: Vec<_> = report
        .problems
        .iter()
        .map(|p| (p.record_id.as_str(), p.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("a", ProblemKind::IndexMismatch),
            ("b", ProblemKind::IndexMismatch)
        ]
    );
    // Rekey rebuilds every index from the authenticated terms.
    vault.rekey("correct horse", None, &mut |_, _| {}).unwrap();
    assert!(vault.verify(&mut |_, _| {}).unwrap().problems.is_empty());
    assert_eq!(
        vault
            .read(|t| t.find::<Note>("owner", "alice"))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn edited_key_slots_refuse_to_unlock_but_keep_data() {
    let (dir, vault, code) = new_vault();
    vault.write(|t| t.put(&note("a", "x", "kept"))).unwrap();
    drop(vault);
    // Swap the passphrase slot's wrapped key with the recovery slot's.
    let conn = raw(&dir);
    conn.execute_batch(
        "UPDATE key_slots SET wrapped = (SELECT wrapped FROM key_slots WHERE kind = 'recovery') WHERE kind = 'passphrase';",
    )
    .unwrap();
    drop(conn);
    let vault = Vault::open(dir.path()).unwrap();
    assert_eq!(
        code_of(vault.unlock_with_passphrase("correct horse")),
        ErrorCode::WrongPassphrase
    );
    vault.unlock_with_recovery_code(&code.to_string()).unwrap();
    assert_eq!(
        vault.read(|t| t.get::<Note>("a")).unwrap().unwrap().text,
        "kept"
    );
}

#[test]
fn garbage_and_truncated_files_are_not_vaults() {
    let (dir, vault, _) = new_vault();
    for i in 0..50 {
        vault
            .write(|t| t.put(&note(&format!("n{i}"), "x", &"y".repeat(200))))
            .unwrap();
    }
    drop(vault);
    let path = dir.path().join("vault.sqlite3");
    let full = std::fs::read(&path).unwrap();
    for cut in [0, 10, 100, 1000, full.len() / 2] {
        std::fs::write(&path, &full[..cut]).unwrap();
        // Either it refuses to open, or (cut at a page boundary) it opens and reports damage: never a panic.
        if let Ok(v) = Vault::open(dir.path()) {
            let _ = v
                .unlock_with_passphrase("correct horse")
                .map(|_| v.verify(&mut |_, _| {}));
        }
    }
    std::fs::write(
        &path,
        b"this is not a database at all, just some text that goes on and on.....",
    )
    .unwrap();
    assert_eq!(code_of(Vault::open(dir.path())), ErrorCode::NotAVault);
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(code_of(Vault::open(empty.path())), ErrorCode::NotAVault);
}

// ---- migrations ----

fn schema(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare("SELECT name, COALESCE(sql, '') FROM sqlite_master ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn upgraded_schema_equals_fresh() {
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = open_database::open(fresh_dir.path(), true).unwrap();
    open_database::migrate(&mut fresh).unwrap();
    for start in 1..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open_database::open(dir.path(), true).unwrap();
        open_database::migrate_to(&mut conn, start).unwrap();
        assert_eq!(open_database::version(&conn).unwrap(), start);
        open_database::migrate(&mut conn).unwrap();
        assert_eq!(schema(&conn), schema(&fresh), "upgrade from {start}");
    }
    assert_eq!(open_database::version(&fresh).unwrap(), SCHEMA_VERSION);
}

/// Rows from every earlier layout reach 0005 byte for byte: written inline at version 2, and
/// inline or spilled to `record_bodies` at version 4. Their index rows survive the rebuild (the
/// old tables are dropped with foreign keys on) and still follow their record.
#[test]
fn rows_from_earlier_layouts_read_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open_database::open(dir.path(), true).unwrap();
    let large = vec![7u8; 3_000];
    let spilled = vec![9u8; 900];
    let index = |conn: &Connection, tbl: &str, id: &str| {
        conn.execute(
            "INSERT INTO blind_index (tbl, mac, id) VALUES (?1, ?2, ?3)",
            rusqlite::params![tbl, id.as_bytes(), id],
        )
        .unwrap();
    };
    open_database::migrate_to(&mut conn, 2).unwrap();
    let inline = [
        ("notes", "a", &b"1"[..]),
        ("notes", "b", &large),
        ("tags", "a", b"333"),
    ];
    for (tbl, id, body) in inline {
        conn.execute(
            "INSERT INTO records (tbl, id, body) VALUES (?1, ?2, ?3)",
            rusqlite::params![tbl, id, body],
        )
        .unwrap();
        index(&conn, tbl, id);
    }
    open_database::migrate_to(&mut conn, 4).unwrap();
    conn.execute("INSERT INTO record_bodies (body) VALUES (?1)", [&spilled])
        .unwrap();
    conn.execute(
        "INSERT INTO records (tbl, id, body, spilled) VALUES ('alerts', 's', x'', ?1)",
        [conn.last_insert_rowid()],
    )
    .unwrap();
    index(&conn, "alerts", "s");

    open_database::migrate(&mut conn).unwrap();
    for (tbl, id, body) in inline.into_iter().chain([("alerts", "s", &spilled[..])]) {
        assert_eq!(body_of(&conn, tbl, id), body, "{tbl}/{id}");
    }
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM records"), 4);
    assert_eq!(count("SELECT COUNT(*) FROM blind_index"), 4);
    assert_eq!(count("SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
    conn.execute("DELETE FROM records WHERE tbl = 'alerts' AND id = 's'", [])
        .unwrap();
    assert_eq!(
        count("SELECT COUNT(*) FROM blind_index"),
        3,
        "index rows follow their record"
    );
}

#[test]
fn a_vault_from_a_newer_build_is_refused_untouched() {
    let (dir, vault, _) = new_vault();
    vault.write(|t| t.put(&note("a", "x", "y"))).unwrap();
    drop(vault);
    raw(&dir)
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let before = std::fs::read(dir.path().join("vault.sqlite3")).unwrap();
    assert_eq!(
        code_of(Vault::open(dir.path())),
        ErrorCode::IncompatibleVersion
    );
    assert_eq!(
        before,
        std::fs::read(dir.path().join("vault.sqlite3")).unwrap()
    );
}

// ---- rekey, counter ----

#[test]
fn rekey_reencrypts_everything_and_issues_a_new_recovery_code() {
    let (dir, vault, old_code) = new_vault();
    vault
        .write(|t| {
            (0..20)
                .try_for_each(|i| t.put(&note(&format!("n{i:02}"), "o", &format!("text {i}"))))?;
            t.put(&big_note("big", "o", "large"))
        })
        .unwrap();
    // The vault holds an exclusive lock: look at the raw file only while it is closed.
    drop(vault);
    let before = body_of(&raw(&dir), "notes", "n00");
    let big_before = body_of(&raw(&dir), "notes", "big");
    let vault = reopen(&dir);
    let mut seen = Vec::new();
    assert_eq!(
        code_of(vault.rekey("wrong", None, &mut |_, _| {})),
        ErrorCode::WrongPassphrase
    );
    let outcome = vault
        .rekey("correct horse", None, &mut |done, total| {
            seen.push((done, total))
        })
        .unwrap();
    assert_eq!(outcome.records, 21);
    assert_eq!(seen.last(), Some(&(21, 21)));
    drop(vault);
    assert_ne!(before, body_of(&raw(&dir), "notes", "n00"));
    assert_ne!(big_before, body_of(&raw(&dir), "notes", "big"));
    // Rewritten in place: no row was added.
    let rows: i64 = raw(&dir)
        .query_row("SELECT COUNT(*) FROM records", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 21);
    let vault = reopen(&dir);
    assert_eq!(
        vault.read(|t| t.get::<Note>("n07")).unwrap().unwrap().text,
        "text 7"
    );
    assert_eq!(
        vault.read(|t| t.get::<Note>("big")).unwrap(),
        Some(big_note("big", "o", "large"))
    );
    vault.lock();
    assert_eq!(
        code_of(vault.unlock_with_recovery_code(&old_code.to_string())),
        ErrorCode::WrongPassphrase
    );
    vault
        .unlock_with_recovery_code(&outcome.recovery_code.to_string())
        .unwrap();
    assert_eq!(
        vault.read(|t| t.find::<Note>("owner", "o")).unwrap().len(),
        21
    );
}

#[test]
fn rekey_with_a_tampered_row_changes_nothing() {
    let (dir, vault, _) = new_vault();
    vault
        .write(|t| {
            t.put(&note("a", "o", "A"))?;
            t.put(&note("b", "o", "B"))
        })
        .unwrap();
    drop(vault);
    let mut body = body_of(&raw(&dir), "notes", "b");
    body[20] ^= 1;
    set_body(&raw(&dir), "notes", "b", &body);
    let a_before = body_of(&raw(&dir), "notes", "a");
    let vault = reopen(&dir);
    assert_eq!(
        code_of(vault.rekey("correct horse", None, &mut |_, _| {})),
        ErrorCode::Tampered
    );
    drop(vault);
    assert_eq!(a_before, body_of(&raw(&dir), "notes", "a"));
    let vault = reopen(&dir);
    assert_eq!(
        vault.read(|t| t.get::<Note>("a")).unwrap().unwrap().text,
        "A"
    );
}

#[test]
fn encryption_counter_recommends_rekey() {
    let dir = tempfile::tempdir().unwrap();
    let options = VaultOptions {
        rekey_after_encryptions: 5,
        ..VaultOptions::fast_for_tests()
    };
    let (vault, _) = Vault::create(dir.path(), "pw", &options).unwrap();
    vault
        .write(|t| (0..4).try_for_each(|i| t.put(&note(&i.to_string(), "o", "t"))))
        .unwrap();
    assert!(!vault.status().unwrap().rekey_recommended);
    vault.write(|t| t.put(&note("5", "o", "t"))).unwrap();
    assert!(vault.status().unwrap().rekey_recommended);
    vault.rekey("pw", None, &mut |_, _| {}).unwrap();
    assert_eq!(vault.status().unwrap().encryptions_since_rekey, 5);
}

// ---- backup ----

#[test]
fn backup_round_trip_and_merge() {
    let (dir, vault, _) = new_vault();
    vault
        .write(|t| {
            t.put(&note("a", "alice", "A"))?;
            t.put(&big_note("b", "bob", "B"))?;
            t.put(&Tag {
                id: "t".into(),
                label: "L".into(),
            })
        })
        .unwrap();
    let file = dir.path().join("backup.vigil");
    assert_eq!(
        vault
            .export(&file, "backup pw", KdfParams::FAST_INSECURE, &mut |_, _| {})
            .unwrap(),
        3
    );

    let (_other_dir, other, _) = new_vault();
    other
        .write(|t| {
            // Spilled here, inline in the backup: the import moves it back into its row.
            t.put(&big_note("a", "alice", "older A"))?;
            t.put(&note("z", "zed", "Z"))
        })
        .unwrap();
    assert_eq!(
        code_of(other.import(&file, "wrong", &mut |_, _| {})),
        ErrorCode::WrongPassphrase
    );
    let report = other.import(&file, "backup pw", &mut |_, _| {}).unwrap();
    assert_eq!(
        report,
        ImportReport {
            added: 2,
            replaced: 1,
            unchanged: 0
        }
    );
    assert_eq!(
        other.read(|t| t.get::<Note>("a")).unwrap().unwrap().text,
        "A"
    );
    assert_eq!(
        other.read(|t| t.get::<Note>("z")).unwrap().unwrap().text,
        "Z"
    );
    assert_eq!(
        other.read(|t| t.get::<Note>("b")).unwrap(),
        Some(big_note("b", "bob", "B"))
    );
    assert_eq!(
        other
            .read(|t| t.find::<Note>("owner", "alice"))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        other
            .import(&file, "backup pw", &mut |_, _| {})
            .unwrap()
            .unchanged,
        3
    );
}

/// A wrong passphrase and a damaged file are different troubles with different remedies: even a
/// one-chunk backup tells them apart.
#[test]
fn damage_to_backup_data_is_not_reported_as_a_wrong_passphrase() {
    let (dir, vault, _) = new_vault();
    vault.write(|t| t.put(&note("a", "alice", "A"))).unwrap();
    let file = dir.path().join("small.vigil");
    vault
        .export(&file, "pw", KdfParams::FAST_INSECURE, &mut |_, _| {})
        .unwrap();
    let good = std::fs::read(&file).unwrap();
    let container = parse_backup_container(&good).unwrap();
    assert_eq!(
        container.chunks.len(),
        2,
        "the passphrase check and one data chunk"
    );
    let mut bad = good.clone();
    let in_data_chunk = good.len() - 20;
    bad[in_data_chunk] ^= 1;
    std::fs::write(&file, &bad).unwrap();
    let (_other_dir, other, _) = new_vault();
    assert_eq!(
        code_of(other.import(&file, "pw", &mut |_, _| {})),
        ErrorCode::Tampered
    );
    assert_eq!(
        code_of(other.import(&file, "not pw", &mut |_, _| {})),
        ErrorCode::WrongPassphrase
    );
}

#[test]
fn corrupted_backups_leave_the_target_unchanged() {
    let (dir, vault, _) = new_vault();
    for i in 0..300 {
        vault
            .write(|t| t.put(&note(&format!("n{i:03}"), "o", &"long text ".repeat(40))))
            .unwrap();
    }
    let file = dir.path().join("b.vigil");
    vault
        .export(&file, "pw", KdfParams::FAST_INSECURE, &mut |_, _| {})
        .unwrap();
    let good = std::fs::read(&file).unwrap();
    assert!(
        parse_backup_container(&good).unwrap().chunks.len() > 1,
        "test needs several chunks"
    );

    let (target_dir, target, _) = new_vault();
    target
        .write(|t| t.put(&note("mine", "o", "keep me")))
        .unwrap();
    drop(target);
    let snapshot = std::fs::read(target_dir.path().join("vault.sqlite3")).unwrap();
    let target = reopen(&target_dir);
    let mut cases: Vec<Vec<u8>> = vec![
        good[..good.len() - 1].to_vec(),
        good[..good.len() / 2].to_vec(),
        b"junk".to_vec(),
    ];
    for pos in [0, 9, 40, good.len() / 2, good.len() - 3] {
        let mut bad = good.clone();
        bad[pos] ^= 0x40;
        cases.push(bad);
    }
    // Drop the last chunk entirely: the new last chunk is not marked last.
    let container = parse_backup_container(&good).unwrap();
    let last_len = container.chunks.last().unwrap().len() + 4;
    cases.push(good[..good.len() - last_len].to_vec());
    for bad in cases {
        std::fs::write(&file, &bad).unwrap();
        let err = target.import(&file, "pw", &mut |_, _| {}).unwrap_err();
        assert!(
            matches!(
                err.code(),
                ErrorCode::NotAVault
                    | ErrorCode::Tampered
                    | ErrorCode::WrongPassphrase
                    | ErrorCode::IncompatibleVersion
                    | ErrorCode::InvalidInput
            ),
            "{err:?}"
        );
    }
    assert_eq!(target.read(|t| t.list::<Note>()).unwrap().len(), 1);
    drop(target);
    assert_eq!(
        snapshot,
        std::fs::read(target_dir.path().join("vault.sqlite3")).unwrap()
    );
}

#[test]
fn a_cut_backup_is_reported_damaged_and_a_foreign_file_not_a_backup() {
    let (dir, vault, _) = new_vault();
    vault.write(|t| t.put(&note("n", "o", "text"))).unwrap();
    let file = dir.path().join("b.vigil");
    vault
        .export(&file, "pw", KdfParams::FAST_INSECURE, &mut |_, _| {})
        .unwrap();
    let good = std::fs::read(&file).unwrap();
    let import = |bytes: &[u8]| {
        std::fs::write(&file, bytes).unwrap();
        vault.import(&file, "pw", &mut |_, _| {}).unwrap_err()
    };
    // Cut in the header, in a chunk's length, inside a chunk, and right after the header.
    for cut in [
        12,
        backup::HEADER_LEN + 2,
        good.len() - 1,
        backup::HEADER_LEN,
    ] {
        let err = import(&good[..cut]);
        assert_eq!(err.code(), ErrorCode::Tampered, "cut at {cut}: {err:?}");
    }
    for foreign in [
        &b"junk"[..],
        b"",
        b"SQLite format 3\0 and more bytes than a header",
    ] {
        assert_eq!(import(foreign).code(), ErrorCode::NotAVault);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn backup_parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_backup_container(&bytes);
        let _ = decode_backup_payload(&bytes);
        let mut framed = b"VIGILBK1\x01".to_vec();
        framed.extend_from_slice(&bytes);
        let _ = parse_backup_container(&framed);
    }
}

// ---- threads ----

#[test]
fn one_vault_serves_several_threads() {
    let (_dir, vault, _) = new_vault();
    let vault = Arc::new(vault);
    let handles: Vec<_> = (0..4)
        .map(|n| {
            let vault = Arc::clone(&vault);
            std::thread::spawn(move || {
                for i in 0..25 {
                    vault
                        .write(|t| t.put(&note(&format!("{n}-{i}"), &format!("owner{n}"), "t")))
                        .unwrap();
                    vault.read(|t| t.list::<Note>()).unwrap();
                }
            })
        })
        .collect();
    handles.into_iter().for_each(|h| h.join().unwrap());
    assert_eq!(vault.read(|t| t.count(Note::TABLE)).unwrap(), 100);
    assert_eq!(
        vault
            .read(|t| t.find::<Note>("owner", "owner2"))
            .unwrap()
            .len(),
        25
    );
}

#[test]
fn key_types_do_not_print_secrets() {
    let (_dir, vault, code) = new_vault();
    assert_eq!(format!("{code:?}"), "RecoveryCode(..)");
    assert_eq!(format!("{vault:?}"), "Vault(..)");
}
