//! Exposure score: how exposed each detail is, and the user overall, from 0 (nobody has it) to
//! 100 (widely held and leaked).
//!
//! # Formula
//! For a detail `d`, every disclosure `x` that still counts (the holder has it, or leaked it
//! before deleting it) adds
//!
//! ```text
//! term(x) = risk(category of x's holder)            1 bank … 5 stranger, see HolderCategory::risk
//!         × (2 if the user marked x unnecessary, else 1)
//!         × (3 if x was breached or its holder is marked breached, else 1)
//! raw(d)  = weight(d) × Σ term(x)                    weight: 3 sensitive (PIPL Art. 28), 1 otherwise
//! score(d) = round(100 × (1 − e^(−raw(d) / 25)))
//! overall  = round(100 × (1 − e^(−Σ raw(d) / 100)))
//! ```
//!
//! Every term is positive and every factor ≥ 1, so adding a holder, a breach or an unnecessary
//! disclosure never lowers a score (property-tested); the exponential keeps scores within 0–100
//! and makes the first few holders of a sensitive detail count most. The scales (25, 100) put an
//! ID number held by one bank at 11 and the same number also leaked by a courier at 70.

use serde::Serialize;

use super::index::{Index, Slot};
use super::{Detail, DetailKind, Inventory, Sensitivity};
use crate::i18n::{tr, tr_args, Locale};

/// One input of the formula, with its value and a sentence saying what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ExposureFactor {
    Sensitivity,
    Holders,
    CategoryRisk,
    Breaches,
    Unnecessary,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FactorExplanation {
    pub factor: ExposureFactor,
    pub value: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DetailScore {
    pub detail_id: String,
    pub kind: DetailKind,
    pub masked: String,
    pub score: u32,
    pub factors: Vec<FactorExplanation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ExposureReport {
    pub overall: u32,
    /// Highest score first.
    pub details: Vec<DetailScore>,
    pub summary: String,
}

const DETAIL_SCALE: f64 = 25.0;
const OVERALL_SCALE: f64 = 100.0;

fn weight(s: Sensitivity) -> u32 {
    match s {
        Sensitivity::Sensitive => 3,
        Sensitivity::Personal => 1,
    }
}

fn squash(raw: u64, scale: f64) -> u32 {
    (100.0 * (1.0 - (-(raw as f64) / scale).exp())).round() as u32
}

/// The formula's inputs for one detail.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    raw: u64,
    /// Distinct holders.
    pub holders: usize,
    max_risk: u32,
    breaches: u32,
    unnecessary: u32,
}

impl Tally {
    pub(crate) fn of(slot: Slot, d: &Detail, index: &Index) -> Tally {
        let mut t = Tally::default();
        let mut sum = 0u64;
        // One bit per holder slot: counts distinct holders without collecting and sorting them.
        let mut seen = vec![0u64; index.holder_slot_count().div_ceil(64)];
        for &x in index.of_detail(slot) {
            let x = index.fact(x);
            if !x.counts {
                continue;
            }
            let Some(holder) = index.holder_at(x.holder) else {
                continue;
            };
            let (word, bit) = (x.holder as usize / 64, 1u64 << (x.holder % 64));
            t.holders += usize::from(seen[word] & bit == 0);
            seen[word] |= bit;
            let breached = x.breached || holder.breach.is_some();
            let risk = holder.category.risk();
            sum += u64::from(risk * if x.necessary { 1 } else { 2 } * if breached { 3 } else { 1 });
            t.max_risk = t.max_risk.max(risk);
            t.breaches += u32::from(breached);
            t.unnecessary += u32::from(!x.necessary);
        }
        t.raw = u64::from(weight(d.sensitivity())) * sum;
        t
    }
}

fn explain(d: &Detail, t: &Tally, locale: Locale) -> Vec<FactorExplanation> {
    let sensitive = d.sensitivity() == Sensitivity::Sensitive;
    let line = |factor, value: u32, id: &str| FactorExplanation {
        factor,
        value,
        text: tr_args(locale, id, &[("count", u64::from(value).into())]),
    };
    vec![
        FactorExplanation {
            factor: ExposureFactor::Sensitivity,
            value: weight(d.sensitivity()),
            text: tr(
                locale,
                if sensitive {
                    "inventory-factor-sensitive"
                } else {
                    "inventory-factor-personal"
                },
            ),
        },
        line(
            ExposureFactor::Holders,
            t.holders as u32,
            "inventory-factor-holders",
        ),
        line(
            ExposureFactor::CategoryRisk,
            t.max_risk,
            "inventory-factor-category-risk",
        ),
        line(
            ExposureFactor::Breaches,
            t.breaches,
            "inventory-factor-breaches",
        ),
        line(
            ExposureFactor::Unnecessary,
            t.unnecessary,
            "inventory-factor-unnecessary",
        ),
    ]
}

impl Inventory {
    /// Scores for every detail and overall, explained in `locale`.
    pub fn exposure(&self, locale: Locale) -> ExposureReport {
        let index = self.index();
        let mut total = 0u64;
        let mut details: Vec<DetailScore> = index
            .details()
            .map(|(slot, d)| {
                let t = Tally::of(slot, d, &index);
                total += t.raw;
                DetailScore {
                    detail_id: d.id.clone(),
                    kind: d.kind,
                    masked: d.masked(),
                    score: squash(t.raw, DETAIL_SCALE),
                    factors: explain(d, &t, locale),
                }
            })
            .collect();
        details.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then(a.detail_id.cmp(&b.detail_id))
        });
        let overall = squash(total, OVERALL_SCALE);
        let summary = tr_args(
            locale,
            "inventory-score-summary",
            &[("score", u64::from(overall).into())],
        );
        ExposureReport {
            overall,
            details,
            summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{fixture, NOW};
    use crate::inventory::{DisclosureStatus, HolderCategory, NewDisclosure, NewHolder};
    use proptest::prelude::*;

    fn score_of(report: &ExposureReport, id: &str) -> u32 {
        report
            .details
            .iter()
            .find(|d| d.detail_id == id)
            .unwrap()
            .score
    }

    #[test]
    fn documented_anchor_values() {
        let f = fixture();
        let r = f.inv.exposure(Locale::En);
        // ID number: sensitive (3) × bank risk 1 = 3 → 11.
        assert_eq!(score_of(&r, &f.id_number), 11);
        let factors = &r
            .details
            .iter()
            .find(|d| d.detail_id == f.id_number)
            .unwrap()
            .factors;
        assert_eq!(factors[0].factor, ExposureFactor::Sensitivity);
        assert!(factors[0].text.contains("Art. 28"), "{}", factors[0].text);
        assert!(!r.summary.is_empty() && r.overall > 0 && r.overall <= 100);
        // Same number leaked by a courier: 3 × (1 + 3 × 3) = 30 → 70.
        let x = f
            .inv
            .disclose(&f.store, &NewDisclosure::new(&f.id_number, &f.courier), NOW)
            .unwrap();
        f.inv
            .set_status(&f.store, &x, DisclosureStatus::Breached, NOW)
            .unwrap();
        assert_eq!(score_of(&f.inv.exposure(Locale::En), &f.id_number), 70);
    }

    #[derive(Debug, Clone)]
    enum Step {
        AddHolder(usize, HolderCategory, bool),
        Breach(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (
                0usize..4,
                proptest::sample::select(HolderCategory::ALL),
                any::<bool>()
            )
                .prop_map(|(d, c, n)| Step::AddHolder(d, c, n)),
            (0usize..8).prop_map(Step::Breach),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn adding_a_holder_or_a_breach_never_lowers_a_score(steps in proptest::collection::vec(step(), 1..8)) {
            let f = fixture();
            let details = [f.id_number.clone(), f.card.clone(), f.phone.clone(), f.address.clone()];
            let mut holders = vec![f.bank.clone(), f.courier.clone(), f.stranger.clone()];
            let mut before = f.inv.exposure(Locale::En);
            for s in steps {
                match s {
                    Step::AddHolder(d, category, necessary) => {
                        let h = f.inv.add_holder(&f.store, &NewHolder::new("h", category), NOW).unwrap();
                        let mut x = NewDisclosure::new(&details[d], &h);
                        x.necessary = necessary;
                        f.inv.disclose(&f.store, &x, NOW).unwrap();
                        holders.push(h);
                    }
                    Step::Breach(h) => {
                        let h = &holders[h % holders.len()];
                        f.inv.mark_breached(&f.store, h, crate::inventory::BreachSource::Manual, NOW, Locale::En).unwrap();
                    }
                }
                let after = f.inv.exposure(Locale::En);
                prop_assert!(after.overall >= before.overall);
                for d in &details {
                    prop_assert!(score_of(&after, d) >= score_of(&before, d));
                }
                before = after;
            }
        }
    }
}
