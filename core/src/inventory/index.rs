//! The in-memory index of the inventory, built once after unlock and kept in step with writes.
//!
//! Why: questions like "who has my ID number" or the exposure score touch every disclosure.
//! Decrypting 100k records per question takes seconds; blind-index lookups answer exact matches
//! but not "all holders with these kinds" or an overall score. So [`super::Inventory::load`]
//! decrypts details, holders and disclosures once and keeps them here, with maps from detail,
//! holder and kind to the records that mention them. Every inventory write goes through
//! [`super::Inventory`], which commits to the store first and updates this index only after the
//! commit succeeded, holding the index's write lock across both so readers never see a state the
//! store does not have. The index lives only while the vault is unlocked: shells drop the
//! `Inventory` on lock.

use std::collections::HashMap;

use super::{Detail, DetailKind, Disclosure, Holder};

/// A record that changed in a committed write.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    Detail(Detail),
    Holder(Holder),
    Disclosure(Disclosure),
}

#[derive(Default)]
pub(crate) struct Index {
    pub details: HashMap<String, Detail>,
    pub holders: HashMap<String, Holder>,
    pub disclosures: HashMap<String, Disclosure>,
    /// Disclosure ids per detail id and per holder id, in insertion order.
    pub by_detail: HashMap<String, Vec<String>>,
    pub by_holder: HashMap<String, Vec<String>>,
    /// Detail ids per kind.
    pub by_kind: HashMap<DetailKind, Vec<String>>,
}

impl Index {
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Detail(d) => {
                if !self.details.contains_key(&d.id) {
                    self.by_kind.entry(d.kind).or_default().push(d.id.clone());
                }
                self.details.insert(d.id.clone(), d);
            }
            Change::Holder(h) => {
                self.holders.insert(h.id.clone(), h);
            }
            Change::Disclosure(x) => {
                if !self.disclosures.contains_key(&x.id) {
                    self.by_detail
                        .entry(x.detail_id.clone())
                        .or_default()
                        .push(x.id.clone());
                    self.by_holder
                        .entry(x.holder_id.clone())
                        .or_default()
                        .push(x.id.clone());
                }
                self.disclosures.insert(x.id.clone(), x);
            }
        }
    }

    pub fn disclosures_of_detail(&self, detail_id: &str) -> impl Iterator<Item = &Disclosure> {
        self.lookup(self.by_detail.get(detail_id))
    }

    pub fn disclosures_of_holder(&self, holder_id: &str) -> impl Iterator<Item = &Disclosure> {
        self.lookup(self.by_holder.get(holder_id))
    }

    pub fn details_of_kind(&self, kind: DetailKind) -> impl Iterator<Item = &Detail> {
        self.by_kind
            .get(&kind)
            .into_iter()
            .flatten()
            .filter_map(|id| self.details.get(id))
    }

    fn lookup<'a>(&'a self, ids: Option<&'a Vec<String>>) -> impl Iterator<Item = &'a Disclosure> {
        ids.into_iter()
            .flatten()
            .filter_map(|id| self.disclosures.get(id))
    }
}
