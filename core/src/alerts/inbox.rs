//! Stored alerts and CAP's message semantics: duplicates, updates and cancellations.
//!
//! An alert's record id is derived from `sender + identifier + sent` (the instant, whatever its
//! offset), so a replayed alert lands on its own id and is counted as a duplicate. `Update` and
//! `Cancel` act only on alerts of the *same sender* (a publisher in scope for sender A must not
//! withdraw B's warnings), and they act whichever arrives first: an alert whose cancellation was
//! stored earlier is born withdrawn.

use blake2::{Blake2b512, Digest};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::cap::{Alert, CapMsgType, Reference};
use crate::{
    vault::{Record, Txn, TxnExt},
    Result,
};

/// How an alert reached the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Door {
    /// A signed feed (file import or HTTPS sync).
    Feed,
    /// A signed push payload.
    Push,
    /// An SMS from an official sender number: plausible, never proven (sender ids can be spoofed).
    Sms,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReadState {
    Unread,
    Read,
    Archived,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAlert {
    pub id: String,
    pub alert: Alert,
    pub door: Door,
    /// The trusted publisher whose signature covered it; `None` for SMS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_id: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    pub state: ReadState,
    pub withdrawn: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
}

impl Record for StoredAlert {
    const TABLE: &'static str = "alerts_inbox";
    fn id(&self) -> &str {
        &self.id
    }

    /// Only what [`insert`] looks up: the alerts this one updates or cancels. Listing by family
    /// or category filters the decrypted inbox, so those get no index rows (each costs three
    /// b-tree inserts per stored alert).
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        self.alert
            .references
            .iter()
            .map(|r| ("ref", alert_id(r)))
            .collect()
    }

    fn encode(&self) -> Result<Vec<u8>> {
        Ok(super::compact::encode(self))
    }

    fn decode(bytes: &[u8]) -> Option<Self> {
        super::compact::decode(bytes)
    }
}

/// The record id of the alert `key` names.
pub fn alert_id(key: &Reference) -> String {
    id_of(&key.sender, &key.identifier, key.sent)
}

fn id_of(sender: &str, identifier: &str, sent: OffsetDateTime) -> String {
    let mut hasher = Blake2b512::new();
    for part in [
        sender.as_bytes(),
        identifier.as_bytes(),
        &sent.unix_timestamp_nanos().to_be_bytes(),
    ] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    crate::hex::lower(&hasher.finalize()[..16])
}

/// An alert with its record id. A feed's ids are computed on the storing thread, which has less
/// to do per alert than the parser (callgrind, per alert, with the ids on the parser's side:
/// parsing ~58,000 instructions, storing ~40,000).
pub(crate) struct Keyed {
    pub id: String,
    pub alert: Alert,
}

impl From<Alert> for Keyed {
    fn from(alert: Alert) -> Keyed {
        Keyed {
            id: id_of(&alert.sender, &alert.identifier, alert.sent),
            alert,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    New,
    Duplicate,
}

/// Store `keyed` unless it is a replay, applying updates and cancellations in both directions.
/// The alert is handed back, for the caller to free where it was allocated (see
/// `alerts::pipeline`).
pub(crate) fn insert(
    txn: &mut dyn Txn,
    keyed: Keyed,
    door: Door,
    publisher_id: Option<&str>,
    received_at: OffsetDateTime,
) -> Result<(Inserted, Keyed)> {
    if txn.contains::<StoredAlert>(&keyed.id)? {
        return Ok((Inserted::Duplicate, keyed));
    }
    let mut stored = StoredAlert {
        id: keyed.id,
        alert: keyed.alert,
        door,
        publisher_id: publisher_id.map(str::to_owned),
        received_at,
        state: ReadState::Unread,
        withdrawn: false,
        superseded_by: None,
    };
    for later in txn.find::<StoredAlert>("ref", &stored.id)? {
        if later.alert.sender == stored.alert.sender {
            apply(&later, &mut stored);
        }
    }
    if matches!(
        stored.alert.msg_type,
        CapMsgType::Update | CapMsgType::Cancel
    ) {
        for reference in stored
            .alert
            .references
            .iter()
            .filter(|r| r.sender == stored.alert.sender)
        {
            if let Some(mut target) = txn.get::<StoredAlert>(&alert_id(reference))? {
                apply(&stored, &mut target);
                txn.put(&target)?;
            }
        }
    }
    txn.put(&stored)?;
    let StoredAlert { id, alert, .. } = stored;
    Ok((Inserted::New, Keyed { id, alert }))
}

/// What `newer` (an Update or Cancel naming `target`) does to `target`.
fn apply(newer: &StoredAlert, target: &mut StoredAlert) {
    match newer.alert.msg_type {
        CapMsgType::Cancel => target.withdrawn = true,
        CapMsgType::Update if target.superseded_by.is_none() => {
            target.superseded_by = Some(newer.id.clone())
        }
        _ => {}
    }
}
