//! The exposure inventory across the FFI: `Inventory.new(vault)`, then questions and writes.
//!
//! The core answers from an index built on construction (see `vigil_core::inventory`); every
//! call first checks the vault is still unlocked, so a locked vault refuses to answer from
//! memory. Shells should drop the object when the vault locks, to free the plaintext index.

use std::sync::Arc;

use vigil_core::inventory::{
    breach::BreachImpact,
    import::{InventoryImportFormat, InventoryImportReport},
    letters::{DeletionLaw, DeletionLetter, DeletionReminder, DeletionRequestStatus},
    patterns::RiskyPattern,
    score::ExposureReport,
    search::{InventoryEvent, InventorySearchHit},
    trace::{LeakTrace, QuotedDetail},
    AddedDetail, BreachSource, DetailKind, DetailView, DisclosureStatus, HolderView, Holding,
    NewDetail, NewDisclosure, NewHolder,
};
use vigil_core::{vault::Store, Locale};

use crate::{vault::Vault, ApiError};

#[derive(uniffi::Object)]
pub struct Inventory {
    vault: Arc<Vault>,
    inner: vigil_core::inventory::Inventory,
}

impl Inventory {
    /// The vault, once it is known to be unlocked (an empty read transaction checks it).
    fn unlocked(&self) -> Result<&vigil_core::vault::Vault, ApiError> {
        let vault = self.vault.core();
        vault.read(|_| Ok(()))?;
        Ok(vault)
    }
}

#[uniffi::export]
impl Inventory {
    /// Decrypt and index the inventory of an unlocked vault.
    #[uniffi::constructor]
    pub fn new(vault: Arc<Vault>) -> Result<Arc<Self>, ApiError> {
        let inner = vigil_core::inventory::Inventory::load(vault.core())?;
        Ok(Arc::new(Inventory { vault, inner }))
    }

    pub fn add_detail(
        &self,
        detail: NewDetail,
        now: std::time::SystemTime,
    ) -> Result<AddedDetail, ApiError> {
        Ok(self
            .inner
            .add_detail(self.unlocked()?, &detail, now.into())?)
    }

    pub fn add_holder(
        &self,
        holder: NewHolder,
        now: std::time::SystemTime,
    ) -> Result<String, ApiError> {
        Ok(self
            .inner
            .add_holder(self.unlocked()?, &holder, now.into())?)
    }

    pub fn disclose(
        &self,
        disclosure: NewDisclosure,
        now: std::time::SystemTime,
    ) -> Result<String, ApiError> {
        Ok(self
            .inner
            .disclose(self.unlocked()?, &disclosure, now.into())?)
    }

    pub fn set_status(
        &self,
        disclosure_id: String,
        status: DisclosureStatus,
        now: std::time::SystemTime,
    ) -> Result<(), ApiError> {
        Ok(self
            .inner
            .set_status(self.unlocked()?, &disclosure_id, status, now.into())?)
    }

    pub fn remove_detail(&self, detail_id: String) -> Result<(), ApiError> {
        Ok(self.inner.remove_detail(self.unlocked()?, &detail_id)?)
    }

    pub fn remove_holder(&self, holder_id: String) -> Result<(), ApiError> {
        Ok(self.inner.remove_holder(self.unlocked()?, &holder_id)?)
    }

    pub fn details(&self) -> Result<Vec<DetailView>, ApiError> {
        self.unlocked()?;
        Ok(self.inner.details())
    }

    pub fn holders(&self) -> Result<Vec<HolderView>, ApiError> {
        self.unlocked()?;
        Ok(self.inner.holders())
    }

    pub fn who_has_detail(&self, detail_id: String) -> Result<Vec<Holding>, ApiError> {
        self.unlocked()?;
        Ok(self.inner.who_has_detail(&detail_id)?)
    }

    pub fn who_has_kind(&self, kind: DetailKind) -> Result<Vec<Holding>, ApiError> {
        self.unlocked()?;
        Ok(self.inner.who_has_kind(kind))
    }

    pub fn holdings_of(&self, holder_id: String) -> Result<Vec<Holding>, ApiError> {
        self.unlocked()?;
        Ok(self.inner.holdings_of(&holder_id)?)
    }

    pub fn exposure(&self, locale: Locale) -> Result<ExposureReport, ApiError> {
        self.unlocked()?;
        Ok(self.inner.exposure(locale))
    }

    pub fn risky_patterns(&self, locale: Locale) -> Result<Vec<RiskyPattern>, ApiError> {
        self.unlocked()?;
        Ok(self.inner.risky_patterns(locale))
    }

    /// Rank the holders that could have leaked what a caller quoted, and record the incident.
    pub fn they_knew(
        &self,
        quoted: Vec<QuotedDetail>,
        note: Option<String>,
        now: std::time::SystemTime,
    ) -> Result<LeakTrace, ApiError> {
        Ok(self
            .inner
            .they_knew(self.unlocked()?, &quoted, note.as_deref(), now.into())?)
    }

    pub fn mark_breached(
        &self,
        holder_id: String,
        source: BreachSource,
        now: std::time::SystemTime,
        locale: Locale,
    ) -> Result<BreachImpact, ApiError> {
        Ok(self
            .inner
            .mark_breached(self.unlocked()?, &holder_id, source, now.into(), locale)?)
    }

    /// Apply every believable breach alert in the vault (see `Alerts`): each holder whose
    /// website one names is marked breached. Call it after `Alerts.import_feed`, `ingest_push`
    /// or `sync`; holders already marked are skipped, so repeating it is free of effects.
    pub fn apply_breach_alerts(
        &self,
        now: std::time::SystemTime,
        locale: Locale,
    ) -> Result<Vec<BreachImpact>, ApiError> {
        Ok(self
            .inner
            .apply_breach_alerts(self.unlocked()?, now.into(), locale)?)
    }

    pub fn request_deletion(
        &self,
        holder_id: String,
        law: DeletionLaw,
        now: std::time::SystemTime,
    ) -> Result<DeletionLetter, ApiError> {
        Ok(self
            .inner
            .request_deletion(self.unlocked()?, &holder_id, law, now.into())?)
    }

    pub fn close_request(
        &self,
        request_id: String,
        outcome: DeletionRequestStatus,
        now: std::time::SystemTime,
    ) -> Result<(), ApiError> {
        Ok(self
            .inner
            .close_request(self.unlocked()?, &request_id, outcome, now.into())?)
    }

    pub fn deletion_reminders(
        &self,
        now: std::time::SystemTime,
        locale: Locale,
    ) -> Result<Vec<DeletionReminder>, ApiError> {
        Ok(self
            .inner
            .deletion_reminders(self.unlocked()?, now.into(), locale)?)
    }

    /// Import CSV or JSON text: everything or, on any bad row, nothing (the error lists lines).
    pub fn import_text(
        &self,
        text: String,
        format: InventoryImportFormat,
        now: std::time::SystemTime,
    ) -> Result<InventoryImportReport, ApiError> {
        Ok(self
            .inner
            .import(self.unlocked()?, &text, format, now.into())?)
    }

    pub fn search(&self, query: String) -> Result<Vec<InventorySearchHit>, ApiError> {
        self.unlocked()?;
        Ok(self.inner.search(&query))
    }

    pub fn timeline(&self, locale: Locale) -> Result<Vec<InventoryEvent>, ApiError> {
        Ok(self.inner.timeline(self.unlocked()?, locale)?)
    }

    /// Holder websites, for link screening.
    pub fn protected_targets(
        &self,
    ) -> Result<Vec<vigil_core::screening::ProtectedTarget>, ApiError> {
        Ok(vigil_core::inventory::protected_targets(self.unlocked()?)?)
    }
}
