//! Shared fixtures and the store-level tests of the inventory, run against `MemoryStore` (and
//! the encrypted vault once it is available).

use time::macros::datetime;
use time::OffsetDateTime;

use super::*;
use crate::vault::MemoryStore;

pub(crate) const NOW: OffsetDateTime = datetime!(2025-06-01 10:00 UTC);
pub(crate) const ID: &str = "11010519491231002X";
pub(crate) const CARD: &str = "6222021234567890128";
pub(crate) const PHONE: &str = "13812345678";

/// A small inventory: ID, card, phone, address; a bank, a courier, a stranger.
pub(crate) struct Fixture<S: Store> {
    pub store: S,
    pub inv: Inventory,
    pub id_number: String,
    pub card: String,
    pub phone: String,
    pub address: String,
    pub bank: String,
    pub courier: String,
    pub stranger: String,
}

pub(crate) fn fixture_on<S: Store>(store: S) -> Fixture<S> {
    let inv = Inventory::load(&store).unwrap();
    let add = |kind, value: &str| {
        inv.add_detail(&store, &NewDetail::new(kind, value), NOW)
            .unwrap()
            .id
    };
    let id_number = add(DetailKind::IdNumber, ID);
    let card = add(DetailKind::BankCard, CARD);
    let phone = add(DetailKind::Phone, PHONE);
    let address = add(DetailKind::HomeAddress, "北京市朝阳区建国路88号");
    let mut bank = NewHolder::new("ICBC", HolderCategory::Bank);
    bank.website = Some("https://www.icbc.com.cn".into());
    let bank = inv.add_holder(&store, &bank, NOW).unwrap();
    let courier = inv
        .add_holder(
            &store,
            &NewHolder::new("SF Express", HolderCategory::Courier),
            NOW,
        )
        .unwrap();
    let stranger = inv
        .add_holder(
            &store,
            &NewHolder::new("caller", HolderCategory::Stranger),
            NOW,
        )
        .unwrap();
    let give = |d: &str, h: &str, necessary: bool| {
        let mut x = NewDisclosure::new(d, h);
        x.necessary = necessary;
        x.date = Some("2024-03-01".into());
        inv.disclose(&store, &x, NOW).unwrap()
    };
    give(&id_number, &bank, true);
    give(&card, &bank, true);
    give(&phone, &bank, true);
    give(&phone, &courier, true);
    give(&address, &courier, true);
    Fixture {
        store,
        inv,
        id_number,
        card,
        phone,
        address,
        bank,
        courier,
        stranger,
    }
}

pub(crate) fn fixture() -> Fixture<MemoryStore> {
    fixture_on(MemoryStore::new())
}

/// The store-level behaviour every back end must show.
pub(crate) fn check_store_roundtrip<S: Store>(f: Fixture<S>) {
    // A reload from the store sees exactly what the index saw.
    let reloaded = Inventory::load(&f.store).unwrap();
    assert_eq!(reloaded.details(), f.inv.details());
    assert_eq!(reloaded.holders(), f.inv.holders());
    assert_eq!(
        reloaded.who_has_kind(DetailKind::Phone),
        f.inv.who_has_kind(DetailKind::Phone)
    );
    // Exact-match lookups go through blind indexes.
    let by_holder = f
        .store
        .read(|txn| txn.find::<Disclosure>("holder", &f.bank))
        .unwrap();
    assert_eq!(by_holder.len(), 3);
    let term = Detail::value_term(DetailKind::Phone, "+8613812345678");
    let by_value = f
        .store
        .read(|txn| txn.find::<Detail>("value", &term))
        .unwrap();
    assert_eq!(
        by_value.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        [f.phone.as_str()]
    );
}

#[test]
fn store_roundtrip_on_memory_store() {
    check_store_roundtrip(fixture());
}

#[test]
fn same_value_is_reused_not_duplicated() {
    let f = fixture();
    let again = f
        .inv
        .add_detail(
            &f.store,
            &NewDetail::new(DetailKind::Phone, "+86 138 1234 5678"),
            NOW,
        )
        .unwrap();
    assert_eq!(
        again,
        AddedDetail {
            id: f.phone.clone(),
            created: false
        }
    );
    assert_eq!(f.inv.details().len(), 4);
}

#[test]
fn who_has_by_detail_and_kind_and_holder() {
    let f = fixture();
    let phone_holders: Vec<_> = f
        .inv
        .who_has_detail(&f.phone)
        .unwrap()
        .into_iter()
        .map(|h| h.holder_name)
        .collect();
    assert_eq!(phone_holders, ["ICBC", "SF Express"]);
    assert_eq!(f.inv.who_has_kind(DetailKind::IdNumber).len(), 1);
    assert_eq!(
        f.inv.who_has_detail(&f.id_number).unwrap()[0].holder_id,
        f.bank
    );
    assert_eq!(
        f.inv.who_has_detail(&f.card).unwrap()[0].masked,
        "6222 **** **** 0128"
    );
    assert_eq!(f.inv.holder(&f.stranger).unwrap().disclosure_count, 0);
    assert!(f.inv.who_has_kind(DetailKind::Passport).is_empty());
    let kinds: Vec<_> = f
        .inv
        .holdings_of(&f.courier)
        .unwrap()
        .into_iter()
        .map(|h| h.kind)
        .collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&DetailKind::HomeAddress) && kinds.contains(&DetailKind::Phone));
    assert!(matches!(
        f.inv.who_has_detail("nope"),
        Err(Error::NotFound("detail"))
    ));
    assert!(matches!(
        f.inv.holdings_of("nope"),
        Err(Error::NotFound("holder"))
    ));
}

#[test]
fn invalid_input_changes_nothing() {
    let f = fixture();
    let before = f.inv.details();
    let bad = f.inv.add_detail(
        &f.store,
        &NewDetail::new(DetailKind::IdNumber, "110105194912310021"),
        NOW,
    );
    assert!(matches!(bad, Err(Error::InvalidInput(r)) if r.contains("check digit")));
    let other = f
        .inv
        .add_detail(&f.store, &NewDetail::new(DetailKind::Other, "A-1"), NOW);
    assert!(matches!(other, Err(Error::InvalidInput(r)) if r.contains("label")));
    let dangling = f
        .inv
        .disclose(&f.store, &NewDisclosure::new("missing", &f.bank), NOW);
    assert!(matches!(dangling, Err(Error::NotFound("detail"))));
    assert_eq!(f.inv.details(), before);
    assert_eq!(Inventory::load(&f.store).unwrap().details(), before);
}

#[test]
fn status_changes_keep_history() {
    let f = fixture();
    let x = f
        .inv
        .who_has_detail(&f.address)
        .unwrap()
        .remove(0)
        .disclosure_id;
    f.inv
        .set_status(&f.store, &x, DisclosureStatus::Deleted, NOW)
        .unwrap();
    assert_eq!(f.inv.detail(&f.address).unwrap().holder_count, 0);
    let again = f
        .inv
        .set_status(&f.store, &x, DisclosureStatus::Active, NOW);
    assert!(matches!(again, Err(Error::InvalidTransition { .. })));
    let stored: Disclosure = f.store.read(|txn| txn.require(&x, "disclosure")).unwrap();
    assert_eq!(stored.history.len(), 1);
}

#[test]
fn protected_targets_list_holder_domains() {
    let f = fixture();
    let targets = protected_targets(&f.store).unwrap();
    assert_eq!(
        targets,
        [HolderDomain {
            domain: "icbc.com.cn".into(),
            names: vec!["ICBC".into()]
        }]
    );
}

fn vault_in(dir: &std::path::Path) -> crate::vault::Vault {
    crate::vault::Vault::create(
        dir,
        "correct horse",
        &crate::vault::VaultOptions::fast_for_tests(),
    )
    .unwrap()
    .0
}

#[test]
fn store_roundtrip_on_encrypted_vault() {
    let dir = tempfile::tempdir().unwrap();
    check_store_roundtrip(fixture_on(vault_in(dir.path())));
}

#[test]
fn vault_reopened_and_unlocked_gives_the_same_inventory_and_no_plaintext_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture_on(vault_in(dir.path()));
    let bad = f.inv.import(
        &f.store,
        "record,kind,value\ndetail,id_number,110105194912310021\n",
        import::InventoryImportFormat::Csv,
        NOW,
    );
    assert!(bad.is_err());
    let before = (
        f.inv.details(),
        f.inv.holders(),
        f.inv.exposure(crate::Locale::En),
    );
    drop(f);
    let vault = crate::vault::Vault::open(dir.path()).unwrap();
    vault.unlock_with_passphrase("correct horse").unwrap();
    let inv = Inventory::load(&vault).unwrap();
    assert_eq!(
        (
            inv.details(),
            inv.holders(),
            inv.exposure(crate::Locale::En)
        ),
        before
    );
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("11010519491231002X")
                && !text.contains("SF Express")
                && !text.contains("icbc.com.cn")
        );
    }
}

#[test]
fn every_message_id_built_at_runtime_exists_in_both_locales() {
    let mut ids: Vec<String> = DetailKind::ALL
        .iter()
        .map(|k| format!("inventory-kind-{}", k.as_str()))
        .collect();
    for law in ["pipl", "gdpr"] {
        ids.extend([
            format!("inventory-letter-{law}-subject"),
            format!("inventory-letter-{law}-body"),
        ]);
        ids.push(format!("inventory-reminder-{law}"));
    }
    for id in ids {
        assert!(crate::i18n::has_message(&id), "{id}");
    }
}
