//! Risky patterns from the anti-fraud guidance (公安部反诈提示, 国家反诈中心): situations that
//! fraudsters exploit, found in the inventory and each explained with what to do.
//!
//! - **ID given to a stranger or an individual**: an ID number (or a photo of the ID card) in the
//!   hands of someone bound by no data-protection duty is the usual start of account takeover,
//!   loans in the victim's name and "police" calls that quote the number.
//! - **ID photo kept on the phone**: modelled as an `id_photo` detail disclosed to a holder
//!   flagged `own_device` ("this phone", category `app`): a flag rather than a name convention, so
//!   it survives renaming and translation. Photos in the gallery are readable by any app granted
//!   photo access and go with the phone when it is lost.
//! - **Complete fraud kit**: one holder with ID number, bank card and phone number together has
//!   everything needed to pass a bank's identity check or to pose convincingly as the bank.
//! - **Sensitive detail given where it was not needed**: PIPL Art. 6 limits collection to the
//!   minimum; the user marked the disclosure unnecessary, so asking for deletion is both
//!   lawful and cheap.
//!
//! Deleted disclosures are ignored (the holder no longer has it) unless the holder leaked first.

use serde::Serialize;

use super::{DetailKind, Holder, HolderCategory, Inventory, Sensitivity};
use crate::i18n::{tr, tr_args, Locale};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RiskyPatternKind {
    FraudKit,
    IdToStranger,
    IdPhotoOnPhone,
    SensitiveUnnecessary,
}

impl RiskyPatternKind {
    fn message_stem(self) -> &'static str {
        match self {
            RiskyPatternKind::FraudKit => "inventory-pattern-fraud-kit",
            RiskyPatternKind::IdToStranger => "inventory-pattern-id-to-stranger",
            RiskyPatternKind::IdPhotoOnPhone => "inventory-pattern-id-photo-on-phone",
            RiskyPatternKind::SensitiveUnnecessary => "inventory-pattern-sensitive-unnecessary",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RiskyPattern {
    pub pattern: RiskyPatternKind,
    pub holder_id: String,
    pub holder_name: String,
    pub detail_ids: Vec<String>,
    pub title: String,
    pub explanation: String,
    pub advice: String,
}

fn finding(
    pattern: RiskyPatternKind,
    holder: &Holder,
    detail_ids: Vec<String>,
    locale: Locale,
) -> RiskyPattern {
    let holder_name = holder.name.clone();
    let stem = pattern.message_stem();
    RiskyPattern {
        pattern,
        holder_id: holder.id.clone(),
        title: tr_args(
            locale,
            &format!("{stem}-title"),
            &[("holder", holder_name.clone().into())],
        ),
        holder_name,
        detail_ids,
        explanation: tr(locale, &format!("{stem}-why")),
        advice: tr(locale, &format!("{stem}-advice")),
    }
}

impl Inventory {
    /// Every risky pattern found, most serious first.
    pub fn risky_patterns(&self, locale: Locale) -> Vec<RiskyPattern> {
        let index = self.index();
        let mut found = Vec::new();
        let mut holders: Vec<_> = index.holders().collect();
        holders.sort_by(|(_, a), (_, b)| a.id.cmp(&b.id));
        for (slot, holder) in holders {
            let held: Vec<_> = index
                .of_holder(slot)
                .iter()
                .map(|&x| index.fact(x))
                .filter(|x| x.counts)
                .filter_map(|x| Some((x, index.detail_at(x.detail)?)))
                .collect();
            let ids_of = |pred: &dyn Fn(DetailKind) -> bool| -> Vec<String> {
                let mut ids: Vec<String> = held
                    .iter()
                    .filter(|(_, d)| pred(d.kind))
                    .map(|(_, d)| d.id.clone())
                    .collect();
                ids.sort();
                ids.dedup();
                ids
            };
            let kit = [
                DetailKind::IdNumber,
                DetailKind::BankCard,
                DetailKind::Phone,
            ];
            if kit.iter().all(|k| held.iter().any(|(_, d)| d.kind == *k)) {
                found.push(finding(
                    RiskyPatternKind::FraudKit,
                    holder,
                    ids_of(&|k| kit.contains(&k)),
                    locale,
                ));
            }
            if matches!(
                holder.category,
                HolderCategory::Stranger | HolderCategory::Individual
            ) {
                let ids = ids_of(&|k| matches!(k, DetailKind::IdNumber | DetailKind::IdPhoto));
                if !ids.is_empty() {
                    found.push(finding(RiskyPatternKind::IdToStranger, holder, ids, locale));
                }
            }
            if holder.own_device {
                let ids = ids_of(&|k| k == DetailKind::IdPhoto);
                if !ids.is_empty() {
                    found.push(finding(
                        RiskyPatternKind::IdPhotoOnPhone,
                        holder,
                        ids,
                        locale,
                    ));
                }
            }
            let mut unnecessary: Vec<String> = held
                .iter()
                .filter(|(x, d)| !x.necessary && d.sensitivity() == Sensitivity::Sensitive)
                .map(|(_, d)| d.id.clone())
                .collect();
            unnecessary.sort();
            unnecessary.dedup();
            if !unnecessary.is_empty() {
                found.push(finding(
                    RiskyPatternKind::SensitiveUnnecessary,
                    holder,
                    unnecessary,
                    locale,
                ));
            }
        }
        found.sort_by(|a, b| {
            a.pattern
                .cmp(&b.pattern)
                .then(a.holder_name.cmp(&b.holder_name))
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{fixture, NOW};
    use crate::inventory::{DisclosureStatus, NewDetail, NewDisclosure, NewHolder};

    #[test]
    fn finds_each_pattern_with_texts() {
        let f = fixture();
        let kinds = |l| {
            f.inv
                .risky_patterns(l)
                .into_iter()
                .map(|p| p.pattern)
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(Locale::En), [RiskyPatternKind::FraudKit]);
        f.inv
            .disclose(
                &f.store,
                &NewDisclosure::new(&f.id_number, &f.stranger),
                NOW,
            )
            .unwrap();
        let photo = f
            .inv
            .add_detail(
                &f.store,
                &NewDetail::new(DetailKind::IdPhoto, "front and back"),
                NOW,
            )
            .unwrap()
            .id;
        let mut phone = NewHolder::new("this phone", HolderCategory::App);
        phone.own_device = true;
        let phone = f.inv.add_holder(&f.store, &phone, NOW).unwrap();
        f.inv
            .disclose(&f.store, &NewDisclosure::new(&photo, &phone), NOW)
            .unwrap();
        let mut needless = NewDisclosure::new(&f.address, &f.bank);
        needless.necessary = false;
        f.inv.disclose(&f.store, &needless, NOW).unwrap();
        let all = f.inv.risky_patterns(Locale::ZhCn);
        assert_eq!(
            all.iter().map(|p| p.pattern).collect::<Vec<_>>(),
            [
                RiskyPatternKind::FraudKit,
                RiskyPatternKind::IdToStranger,
                RiskyPatternKind::IdPhotoOnPhone,
                RiskyPatternKind::SensitiveUnnecessary
            ]
        );
        assert!(all.iter().all(
            |p| !p.explanation.starts_with("inventory-") && !p.advice.starts_with("inventory-")
        ));
        assert_eq!(all[1].detail_ids, std::slice::from_ref(&f.id_number));
        // Deleting the photo from the phone clears that pattern.
        let x = f.inv.holdings_of(&phone).unwrap().remove(0).disclosure_id;
        f.inv
            .set_status(&f.store, &x, DisclosureStatus::Deleted, NOW)
            .unwrap();
        assert!(!kinds(Locale::En).contains(&RiskyPatternKind::IdPhotoOnPhone));
    }

    #[test]
    fn every_pattern_has_texts_in_both_locales() {
        for p in [
            RiskyPatternKind::FraudKit,
            RiskyPatternKind::IdToStranger,
            RiskyPatternKind::IdPhotoOnPhone,
            RiskyPatternKind::SensitiveUnnecessary,
        ] {
            for part in ["title", "why", "advice"] {
                assert!(crate::i18n::has_message(&format!(
                    "{}-{part}",
                    p.message_stem()
                )));
            }
        }
    }
}
