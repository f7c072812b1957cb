//! The push door: FCM/APNs payloads (at most 4 KiB) handed over by the shell.
//!
//! A payload is one JSON object, version 1:
//! - a compact signed alert: `{"v":1,"type":"alert","cap":"<alert …/>","sig":"<.minisig text>"}`,
//!   where `sig` is the minisign signature of the exact UTF-8 bytes of `cap`; it goes through the
//!   same checks as a feed (key, scope, expiry, rollback, fast-forward, replay);
//! - a hint: `{"v":1,"type":"sync"}`, optionally with `"url"`: nothing is trusted from it, the
//!   shell just runs a sync of the subscribed feeds (the URL only selects which, if subscribed).
//!
//! A payload without a signature never becomes an alert: it is refused with `unsigned`.

use serde::Deserialize;
use time::OffsetDateTime;

use super::{
    feed::{self, check_size, FeedReport},
    inbox::Door,
    AlertsError,
};
use crate::{vault::Store, Error, Result};

pub const MAX_PUSH_BYTES: usize = 4096;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Payload {
    v: u32,
    #[serde(rename = "type")]
    kind: String,
    cap: Option<String>,
    sig: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PushOutcome {
    /// A signed alert was checked and stored (or counted as a duplicate).
    Alert { report: FeedReport },
    /// The shell should sync now (`url`: a specific subscribed feed, else all).
    SyncRequested { url: Option<String> },
}

pub fn ingest_push<S: Store>(
    store: &S,
    payload: &[u8],
    now: OffsetDateTime,
) -> Result<PushOutcome> {
    check_size(payload.len(), MAX_PUSH_BYTES)?;
    let payload: Payload =
        serde_json::from_slice(payload).map_err(|_| Error::invalid("reason-push-not-vigil"))?;
    if payload.v != 1 {
        return Err(Error::invalid("reason-push-version"));
    }
    match payload.kind.as_str() {
        "sync" => Ok(PushOutcome::SyncRequested { url: payload.url }),
        "alert" => {
            let cap = payload.cap.ok_or(Error::invalid("reason-push-no-cap"))?;
            let sig = payload
                .sig
                .filter(|s| !s.trim().is_empty())
                .ok_or(AlertsError::Unsigned)?;
            let report = feed::ingest_signed(store, cap.as_bytes(), &sig, Door::Push, now)?;
            Ok(PushOutcome::Alert { report })
        }
        _ => Err(Error::invalid("reason-push-type")),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use time::macros::datetime;

    use super::*;
    use crate::{
        alerts::{
            cap::tests::fraud_alert_xml, tests::comment, tests::police_key, tests::trust_police,
            view, AlertFilter, Door, RelevanceProfile,
        },
        vault::MemoryStore,
        ErrorCode, Locale,
    };

    const NOW: OffsetDateTime = datetime!(2026-11-28 10:00 +08:00);

    fn setup() -> MemoryStore {
        let store = MemoryStore::new();
        trust_police(&store);
        store
    }

    fn compact(id: &str) -> String {
        // A push-sized alert: one info, no area.
        let xml = fraud_alert_xml(
            id,
            "2026-11-28T09:00:00+08:00",
            "Alert",
            "",
            "2026-12-05T09:00:00+08:00",
        );
        let end = xml.find("<info><language>en-US").unwrap();
        format!("{}</alert>", &xml[..end])
    }

    #[test]
    fn a_signed_push_is_stored_and_a_replay_is_a_duplicate() {
        let store = setup();
        let cap = compact("P-1");
        let sig = police_key().sign(cap.as_bytes(), &comment(1)).to_text();
        let payload = json!({"v": 1, "type": "alert", "cap": cap, "sig": sig}).to_string();
        assert!(payload.len() <= MAX_PUSH_BYTES, "{} bytes", payload.len());
        let PushOutcome::Alert { report } = ingest_push(&store, payload.as_bytes(), NOW).unwrap()
        else {
            panic!("an alert")
        };
        assert_eq!(report.accepted, 1);
        let listed = view::list(
            &store,
            &AlertFilter::default(),
            Locale::ZhCn,
            NOW,
            &RelevanceProfile::default(),
        )
        .unwrap()
        .alerts;
        assert_eq!((listed[0].door, listed[0].verified), (Door::Push, true));
        // The same payload again: same seq, same bytes.
        let PushOutcome::Alert { report } = ingest_push(&store, payload.as_bytes(), NOW).unwrap()
        else {
            panic!("an alert")
        };
        assert!(report.unchanged);
    }

    #[test]
    fn unsigned_oversized_and_foreign_pushes_are_refused() {
        let store = setup();
        let cap = compact("P-2");
        let unsigned = json!({"v": 1, "type": "alert", "cap": cap}).to_string();
        assert_eq!(
            ingest_push(&store, unsigned.as_bytes(), NOW)
                .unwrap_err()
                .code(),
            ErrorCode::Unsigned
        );
        let blank = json!({"v": 1, "type": "alert", "cap": cap, "sig": " "}).to_string();
        assert_eq!(
            ingest_push(&store, blank.as_bytes(), NOW)
                .unwrap_err()
                .code(),
            ErrorCode::Unsigned
        );
        let big = vec![b'{'; MAX_PUSH_BYTES + 1];
        assert_eq!(
            ingest_push(&store, &big, NOW).unwrap_err().code(),
            ErrorCode::TooLarge
        );
        let forged_sig = police_key().sign(b"other bytes", &comment(1)).to_text();
        let forged = json!({"v": 1, "type": "alert", "cap": cap, "sig": forged_sig}).to_string();
        assert_eq!(
            ingest_push(&store, forged.as_bytes(), NOW)
                .unwrap_err()
                .code(),
            ErrorCode::SignatureInvalid
        );
        for junk in [
            &b"not json"[..],
            br#"{"v":2,"type":"sync"}"#,
            br#"{"v":1,"type":"wipe"}"#,
            br#"{"v":1,"type":"sync","x":1}"#,
        ] {
            assert_eq!(
                ingest_push(&store, junk, NOW).unwrap_err().code(),
                ErrorCode::InvalidInput
            );
        }
        assert!(view::list(
            &store,
            &AlertFilter::default(),
            Locale::En,
            NOW,
            &RelevanceProfile::default()
        )
        .unwrap()
        .alerts
        .is_empty());
    }

    #[test]
    fn a_sync_hint_asks_for_a_sync_and_trusts_nothing() {
        let store = setup();
        let hint = br#"{"v":1,"type":"sync","url":"https://alerts.example.cn/feed.xml"}"#;
        assert_eq!(
            ingest_push(&store, hint, NOW).unwrap(),
            PushOutcome::SyncRequested {
                url: Some("https://alerts.example.cn/feed.xml".into())
            }
        );
    }
}
