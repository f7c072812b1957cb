//! What the front ends show: masked values, counts, dates as `YYYY-MM-DD`. Plain data, no
//! secrets beyond the masked value, safe to print and to pass across the FFI.

use serde::Serialize;

use super::index::{Fact, Index, Slot};
use super::score::Tally;
use super::{
    Detail, DetailKind, Disclosure, DisclosureChannel, DisclosureStatus, Holder, HolderCategory,
    Sensitivity,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DetailView {
    pub id: String,
    pub kind: DetailKind,
    pub label: Option<String>,
    pub masked: String,
    pub sensitivity: Sensitivity,
    pub checked: bool,
    /// Distinct holders that have (or leaked) it.
    pub holder_count: u32,
}

impl DetailView {
    pub(crate) fn of(slot: Slot, d: &Detail, index: &Index) -> Self {
        DetailView {
            id: d.id.clone(),
            kind: d.kind,
            label: d.label.clone(),
            masked: d.masked(),
            sensitivity: d.sensitivity(),
            checked: d.checked,
            holder_count: Tally::of(slot, d, index).holders as u32,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HolderView {
    pub id: String,
    pub name: String,
    pub category: HolderCategory,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub own_device: bool,
    pub breached: bool,
    /// Disclosures recorded with this holder, whatever their status.
    pub disclosure_count: u32,
}

impl HolderView {
    pub(crate) fn of(slot: Slot, h: &Holder, index: &Index) -> Self {
        HolderView {
            id: h.id.clone(),
            name: h.name.clone(),
            category: h.category,
            website: h.website.clone(),
            phone: h.phone.clone(),
            notes: h.notes.clone(),
            own_device: h.own_device,
            breached: h.breach.is_some(),
            disclosure_count: index.of_holder(slot).len() as u32,
        }
    }
}

/// One disclosure seen from either side: which holder has which detail, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Holding {
    pub disclosure_id: String,
    pub holder_id: String,
    pub holder_name: String,
    pub category: HolderCategory,
    pub detail_id: String,
    pub kind: DetailKind,
    pub masked: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub channel: DisclosureChannel,
    pub purpose: Option<String>,
    pub necessary: bool,
    pub status: DisclosureStatus,
}

pub(crate) fn iso_date(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Holdings for these disclosure slots, latest first (ties by holder name for a stable order).
pub(crate) fn holdings(index: &Index, disclosures: impl Iterator<Item = Slot>) -> Vec<Holding> {
    let mut found: Vec<(&Disclosure, Fact, &Holder, &Detail)> =
        Vec::with_capacity(disclosures.size_hint().0);
    found.extend(disclosures.filter_map(|slot| {
        let x = index.disclosure_at(slot)?;
        let fact = index.fact(slot);
        let h = index.holder_at(fact.holder)?;
        let d = index.detail_at(fact.detail)?;
        Some((x, fact, h, d))
    }));
    let names = index.name_order();
    // Disclosure ids are unique, so an unstable sort gives the one order.
    found.sort_unstable_by(|(xa, fa, ..), (xb, fb, ..)| {
        xb.date
            .cmp(&xa.date)
            .then(names[fa.holder as usize].cmp(&names[fb.holder as usize]))
            .then_with(|| xa.id.cmp(&xb.id))
    });
    // A who-has answer repeats one detail (and few dates) thousands of times: format each once.
    // The answer is sorted by date, so a date is formatted when it changes.
    let mut masked: Vec<Option<String>> = vec![None; index.detail_slot_count()];
    let mut date: Option<(time::Date, String)> = None;
    found
        .into_iter()
        .map(|(x, fact, h, d)| Holding {
            disclosure_id: x.id.clone(),
            holder_id: h.id.clone(),
            holder_name: h.name.clone(),
            category: h.category,
            detail_id: d.id.clone(),
            kind: d.kind,
            masked: masked[fact.detail as usize]
                .get_or_insert_with(|| d.masked())
                .clone(),
            date: match &date {
                Some((day, text)) if *day == x.date => text.clone(),
                _ => date.insert((x.date, iso_date(x.date))).1.clone(),
            },
            channel: x.channel,
            purpose: x.purpose.clone(),
            necessary: x.necessary,
            status: x.status,
        })
        .collect()
}
