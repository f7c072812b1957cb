//! A remittance check as stored, and its state machine:
//! `draft` → `verifying` → `cleared` | `blocked` | `abandoned`, then `sent` → `completed` |
//! `cancelled`. Transitions happen only here; anything else is [`Error::InvalidTransition`].

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{money::Money, red_flags::RedFlag, request::RemittanceRequest, rules::StepCode};
use crate::codes::code_enum;
use crate::{error::Error, error::Result, vault::Record};

code_enum! {
    /// Where a check stands.
    Status, "reason-field-status" {
        Draft => "draft",
        Verifying => "verifying",
        Cleared => "cleared",
        Blocked => "blocked",
        Abandoned => "abandoned",
        Sent => "sent",
        Completed => "completed",
        Cancelled => "cancelled",
    }
}

impl Status {
    /// The edges of the state machine.
    fn may_become(self, to: Status) -> bool {
        use Status::*;
        matches!(
            (self, to),
            (Draft, Verifying | Abandoned)
                | (Verifying, Cleared | Blocked | Abandoned)
                | (Blocked, Verifying | Cleared | Abandoned)
                | (Cleared, Sent | Abandoned)
                | (Sent, Completed | Cancelled)
        )
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Abandoned | Status::Completed | Status::Cancelled
        )
    }
}

code_enum! {
    /// Where a step stands.
    StepState, "reason-field-step-state" {
        Pending => "pending",
        Satisfied => "satisfied",
        Denied => "denied",
        Overridden => "overridden",
    }
}

code_enum! {
    /// What a call or a confirming party said.
    Outcome, "reason-field-outcome" {
        Confirmed => "confirmed",
        Denied => "denied",
        Unreachable => "unreachable",
    }
}

code_enum! {
    /// Where the user got the number they called.
    NumberSource, "reason-field-number-source" {
        PayeeBook => "payee_book",
        Message => "message",
        Search => "search",
        Other => "other",
    }
}

/// One thing the user did for a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepEntry {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub outcome: Outcome,
    /// For calls: the normalised number dialled, where the user got it, and whether the core found
    /// it in the payee book recorded before the request (the only kind that counts).
    pub number: Option<String>,
    pub number_source: Option<NumberSource>,
    pub number_in_book: bool,
    /// For second-party confirmations: who confirmed.
    pub party: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub code: StepCode,
    pub state: StepState,
    pub entries: Vec<StepEntry>,
}

impl Step {
    pub fn is_done(&self) -> bool {
        matches!(self.state, StepState::Satisfied | StepState::Overridden)
    }
}

/// The audit trail: every transition, step and override, in order, inside the check record so it
/// commits atomically with the change it describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub event: AuditEvent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuditEvent {
    Transition {
        from: Option<Status>,
        to: Status,
    },
    StepRecorded {
        step: StepCode,
        outcome: Outcome,
        state: StepState,
    },
    Override {
        reason: String,
        steps: Vec<StepCode>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub id: String,
    /// When the request was entered: the book must predate it for a call-back to count.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub request: RemittanceRequest,
    pub flags: Vec<RedFlag>,
    pub steps: Vec<Step>,
    pub status: Status,
    /// The threshold in force when the check was created (later changes do not rewrite history).
    pub threshold: Option<Money>,
    /// The last 4 of the account last verified for this payee, when the request changes it.
    pub previous_account_last4: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub reverify_due_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub arrives_at: Option<OffsetDateTime>,
    pub audit: Vec<AuditEntry>,
}

impl Record for Check {
    const TABLE: &'static str = "payment_checks";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Check {
    pub fn step(&self, code: StepCode) -> Option<&Step> {
        self.steps.iter().find(|s| s.code == code)
    }

    pub(crate) fn step_mut(&mut self, code: StepCode) -> Option<&mut Step> {
        self.steps.iter_mut().find(|s| s.code == code)
    }

    pub(crate) fn log(&mut self, at: OffsetDateTime, event: AuditEvent) {
        self.audit.push(AuditEntry { at, event });
    }

    /// Moves to `to` along an edge of the machine, or fails without changing anything.
    pub(crate) fn transition(&mut self, to: Status, at: OffsetDateTime) -> Result<()> {
        if !self.status.may_become(to) {
            return Err(Error::InvalidTransition {
                from: self.status.as_str(),
                to: to.as_str(),
            });
        }
        if to == Status::Cleared
            && self
                .steps
                .iter()
                .any(|s| !s.code.after_sending() && !s.is_done())
        {
            return Err(Error::InvalidTransition {
                from: self.status.as_str(),
                to: to.as_str(),
            });
        }
        self.log(
            at,
            AuditEvent::Transition {
                from: Some(self.status),
                to,
            },
        );
        self.status = to;
        Ok(())
    }

    /// What the steps before sending say the status should be: any denial or an open
    /// `stop_and_report` blocks; all done clears; otherwise still verifying.
    fn verdict_before_sending(&self) -> Status {
        let before: Vec<&Step> = self
            .steps
            .iter()
            .filter(|s| !s.code.after_sending())
            .collect();
        let stop_open = before
            .iter()
            .any(|s| s.code == StepCode::StopAndReport && s.state == StepState::Pending);
        if stop_open || before.iter().any(|s| s.state == StepState::Denied) {
            Status::Blocked
        } else if before.iter().all(|s| s.is_done()) {
            Status::Cleared
        } else {
            Status::Verifying
        }
    }

    /// After a step or an override before sending, follow the verdict.
    pub(crate) fn settle(&mut self, at: OffsetDateTime) -> Result<()> {
        if matches!(self.status, Status::Verifying | Status::Blocked) {
            let verdict = self.verdict_before_sending();
            if verdict != self.status {
                self.transition(verdict, at)?;
            }
        }
        Ok(())
    }

    pub fn overrides(&self) -> impl Iterator<Item = (&OffsetDateTime, &str, &[StepCode])> {
        self.audit.iter().filter_map(|e| match &e.event {
            AuditEvent::Override { reason, steps } => {
                Some((&e.at, reason.as_str(), steps.as_slice()))
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_documented_edges_exist() {
        use Status::*;
        let allowed = [
            (Draft, Verifying),
            (Draft, Abandoned),
            (Verifying, Cleared),
            (Verifying, Blocked),
            (Verifying, Abandoned),
            (Blocked, Verifying),
            (Blocked, Cleared),
            (Blocked, Abandoned),
            (Cleared, Sent),
            (Cleared, Abandoned),
            (Sent, Completed),
            (Sent, Cancelled),
        ];
        for &from in Status::ALL {
            for &to in Status::ALL {
                assert_eq!(
                    from.may_become(to),
                    allowed.contains(&(from, to)),
                    "{from:?} → {to:?}"
                );
            }
        }
        for s in [Abandoned, Completed, Cancelled] {
            assert!(s.is_final() && Status::ALL.iter().all(|&to| !s.may_become(to)));
        }
    }
}
