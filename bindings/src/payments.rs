//! Before you pay (issue 6) across FFI: the payee book and checks, as one object over the vault.
//! Thin: every rule lives in `vigil_core::payments`.

use std::{sync::Arc, time::SystemTime};

use time::OffsetDateTime;
use vigil_core::{
    payments::{
        engine::{self, StepInput},
        evidence::{evidence_pack, EvidencePack},
        history::{history, stats, PaymentStats},
        money::Money,
        payee::{
            add_payee, add_phone, list_payees, remove_payee, remove_phone, rename_payee, NewPayee,
            PayeeSummary, PhoneSource,
        },
        red_flags::{request_text_flags, RedFlag},
        reminders::{due_reminders, Reminder},
        request::RequestInput,
        settings::set_threshold,
        view::{show_check, CheckView},
    },
    Locale,
};

use crate::{vault::Vault, ApiError};

#[derive(uniffi::Object)]
pub struct Payments {
    vault: Arc<Vault>,
}

fn at(now: SystemTime) -> OffsetDateTime {
    OffsetDateTime::from(now)
}

#[uniffi::export]
impl Payments {
    #[uniffi::constructor]
    pub fn new(vault: Arc<Vault>) -> Arc<Self> {
        Arc::new(Payments { vault })
    }

    /// Adds a payee with a call-back number the user got themselves; returns its id.
    pub fn add_payee(&self, payee: NewPayee, now: SystemTime) -> Result<String, ApiError> {
        Ok(add_payee(self.vault.core(), payee, at(now))?)
    }

    pub fn list_payees(&self) -> Result<Vec<PayeeSummary>, ApiError> {
        Ok(list_payees(self.vault.core())?
            .iter()
            .map(PayeeSummary::from)
            .collect())
    }

    /// Adds another call-back number the user got themselves.
    pub fn add_payee_phone(
        &self,
        payee_id: String,
        phone: String,
        source: PhoneSource,
        now: SystemTime,
    ) -> Result<(), ApiError> {
        Ok(add_phone(
            self.vault.core(),
            &payee_id,
            &phone,
            source,
            at(now),
        )?)
    }

    /// Forgets a number that no longer reaches the payee; the last one stays.
    pub fn remove_payee_phone(&self, payee_id: String, phone: String) -> Result<(), ApiError> {
        Ok(remove_phone(self.vault.core(), &payee_id, &phone)?)
    }

    pub fn rename_payee(&self, payee_id: String, name: String) -> Result<(), ApiError> {
        Ok(rename_payee(self.vault.core(), &payee_id, &name)?)
    }

    /// Removes a payee; refused while an open check relies on it.
    pub fn remove_payee(&self, payee_id: String) -> Result<(), ApiError> {
        Ok(remove_payee(self.vault.core(), &payee_id)?)
    }

    /// Creates a check from a request: its required steps, red flags and advice.
    pub fn check(
        &self,
        request: RequestInput,
        now: SystemTime,
        locale: Locale,
    ) -> Result<CheckView, ApiError> {
        let check = engine::create_check(self.vault.core(), &request, at(now))?;
        self.show(check.id, locale)
    }

    /// Records what the user did for `step` (its code).
    pub fn record_step(
        &self,
        check_id: String,
        step: String,
        input: StepInput,
        now: SystemTime,
        locale: Locale,
    ) -> Result<CheckView, ApiError> {
        engine::record_step(self.vault.core(), &check_id, &step, &input, at(now))?;
        self.show(check_id, locale)
    }

    pub fn show(&self, check_id: String, locale: Locale) -> Result<CheckView, ApiError> {
        Ok(show_check(self.vault.core(), &check_id, locale)?)
    }

    /// Skips the open steps with a typed reason, kept in the audit trail.
    pub fn override_check(
        &self,
        check_id: String,
        reason: String,
        now: SystemTime,
        locale: Locale,
    ) -> Result<CheckView, ApiError> {
        engine::override_check(self.vault.core(), &check_id, &reason, at(now))?;
        self.show(check_id, locale)
    }

    pub fn mark_sent(
        &self,
        check_id: String,
        now: SystemTime,
        locale: Locale,
    ) -> Result<CheckView, ApiError> {
        engine::mark_sent(self.vault.core(), &check_id, at(now))?;
        self.show(check_id, locale)
    }

    pub fn mark_completed(
        &self,
        check_id: String,
        now: SystemTime,
        locale: Locale,
    ) -> Result<CheckView, ApiError> {
        engine::mark_completed(self.vault.core(), &check_id, at(now))?;
        self.show(check_id, locale)
    }

    pub fn mark_cancelled(
        &self,
        check_id: String,
        now: SystemTime,
        locale: Locale,
    ) -> Result<CheckView, ApiError> {
        engine::mark_cancelled(self.vault.core(), &check_id, at(now))?;
        self.show(check_id, locale)
    }

    pub fn abandon(
        &self,
        check_id: String,
        now: SystemTime,
        locale: Locale,
    ) -> Result<CheckView, ApiError> {
        engine::abandon(self.vault.core(), &check_id, at(now))?;
        self.show(check_id, locale)
    }

    /// Every pending reminder, soonest first, for the shell to schedule.
    pub fn due_reminders(
        &self,
        now: SystemTime,
        locale: Locale,
    ) -> Result<Vec<Reminder>, ApiError> {
        Ok(due_reminders(self.vault.core(), at(now), locale)?)
    }

    /// The evidence pack for the police or the bank. Returned only; never sent.
    pub fn evidence_pack(
        &self,
        check_id: String,
        now: SystemTime,
        locale: Locale,
    ) -> Result<EvidencePack, ApiError> {
        Ok(evidence_pack(
            self.vault.core(),
            &check_id,
            at(now),
            locale,
        )?)
    }

    pub fn history(&self, locale: Locale) -> Result<Vec<CheckView>, ApiError> {
        Ok(history(self.vault.core(), locale)?)
    }

    pub fn stats(&self) -> Result<PaymentStats, ApiError> {
        Ok(stats(self.vault.core())?)
    }

    /// Sets the amount (a plain decimal string) above which transfers in `currency` are delayed.
    pub fn set_threshold(&self, amount: String, currency: String) -> Result<(), ApiError> {
        set_threshold(self.vault.core(), Money::parse(&amount, &currency)?)?;
        Ok(())
    }
}

/// Red flags in a request text, without storing anything (for a live hint while typing).
#[uniffi::export]
pub fn payment_text_red_flags(text: String) -> Vec<RedFlag> {
    request_text_flags(&text)
}
