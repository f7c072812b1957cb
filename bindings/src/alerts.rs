//! Safety alerts across FFI: an `Alerts` object over the vault, plus a foreign listener that
//! drives the shell's sync progress bar.

use std::{sync::Arc, time::SystemTime};

use time::{OffsetDateTime, UtcOffset};
use vigil_core::{
    alerts::{
        self, trust, view, AlertFilter, AlertList, AlertSummary, FeedReport, FeedStatus,
        PushOutcome, QuietHours, ReadState, RelevanceProfile, SmsCheck, SyncOptions, SyncReport,
    },
    Locale,
};

use crate::{ApiError, Vault};

/// Implemented by the shells: bytes received so far for `url` (`total_bytes` is 0 when the
/// server did not announce a length). Called on the syncing thread.
#[uniffi::export(with_foreign)]
pub trait SyncProgressListener: Send + Sync {
    fn on_progress(&self, url: String, received_bytes: u64, total_bytes: u64);
}

#[derive(uniffi::Object)]
pub struct Alerts {
    vault: Arc<Vault>,
}

fn at(now: SystemTime) -> OffsetDateTime {
    OffsetDateTime::from(now)
}

#[uniffi::export]
impl Alerts {
    #[uniffi::constructor]
    pub fn new(vault: Arc<Vault>) -> Arc<Self> {
        Arc::new(Alerts { vault })
    }

    /// Trust a minisign public key (`RW…`) for the given CAP senders (`@domain` for a whole
    /// domain; empty: any sender no other publisher claims). Returns the publisher id.
    pub fn trust(
        &self,
        name: String,
        public_key: String,
        scope: Vec<String>,
    ) -> Result<String, ApiError> {
        Ok(trust::trust(self.vault.core(), &name, &public_key, &scope)?.id)
    }

    pub fn revoke(&self, publisher_id: String) -> Result<(), ApiError> {
        Ok(trust::revoke(self.vault.core(), &publisher_id)?)
    }

    /// Each publisher's freshness; `stale_since` is set once its feed's signed expiry passed.
    pub fn feed_status(&self, now: SystemTime) -> Result<Vec<FeedStatus>, ApiError> {
        Ok(alerts::feed_status(self.vault.core(), at(now))?)
    }

    /// A feed file and its `.minisig` text, e.g. opened by the user.
    pub fn import_feed(
        &self,
        feed: Vec<u8>,
        signature: String,
        now: SystemTime,
    ) -> Result<FeedReport, ApiError> {
        Ok(alerts::ingest_feed(
            self.vault.core(),
            &feed,
            &signature,
            at(now),
        )?)
    }

    /// An FCM/APNs payload, as received.
    pub fn ingest_push(&self, payload: Vec<u8>, now: SystemTime) -> Result<PushOutcome, ApiError> {
        Ok(alerts::ingest_push(self.vault.core(), &payload, at(now))?)
    }

    pub fn ingest_sms(
        &self,
        sender: String,
        body: String,
        received_at: SystemTime,
        locale: Locale,
    ) -> Result<SmsCheck, ApiError> {
        Ok(alerts::ingest_sms(
            self.vault.core(),
            &sender,
            &body,
            at(received_at),
            locale,
        )?)
    }

    /// Sync `url` (subscribing to it) or, without one, every subscribed feed.
    pub fn sync(
        &self,
        url: Option<String>,
        now: SystemTime,
        options: Option<SyncOptions>,
        listener: Option<Arc<dyn SyncProgressListener>>,
    ) -> Result<Vec<SyncReport>, ApiError> {
        let options = options.unwrap_or_default();
        let label = url.clone().unwrap_or_default();
        let mut progress = |done, total| {
            if let Some(l) = &listener {
                l.on_progress(label.clone(), done, total);
            }
        };
        let store = self.vault.core();
        Ok(match url {
            Some(url) => vec![alerts::sync_url(
                store,
                &url,
                at(now),
                &options,
                &mut progress,
            )?],
            None => alerts::sync_all(store, at(now), &options, &mut progress)?,
        })
    }

    pub fn list(
        &self,
        filter: AlertFilter,
        locale: Locale,
        now: SystemTime,
        profile: RelevanceProfile,
    ) -> Result<AlertList, ApiError> {
        Ok(view::list(
            self.vault.core(),
            &filter,
            locale,
            at(now),
            &profile,
        )?)
    }

    pub fn get(
        &self,
        id: String,
        locale: Locale,
        now: SystemTime,
        profile: RelevanceProfile,
    ) -> Result<AlertSummary, ApiError> {
        Ok(view::get(
            self.vault.core(),
            &id,
            locale,
            at(now),
            &profile,
        )?)
    }

    pub fn set_state(&self, id: String, state: ReadState) -> Result<(), ApiError> {
        Ok(view::set_state(self.vault.core(), &id, state)?)
    }
}

/// Whether to interrupt the user for `alert` now; quiet hours are in local time, given by the
/// device's current UTC offset.
#[uniffi::export]
pub fn alerts_should_notify(
    alert: AlertSummary,
    quiet_hours: Option<QuietHours>,
    now: SystemTime,
    utc_offset_minutes: i32,
) -> Result<bool, ApiError> {
    let offset = UtcOffset::from_whole_seconds(utc_offset_minutes.saturating_mul(60))
        .map_err(|_| ApiError::from(vigil_core::Error::invalid("reason-utc-offset")))?;
    Ok(alerts::should_notify(
        &alert,
        quiet_hours,
        at(now).to_offset(offset),
    ))
}

/// The defaults a sync uses (30 s timeout, 8 MiB cap, 3 tries).
#[uniffi::export]
pub fn default_sync_options() -> SyncOptions {
    SyncOptions::default()
}
