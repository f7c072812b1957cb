//! Signed feed ingestion: every defence between bytes from outside and the user's inbox.
//!
//! Order matters: sizes first (cheap), then the signature (nothing unsigned is parsed as CAP),
//! then freshness (`expires`, rollback, fast-forward), then each alert (scope, replay). All state
//! changes of one feed commit in one transaction, so a refused feed changes nothing.

use serde::Serialize;
use time::OffsetDateTime;

use super::{
    cap::CapError,
    inbox::{self, Door, Inserted, Keyed},
    minisign::{self, Signature, TrustedComment},
    pipeline,
    trust::{self, Publisher},
    AlertsError,
};
use crate::{
    vault::{Store, Txn, TxnExt},
    Error, ErrorCode, Result,
};

/// A feed of 1,000 alerts is about 2 MiB; anything past 8 MiB is refused as endless data.
pub const MAX_FEED_BYTES: usize = 8 << 20;
/// A `.minisig` file is under 400 bytes; the slack is for long comments.
pub const MAX_SIGNATURE_BYTES: usize = 4 << 10;
/// The largest step `seq` may take between two accepted feeds. Without a cap, one feed signed
/// (by mistake or by a stolen key) with `seq` near `u64::MAX` would make every later legitimate
/// feed look like a rollback. A million allows a publisher to count per minute for almost two
/// years, or per second for eleven days, between two fetches of one device.
pub const MAX_SEQ_STEP: u64 = 1_000_000;

/// One alert of a feed that was not stored, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Rejection {
    pub identifier: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FeedReport {
    pub accepted: u32,
    pub duplicates: u32,
    pub rejected: Vec<Rejection>,
    /// The same feed as last time (same `seq`, same bytes): nothing to do.
    pub unchanged: bool,
    pub seq: u64,
}

/// Verify a detached-signed feed and store its alerts.
pub fn ingest_feed<S: Store>(
    store: &S,
    feed: &[u8],
    signature: &str,
    now: OffsetDateTime,
) -> Result<FeedReport> {
    ingest_signed(store, feed, signature, Door::Feed, now)
}

/// The feed path for any door that carries a minisign signature (feeds and signed pushes share
/// the publisher's `seq` counter: a push is a feed of one).
pub(crate) fn ingest_signed<S: Store>(
    store: &S,
    feed: &[u8],
    signature: &str,
    door: Door,
    now: OffsetDateTime,
) -> Result<FeedReport> {
    check_size(feed.len(), MAX_FEED_BYTES)?;
    check_size(signature.len(), MAX_SIGNATURE_BYTES)?;
    let signature = Signature::parse(signature).map_err(AlertsError::from)?;
    // One pass over the feed serves both the signature check and the replay digest.
    let (prehash, text) = pipeline::check_text_while(feed, || minisign::prehash(feed));
    store.write(|txn| {
        let (mut publisher, comment) = verify(txn, &prehash, &signature, now)?;
        let digest = digest(&prehash);
        if publisher.last_seq == Some(comment.seq) {
            return if publisher.last_feed_digest.as_deref() == Some(digest.as_str()) {
                Ok(FeedReport {
                    unchanged: true,
                    seq: comment.seq,
                    ..FeedReport::default()
                })
            } else {
                // Two different feeds under one seq: one of them is not what the publisher meant.
                Err(AlertsError::Rollback.into())
            };
        }
        // Where parsing would have found it: after every check of the signature and freshness.
        let text = text.map_err(|e| AlertsError::from(CapError::from(e)))?;
        let report = pipeline::parse_while_storing(
            text,
            Box::new(|alerts, spent| {
                store_alerts(txn, &publisher, alerts, spent, door, now, comment.seq)
            }),
        )?;
        if let Some(next_key) = comment.get("next_key") {
            trust::rotate(&mut publisher, next_key)?;
        }
        publisher.last_seq = Some(comment.seq);
        publisher.last_feed_digest = Some(digest);
        publisher.last_feed_at = Some(now);
        publisher.feed_expires = Some(comment.expires);
        txn.put(&publisher)?;
        Ok(report)
    })
}

pub(crate) fn check_size(len: usize, limit: usize) -> Result<()> {
    if len > limit {
        return Err(AlertsError::TooLarge { limit }.into());
    }
    Ok(())
}

/// The signature (over the data's [`minisign::prehash`]), the key's standing and the signed
/// freshness claims; returns who signed.
pub(crate) fn verify(
    txn: &mut dyn Txn,
    prehash: &[u8; 64],
    signature: &Signature,
    now: OffsetDateTime,
) -> Result<(Publisher, TrustedComment)> {
    let key_id = super::minisign::key_id_hex(&signature.key_id);
    let publisher = trust::publisher_for_key(txn, &key_id)?;
    let comment = signature
        .verify_prehashed(&publisher.key()?, prehash)
        .map_err(AlertsError::from)?;
    if comment.expires <= now {
        return Err(AlertsError::FeedExpired.into());
    }
    if let Some(last) = publisher.last_seq {
        if comment.seq < last {
            return Err(AlertsError::Rollback.into());
        }
        if comment.seq - last > MAX_SEQ_STEP {
            return Err(AlertsError::FastForward.into());
        }
    }
    Ok((publisher, comment))
}

/// Scope-check, dedupe and store each alert, handing each to `spent` when done with it. If
/// nothing could be stored and something was refused, the feed as a whole fails with the first
/// refusal's code.
pub(crate) fn store_alerts(
    txn: &mut dyn Txn,
    publisher: &Publisher,
    alerts: &mut dyn Iterator<Item = Keyed>,
    spent: &mut dyn FnMut(Keyed),
    door: Door,
    now: OffsetDateTime,
    seq: u64,
) -> Result<FeedReport> {
    let everyone = txn.list::<Publisher>()?;
    let mut report = FeedReport {
        seq,
        ..FeedReport::default()
    };
    let mut first_refusal = None;
    for keyed in alerts {
        if !trust::in_scope(publisher, &everyone, &keyed.alert.sender) {
            report.rejected.push(Rejection {
                identifier: keyed.alert.identifier.clone(),
                code: ErrorCode::OutOfScope.as_str().into(),
            });
            first_refusal.get_or_insert(AlertsError::OutOfScope);
            spent(keyed);
            continue;
        }
        let (inserted, keyed) = inbox::insert(txn, keyed, door, Some(&publisher.id), now)?;
        match inserted {
            Inserted::New => report.accepted += 1,
            Inserted::Duplicate => report.duplicates += 1,
        }
        spent(keyed);
    }
    match first_refusal {
        Some(refusal) if report.accepted == 0 && report.duplicates == 0 => {
            Err(Error::from(refusal))
        }
        _ => Ok(report),
    }
}

/// A feed's identity for "same `seq`, same bytes": the first 16 bytes of its BLAKE2b-512.
fn digest(prehash: &[u8; 64]) -> String {
    crate::hex::lower(&prehash[..16])
}
