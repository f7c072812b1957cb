//! Search across details and holders, and the timeline of everything that happened.

use serde::Serialize;

use super::letters::deletion_requests;
use super::trace::incidents;
use super::view::iso_date;
use super::{DetailKind, DisclosureStatus, Inventory};
use crate::error::Result;
use crate::i18n::{tr, tr_args, Locale};
use crate::vault::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum InventoryHitKind {
    Detail,
    Holder,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InventorySearchHit {
    pub hit: InventoryHitKind,
    pub id: String,
    /// Masked value or holder name.
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum InventoryEventKind {
    Disclosed,
    StatusChanged,
    Breach,
    DeletionRequested,
    Incident,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InventoryEvent {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub event: InventoryEventKind,
    pub holder_id: Option<String>,
    pub detail_id: Option<String>,
    pub text: String,
}

fn kind_name(kind: DetailKind, locale: Locale) -> String {
    tr(locale, &kind.message_id())
}

impl Inventory {
    /// Details and holders matching `query` (case-insensitive): a detail by its kind's name in
    /// either language, its label or part of its value (e.g. a card's last four digits); a
    /// holder by name, website, phone, notes or category. Hits show masked values only.
    pub fn search(&self, query: &str) -> Vec<InventorySearchHit> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let compact: String = q
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let index = self.index();
        let mut hits: Vec<InventorySearchHit> = Vec::new();
        for (_, d) in index.details() {
            let names = Locale::ALL.map(|l| kind_name(d.kind, l).to_lowercase());
            let matches = d.kind.as_str().contains(&q)
                || names.iter().any(|n| n.contains(&q))
                || d.label
                    .as_ref()
                    .is_some_and(|l| l.to_lowercase().contains(&q))
                || (!compact.is_empty() && d.value.to_lowercase().contains(&compact));
            if matches {
                hits.push(InventorySearchHit {
                    hit: InventoryHitKind::Detail,
                    id: d.id.clone(),
                    title: d.masked(),
                });
            }
        }
        for (_, h) in index.holders() {
            let fields = [
                Some(&h.name),
                h.website.as_ref(),
                h.phone.as_ref(),
                h.notes.as_ref(),
            ];
            if h.category.as_str().contains(&q)
                || fields
                    .iter()
                    .flatten()
                    .any(|f| f.to_lowercase().contains(&q))
            {
                hits.push(InventorySearchHit {
                    hit: InventoryHitKind::Holder,
                    id: h.id.clone(),
                    title: h.name.clone(),
                });
            }
        }
        hits.sort_by(|a, b| {
            (a.hit as u8)
                .cmp(&(b.hit as u8))
                .then(a.title.cmp(&b.title))
                .then(a.id.cmp(&b.id))
        });
        hits
    }

    /// Everything that happened, latest first: disclosures, status changes, breaches,
    /// deletion requests and "they knew" incidents.
    pub fn timeline<S: Store>(&self, store: &S, locale: Locale) -> Result<Vec<InventoryEvent>> {
        let requests = deletion_requests(store)?;
        let recorded = incidents(store)?;
        let index = self.index();
        let holder_name = |id: &str| index.holder(id).map(|h| h.name.clone()).unwrap_or_default();
        let mut events: Vec<(time::Date, InventoryEvent)> = Vec::new();
        let mut push =
            |date: time::Date, event, holder: Option<&str>, detail: Option<&str>, text: String| {
                events.push((
                    date,
                    InventoryEvent {
                        date: iso_date(date),
                        event,
                        holder_id: holder.map(str::to_owned),
                        detail_id: detail.map(str::to_owned),
                        text,
                    },
                ))
            };
        for x in index.disclosures() {
            let Some(d) = index.detail(&x.detail_id) else {
                continue;
            };
            let args = |extra: Option<&str>| {
                let mut a = vec![
                    ("kind", kind_name(d.kind, locale).into()),
                    ("holder", holder_name(&x.holder_id).into()),
                ];
                if let Some(s) = extra {
                    a.push(("status", s.into()));
                }
                a
            };
            push(
                x.date,
                InventoryEventKind::Disclosed,
                Some(&x.holder_id),
                Some(&d.id),
                tr_args(locale, "inventory-event-disclosed", &args(None)),
            );
            // Breaches and deletion requests get their own holder-level events below.
            for c in x.history.iter().filter(|c| {
                !matches!(
                    c.to,
                    DisclosureStatus::Breached | DisclosureStatus::DeletionRequested
                )
            }) {
                let text = tr_args(locale, "inventory-event-status", &args(Some(c.to.as_str())));
                push(
                    c.at.date(),
                    InventoryEventKind::StatusChanged,
                    Some(&x.holder_id),
                    Some(&d.id),
                    text,
                );
            }
        }
        for (_, h) in index.holders() {
            if let Some(b) = &h.breach {
                let text = tr_args(
                    locale,
                    "inventory-event-breach",
                    &[("holder", h.name.clone().into())],
                );
                push(
                    b.at.date(),
                    InventoryEventKind::Breach,
                    Some(&h.id),
                    None,
                    text,
                );
            }
        }
        for r in &requests {
            let text = tr_args(
                locale,
                "inventory-event-deletion-requested",
                &[("holder", holder_name(&r.holder_id).into())],
            );
            push(
                r.sent_at.date(),
                InventoryEventKind::DeletionRequested,
                Some(&r.holder_id),
                None,
                text,
            );
        }
        for i in &recorded {
            let kinds: Vec<String> = i.quoted.iter().map(|k| kind_name(*k, locale)).collect();
            let text = tr_args(
                locale,
                "inventory-event-incident",
                &[("kinds", kinds.join(", ").into())],
            );
            push(i.at.date(), InventoryEventKind::Incident, None, None, text);
        }
        events.sort_by(|(a, ea), (b, eb)| {
            b.cmp(a)
                .then((ea.event as u8).cmp(&(eb.event as u8)))
                .then(ea.text.cmp(&eb.text))
        });
        Ok(events.into_iter().map(|(_, e)| e).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{fixture, NOW};
    use crate::inventory::trace::QuotedDetail;
    use crate::inventory::BreachSource;

    #[test]
    fn search_by_kind_name_value_part_and_holder() {
        let f = fixture();
        let ids = |q: &str| {
            f.inv
                .search(q)
                .into_iter()
                .map(|h| h.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("银行卡"), vec![f.card.clone()]);
        assert_eq!(ids("0128"), vec![f.card.clone()]);
        assert_eq!(ids("icbc.com"), vec![f.bank.clone()]);
        assert_eq!(ids("courier"), vec![f.courier.clone()]);
        assert!(ids("   ").is_empty());
        assert!(f
            .inv
            .search("0128")
            .iter()
            .all(|h| !h.title.contains("02123")));
    }

    #[test]
    fn timeline_is_latest_first_and_covers_every_event() {
        let f = fixture();
        f.inv
            .mark_breached(&f.store, &f.courier, BreachSource::Manual, NOW, Locale::En)
            .unwrap();
        f.inv
            .they_knew(
                &f.store,
                &[QuotedDetail::Kind {
                    kind: DetailKind::Phone,
                }],
                None,
                NOW,
            )
            .unwrap();
        f.inv
            .request_deletion(
                &f.store,
                &f.bank,
                crate::inventory::letters::DeletionLaw::Gdpr,
                NOW,
            )
            .unwrap();
        let t = f.inv.timeline(&f.store, Locale::En).unwrap();
        let kinds: Vec<_> = t.iter().map(|e| e.event).collect();
        assert!(
            kinds.contains(&InventoryEventKind::Breach)
                && kinds.contains(&InventoryEventKind::Incident)
        );
        assert!(kinds.contains(&InventoryEventKind::DeletionRequested));
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == InventoryEventKind::Disclosed)
                .count(),
            5
        );
        assert_eq!(t[0].date, "2025-06-01");
        assert_eq!(t.last().unwrap().date, "2024-03-01");
        assert!(
            t.iter().any(|e| e.text == "Gave Bank card to ICBC"),
            "{t:?}"
        );
    }
}
