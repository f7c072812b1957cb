//! Breach impact: a holder leaked its data. Every disclosure it still had is flagged, and the
//! user gets what is now exposed with concrete next steps per kind of detail.

use serde::Serialize;
use time::OffsetDateTime;

use super::index::Change;
use super::{
    move_holder_disclosures, Breach, BreachSource, Detail, DetailKind, DisclosureStatus, Holder,
    Inventory,
};
use crate::alerts::breach::{breach_notices, BreachNotice};
use crate::error::Result;
use crate::i18n::{tr, Locale};
use crate::vault::{Store, TxnExt};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ExposedDetail {
    pub detail_id: String,
    pub kind: DetailKind,
    pub masked: String,
}

/// What to do now for one kind of exposed detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BreachNextStep {
    pub kind: DetailKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BreachImpact {
    pub holder_id: String,
    /// Disclosures newly flagged by this call (0 when the breach was already recorded).
    pub newly_flagged: u32,
    pub exposed: Vec<ExposedDetail>,
    /// One step per exposed kind, most sensitive first, then a general warning.
    pub next_steps: Vec<BreachNextStep>,
    pub warning: String,
}

/// The advice for an exposed kind (`inventory-step-<kind>`).
pub fn next_step(kind: DetailKind, locale: Locale) -> BreachNextStep {
    BreachNextStep {
        kind,
        text: tr(locale, &format!("inventory-step-{}", kind.as_str())),
    }
}

impl Inventory {
    /// Mark `holder_id` breached (by hand or from a breach alert) and flag every disclosure it
    /// still held. Repeating it is harmless: the first breach date is kept.
    pub fn mark_breached<S: Store>(
        &self,
        store: &S,
        holder_id: &str,
        source: BreachSource,
        now: OffsetDateTime,
        locale: Locale,
    ) -> Result<BreachImpact> {
        let (flagged, breached) = self.commit(store, |txn, _, changes| {
            let mut holder: Holder = txn.require(holder_id, "reason-thing-holder")?;
            if holder.breach.is_none() {
                holder.breach = Some(Breach { at: now, source });
                txn.put(&holder)?;
                changes.push(Change::Holder(holder));
            }
            let (flagged, breached) = move_holder_disclosures(
                txn,
                holder_id,
                &[
                    DisclosureStatus::Active,
                    DisclosureStatus::DeletionRequested,
                ],
                DisclosureStatus::Breached,
                now,
                changes,
            )?;
            let breached: Vec<String> = breached.into_iter().map(|x| x.detail_id).collect();
            Ok((flagged, breached))
        })?;
        let index = self.index();
        let mut details: Vec<&Detail> = breached.iter().filter_map(|id| index.detail(id)).collect();
        details.sort_by(|a, b| {
            b.sensitivity()
                .cmp(&a.sensitivity())
                .then(a.kind.cmp(&b.kind))
                .then(a.id.cmp(&b.id))
        });
        details.dedup_by(|a, b| a.id == b.id);
        let exposed = details
            .iter()
            .map(|d| ExposedDetail {
                detail_id: d.id.clone(),
                kind: d.kind,
                masked: d.masked(),
            })
            .collect();
        let mut kinds: Vec<DetailKind> = Vec::new();
        for d in &details {
            if !kinds.contains(&d.kind) {
                kinds.push(d.kind);
            }
        }
        Ok(BreachImpact {
            holder_id: holder_id.to_owned(),
            newly_flagged: flagged,
            exposed,
            next_steps: kinds.into_iter().map(|k| next_step(k, locale)).collect(),
            warning: tr(locale, "inventory-breach-warning"),
        })
    }
}

impl Inventory {
    /// Mark every holder whose website a believable breach alert names (see
    /// [`crate::alerts::breach`]) as breached, with the alert as the source. Holders already
    /// marked are left alone, so calling this after every ingestion repeats nothing; it returns
    /// the impact for the holders newly marked.
    pub fn apply_breach_alerts<S: Store>(
        &self,
        store: &S,
        now: OffsetDateTime,
        locale: Locale,
    ) -> Result<Vec<BreachImpact>> {
        self.apply_breach_notices(store, &breach_notices(store)?, now, locale)
    }

    /// [`Self::apply_breach_alerts`] for notices the caller already read from the inbox.
    pub fn apply_breach_notices<S: Store>(
        &self,
        store: &S,
        notices: &[BreachNotice],
        now: OffsetDateTime,
        locale: Locale,
    ) -> Result<Vec<BreachImpact>> {
        let named = |website: &String| notices.iter().any(|n| n.domains.contains(website));
        let newly_breached: Vec<String> = self
            .index()
            .holders()
            .filter(|(_, h)| h.breach.is_none() && h.website.as_ref().is_some_and(named))
            .map(|(_, h)| h.id.clone())
            .collect();
        newly_breached
            .iter()
            .map(|id| self.mark_breached(store, id, BreachSource::Alert, now, locale))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{fixture, NOW};
    use crate::inventory::Disclosure;
    use crate::vault::Store;

    #[test]
    fn breach_flags_active_disclosures_and_advises_per_kind() {
        let f = fixture();
        let impact = f
            .inv
            .mark_breached(&f.store, &f.bank, BreachSource::Manual, NOW, Locale::En)
            .unwrap();
        assert_eq!(impact.newly_flagged, 3);
        let kinds: Vec<_> = impact.next_steps.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                DetailKind::IdNumber,
                DetailKind::BankCard,
                DetailKind::Phone
            ]
        );
        assert!(impact
            .next_steps
            .iter()
            .all(|s| !s.text.starts_with("inventory-")));
        assert!(impact
            .exposed
            .iter()
            .all(|e| !e.masked.contains("1234567890")));
        // Stored, not just cached.
        let stored = f
            .store
            .read(|txn| txn.find::<Disclosure>("holder", &f.bank))
            .unwrap();
        assert!(stored
            .iter()
            .all(|x| x.status == DisclosureStatus::Breached));
        assert!(f.inv.holder(&f.bank).unwrap().breached);
        // The courier is untouched; repeating changes nothing.
        assert!(f
            .inv
            .holdings_of(&f.courier)
            .unwrap()
            .iter()
            .all(|h| h.status == DisclosureStatus::Active));
        let again = f
            .inv
            .mark_breached(&f.store, &f.bank, BreachSource::Alert, NOW, Locale::ZhCn)
            .unwrap();
        assert_eq!((again.newly_flagged, again.exposed.len()), (0, 3));
    }

    #[test]
    fn every_kind_has_a_next_step_in_both_locales() {
        for kind in DetailKind::ALL {
            assert!(
                crate::i18n::has_message(&format!("inventory-step-{}", kind.as_str())),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn unknown_holder_is_not_found() {
        let f = fixture();
        let e = f
            .inv
            .mark_breached(&f.store, "nope", BreachSource::Manual, NOW, Locale::En)
            .unwrap_err();
        assert!(matches!(e, crate::Error::NotFound("reason-thing-holder")));
    }

    #[test]
    fn a_breach_alert_naming_a_holders_website_drives_its_breach_impact() {
        use crate::alerts::{
            breach::tests::{breach_xml, import},
            tests::trust_police,
        };
        let f = fixture();
        trust_police(&f.store);
        assert!(f
            .inv
            .apply_breach_alerts(&f.store, NOW, Locale::En)
            .unwrap()
            .is_empty());

        import(
            &f.store,
            &breach_xml("B-1", "Alert", "", &["mybank.icbc.com.cn"]),
            1,
        );
        let impacts = f
            .inv
            .apply_breach_alerts(&f.store, NOW, Locale::ZhCn)
            .unwrap();
        assert_eq!(impacts.len(), 1, "only the bank's website is named");
        assert_eq!(impacts[0].holder_id, f.bank);
        assert_eq!(impacts[0].newly_flagged, 3);
        let holder = f
            .store
            .read(|txn| txn.require::<Holder>(&f.bank, "reason-thing-holder"))
            .unwrap();
        assert_eq!(holder.breach.map(|b| b.source), Some(BreachSource::Alert));
        assert!(f.inv.holder(&f.bank).unwrap().breached);
        assert!(
            f.inv
                .apply_breach_alerts(&f.store, NOW, Locale::En)
                .unwrap()
                .is_empty(),
            "already applied"
        );
    }
}
