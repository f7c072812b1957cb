//! Which alerts matter most to this user, and which deserve an interruption.
//!
//! An alert naming a holder or domain from the user's inventory, or a scam family they have
//! already met, is personally relevant and ranks above everything else; within each group,
//! severity then urgency decide. The profile is passed in: the inventory and screening history
//! live in their own features.

use time::OffsetDateTime;

use super::{
    cap::{Alert, CapSeverity, CapUrgency},
    view::AlertSummary,
};
use crate::{screening::Family, Locale};

/// The known scam family a fraud warning names (codes are case-insensitive on the wire).
pub fn family_of(alert: &Alert) -> Option<Family> {
    alert
        .fraud_family_code()
        .and_then(|code| Family::from_code(&code.trim().to_ascii_lowercase()))
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RelevanceProfile {
    /// Names of organisations holding the user's data (banks, shops, platforms).
    pub holders: Vec<String>,
    /// Domains of those holders (`icbc.com.cn`).
    pub domains: Vec<String>,
    /// Scam families the user has met (from screening).
    pub families_met: Vec<Family>,
}

/// Do not disturb between `start_minute` and `end_minute` (minutes after local midnight; the
/// window may wrap past midnight, e.g. 22:00–07:00 is 1320..420).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QuietHours {
    pub start_minute: u16,
    pub end_minute: u16,
}

impl QuietHours {
    /// Whether `now`, in its own offset (the user's local time), falls inside the window.
    pub fn contains(&self, now: OffsetDateTime) -> bool {
        let minute = u16::from(now.hour()) * 60 + u16::from(now.minute());
        if self.start_minute <= self.end_minute {
            (self.start_minute..self.end_minute).contains(&minute)
        } else {
            minute >= self.start_minute || minute < self.end_minute
        }
    }
}

const PERSONAL_BONUS: u32 = 100;

fn severity_weight(severity: CapSeverity) -> u32 {
    match severity {
        CapSeverity::Extreme => 40,
        CapSeverity::Severe => 30,
        CapSeverity::Moderate => 20,
        CapSeverity::Minor => 10,
        CapSeverity::Unknown => 5,
    }
}

fn urgency_weight(urgency: CapUrgency) -> u32 {
    match urgency {
        CapUrgency::Immediate => 8,
        CapUrgency::Expected => 4,
        CapUrgency::Future => 2,
        CapUrgency::Past | CapUrgency::Unknown => 0,
    }
}

/// The ranking score and whether the alert is personally relevant.
pub fn score(alert: &Alert, locale: Locale, profile: &RelevanceProfile) -> (u32, bool) {
    let Some(info) = alert.info_for(locale) else {
        return (0, false);
    };
    let family_met = family_of(alert).is_some_and(|f| profile.families_met.contains(&f));
    let text: String = [
        Some(&info.event),
        info.headline.as_ref(),
        info.description.as_ref(),
        info.web.as_ref(),
    ]
    .into_iter()
    .flatten()
    .chain(info.parameters.iter().map(|p| &p.value))
    .map(|t| t.to_lowercase())
    .collect::<Vec<_>>()
    .join("\n");
    let names_mine = profile
        .holders
        .iter()
        .chain(&profile.domains)
        .map(|n| n.trim().to_lowercase())
        .any(|n| n.chars().count() >= 2 && text.contains(&n));
    let personal = family_met || names_mine;
    let score = severity_weight(info.severity)
        + urgency_weight(info.urgency)
        + if personal { PERSONAL_BONUS } else { 0 };
    (score, personal)
}

/// Whether to interrupt the user now. Only unread, active, real alerts qualify. In quiet hours
/// only an extreme, immediate alert gets through; otherwise severe ones do, and moderate ones if
/// they are personally relevant or immediate.
pub fn should_notify(
    alert: &AlertSummary,
    quiet_hours: Option<QuietHours>,
    now: OffsetDateTime,
) -> bool {
    if !alert.active || alert.state != super::inbox::ReadState::Unread {
        return false;
    }
    let immediate = alert.urgency == CapUrgency::Immediate.as_cap();
    if quiet_hours.is_some_and(|q| q.contains(now)) {
        return alert.severity == CapSeverity::Extreme && immediate;
    }
    match alert.severity {
        CapSeverity::Extreme | CapSeverity::Severe => true,
        CapSeverity::Moderate => alert.personally_relevant || immediate,
        CapSeverity::Minor | CapSeverity::Unknown => alert.personally_relevant && immediate,
    }
}
