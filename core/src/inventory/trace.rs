//! "They knew my details": a caller or message quoted some of the user's details; which holders
//! could have leaked them?
//!
//! Each quoted item is a kind ("they knew my ID number") or a value ("they said 1381234…") that
//! is normalised and matched against the inventory. A holder matches an item when it was ever
//! given a matching detail, whatever the disclosure's status: data deleted today may have leaked
//! last year. Holders that had every item rank first, then by how many items they had, then by
//! category risk (an unregulated holder is the likelier source), then by name. The incident is
//! recorded with the quoted kinds and the ranked holder ids, never the quoted values.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::index::Slot;
use super::{detail, DetailKind, Holder, HolderCategory, Inventory};
use crate::error::{Error, Result};
use crate::vault::{new_id, Record, Store, TxnExt};

/// One thing the caller or message quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum QuotedDetail {
    Kind { kind: DetailKind },
    Value { kind: DetailKind, value: String },
}

impl QuotedDetail {
    fn kind(&self) -> DetailKind {
        match self {
            QuotedDetail::Kind { kind } | QuotedDetail::Value { kind, .. } => *kind,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LeakCandidate {
    pub holder_id: String,
    pub name: String,
    pub category: HolderCategory,
    /// Quoted kinds this holder had, in the order quoted.
    pub matched: Vec<DetailKind>,
    pub missing: Vec<DetailKind>,
    /// It had everything quoted.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LeakTrace {
    pub incident_id: String,
    /// Best first.
    pub candidates: Vec<LeakCandidate>,
    /// Quoted values that are not in the inventory (so no holder can match them).
    pub unknown_values: u32,
}

/// A recorded "they knew my details" event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub quoted: Vec<DetailKind>,
    /// Ranked candidate holder ids, best first (at most [`KEPT_CANDIDATES`]).
    pub candidates: Vec<String>,
    pub note: Option<String>,
}

/// How many ranked holders an incident keeps: enough to follow up, bounded in size.
pub const KEPT_CANDIDATES: usize = 20;

impl Record for Incident {
    const TABLE: &'static str = "inventory_incidents";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Inventory {
    /// Rank the holders that could have leaked what was quoted, without recording anything.
    pub fn rank_sources(&self, quoted: &[QuotedDetail]) -> Result<(Vec<LeakCandidate>, u32)> {
        if quoted.is_empty() {
            return Err(Error::invalid("reason-quote-nothing"));
        }
        let index = self.index();
        let items = quoted.len();
        let mut unknown_values = 0;
        // had[holder slot × items + i]: the holder was ever given a detail matching item i.
        let mut had = vec![false; index.holder_slot_count() * items];
        for (i, q) in quoted.iter().enumerate() {
            let wanted = match q {
                QuotedDetail::Kind { .. } => None,
                QuotedDetail::Value { kind, value } => {
                    Some(detail::normalise(*kind, value, true)?.value)
                }
            };
            let mut found = false;
            for (slot, _) in index
                .details_of_kind(q.kind())
                .filter(|(_, d)| wanted.as_ref().is_none_or(|w| d.value == *w))
            {
                found = true;
                for &x in index.of_detail(slot) {
                    had[index.fact(x).holder as usize * items + i] = true;
                }
            }
            unknown_values += u32::from(wanted.is_some() && !found);
        }
        let row = |slot: Slot| &had[slot as usize * items..][..items];
        let mut ranked: Vec<(Slot, &Holder, usize)> = index
            .holders()
            .map(|(slot, h)| (slot, h, row(slot).iter().filter(|&&had| had).count()))
            .filter(|&(.., matched)| matched > 0)
            .collect();
        let names = index.name_order();
        // Holder ids are unique, so an unstable sort gives the one order.
        ranked.sort_unstable_by(|(sa, a, ma), (sb, b, mb)| {
            mb.cmp(ma)
                .then(b.category.risk().cmp(&a.category.risk()))
                .then(names[*sa as usize].cmp(&names[*sb as usize]))
                .then_with(|| a.id.cmp(&b.id))
        });
        let candidates = ranked
            .into_iter()
            .map(|(slot, holder, _)| {
                let kinds = |had: bool| -> Vec<DetailKind> {
                    quoted
                        .iter()
                        .zip(row(slot))
                        .filter(|&(_, &h)| h == had)
                        .map(|(q, _)| q.kind())
                        .collect()
                };
                let missing = kinds(false);
                LeakCandidate {
                    holder_id: holder.id.clone(),
                    name: holder.name.clone(),
                    category: holder.category,
                    complete: missing.is_empty(),
                    matched: kinds(true),
                    missing,
                }
            })
            .collect();
        Ok((candidates, unknown_values))
    }

    /// Rank the possible sources and record the incident.
    pub fn they_knew<S: Store>(
        &self,
        store: &S,
        quoted: &[QuotedDetail],
        note: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<LeakTrace> {
        let (candidates, unknown_values) = self.rank_sources(quoted)?;
        let incident = Incident {
            id: new_id(),
            at: now,
            quoted: quoted.iter().map(QuotedDetail::kind).collect(),
            candidates: candidates
                .iter()
                .take(KEPT_CANDIDATES)
                .map(|c| c.holder_id.clone())
                .collect(),
            note: super::clean_text(note, "reason-field-note", 2000)?,
        };
        store.write(|txn| txn.put(&incident))?;
        Ok(LeakTrace {
            incident_id: incident.id,
            candidates,
            unknown_values,
        })
    }
}

/// Recorded incidents, latest first.
pub fn incidents<S: Store>(store: &S) -> Result<Vec<Incident>> {
    let mut all = store.read(|txn| txn.list::<Incident>())?;
    all.sort_by_key(|i| std::cmp::Reverse(i.at));
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{fixture, NOW, PHONE};

    fn kinds(ks: &[DetailKind]) -> Vec<QuotedDetail> {
        ks.iter().map(|&kind| QuotedDetail::Kind { kind }).collect()
    }

    #[test]
    fn holders_with_everything_rank_first_then_partial() {
        let f = fixture();
        let r = f
            .inv
            .they_knew(
                &f.store,
                &kinds(&[DetailKind::IdNumber, DetailKind::Phone]),
                Some("call"),
                NOW,
            )
            .unwrap();
        let names: Vec<_> = r.candidates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["ICBC", "SF Express"]);
        assert!(r.candidates[0].complete && r.candidates[0].missing.is_empty());
        assert_eq!(r.candidates[1].matched, [DetailKind::Phone]);
        assert_eq!(r.candidates[1].missing, [DetailKind::IdNumber]);
        let recorded = incidents(&f.store).unwrap();
        assert_eq!(
            recorded[0].quoted,
            [DetailKind::IdNumber, DetailKind::Phone]
        );
        assert_eq!(recorded[0].candidates, [f.bank.clone(), f.courier.clone()]);
    }

    #[test]
    fn quoted_values_match_exact_details_only() {
        let f = fixture();
        let q = vec![QuotedDetail::Value {
            kind: DetailKind::Phone,
            value: format!("+86 {PHONE}"),
        }];
        let (c, unknown) = f.inv.rank_sources(&q).unwrap();
        assert_eq!((c.len(), unknown), (2, 0));
        let other = vec![QuotedDetail::Value {
            kind: DetailKind::Phone,
            value: "13900000000".into(),
        }];
        let (c, unknown) = f.inv.rank_sources(&other).unwrap();
        assert_eq!((c.len(), unknown), (0, 1));
        assert!(f.inv.rank_sources(&[]).is_err());
    }

    #[test]
    fn recorded_incident_holds_no_values() {
        let f = fixture();
        let q = vec![QuotedDetail::Value {
            kind: DetailKind::Phone,
            value: PHONE.into(),
        }];
        f.inv.they_knew(&f.store, &q, None, NOW).unwrap();
        let raw = f.store.read(|txn| txn.list_raw(Incident::TABLE)).unwrap();
        assert!(!String::from_utf8_lossy(&raw[0].data).contains("12345678"));
    }
}
