//! Exposure inventory at scale: 100k disclosures over 2k holders in an encrypted vault.
//! Goals (after unlock): `who_has_ms` < 5, `they_knew_ms` < 20, `exposure_score_ms` < 50.
//!
//! The inventory answers from an index decrypted once after unlock (`inventory_load_ms`); the
//! baseline is the same who-has question through the vault's blind index, decrypting every
//! matching disclosure (`who_has_blind_index_ms`).

use crate::figure::{measure, Figure};
use time::macros::{date, datetime};
use vigil_core::{
    inventory::{
        trace::QuotedDetail, Detail, DetailKind, Disclosure, DisclosureChannel, DisclosureStatus,
        Holder, HolderCategory, Inventory,
    },
    vault::{new_id, Store, TxnExt, Vault, VaultOptions},
    Locale,
};

const HOLDERS: usize = 2_000;
const DISCLOSURES: usize = 100_000;
const PASSPHRASE: &str = "bench passphrase";

/// 48 details: 3 of each kind (values need not validate: they are written as records).
fn details() -> Vec<Detail> {
    DetailKind::ALL
        .iter()
        .flat_map(|&kind| {
            (0..3).map(move |i| Detail {
                id: new_id(),
                kind,
                label: (kind == DetailKind::Other).then(|| format!("label {i}")),
                value: format!("{}-{i:04}", kind.as_str()),
                checked: false,
                created_at: datetime!(2024-01-01 0:00 UTC),
            })
        })
        .collect()
}

fn populate(vault: &Vault) -> (Vec<Detail>, Vec<Holder>) {
    let details = details();
    let holders: Vec<Holder> = (0..HOLDERS)
        .map(|i| Holder {
            id: new_id(),
            name: format!("holder {i}"),
            category: HolderCategory::ALL[i % HolderCategory::ALL.len()],
            website: (i % 10 == 0).then(|| format!("holder{i}.example.com")),
            phone: None,
            notes: None,
            own_device: false,
            breach: None,
            created_at: datetime!(2024-01-01 0:00 UTC),
        })
        .collect();
    vault
        .write(|txn| {
            for d in &details {
                txn.put(d)?;
            }
            for h in &holders {
                txn.put(h)?;
            }
            for i in 0..DISCLOSURES {
                // A fixed stride spreads each detail over many holders deterministically.
                let x = Disclosure {
                    id: new_id(),
                    detail_id: details[i % details.len()].id.clone(),
                    holder_id: holders[(i * 7919) % HOLDERS].id.clone(),
                    date: date!(2024 - 01 - 01),
                    channel: DisclosureChannel::OnlineForm,
                    purpose: None,
                    necessary: i % 5 != 0,
                    status: DisclosureStatus::Active,
                    evidence: None,
                    history: Vec::new(),
                };
                txn.put(&x)?;
            }
            Ok(())
        })
        .expect("populating the bench vault");
    (details, holders)
}

fn ms(figure: Figure, name: &str) -> Figure {
    Figure::new(name, figure.value / 1e6, "ms")
}

pub fn run() -> Vec<Figure> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (vault, _) = Vault::create(dir.path(), PASSPHRASE, &VaultOptions::fast_for_tests())
        .expect("bench vault");
    let (details, _) = populate(&vault);
    drop(vault);
    let vault = Vault::open(dir.path()).expect("reopen");
    vault.unlock_with_passphrase(PASSPHRASE).expect("unlock");

    let load = ms(
        measure("inventory_load", 1, || {
            Inventory::load(&vault).expect("load")
        }),
        "inventory_load_ms",
    );
    let inventory = Inventory::load(&vault).expect("load");
    let phone = details
        .iter()
        .find(|d| d.kind == DetailKind::Phone)
        .expect("a phone detail");

    let who_has = ms(
        measure("who_has", 50, || {
            inventory.who_has_detail(&phone.id).expect("who has")
        }),
        "who_has_ms",
    );
    let who_has_kind = ms(
        measure("who_has_kind", 20, || {
            inventory.who_has_kind(DetailKind::IdNumber)
        }),
        "who_has_kind_ms",
    );
    let blind = ms(
        measure("who_has_blind", 3, || {
            vault
                .read(|txn| txn.find::<Disclosure>("detail", &phone.id))
                .expect("blind-index lookup")
        }),
        "who_has_blind_index_ms",
    );
    let quoted = [
        QuotedDetail::Kind {
            kind: DetailKind::IdNumber,
        },
        QuotedDetail::Kind {
            kind: DetailKind::Phone,
        },
        QuotedDetail::Kind {
            kind: DetailKind::HomeAddress,
        },
    ];
    let now = datetime!(2025-06-01 10:00 UTC);
    let they_knew = ms(
        measure("they_knew", 20, || {
            inventory
                .they_knew(&vault, &quoted, None, now)
                .expect("they knew")
        }),
        "they_knew_ms",
    );
    let score = ms(
        measure("exposure", 20, || inventory.exposure(Locale::ZhCn)),
        "exposure_score_ms",
    );
    let ratio = Figure::ratio("who_has_index_vs_blind_index", &who_has, &blind);
    vec![load, who_has, who_has_kind, blind, they_knew, score, ratio]
}
