//! Safety alerts: signed CAP feeds, push and SMS intake, and what the user sees of them.
//!
//! - [`cap`]: the CAP 1.2/1.1 parser and model (also CAP inline in Atom);
//! - [`minisign`]: minisign keys and prehashed detached signatures;
//! - [`trust`]: publishers, scopes, key rotation, revocation, feed freshness;
//! - [`feed`]: verifying and ingesting signed feeds (every defence lives there);
//! - [`inbox`]: stored alerts with CAP's update/cancel semantics and replay dedupe;
//! - [`view`]: lists, filters, search and read state; [`relevance`]: ranking and notifications;
//! - [`breach`]: believable breach alerts, which drive the inventory's breach impact.

pub mod breach;
pub mod cap;
mod compact;
mod error;
pub mod feed;
pub mod inbox;
pub mod minisign;
mod pipeline;
pub mod push;
pub mod relevance;
pub mod sms;
pub mod sync;
pub mod trust;
pub mod view;

pub use error::AlertsError;
pub use feed::{ingest_feed, FeedReport, Rejection};
pub use inbox::{Door, ReadState};
pub use push::{ingest_push, PushOutcome};
pub use relevance::{should_notify, QuietHours, RelevanceProfile};
pub use sms::{ingest_sms, SmsCheck, SmsVerdict};
pub use sync::{subscribe, sync_all, sync_url, SyncOptions, SyncReport};
pub use trust::{feed_status, FeedStatus, Publisher};
pub use view::{AlertFilter, AlertList, AlertSummary, AlertView};

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .expect("an OffsetDateTime always formats as RFC 3339")
}

#[cfg(test)]
pub(crate) mod tests;
