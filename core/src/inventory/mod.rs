//! Exposure inventory (issue 4): who holds which of the user's details, since when and why;
//! exposure score, risky patterns, leak tracing, breach impact, deletion letters, import, search.
//!
//! Data lives in the vault through [`Store`] (records [`Detail`], [`Holder`], [`Disclosure`],
//! plus deletion requests and incidents). [`Inventory`] answers questions from an in-memory index
//! (see [`index`] for why) and routes every write through the store first.
//!
//! ```ignore
//! let inventory = Inventory::load(&store)?;
//! let id = inventory.add_detail(&store, &NewDetail::new(DetailKind::Phone, "13812345678"), now)?.id;
//! ```

pub mod breach;
pub mod detail;
pub mod disclosure;
pub mod holder;
pub mod import;
mod index;
pub mod letters;
pub mod patterns;
pub mod score;
pub mod search;
pub mod trace;
mod view;

use std::sync::{RwLock, RwLockReadGuard};

use time::OffsetDateTime;

pub use detail::{Detail, DetailKind, Sensitivity};
pub use disclosure::{Disclosure, DisclosureChannel, DisclosureStatus, StatusChange};
pub use holder::{Breach, BreachSource, Holder, HolderCategory};
pub use view::{DetailView, HolderView, Holding};

use crate::error::{Error, ReasonArg, Result};
use crate::screening::ProtectedTarget;
use crate::vault::{new_id, Store, Txn, TxnExt};
use index::{Change, Index};

/// A detail to add.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewDetail {
    pub kind: DetailKind,
    pub value: String,
    pub label: Option<String>,
    /// Keep a value the kind's validator rejects (a foreign ID number).
    pub unchecked: bool,
}

impl NewDetail {
    pub fn new(kind: DetailKind, value: &str) -> Self {
        NewDetail {
            kind,
            value: value.to_owned(),
            label: None,
            unchecked: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewHolder {
    pub name: String,
    pub category: HolderCategory,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    /// The user's own phone (see [`patterns`]).
    pub own_device: bool,
}

impl NewHolder {
    pub fn new(name: &str, category: HolderCategory) -> Self {
        NewHolder {
            name: name.to_owned(),
            category,
            website: None,
            phone: None,
            notes: None,
            own_device: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewDisclosure {
    pub detail_id: String,
    pub holder_id: String,
    /// `YYYY-MM-DD`; `None` means today.
    pub date: Option<String>,
    pub channel: DisclosureChannel,
    pub purpose: Option<String>,
    pub necessary: bool,
    pub evidence: Option<String>,
}

impl NewDisclosure {
    pub fn new(detail_id: &str, holder_id: &str) -> Self {
        NewDisclosure {
            detail_id: detail_id.to_owned(),
            holder_id: holder_id.to_owned(),
            date: None,
            channel: DisclosureChannel::Unknown,
            purpose: None,
            necessary: true,
            evidence: None,
        }
    }
}

/// The id of an added detail, and whether it is new (an existing identical detail is reused).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AddedDetail {
    pub id: String,
    pub created: bool,
}

/// The user's inventory, answering from memory and writing through a [`Store`].
///
/// Pass the same store to every call that was given to [`Inventory::load`].
pub struct Inventory {
    index: RwLock<Index>,
}

impl Inventory {
    /// Decrypt the inventory once and index it (see [`index`]).
    pub fn load<S: Store>(store: &S) -> Result<Self> {
        let mut index = Index::default();
        store.read(|txn| {
            for d in txn.list::<Detail>()? {
                index.apply(Change::Detail(d));
            }
            for h in txn.list::<Holder>()? {
                index.apply(Change::Holder(h));
            }
            for x in txn.list::<Disclosure>()? {
                index.apply(Change::Disclosure(x));
            }
            Ok(())
        })?;
        Ok(Inventory {
            index: RwLock::new(index),
        })
    }

    pub(crate) fn index(&self) -> RwLockReadGuard<'_, Index> {
        // A panic while applying changes leaves whole records in place; the index stays usable.
        self.index
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Run `f` in one store transaction; when it commits, apply the changed records to the index.
    pub(crate) fn commit<S: Store, T>(
        &self,
        store: &S,
        f: impl FnOnce(&mut dyn Txn, &Index, &mut Vec<Change>) -> Result<T>,
    ) -> Result<T> {
        let mut index = self
            .index
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut changes = Vec::new();
        let out = store.write(|txn| f(txn, &index, &mut changes))?;
        for change in changes {
            index.apply(change);
        }
        Ok(out)
    }

    /// Add a detail, or return the existing one with the same kind and normalised value.
    pub fn add_detail<S: Store>(
        &self,
        store: &S,
        new: &NewDetail,
        now: OffsetDateTime,
    ) -> Result<AddedDetail> {
        self.commit(store, |txn, _, changes| put_detail(txn, new, now, changes))
    }

    pub fn add_holder<S: Store>(
        &self,
        store: &S,
        new: &NewHolder,
        now: OffsetDateTime,
    ) -> Result<String> {
        self.commit(store, |txn, _, changes| put_holder(txn, new, now, changes))
    }

    pub fn disclose<S: Store>(
        &self,
        store: &S,
        new: &NewDisclosure,
        now: OffsetDateTime,
    ) -> Result<String> {
        self.commit(store, |txn, _, changes| {
            put_disclosure(txn, new, now, changes)
        })
    }

    /// Change a disclosure's status by hand (e.g. the holder confirmed deletion).
    pub fn set_status<S: Store>(
        &self,
        store: &S,
        disclosure_id: &str,
        status: DisclosureStatus,
        now: OffsetDateTime,
    ) -> Result<()> {
        self.commit(store, |txn, _, changes| {
            let mut x: Disclosure = txn.require(disclosure_id, "reason-thing-disclosure")?;
            x.transition(status, now)?;
            txn.put(&x)?;
            changes.push(Change::Disclosure(x));
            Ok(())
        })
    }

    /// Remove a detail entered by mistake, with every disclosure of it. (To record that a holder
    /// deleted it, change the disclosure's status instead: that keeps the history.)
    pub fn remove_detail<S: Store>(&self, store: &S, detail_id: &str) -> Result<()> {
        self.commit(store, |txn, _, changes| {
            txn.require::<Detail>(detail_id, "reason-thing-detail")?;
            remove_disclosures(txn, "detail", detail_id, changes)?;
            txn.remove::<Detail>(detail_id)?;
            changes.push(Change::RemovedDetail(detail_id.to_owned()));
            Ok(())
        })
    }

    /// Remove a holder entered by mistake, with every disclosure to it.
    pub fn remove_holder<S: Store>(&self, store: &S, holder_id: &str) -> Result<()> {
        self.commit(store, |txn, _, changes| {
            txn.require::<Holder>(holder_id, "reason-thing-holder")?;
            remove_disclosures(txn, "holder", holder_id, changes)?;
            txn.remove::<Holder>(holder_id)?;
            changes.push(Change::RemovedHolder(holder_id.to_owned()));
            Ok(())
        })
    }

    pub fn detail(&self, id: &str) -> Result<DetailView> {
        let index = self.index();
        let (slot, d) = index
            .find_detail(id)
            .ok_or(Error::NotFound("reason-thing-detail"))?;
        Ok(DetailView::of(slot, d, &index))
    }

    pub fn holder(&self, id: &str) -> Result<HolderView> {
        let index = self.index();
        let (slot, h) = index
            .find_holder(id)
            .ok_or(Error::NotFound("reason-thing-holder"))?;
        Ok(HolderView::of(slot, h, &index))
    }

    /// Every detail, most sensitive first, then by kind.
    pub fn details(&self) -> Vec<DetailView> {
        let index = self.index();
        let mut out: Vec<_> = index
            .details()
            .map(|(slot, d)| DetailView::of(slot, d, &index))
            .collect();
        out.sort_by(|a, b| {
            b.sensitivity
                .cmp(&a.sensitivity)
                .then(a.kind.cmp(&b.kind))
                .then(a.id.cmp(&b.id))
        });
        out
    }

    /// Every holder, by name.
    pub fn holders(&self) -> Vec<HolderView> {
        let index = self.index();
        let mut out: Vec<_> = index
            .holders()
            .map(|(slot, h)| HolderView::of(slot, h, &index))
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        out
    }

    /// Who holds this detail: one entry per disclosure, latest first.
    pub fn who_has_detail(&self, detail_id: &str) -> Result<Vec<Holding>> {
        let index = self.index();
        let (slot, _) = index
            .find_detail(detail_id)
            .ok_or(Error::NotFound("reason-thing-detail"))?;
        Ok(view::holdings(
            &index,
            index.of_detail(slot).iter().copied(),
        ))
    }

    /// Who holds any detail of this kind.
    pub fn who_has_kind(&self, kind: DetailKind) -> Vec<Holding> {
        let index = self.index();
        let disclosures = index
            .details_of_kind(kind)
            .flat_map(|(slot, _)| index.of_detail(slot).iter().copied());
        view::holdings(&index, disclosures)
    }

    /// What this holder has.
    pub fn holdings_of(&self, holder_id: &str) -> Result<Vec<Holding>> {
        let index = self.index();
        let (slot, _) = index
            .find_holder(holder_id)
            .ok_or(Error::NotFound("reason-thing-holder"))?;
        Ok(view::holdings(
            &index,
            index.of_holder(slot).iter().copied(),
        ))
    }
}

fn remove_disclosures(
    txn: &mut dyn Txn,
    term: &str,
    id: &str,
    changes: &mut Vec<Change>,
) -> Result<()> {
    for x in txn.find::<Disclosure>(term, id)? {
        txn.remove::<Disclosure>(&x.id)?;
        changes.push(Change::RemovedDisclosure(x.id));
    }
    Ok(())
}

/// Moves every disclosure `holder_id` has in one of the `from` states to `to`, through the blind
/// index (authoritative, not the cache). Returns how many moved and every disclosure now in `to`,
/// including those that already were.
pub(crate) fn move_holder_disclosures(
    txn: &mut dyn Txn,
    holder_id: &str,
    from: &[DisclosureStatus],
    to: DisclosureStatus,
    now: OffsetDateTime,
    changes: &mut Vec<Change>,
) -> Result<(u32, Vec<Disclosure>)> {
    let mut moved = 0u32;
    let mut in_target = Vec::new();
    for mut x in txn.find::<Disclosure>("holder", holder_id)? {
        if from.contains(&x.status) {
            x.transition(to, now)?;
            txn.put(&x)?;
            moved += 1;
            changes.push(Change::Disclosure(x.clone()));
        }
        if x.status == to {
            in_target.push(x);
        }
    }
    Ok((moved, in_target))
}

/// `field_id` is the message naming the field in a refusal.
fn clean_text(
    raw: Option<&str>,
    field_id: &'static str,
    max_chars: usize,
) -> Result<Option<String>> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max_chars {
        return Err(Error::invalid_with(
            "reason-text-too-long",
            [
                ("field", ReasonArg::message(field_id)),
                ("max", max_chars.into()),
            ],
        ));
    }
    Ok(Some(text.to_owned()))
}

pub(crate) fn put_detail(
    txn: &mut dyn Txn,
    new: &NewDetail,
    now: OffsetDateTime,
    changes: &mut Vec<Change>,
) -> Result<AddedDetail> {
    let value = detail::normalise(new.kind, &new.value, new.unchecked)?;
    let label = clean_text(new.label.as_deref(), "reason-field-label", 100)?;
    if new.kind == DetailKind::Other && label.is_none() {
        return Err(Error::invalid("reason-other-needs-label"));
    }
    let term = Detail::value_term(new.kind, &value.value);
    if let Some(existing) = txn
        .find::<Detail>("value", &term)?
        .into_iter()
        .find(|d| d.label == label)
    {
        return Ok(AddedDetail {
            id: existing.id,
            created: false,
        });
    }
    let detail = Detail {
        id: new_id(),
        kind: new.kind,
        label,
        value: value.value,
        checked: value.checked,
        created_at: now,
    };
    txn.put(&detail)?;
    let id = detail.id.clone();
    changes.push(Change::Detail(detail));
    Ok(AddedDetail { id, created: true })
}

pub(crate) fn put_holder(
    txn: &mut dyn Txn,
    new: &NewHolder,
    now: OffsetDateTime,
    changes: &mut Vec<Change>,
) -> Result<String> {
    let website = clean_text(new.website.as_deref(), "reason-field-website", 300)?
        .map(|w| holder::normalise_website(&w))
        .transpose()?;
    let phone = clean_text(new.phone.as_deref(), "reason-field-phone", 40)?
        .map(|p| holder::normalise_holder_phone(&p))
        .transpose()?;
    let holder = Holder {
        id: new_id(),
        name: holder::normalise_name(&new.name)?,
        category: new.category,
        website,
        phone,
        notes: clean_text(new.notes.as_deref(), "reason-field-notes", 2000)?,
        own_device: new.own_device,
        breach: None,
        created_at: now,
    };
    txn.put(&holder)?;
    let id = holder.id.clone();
    changes.push(Change::Holder(holder));
    Ok(id)
}

pub(crate) fn put_disclosure(
    txn: &mut dyn Txn,
    new: &NewDisclosure,
    now: OffsetDateTime,
    changes: &mut Vec<Change>,
) -> Result<String> {
    txn.require::<Detail>(&new.detail_id, "reason-thing-detail")?;
    let holder: Holder = txn.require(&new.holder_id, "reason-thing-holder")?;
    let date = match new.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => disclosure::parse_date(d)?,
        None => now.date(),
    };
    let mut x = Disclosure {
        id: new_id(),
        detail_id: new.detail_id.clone(),
        holder_id: new.holder_id.clone(),
        date,
        channel: new.channel,
        purpose: clean_text(new.purpose.as_deref(), "reason-field-purpose", 500)?,
        necessary: new.necessary,
        status: DisclosureStatus::Active,
        evidence: clean_text(new.evidence.as_deref(), "reason-field-evidence", 2000)?,
        history: Vec::new(),
    };
    // Giving a detail to a holder already known to be breached: it is exposed from the start.
    if let Some(breach) = &holder.breach {
        x.transition(DisclosureStatus::Breached, breach.at.max(now))?;
    }
    txn.put(&x)?;
    let id = x.id.clone();
    changes.push(Change::Disclosure(x));
    Ok(id)
}

/// Holders' official websites as protected targets for link screening: a link imitating the
/// domain, or naming one of the holders using it, deserves a warning. One target per domain,
/// with the names of every holder using it; sorted by domain.
pub fn protected_targets<S: Store>(store: &S) -> Result<Vec<ProtectedTarget>> {
    let holders = store.read(|txn| txn.list::<Holder>())?;
    let mut by_domain: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for h in holders {
        if let Some(domain) = h.website {
            let names = by_domain.entry(domain).or_default();
            if !names.contains(&h.name) {
                names.push(h.name);
            }
        }
    }
    Ok(by_domain
        .into_iter()
        .map(|(domain, names)| ProtectedTarget { domain, names })
        .collect())
}

#[cfg(test)]
pub(crate) mod tests;
