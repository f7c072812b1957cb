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
        Err(Error::NotFound("reason-thing-detail"))
    ));
    assert!(matches!(
        f.inv.holdings_of("nope"),
        Err(Error::NotFound("reason-thing-holder"))
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
    assert!(matches!(bad, Err(Error::InvalidInput(r)) if r.id() == "reason-id-number-check-digit"));
    let other = f
        .inv
        .add_detail(&f.store, &NewDetail::new(DetailKind::Other, "A-1"), NOW);
    assert!(matches!(other, Err(Error::InvalidInput(r)) if r.id() == "reason-other-needs-label"));
    let dangling = f
        .inv
        .disclose(&f.store, &NewDisclosure::new("missing", &f.bank), NOW);
    assert!(matches!(
        dangling,
        Err(Error::NotFound("reason-thing-detail"))
    ));
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
    let stored: Disclosure = f
        .store
        .read(|txn| txn.require(&x, "reason-thing-disclosure"))
        .unwrap();
    assert_eq!(stored.history.len(), 1);
}

#[test]
fn protected_targets_list_holder_domains() {
    let f = fixture();
    let targets = protected_targets(&f.store).unwrap();
    assert_eq!(
        targets,
        [crate::screening::ProtectedTarget {
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
    let mut ids: Vec<String> = DetailKind::ALL.iter().map(|k| k.message_id()).collect();
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

#[test]
fn removing_a_detail_or_holder_takes_its_disclosures_along() {
    let f = fixture();
    f.inv.remove_detail(&f.store, &f.phone).unwrap();
    assert!(f.inv.who_has_kind(DetailKind::Phone).is_empty());
    assert_eq!(f.inv.holder(&f.courier).unwrap().disclosure_count, 1);
    f.inv.remove_holder(&f.store, &f.bank).unwrap();
    assert_eq!(f.inv.detail(&f.id_number).unwrap().holder_count, 0);
    assert!(matches!(
        f.inv.remove_holder(&f.store, &f.bank),
        Err(Error::NotFound("reason-thing-holder"))
    ));
    let reloaded = Inventory::load(&f.store).unwrap();
    assert_eq!(
        (reloaded.details(), reloaded.holders()),
        (f.inv.details(), f.inv.holders())
    );
    let left = f.store.read(|txn| txn.list::<Disclosure>()).unwrap();
    assert_eq!(left.len(), 1);
}

/// The index's answers equal answers computed straight from the stored records, as the module
/// docs define them, and an index kept in step with writes answers like one loaded afresh.
mod index_agrees_with_records {
    use std::collections::{BTreeSet, HashMap};

    use proptest::prelude::*;

    use super::*;
    use crate::inventory::trace::QuotedDetail;
    use crate::Locale;

    const KINDS: [DetailKind; 4] = [
        DetailKind::IdNumber,
        DetailKind::Phone,
        DetailKind::HomeAddress,
        DetailKind::Email,
    ];

    #[derive(Debug, Clone)]
    enum Step {
        Detail(usize, u8),
        /// Names come from a small set, so namesakes occur.
        Holder(u8, HolderCategory),
        Disclose(usize, usize, bool, u8),
        Status(usize, DisclosureStatus),
        Breach(usize),
        RemoveDetail(usize),
        RemoveHolder(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        let status = proptest::sample::select(DisclosureStatus::ALL);
        prop_oneof![
            2 => (0..KINDS.len(), 0u8..6).prop_map(|(k, v)| Step::Detail(k, v)),
            2 => (0u8..4, proptest::sample::select(HolderCategory::ALL))
                .prop_map(|(n, c)| Step::Holder(n, c)),
            6 => (any::<usize>(), any::<usize>(), any::<bool>(), 1u8..4)
                .prop_map(|(d, h, n, day)| Step::Disclose(d, h, n, day)),
            2 => (any::<usize>(), status).prop_map(|(x, s)| Step::Status(x, s)),
            1 => any::<usize>().prop_map(Step::Breach),
            1 => any::<usize>().prop_map(Step::RemoveDetail),
            1 => any::<usize>().prop_map(Step::RemoveHolder),
        ]
    }

    fn quoted() -> impl Strategy<Value = Vec<QuotedDetail>> {
        let item = (0..KINDS.len(), proptest::option::of(0u8..6)).prop_map(|(k, v)| match v {
            None => QuotedDetail::Kind { kind: KINDS[k] },
            Some(v) => QuotedDetail::Value {
                kind: KINDS[k],
                value: format!("v{v}"),
            },
        });
        proptest::collection::vec(item, 1..4)
    }

    fn pick(ids: &[String], i: usize) -> Option<&str> {
        (!ids.is_empty()).then(|| ids[i % ids.len()].as_str())
    }

    /// Apply one step; refused writes (invalid transitions, removed records) are part of the test.
    fn apply(
        f: &Fixture<MemoryStore>,
        ids: &mut [Vec<String>; 3],
        step: &Step,
    ) -> std::result::Result<(), Error> {
        let [details, holders, disclosures] = ids;
        match step {
            Step::Detail(kind, value) => {
                let mut new = NewDetail::new(KINDS[*kind], &format!("v{value}"));
                new.unchecked = true;
                let added = f.inv.add_detail(&f.store, &new, NOW)?;
                if added.created {
                    details.push(added.id);
                }
            }
            Step::Holder(name, category) => {
                let new = NewHolder::new(&format!("holder {name}"), *category);
                holders.push(f.inv.add_holder(&f.store, &new, NOW)?);
            }
            Step::Disclose(d, h, necessary, day) => {
                if let (Some(d), Some(h)) = (pick(details, *d), pick(holders, *h)) {
                    let mut new = NewDisclosure::new(d, h);
                    new.necessary = *necessary;
                    new.date = Some(format!("2024-01-0{day}"));
                    disclosures.push(f.inv.disclose(&f.store, &new, NOW)?);
                }
            }
            Step::Status(x, status) => {
                if let Some(x) = pick(disclosures, *x) {
                    f.inv.set_status(&f.store, x, *status, NOW)?;
                }
            }
            Step::Breach(h) => {
                if let Some(h) = pick(holders, *h) {
                    f.inv
                        .mark_breached(&f.store, h, BreachSource::Manual, NOW, Locale::En)?;
                }
            }
            Step::RemoveDetail(d) => {
                if let Some(d) = pick(details, *d) {
                    f.inv.remove_detail(&f.store, d)?;
                }
            }
            Step::RemoveHolder(h) => {
                if let Some(h) = pick(holders, *h) {
                    f.inv.remove_holder(&f.store, h)?;
                }
            }
        }
        Ok(())
    }

    struct Records {
        details: Vec<Detail>,
        holders: HashMap<String, Holder>,
        disclosures: Vec<Disclosure>,
    }

    impl Records {
        fn of(store: &MemoryStore) -> Records {
            store
                .read(|txn| {
                    Ok(Records {
                        details: txn.list()?,
                        holders: txn
                            .list::<Holder>()?
                            .into_iter()
                            .map(|h| (h.id.clone(), h))
                            .collect(),
                        disclosures: txn.list()?,
                    })
                })
                .unwrap()
        }

        fn detail(&self, id: &str) -> Option<&Detail> {
            self.details.iter().find(|d| d.id == id)
        }

        /// Disclosures whose detail and holder both exist, with their holders.
        fn held(&self) -> impl Iterator<Item = (&Disclosure, &Holder)> {
            self.disclosures.iter().filter_map(|x| {
                self.detail(&x.detail_id)?;
                Some((x, self.holders.get(&x.holder_id)?))
            })
        }

        /// Disclosure ids, latest first, then by holder name and id.
        fn holdings(&self, which: impl Fn(&Disclosure) -> bool) -> Vec<String> {
            let mut found: Vec<_> = self.held().filter(|(x, _)| which(x)).collect();
            found.sort_by(|(xa, ha), (xb, hb)| {
                xb.date
                    .cmp(&xa.date)
                    .then(ha.name.cmp(&hb.name))
                    .then(xa.id.cmp(&xb.id))
            });
            found.into_iter().map(|(x, _)| x.id.clone()).collect()
        }

        /// The score formula of `score.rs`, term by term: overall, then per detail its id, score
        /// and factor values, highest score first.
        fn exposure(&self) -> (u32, Vec<(String, u32, Vec<u32>)>) {
            let squash = |raw: u64, scale: f64| {
                (100.0 * (1.0 - (-(raw as f64) / scale).exp())).round() as u32
            };
            let mut total = 0;
            let mut scores = Vec::new();
            for d in &self.details {
                let counted: Vec<_> = self
                    .held()
                    .filter(|(x, _)| x.detail_id == d.id && x.counts_for_exposure())
                    .collect();
                let breached = |x: &Disclosure, h: &Holder| x.was_breached() || h.breach.is_some();
                let sum: u64 = counted
                    .iter()
                    .map(|(x, h)| {
                        let unnecessary = if x.necessary { 1 } else { 2 };
                        let leaked = if breached(x, h) { 3 } else { 1 };
                        u64::from(h.category.risk() * unnecessary * leaked)
                    })
                    .sum();
                let weight = if d.sensitivity() == Sensitivity::Sensitive {
                    3
                } else {
                    1
                };
                let raw = weight * sum;
                total += raw;
                let holders: BTreeSet<&str> =
                    counted.iter().map(|(x, _)| x.holder_id.as_str()).collect();
                let factors = vec![
                    weight as u32,
                    holders.len() as u32,
                    counted
                        .iter()
                        .map(|(_, h)| h.category.risk())
                        .max()
                        .unwrap_or(0),
                    counted.iter().filter(|(x, h)| breached(x, h)).count() as u32,
                    counted.iter().filter(|(x, _)| !x.necessary).count() as u32,
                ];
                scores.push((d, squash(raw, 25.0), factors));
            }
            scores.sort_by(|(a, sa, _), (b, sb, _)| {
                sb.cmp(sa).then(a.kind.cmp(&b.kind)).then(a.id.cmp(&b.id))
            });
            let scores = scores
                .into_iter()
                .map(|(d, score, factors)| (d.id.clone(), score, factors))
                .collect();
            (squash(total, 100.0), scores)
        }

        /// "They knew": per holder (id, matched kinds, missing kinds), best first; and how many
        /// quoted values are unknown.
        #[allow(clippy::type_complexity)]
        fn ranking(
            &self,
            quoted: &[QuotedDetail],
        ) -> (Vec<(String, Vec<DetailKind>, Vec<DetailKind>)>, u32) {
            let matches = |q: &QuotedDetail, d: &Detail| match q {
                QuotedDetail::Kind { kind } => d.kind == *kind,
                QuotedDetail::Value { kind, value } => {
                    d.kind == *kind
                        && detail::normalise(*kind, value, true).unwrap().value == d.value
                }
            };
            let unknown = quoted
                .iter()
                .filter(|q| matches!(q, QuotedDetail::Value { .. }))
                .filter(|q| !self.details.iter().any(|d| matches(q, d)))
                .count() as u32;
            let mut ranked: Vec<_> = self
                .holders
                .values()
                .map(|h| {
                    let had = |q: &QuotedDetail| {
                        self.held().any(|(x, _)| {
                            x.holder_id == h.id && matches(q, self.detail(&x.detail_id).unwrap())
                        })
                    };
                    let (matched, missing): (Vec<_>, Vec<_>) = quoted.iter().partition(|q| had(q));
                    let kinds = |qs: Vec<&QuotedDetail>| -> Vec<DetailKind> {
                        qs.iter()
                            .map(|q| match q {
                                QuotedDetail::Kind { kind } | QuotedDetail::Value { kind, .. } => {
                                    *kind
                                }
                            })
                            .collect()
                    };
                    (h, kinds(matched), kinds(missing))
                })
                .filter(|(_, matched, _)| !matched.is_empty())
                .collect();
            ranked.sort_by(|(a, ma, _), (b, mb, _)| {
                mb.len()
                    .cmp(&ma.len())
                    .then(b.category.risk().cmp(&a.category.risk()))
                    .then(a.name.cmp(&b.name))
                    .then(a.id.cmp(&b.id))
            });
            let ranked = ranked
                .into_iter()
                .map(|(h, matched, missing)| (h.id.clone(), matched, missing))
                .collect();
            (ranked, unknown)
        }
    }

    fn check(inv: &Inventory, r: &Records, quoted: &[QuotedDetail]) {
        let report = inv.exposure(Locale::En);
        let scores = report
            .details
            .iter()
            .map(|s| {
                let factors = s.factors.iter().map(|f| f.value).collect();
                (s.detail_id.clone(), s.score, factors)
            })
            .collect();
        assert_eq!((report.overall, scores), r.exposure());
        for d in &r.details {
            let ids: Vec<_> = inv
                .who_has_detail(&d.id)
                .unwrap()
                .into_iter()
                .map(|h| h.disclosure_id)
                .collect();
            assert_eq!(ids, r.holdings(|x| x.detail_id == d.id));
        }
        for h in r.holders.keys() {
            let ids: Vec<_> = inv
                .holdings_of(h)
                .unwrap()
                .into_iter()
                .map(|h| h.disclosure_id)
                .collect();
            assert_eq!(ids, r.holdings(|x| x.holder_id == *h));
        }
        let (candidates, unknown) = inv.rank_sources(quoted).unwrap();
        let ranked = candidates
            .into_iter()
            .inspect(|c| assert_eq!(c.complete, c.missing.is_empty()))
            .map(|c| (c.holder_id, c.matched, c.missing))
            .collect();
        assert_eq!((ranked, unknown), r.ranking(quoted));
    }

    /// Everything an index answers, for comparing two indexes.
    fn answers(inv: &Inventory, quoted: &[QuotedDetail]) -> impl PartialEq + std::fmt::Debug {
        let holders = inv.holders();
        let holdings: Vec<_> = holders
            .iter()
            .map(|h| inv.holdings_of(&h.id).unwrap())
            .collect();
        let kinds: Vec<_> = KINDS.iter().map(|&k| inv.who_has_kind(k)).collect();
        (
            inv.details(),
            holders,
            holdings,
            kinds,
            inv.exposure(Locale::En),
            inv.rank_sources(quoted).unwrap(),
            inv.risky_patterns(Locale::En),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn after_any_writes(
            steps in proptest::collection::vec(step(), 1..40),
            quoted in quoted(),
        ) {
            let f = fixture();
            let mut ids = [
                vec![f.id_number.clone(), f.card.clone(), f.phone.clone(), f.address.clone()],
                vec![f.bank.clone(), f.courier.clone(), f.stranger.clone()],
                f.inv.holders().iter().flat_map(|h| f.inv.holdings_of(&h.id).unwrap())
                    .map(|h| h.disclosure_id).collect(),
            ];
            for s in &steps {
                let _refused = apply(&f, &mut ids, s);
                check(&f.inv, &Records::of(&f.store), &quoted);
            }
            let fresh = Inventory::load(&f.store).unwrap();
            prop_assert_eq!(answers(&f.inv, &quoted), answers(&fresh, &quoted));
        }
    }
}
