//! What the user sees: summaries in their language, filters, search, read state.

use serde::Serialize;
use time::OffsetDateTime;

use super::{
    cap::{CapCategory, CapMsgType, CapSeverity, CapStatus},
    inbox::{Door, ReadState, StoredAlert},
    relevance::{self, family_of, RelevanceProfile},
    trust::Publisher,
};
use crate::{
    screening::Family,
    vault::{Store, TxnExt},
    Error, Locale, Result,
};

/// Which alerts a list shows. Tests and exercises never mix with real alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AlertView {
    /// Real (`Actual`) alerts that are in force and not archived.
    #[default]
    Active,
    /// Every real alert: expired, withdrawn, superseded and archived included.
    All,
    /// CapStatus `Exercise`, `Test`, `System` or `Draft`: never shown as real.
    Exercises,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AlertFilter {
    pub view: AlertView,
    pub category: Option<CapCategory>,
    /// Only alerts at least this severe.
    pub min_severity: Option<CapSeverity>,
    /// A scam family (`x-antifraud` eventCode value).
    pub family: Option<Family>,
    /// Case-insensitive words that must all appear in the headline, event, description or area.
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AlertSummary {
    pub id: String,
    pub identifier: String,
    pub sender: String,
    pub sent: String,
    pub msg_type: String,
    pub status: String,
    pub active: bool,
    pub withdrawn: bool,
    pub superseded: bool,
    pub state: ReadState,
    pub door: Door,
    /// Covered by a trusted signature (feed or push); SMS never is.
    pub verified: bool,
    pub language: String,
    pub event: String,
    pub headline: Option<String>,
    pub description: Option<String>,
    pub instruction: Option<String>,
    pub web: Option<String>,
    pub categories: Vec<String>,
    pub severity: CapSeverity,
    pub urgency: String,
    /// The scam family of a fraud warning whose code Vigil knows.
    pub family: Option<Family>,
    pub areas: Vec<String>,
    pub expires: Option<String>,
    /// Higher first; see [`relevance`].
    pub relevance: u32,
    /// Whether it touches the user's own inventory or a scam family they met.
    pub personally_relevant: bool,
}

/// Whether a stored alert is in force at `now`.
pub fn is_active(stored: &StoredAlert, now: OffsetDateTime, revoked: bool) -> bool {
    let alert = &stored.alert;
    alert.status == CapStatus::Actual
        && matches!(alert.msg_type, CapMsgType::Alert | CapMsgType::Update)
        && !stored.withdrawn
        && stored.superseded_by.is_none()
        && !revoked
        && alert.expires().is_none_or(|e| e > now)
}

pub fn summarize(
    stored: &StoredAlert,
    revoked: bool,
    locale: Locale,
    now: OffsetDateTime,
    profile: &RelevanceProfile,
) -> AlertSummary {
    let alert = &stored.alert;
    let info = alert.info_for(locale);
    let (relevance, personally_relevant) = relevance::score(alert, locale, profile);
    AlertSummary {
        id: stored.id.clone(),
        identifier: alert.identifier.clone(),
        sender: alert.sender.clone(),
        sent: super::rfc3339(alert.sent),
        msg_type: alert.msg_type.as_cap().to_owned(),
        status: alert.status.as_cap().to_owned(),
        active: is_active(stored, now, revoked),
        withdrawn: stored.withdrawn,
        superseded: stored.superseded_by.is_some(),
        state: stored.state,
        door: stored.door,
        verified: stored.publisher_id.is_some(),
        language: info.map(|i| i.language.clone()).unwrap_or_default(),
        event: info.map(|i| i.event.clone()).unwrap_or_default(),
        headline: info.and_then(|i| i.headline.clone()),
        description: info.and_then(|i| i.description.clone()),
        instruction: info.and_then(|i| i.instruction.clone()),
        web: info.and_then(|i| i.web.clone()),
        categories: info
            .map(|i| i.categories.iter().map(|c| c.as_cap().to_owned()).collect())
            .unwrap_or_default(),
        severity: info.map_or(CapSeverity::Unknown, |i| i.severity),
        urgency: info.map_or("Unknown", |i| i.urgency.as_cap()).to_owned(),
        family: family_of(alert),
        areas: info
            .map(|i| i.areas.iter().map(|a| a.description.clone()).collect())
            .unwrap_or_default(),
        expires: alert.expires().map(super::rfc3339),
        relevance,
        personally_relevant,
    }
}

/// What a list of alerts shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AlertList {
    pub alerts: Vec<AlertSummary>,
    /// Stored alerts that could not be read (damaged or altered on disk), left out of `alerts`
    /// rather than hiding every other one; `vault verify` names them.
    pub damaged: u64,
}

/// Alerts matching `filter`, most relevant first, then newest first.
pub fn list<S: Store>(
    store: &S,
    filter: &AlertFilter,
    locale: Locale,
    now: OffsetDateTime,
    profile: &RelevanceProfile,
) -> Result<AlertList> {
    let ((alerts, damaged), publishers) =
        store.read(|txn| Ok((txn.list_intact::<StoredAlert>()?, txn.list::<Publisher>()?)))?;
    let revoked = |stored: &StoredAlert| {
        stored
            .publisher_id
            .as_ref()
            .is_some_and(|id| publishers.iter().any(|p| &p.id == id && p.revoked))
    };
    let words: Vec<String> = filter
        .text
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<AlertSummary> = alerts
        .iter()
        .filter(|s| match filter.view {
            AlertView::Exercises => s.alert.status != CapStatus::Actual,
            AlertView::All => s.alert.status == CapStatus::Actual,
            AlertView::Active => s.state != ReadState::Archived,
        })
        .map(|s| summarize(s, revoked(s), locale, now, profile))
        .filter(|s| filter.view != AlertView::Active || s.active)
        .filter(|s| {
            filter
                .category
                .is_none_or(|c| s.categories.iter().any(|x| x == c.as_cap()))
        })
        .filter(|s| filter.min_severity.is_none_or(|m| s.severity <= m))
        .filter(|s| filter.family.is_none_or(|f| s.family == Some(f)))
        .filter(|s| words.iter().all(|w| haystack(s).contains(w.as_str())))
        .collect();
    out.sort_by(|a, b| {
        b.relevance
            .cmp(&a.relevance)
            .then_with(|| b.sent.cmp(&a.sent))
    });
    Ok(AlertList {
        alerts: out,
        damaged,
    })
}

fn haystack(s: &AlertSummary) -> String {
    let parts = [
        Some(&s.event),
        s.headline.as_ref(),
        s.description.as_ref(),
        Some(&s.sender),
    ];
    let mut text: Vec<&str> = parts.into_iter().flatten().map(String::as_str).collect();
    text.extend(s.areas.iter().map(String::as_str));
    text.join("\n").to_lowercase()
}

/// One alert by record id.
pub fn get<S: Store>(
    store: &S,
    id: &str,
    locale: Locale,
    now: OffsetDateTime,
    profile: &RelevanceProfile,
) -> Result<AlertSummary> {
    store.read(|txn| {
        let stored: StoredAlert = txn.require(id, "reason-thing-alert")?;
        let revoked = match &stored.publisher_id {
            Some(pid) => txn.get::<Publisher>(pid)?.is_some_and(|p| p.revoked),
            None => false,
        };
        Ok(summarize(&stored, revoked, locale, now, profile))
    })
}

/// Move an alert to `state`. Archived alerts can be restored to read, and read to unread.
pub fn set_state<S: Store>(store: &S, id: &str, state: ReadState) -> Result<()> {
    store.write(|txn| {
        let mut stored: StoredAlert = txn.require(id, "reason-thing-alert")?;
        if stored.state == state {
            return Ok(());
        }
        if stored.state == ReadState::Archived && state == ReadState::Unread {
            return Err(Error::InvalidTransition {
                from: "archived",
                to: "unread",
            });
        }
        stored.state = state;
        txn.put(&stored)
    })
}
