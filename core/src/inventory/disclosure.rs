//! Disclosures: one detail given to one holder, with when, how, why, and what became of it.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::codes::code_enum;
use crate::error::{Error, Result};
use crate::vault::Record;

code_enum! {
    /// How the detail reached the holder.
    DisclosureChannel, "reason-field-disclosure-channel" {
        OnlineForm => "online_form",
        AppSignup => "app_signup",
        PaperCopy => "paper_copy",
        IdPhoto => "id_photo",
        Verbal => "verbal",
        Screenshot => "screenshot",
        Unknown => "unknown",
    }
}

code_enum! {
    /// What became of the disclosure.
    DisclosureStatus, "reason-field-disclosure-status" {
        Active => "active",
        DeletionRequested => "deletion_requested",
        Deleted => "deleted",
        Breached => "breached",
    }
}

impl DisclosureStatus {
    /// Allowed moves. A breach is final for scoring purposes (the data is out), but the user may
    /// still ask the holder to delete what it keeps, so breached → deletion_requested is allowed;
    /// the breach stays in the history ([`Disclosure::was_breached`]).
    fn can_become(self, to: DisclosureStatus) -> bool {
        use DisclosureStatus::*;
        matches!(
            (self, to),
            (Active, DeletionRequested | Deleted | Breached)
                | (DeletionRequested, Deleted | Breached | Active)
                | (Breached, DeletionRequested | Deleted)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub from: DisclosureStatus,
    pub to: DisclosureStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosure {
    pub id: String,
    pub detail_id: String,
    pub holder_id: String,
    /// When the detail was given (a day: people rarely remember the hour).
    pub date: Date,
    pub channel: DisclosureChannel,
    pub purpose: Option<String>,
    /// Whether the user thinks the holder needed it (PIPL Art. 6: collection limited to the minimum).
    pub necessary: bool,
    pub status: DisclosureStatus,
    pub evidence: Option<String>,
    pub history: Vec<StatusChange>,
}

impl Disclosure {
    /// Move to `to`, recording the change. Impossible moves are `InvalidTransition`.
    pub fn transition(&mut self, to: DisclosureStatus, at: OffsetDateTime) -> Result<()> {
        if !self.status.can_become(to) {
            return Err(Error::InvalidTransition {
                from: self.status.as_str(),
                to: to.as_str(),
            });
        }
        self.history.push(StatusChange {
            at,
            from: self.status,
            to,
        });
        self.status = to;
        Ok(())
    }

    /// Whether the holder ever leaked it, even if it was deleted since.
    pub fn was_breached(&self) -> bool {
        self.status == DisclosureStatus::Breached
            || self
                .history
                .iter()
                .any(|c| c.to == DisclosureStatus::Breached)
    }

    /// Whether the holder still has (or had, when it leaked) the detail: what exposure counts.
    pub fn counts_for_exposure(&self) -> bool {
        self.status != DisclosureStatus::Deleted || self.was_breached()
    }
}

impl Record for Disclosure {
    const TABLE: &'static str = "inventory_disclosures";
    fn id(&self) -> &str {
        &self.id
    }
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        vec![
            ("detail", self.detail_id.clone()),
            ("holder", self.holder_id.clone()),
        ]
    }
}

/// Parse a `YYYY-MM-DD` date from the user.
pub fn parse_date(raw: &str) -> Result<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(raw.trim(), format).map_err(|_| Error::invalid("reason-date-format"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn disclosure() -> Disclosure {
        Disclosure {
            id: "d".into(),
            detail_id: "x".into(),
            holder_id: "h".into(),
            date: date!(2024 - 01 - 02),
            channel: DisclosureChannel::PaperCopy,
            purpose: None,
            necessary: true,
            status: DisclosureStatus::Active,
            evidence: None,
            history: vec![],
        }
    }

    #[test]
    fn transitions_are_recorded_and_impossible_ones_refused() {
        let mut d = disclosure();
        let t = datetime!(2025-01-01 0:00 UTC);
        d.transition(DisclosureStatus::Breached, t).unwrap();
        d.transition(DisclosureStatus::Deleted, t).unwrap();
        assert!(d.was_breached() && d.counts_for_exposure());
        assert_eq!(d.history.len(), 2);
        let e = d.transition(DisclosureStatus::Active, t).unwrap_err();
        assert!(matches!(
            e,
            Error::InvalidTransition {
                from: "deleted",
                to: "active"
            }
        ));
        let mut plain = disclosure();
        plain.transition(DisclosureStatus::Deleted, t).unwrap();
        assert!(!plain.counts_for_exposure());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-02-29").unwrap(), date!(2024 - 02 - 29));
        assert!(parse_date("2023-02-29").is_err());
    }
}
