//! The trust store: which minisign keys may publish alerts, and for which CAP senders.
//!
//! - **CapScope.** A publisher lists the senders it speaks for: an exact sender (`alerts@110.gov.cn`,
//!   case-insensitive) or a whole domain (`@110.gov.cn`). An empty scope means "any sender not
//!   claimed by another publisher": a sender named in someone's scope is out of scope for every
//!   other key, so a general-purpose key cannot impersonate the police's.
//! - **Rotation.** A feed signed by the current key announces its successor in the *trusted*
//!   comment as `next_key=RW…`. Once that feed is accepted, only the new key is trusted; the
//!   old key id is kept in `retired_key_ids` and feeds still signed with it are `key_revoked`.
//! - **Revocation.** The user (or the app's bundled list) marks a publisher revoked; its feeds
//!   are refused with `key_revoked` and its stored alerts stop counting as active.
//! - **Freshness.** Each publisher remembers the last accepted `seq`, when, and the feed's signed
//!   `expires`; after that instant [`feed_status`] reports it stale ("stale since"), never silent.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{minisign::PublicKey, AlertsError};
use crate::{
    vault::{new_id, Record, Store, TxnExt},
    Error, Result,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publisher {
    pub id: String,
    pub name: String,
    /// The current key, `RW…`.
    pub public_key: String,
    /// Uppercase hex, as minisign prints it.
    pub key_id: String,
    pub retired_key_ids: Vec<String>,
    pub scope: Vec<String>,
    pub revoked: bool,
    pub last_seq: Option<u64>,
    /// A digest of the last accepted feed, so re-fetching the same feed is "unchanged", not rollback.
    pub last_feed_digest: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_feed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub feed_expires: Option<OffsetDateTime>,
}

impl Record for Publisher {
    const TABLE: &'static str = "alerts_publishers";

    fn id(&self) -> &str {
        &self.id
    }

    fn index_terms(&self) -> Vec<(&'static str, String)> {
        let mut terms = vec![("key_id", self.key_id.clone())];
        terms.extend(
            self.retired_key_ids
                .iter()
                .map(|k| ("retired_key_id", k.clone())),
        );
        terms
    }
}

impl Publisher {
    pub fn key(&self) -> Result<PublicKey> {
        PublicKey::parse(&self.public_key)
            .map_err(|_| Error::Internal("stored publisher key does not parse".into()))
    }

    fn claims(&self, sender: &str) -> bool {
        self.scope
            .iter()
            .any(|pattern| scope_matches(pattern, sender))
    }
}

fn scope_matches(pattern: &str, sender: &str) -> bool {
    match pattern.strip_prefix('@') {
        Some(domain) => sender
            .rsplit_once('@')
            .is_some_and(|(_, sender_domain)| sender_domain.eq_ignore_ascii_case(domain)),
        None => pattern.eq_ignore_ascii_case(sender),
    }
}

fn normalize_scope(scope: &[String]) -> Result<Vec<String>> {
    let scope: Vec<String> = scope
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if scope
        .iter()
        .any(|s| s.chars().any(char::is_whitespace) || s == "@")
    {
        return Err(Error::invalid("reason-scope-entry"));
    }
    Ok(scope)
}

/// Trust a new publisher key. A key already trusted (or retired) is `already exists` territory:
/// reported as invalid input rather than silently re-scoped.
pub fn trust<S: Store>(store: &S, name: &str, key: &str, scope: &[String]) -> Result<Publisher> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("reason-publisher-name"));
    }
    let key = PublicKey::parse(key).map_err(AlertsError::from)?;
    let scope = normalize_scope(scope)?;
    store.write(|txn| {
        let key_id = key.key_id_hex();
        if !txn.find::<Publisher>("key_id", &key_id)?.is_empty()
            || !txn.find::<Publisher>("retired_key_id", &key_id)?.is_empty()
        {
            return Err(Error::invalid("reason-key-already-trusted"));
        }
        let publisher = Publisher {
            id: new_id(),
            name: name.to_owned(),
            public_key: key.to_base64(),
            key_id,
            retired_key_ids: Vec::new(),
            scope,
            revoked: false,
            last_seq: None,
            last_feed_digest: None,
            last_feed_at: None,
            feed_expires: None,
        };
        txn.put(&publisher)?;
        Ok(publisher)
    })
}

pub fn revoke<S: Store>(store: &S, publisher_id: &str) -> Result<()> {
    store.write(|txn| {
        let mut publisher: Publisher = txn.require(publisher_id, "reason-thing-publisher")?;
        publisher.revoked = true;
        txn.put(&publisher)
    })
}

pub fn publishers<S: Store>(store: &S) -> Result<Vec<Publisher>> {
    store.read(|txn| txn.list::<Publisher>())
}

/// The publisher whose current key has this id; a retired or revoked key is `key_revoked`.
pub(crate) fn publisher_for_key(
    txn: &mut dyn crate::vault::Txn,
    key_id: &str,
) -> Result<Publisher> {
    if let Some(publisher) = txn.find::<Publisher>("key_id", key_id)?.into_iter().next() {
        return if publisher.revoked {
            Err(AlertsError::Revoked.into())
        } else {
            Ok(publisher)
        };
    }
    if !txn.find::<Publisher>("retired_key_id", key_id)?.is_empty() {
        return Err(AlertsError::Revoked.into());
    }
    Err(AlertsError::UnknownKey.into())
}

/// Whether `publisher` may speak for `sender`, given every publisher's scope.
pub(crate) fn in_scope(publisher: &Publisher, all: &[Publisher], sender: &str) -> bool {
    if publisher.scope.is_empty() {
        !all.iter()
            .any(|other| other.id != publisher.id && other.claims(sender))
    } else {
        publisher.claims(sender)
    }
}

/// Install the successor key announced by an accepted feed.
pub(crate) fn rotate(publisher: &mut Publisher, next_key: &str) -> Result<()> {
    let next = PublicKey::parse(next_key).map_err(AlertsError::from)?;
    if next.key_id_hex() == publisher.key_id {
        return Ok(());
    }
    publisher
        .retired_key_ids
        .push(std::mem::replace(&mut publisher.key_id, next.key_id_hex()));
    publisher.public_key = next.to_base64();
    Ok(())
}

/// How fresh one publisher's feed is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FeedStatus {
    pub publisher_id: String,
    pub name: String,
    pub revoked: bool,
    pub last_seq: Option<u64>,
    /// RFC 3339; `None` before the first feed.
    pub last_feed_at: Option<String>,
    pub feed_expires: Option<String>,
    /// Set once the last feed's signed expiry has passed: its alerts may be outdated (a frozen or
    /// withheld feed looks exactly like this).
    pub stale_since: Option<String>,
}

pub fn feed_status<S: Store>(store: &S, now: OffsetDateTime) -> Result<Vec<FeedStatus>> {
    Ok(publishers(store)?
        .into_iter()
        .map(|p| FeedStatus {
            stale_since: p.feed_expires.filter(|e| *e <= now).map(super::rfc3339),
            publisher_id: p.id,
            name: p.name,
            revoked: p.revoked,
            last_seq: p.last_seq,
            last_feed_at: p.last_feed_at.map(super::rfc3339),
            feed_expires: p.feed_expires.map(super::rfc3339),
        })
        .collect())
}
