//! The in-memory index of the inventory, built once after unlock and kept in step with writes.
//!
//! Why: questions like "who has my ID number" or the exposure score touch every disclosure.
//! Decrypting 100k records per question takes seconds; blind-index lookups answer exact matches
//! but not "all holders with these kinds" or an overall score. So [`super::Inventory::load`]
//! decrypts details, holders and disclosures once and keeps them here, with lists from detail,
//! holder and kind to the records that mention them. Every inventory write goes through
//! [`super::Inventory`], which commits to the store first and updates this index only after the
//! commit succeeded, holding the index's write lock across both so readers never see a state the
//! store does not have. The index lives only while the vault is unlocked: shells drop the
//! `Inventory` on lock.
//!
//! Records sit in dense slots, and the lists and each disclosure's [`Fact`] refer to slots, not
//! string ids: with 100k disclosures, hashing and comparing ids at every step was most of the
//! time of the exposure score and of "they knew". Ids are hashed once per question, at its
//! entry point.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Detail, DetailKind, Disclosure, Holder};
use crate::vault::Record;

/// A record's position in its table.
pub(crate) type Slot = u32;

/// A record that changed in a committed write.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    Detail(Detail),
    Holder(Holder),
    Disclosure(Disclosure),
    /// The record with this id was removed from its table.
    RemovedDetail(String),
    RemovedHolder(String),
    RemovedDisclosure(String),
}

/// Records of one table by slot.
///
/// An id gets a slot the first time it is seen, as a record or as a disclosure's reference, and
/// keeps it while the index lives: slots are never reused, so a slot held in a list or a fact
/// can never come to mean another record. Removals are rare (records entered by mistake) and
/// the index is rebuilt at each unlock, so the empty slots they leave cost little.
struct Table<T> {
    slots: HashMap<String, Slot>,
    records: Vec<Option<T>>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            slots: HashMap::new(),
            records: Vec::new(),
        }
    }
}

impl<T: Record> Table<T> {
    fn intern(&mut self, id: &str) -> Slot {
        if let Some(&slot) = self.slots.get(id) {
            return slot;
        }
        let slot = Slot::try_from(self.records.len()).expect("fewer than 2³² records");
        self.slots.insert(id.to_owned(), slot);
        self.records.push(None);
        slot
    }

    /// The slot of the record with this id, if it is present.
    fn find(&self, id: &str) -> Option<Slot> {
        let slot = *self.slots.get(id)?;
        self.at(slot).map(|_| slot)
    }

    fn at(&self, slot: Slot) -> Option<&T> {
        self.records.get(slot as usize)?.as_ref()
    }

    fn get(&self, id: &str) -> Option<&T> {
        self.at(self.find(id)?)
    }

    /// Store `record` in its slot; returns the slot and the record it replaced.
    fn put(&mut self, record: T) -> (Slot, Option<T>) {
        let slot = self.intern(record.id());
        (slot, self.records[slot as usize].replace(record))
    }

    fn take(&mut self, id: &str) -> Option<(Slot, T)> {
        let slot = self.find(id)?;
        Some((slot, self.records[slot as usize].take()?))
    }

    /// Present records with their slots, in slot order.
    fn entries(&self) -> impl Iterator<Item = (Slot, &T)> {
        (0..)
            .zip(&self.records)
            .filter_map(|(slot, r)| Some((slot, r.as_ref()?)))
    }

    fn slot_count(&self) -> usize {
        self.records.len()
    }
}

/// What the whole-inventory questions read of a disclosure, derived from it when it is indexed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fact {
    pub detail: Slot,
    pub holder: Slot,
    pub necessary: bool,
    /// [`Disclosure::counts_for_exposure`].
    pub counts: bool,
    /// [`Disclosure::was_breached`].
    pub breached: bool,
}

#[derive(Default)]
pub(crate) struct Index {
    details: Table<Detail>,
    holders: Table<Holder>,
    disclosures: Table<Disclosure>,
    /// By disclosure slot.
    facts: Vec<Fact>,
    /// Disclosure slots per detail slot and per holder slot, in insertion order.
    by_detail: Vec<Vec<Slot>>,
    by_holder: Vec<Vec<Slot>>,
    /// Detail slots per kind.
    by_kind: HashMap<DetailKind, Vec<Slot>>,
    /// See [`Index::name_order`]; emptied when a holder is added or renamed.
    name_order: OnceLock<Vec<u32>>,
}

impl Index {
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Detail(d) => {
                let kind = d.kind;
                let (slot, old) = self.details.put(d);
                let old_kind = old.map(|old| old.kind);
                if old_kind != Some(kind) {
                    if let Some(old_kind) = old_kind {
                        self.kind_list(old_kind).retain(|&s| s != slot);
                    }
                    self.kind_list(kind).push(slot);
                }
            }
            Change::Holder(h) => {
                if self.holders.get(&h.id).is_none_or(|old| old.name != h.name) {
                    self.name_order.take();
                }
                self.holders.put(h);
            }
            Change::Disclosure(x) => {
                let fact = Fact {
                    detail: self.details.intern(&x.detail_id),
                    holder: self.holders.intern(&x.holder_id),
                    necessary: x.necessary,
                    counts: x.counts_for_exposure(),
                    breached: x.was_breached(),
                };
                let (slot, old) = self.disclosures.put(x);
                let at = slot as usize;
                // A status change keeps the disclosure's place in its lists.
                let listed = old.is_some() && {
                    let was = self.facts[at];
                    (was.detail, was.holder) == (fact.detail, fact.holder)
                };
                if old.is_some() && !listed {
                    self.unlink(slot);
                }
                if at == self.facts.len() {
                    self.facts.push(fact);
                } else {
                    self.facts[at] = fact;
                }
                if !listed {
                    self.link(slot);
                }
            }
            Change::RemovedDetail(id) => {
                if let Some((slot, d)) = self.details.take(&id) {
                    self.kind_list(d.kind).retain(|&s| s != slot);
                }
            }
            Change::RemovedHolder(id) => {
                self.holders.take(&id);
            }
            Change::RemovedDisclosure(id) => {
                if let Some((slot, _)) = self.disclosures.take(&id) {
                    self.unlink(slot);
                }
            }
        }
    }

    fn kind_list(&mut self, kind: DetailKind) -> &mut Vec<Slot> {
        self.by_kind.entry(kind).or_default()
    }

    fn link(&mut self, disclosure: Slot) {
        let fact = self.facts[disclosure as usize];
        self.by_detail
            .resize_with(self.details.slot_count(), Vec::new);
        self.by_holder
            .resize_with(self.holders.slot_count(), Vec::new);
        self.by_detail[fact.detail as usize].push(disclosure);
        self.by_holder[fact.holder as usize].push(disclosure);
    }

    fn unlink(&mut self, disclosure: Slot) {
        let fact = self.facts[disclosure as usize];
        self.by_detail[fact.detail as usize].retain(|&s| s != disclosure);
        self.by_holder[fact.holder as usize].retain(|&s| s != disclosure);
    }

    pub fn detail(&self, id: &str) -> Option<&Detail> {
        self.details.get(id)
    }

    pub fn holder(&self, id: &str) -> Option<&Holder> {
        self.holders.get(id)
    }

    pub fn find_detail(&self, id: &str) -> Option<(Slot, &Detail)> {
        let slot = self.details.find(id)?;
        Some((slot, self.details.at(slot)?))
    }

    pub fn find_holder(&self, id: &str) -> Option<(Slot, &Holder)> {
        let slot = self.holders.find(id)?;
        Some((slot, self.holders.at(slot)?))
    }

    pub fn detail_at(&self, slot: Slot) -> Option<&Detail> {
        self.details.at(slot)
    }

    #[inline]
    pub fn holder_at(&self, slot: Slot) -> Option<&Holder> {
        self.holders.at(slot)
    }

    pub fn disclosure_at(&self, slot: Slot) -> Option<&Disclosure> {
        self.disclosures.at(slot)
    }

    pub fn details(&self) -> impl Iterator<Item = (Slot, &Detail)> {
        self.details.entries()
    }

    pub fn holders(&self) -> impl Iterator<Item = (Slot, &Holder)> {
        self.holders.entries()
    }

    pub fn disclosures(&self) -> impl Iterator<Item = &Disclosure> {
        self.disclosures.entries().map(|(_, x)| x)
    }

    /// One past the highest detail slot: the length of a table keyed by detail slot.
    pub fn detail_slot_count(&self) -> usize {
        self.details.slot_count()
    }

    /// One past the highest holder slot: the length of a table keyed by holder slot.
    pub fn holder_slot_count(&self) -> usize {
        self.holders.slot_count()
    }

    /// Each holder slot's place in name order, equal names sharing one: answers sorted by
    /// holder name compare these instead of strings (string comparisons were a third of who-has).
    /// Computed on first use after holders change.
    pub fn name_order(&self) -> &[u32] {
        self.name_order.get_or_init(|| {
            let mut names: Vec<(&str, Slot)> = self
                .holders
                .entries()
                .map(|(slot, h)| (h.name.as_str(), slot))
                .collect();
            names.sort_unstable();
            let mut order = vec![0; self.holders.slot_count()];
            let mut place = 0;
            for (i, &(name, slot)) in names.iter().enumerate() {
                if i > 0 && names[i - 1].0 != name {
                    place += 1;
                }
                order[slot as usize] = place;
            }
            order
        })
    }

    #[inline]
    pub fn fact(&self, disclosure: Slot) -> Fact {
        self.facts[disclosure as usize]
    }

    /// Disclosure slots of this detail, in insertion order.
    #[inline]
    pub fn of_detail(&self, detail: Slot) -> &[Slot] {
        self.by_detail
            .get(detail as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Disclosure slots of this holder, in insertion order.
    pub fn of_holder(&self, holder: Slot) -> &[Slot] {
        self.by_holder
            .get(holder as usize)
            .map_or(&[], Vec::as_slice)
    }

    pub fn details_of_kind(&self, kind: DetailKind) -> impl Iterator<Item = (Slot, &Detail)> {
        self.by_kind
            .get(&kind)
            .into_iter()
            .flatten()
            .filter_map(|&slot| Some((slot, self.details.at(slot)?)))
    }
}
