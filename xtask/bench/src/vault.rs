//! The encrypted vault against plain SQLite with the same schema, indexes and pragmas, in the
//! same run; and the costs a user feels: unlocking, opening, rekeying.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use rusqlite::params;
use serde::{Deserialize, Serialize};
use vigil_core::{
    crypto::KdfParams,
    vault::{
        open_unencrypted_baseline, KeyProvider, KeyProviderError, Record, Store, TxnExt, Vault,
        VaultOptions,
    },
};
use zeroize::Zeroizing;

use crate::figure::Figure;

const RECORDS: usize = 100_000;
const BATCH: usize = 1_000;

#[derive(Serialize, Deserialize)]
struct Sample {
    id: String,
    kind: String,
    value: String,
    note: String,
}

impl Record for Sample {
    const TABLE: &'static str = "samples";
    fn id(&self) -> &str {
        &self.id
    }
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        vec![("kind", self.kind.clone()), ("value", self.value.clone())]
    }
}

/// splitmix64: deterministic, well-spread numbers for ids and values.
fn spread(i: usize) -> u64 {
    let mut z = (i as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// About 300 bytes of JSON each, with two index terms. Ids are random-looking as real ids are
/// (`new_id`), and values look like phone numbers: real data does not arrive in sorted order, so
/// the plain baseline pays for scattered index inserts just as the blind index does.
fn sample(i: usize) -> Sample {
    Sample {
        id: format!("{:016x}{:016x}", spread(i), spread(i + RECORDS)),
        kind: ["phone", "email", "id_number", "bank_card"][i % 4].to_owned(),
        value: format!("+861{:010}", spread(i) % 10_000_000_000),
        note: format!("{i} ").repeat(180 / (i.to_string().len() + 1)),
    }
}

/// A software stand-in for a hardware keystore, to time the device-slot path without the hardware.
struct PadProvider;

impl KeyProvider for PadProvider {
    fn wrap(&self, key: &[u8]) -> Result<Vec<u8>, KeyProviderError> {
        Ok(key.iter().map(|b| b ^ 0x5a).collect())
    }
    fn unwrap(&self, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyProviderError> {
        Ok(Zeroizing::new(blob.iter().map(|b| b ^ 0x5a).collect()))
    }
}

fn fill_vault(vault: &Vault, count: usize) {
    for start in (0..count).step_by(BATCH) {
        vault
            .write(|t| (start..(start + BATCH).min(count)).try_for_each(|i| t.put(&sample(i))))
            .expect("bench insert");
    }
}

/// The same statements the vault runs, with plaintext in place of ciphertext and blind indexes.
fn fill_plain(dir: &Path, count: usize) {
    let mut conn = open_unencrypted_baseline(dir).expect("baseline opens");
    for start in (0..count).step_by(BATCH) {
        let tx = conn.transaction().expect("baseline transaction");
        for i in start..(start + BATCH).min(count) {
            let record = sample(i);
            let body = serde_json::to_vec(&record).expect("sample serialises");
            tx.prepare_cached("INSERT INTO records (tbl, id, body) VALUES (?1, ?2, ?3) ON CONFLICT (tbl, id) DO UPDATE SET body = excluded.body")
                .and_then(|mut s| s.execute(params![Sample::TABLE, record.id, body]))
                .expect("baseline insert");
            tx.prepare_cached("DELETE FROM blind_index WHERE tbl = ?1 AND id = ?2")
                .and_then(|mut s| s.execute(params![Sample::TABLE, record.id]))
                .expect("baseline delete");
            for (name, value) in record.index_terms() {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO blind_index (tbl, mac, id) VALUES (?1, ?2, ?3)",
                )
                .and_then(|mut s| {
                    s.execute(params![
                        Sample::TABLE,
                        format!("{name}\0{value}").into_bytes(),
                        record.id
                    ])
                })
                .expect("baseline index");
            }
        }
        tx.commit().expect("baseline commit");
    }
}

fn timed(work: impl FnOnce()) -> Duration {
    let started = Instant::now();
    work();
    started.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub fn run() -> Vec<Figure> {
    let mut figures = Vec::new();

    // Insert: encrypted vs plain, interleaved twice so drift in machine load hits both sides.
    let (mut encrypted, mut plain) = (Duration::MAX, Duration::MAX);
    let mut big_vault = None;
    for _ in 0..2 {
        let plain_dir = tempfile::tempdir().expect("temp dir");
        plain = plain.min(timed(|| fill_plain(plain_dir.path(), RECORDS)));
        let dir = tempfile::tempdir().expect("temp dir");
        let (vault, _) =
            Vault::create(dir.path(), "bench", &VaultOptions::fast_for_tests()).expect("vault");
        encrypted = encrypted.min(timed(|| fill_vault(&vault, RECORDS)));
        big_vault = Some((dir, vault));
    }
    let encrypted_figure = Figure::new("vault_insert_100k_ms", ms(encrypted), "ms");
    let plain_figure = Figure::new("plain_sqlite_insert_100k_ms", ms(plain), "ms");
    figures.push(Figure::ratio(
        "vault_insert",
        &encrypted_figure,
        &plain_figure,
    ));
    figures.extend([encrypted_figure, plain_figure]);

    let (big_dir, big) = big_vault.expect("two rounds ran");
    let rekey = timed(|| {
        big.rekey("bench", None, &mut |_, _| {}).expect("rekey");
    });
    figures.push(Figure::new("rekey_100k_s", rekey.as_secs_f64(), "s"));
    drop((big, big_dir));

    // Unlock and read: a 10k-record vault with a device slot.
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let (vault, _) =
            Vault::create(dir.path(), "bench passphrase", &VaultOptions::default()).expect("vault");
        vault.add_device_slot(&PadProvider).expect("device slot");
        fill_vault(&vault, 10_000);
    }
    let best_of = |n: usize, f: &dyn Fn() -> Duration| (0..n).map(|_| f()).min().expect("n > 0");
    let device = best_of(5, &|| {
        timed(|| {
            let vault = Vault::open(dir.path()).expect("open");
            vault.unlock_with_device(&PadProvider).expect("unlock");
        })
    });
    figures.push(Figure::new("unlock_device_slot_ms", ms(device), "ms"));
    let passphrase = best_of(3, &|| {
        timed(|| {
            let vault = Vault::open(dir.path()).expect("open");
            vault
                .unlock_with_passphrase("bench passphrase")
                .expect("unlock");
        })
    });
    figures.push(Figure::new("unlock_passphrase_ms", ms(passphrase), "ms"));
    let kdf = KdfParams::default();
    figures.push(Figure::new(
        "unlock_passphrase_kdf_memory_kib",
        f64::from(kdf.memory_kib),
        "KiB",
    ));
    let open_decrypt = best_of(5, &|| {
        timed(|| {
            let vault = Vault::open(dir.path()).expect("open");
            vault.unlock_with_device(&PadProvider).expect("unlock");
            let all = vault.read(|t| t.list::<Sample>()).expect("read all");
            assert_eq!(all.len(), 10_000);
        })
    });
    figures.push(Figure::new("open_decrypt_10k_ms", ms(open_decrypt), "ms"));
    figures
}
