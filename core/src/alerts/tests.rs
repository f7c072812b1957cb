//! Feed ingestion, defences and semantics, against the in-memory store.

use time::{macros::datetime, OffsetDateTime};

use super::{
    cap::{tests::fraud_alert_xml, CapCategory, CapSeverity},
    minisign::SecretKey,
    *,
};
use crate::{screening::Family, vault::MemoryStore, ErrorCode, Locale};

const NOW: OffsetDateTime = datetime!(2026-11-28 10:00 +08:00);
const SENDER: &str = "alerts@police.example.cn";

pub(crate) fn police_key() -> SecretKey {
    SecretKey::from_seed(&[1; 32], *b"police01")
}

/// Trusts the police test key in `store` for the police sender, as the other alert tests expect.
pub(crate) fn trust_police<S: crate::vault::Store>(store: &S) -> Publisher {
    trust::trust(
        store,
        "Police",
        &police_key().public_key().to_base64(),
        &[SENDER.to_owned()],
    )
    .expect("a fresh store trusts the police key")
}

pub(crate) fn comment(seq: u64) -> String {
    format!("seq={seq} expires=2026-11-29T10:00:00+08:00")
}

fn alert(id: &str) -> String {
    fraud_alert_xml(
        id,
        "2026-11-28T09:00:00+08:00",
        "Alert",
        "",
        "2026-12-05T09:00:00+08:00",
    )
}

struct Fixture {
    store: MemoryStore,
    key: SecretKey,
    publisher: Publisher,
}

impl Fixture {
    fn new() -> Self {
        Self::scoped(&[SENDER])
    }

    fn scoped(scope: &[&str]) -> Self {
        let store = MemoryStore::new();
        let key = police_key();
        let scope: Vec<String> = scope.iter().map(|s| s.to_string()).collect();
        let publisher =
            trust::trust(&store, "Police", &key.public_key().to_base64(), &scope).unwrap();
        Fixture {
            store,
            key,
            publisher,
        }
    }

    fn import_with(&self, key: &SecretKey, xml: &str, comment: &str) -> crate::Result<FeedReport> {
        ingest_feed(
            &self.store,
            xml.as_bytes(),
            &key.sign(xml.as_bytes(), comment).to_text(),
            NOW,
        )
    }

    fn import(&self, xml: &str, seq: u64) -> crate::Result<FeedReport> {
        self.import_with(&self.key, xml, &comment(seq))
    }

    fn list(&self, view: AlertView) -> Vec<AlertSummary> {
        let filter = AlertFilter {
            view,
            ..AlertFilter::default()
        };
        view::list(
            &self.store,
            &filter,
            Locale::ZhCn,
            NOW,
            &RelevanceProfile::default(),
        )
        .unwrap()
        .alerts
    }
}

fn code(result: crate::Result<FeedReport>) -> ErrorCode {
    result.expect_err("the feed must be refused").code()
}

#[test]
fn a_signed_feed_is_stored_and_listed_in_the_users_language() {
    let f = Fixture::new();
    let report = f.import(&alert("A-1"), 1).unwrap();
    assert_eq!((report.accepted, report.duplicates, report.seq), (1, 0, 1));
    let list = f.list(AlertView::Active);
    assert_eq!(list.len(), 1);
    let a = &list[0];
    assert_eq!(
        (
            a.identifier.as_str(),
            a.sender.as_str(),
            a.msg_type.as_str()
        ),
        ("A-1", SENDER, "Alert")
    );
    assert_eq!(a.headline.as_deref(), Some("警惕冒充快递客服退款"));
    assert_eq!(a.family, Some(Family::Refund));
    assert!(a.active && a.verified && a.state == ReadState::Unread);
    let status = feed_status(&f.store, NOW).unwrap();
    assert_eq!(status[0].last_seq, Some(1));
    assert_eq!(status[0].stale_since, None);
}

#[test]
fn rollback_is_refused_and_a_refetch_is_unchanged() {
    let f = Fixture::new();
    f.import(&alert("A-1"), 5).unwrap();
    assert_eq!(code(f.import(&alert("A-0"), 4)), ErrorCode::Rollback);
    let again = f.import(&alert("A-1"), 5).unwrap();
    assert!(again.unchanged);
    // Same seq, different bytes: equivocation.
    assert_eq!(code(f.import(&alert("A-2"), 5)), ErrorCode::Rollback);
}

#[test]
fn fast_forward_is_capped() {
    let f = Fixture::new();
    f.import(&alert("A-1"), 1).unwrap();
    assert_eq!(
        code(f.import(&alert("A-2"), 2 + feed::MAX_SEQ_STEP)),
        ErrorCode::FastForward
    );
    assert_eq!(
        f.import(&alert("A-2"), 1 + feed::MAX_SEQ_STEP)
            .unwrap()
            .accepted,
        1
    );
}

#[test]
fn an_expired_feed_is_refused_and_a_frozen_one_shows_stale() {
    let f = Fixture::new();
    let expired = "seq=1 expires=2026-11-28T09:59:59+08:00";
    assert_eq!(
        code(f.import_with(&f.key, &alert("A-1"), expired)),
        ErrorCode::FeedExpired
    );
    f.import(&alert("A-1"), 1).unwrap();
    let later = datetime!(2026-11-30 00:00 +08:00);
    let status = feed_status(&f.store, later).unwrap();
    assert_eq!(
        status[0].stale_since.as_deref(),
        Some("2026-11-29T10:00:00+08:00")
    );
}

#[test]
fn a_replayed_alert_is_a_duplicate() {
    let f = Fixture::new();
    f.import(&alert("A-1"), 1).unwrap();
    let report = f.import(&alert("A-1"), 2).unwrap();
    assert_eq!((report.accepted, report.duplicates), (0, 1));
    // The same instant written with another offset is the same alert.
    let utc = fraud_alert_xml(
        "A-1",
        "2026-11-28T01:00:00+00:00",
        "Alert",
        "",
        "2026-12-05T09:00:00+08:00",
    );
    assert_eq!(f.import(&utc, 3).unwrap().duplicates, 1);
    assert_eq!(f.list(AlertView::All).len(), 1);
}

#[test]
fn endless_data_is_refused_before_verification() {
    let f = Fixture::new();
    let huge = vec![b' '; feed::MAX_FEED_BYTES + 1];
    let sig = f.key.sign(&huge, &comment(1)).to_text();
    assert_eq!(
        ingest_feed(&f.store, &huge, &sig, NOW).unwrap_err().code(),
        ErrorCode::TooLarge
    );
}

/// A feed that is not UTF-8 is refused as invalid CAP, and only once its signature is verified:
/// small ones are checked as the parser starts, large ones while the signature's hash is computed.
#[test]
fn a_feed_that_is_not_utf8_is_refused_after_its_signature() {
    let f = Fixture::new();
    let small = format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">{}",
        alert("U-1")
    )
    .into_bytes();
    let entry = format!(
        r#"<entry><content type="application/cap+xml">{}</content></entry>"#,
        alert("U-2")
    );
    let large = format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">{}",
        entry.repeat(300_000 / entry.len() + 1)
    )
    .into_bytes();
    assert!(large.len() > 256 << 10, "past the size checked apart");
    for mut feed in [small, large] {
        // An invalid byte near the end, after alerts that would otherwise be stored.
        feed.extend_from_slice(b"<!-- \xff --></feed>");
        let forged = police_key().sign(b"something else", &comment(1)).to_text();
        assert_eq!(
            code(ingest_feed(&f.store, &feed, &forged, NOW)),
            ErrorCode::SignatureInvalid
        );
        let signed = f.key.sign(&feed, &comment(1)).to_text();
        let refused = ingest_feed(&f.store, &feed, &signed, NOW).unwrap_err();
        assert!(
            matches!(
                refused,
                crate::Error::Alerts(AlertsError::Cap(cap::CapError::Xml(cap::XmlError::NotUtf8)))
            ),
            "{refused:?}"
        );
        assert!(f.list(AlertView::All).is_empty());
    }
    // Nothing was recorded either: the publisher still accepts seq 1.
    assert_eq!(f.import(&alert("U-3"), 1).unwrap().accepted, 1);
}

#[test]
fn out_of_scope_senders_are_refused() {
    let f = Fixture::new();
    let foreign = alert("A-1").replace(SENDER, "alerts@bank.example.cn");
    assert_eq!(code(f.import(&foreign, 1)), ErrorCode::OutOfScope);

    // An unrestricted key cannot speak for a sender another publisher claims.
    let general = SecretKey::from_seed(&[2; 32], *b"general1");
    trust::trust(
        &f.store,
        "Aggregator",
        &general.public_key().to_base64(),
        &[],
    )
    .unwrap();
    assert_eq!(
        code(f.import_with(&general, &alert("A-2"), &comment(1))),
        ErrorCode::OutOfScope
    );
    assert_eq!(
        f.import_with(&general, &foreign, &comment(1))
            .unwrap()
            .accepted,
        1
    );

    // Domain scopes.
    let f = Fixture::scoped(&["@police.example.cn"]);
    assert_eq!(f.import(&alert("A-1"), 1).unwrap().accepted, 1);
}

#[test]
fn a_mixed_feed_reports_its_refusals() {
    let f = Fixture::new();
    let entry = |xml: String| {
        format!(r#"<entry><content type="application/cap+xml">{xml}</content></entry>"#)
    };
    let feed = format!(
        r#"<feed xmlns="http://www.w3.org/2005/Atom">{}{}</feed>"#,
        entry(alert("A-1")),
        entry(alert("B-1").replace(SENDER, "other@example.cn"))
    );
    let report = f.import(&feed, 1).unwrap();
    assert_eq!(report.accepted, 1);
    assert_eq!(
        report.rejected,
        vec![Rejection {
            identifier: "B-1".into(),
            code: "out_of_scope".into()
        }]
    );
}

#[test]
fn signature_forgeries_each_have_their_own_code() {
    let f = Fixture::new();
    let xml = alert("A-1");
    let sig = f.key.sign(xml.as_bytes(), &comment(1));

    let tampered_feed = xml.replace("A-1", "A-9");
    assert_eq!(
        ingest_feed(&f.store, tampered_feed.as_bytes(), &sig.to_text(), NOW)
            .unwrap_err()
            .code(),
        ErrorCode::SignatureInvalid
    );

    let tampered_comment = sig.to_text().replace("seq=1", "seq=2");
    assert_eq!(
        ingest_feed(&f.store, xml.as_bytes(), &tampered_comment, NOW)
            .unwrap_err()
            .code(),
        ErrorCode::TrustedCommentTampered
    );

    let mut legacy = sig.clone();
    legacy.algorithm = *b"Ed";
    assert_eq!(
        ingest_feed(&f.store, xml.as_bytes(), &legacy.to_text(), NOW)
            .unwrap_err()
            .code(),
        ErrorCode::LegacySignature
    );

    let stranger = SecretKey::from_seed(&[9; 32], *b"stranger");
    assert_eq!(
        code(f.import_with(&stranger, &xml, &comment(1))),
        ErrorCode::UnknownKey
    );

    let unsigned = ingest_feed(&f.store, xml.as_bytes(), "", NOW).unwrap_err();
    assert_eq!(unsigned.code(), ErrorCode::InvalidInput);
    assert!(
        f.list(AlertView::All).is_empty(),
        "nothing refused was stored"
    );
}

#[test]
fn every_defence_has_a_distinct_code() {
    let codes = [
        ErrorCode::Rollback,
        ErrorCode::FastForward,
        ErrorCode::FeedExpired,
        ErrorCode::UnknownKey,
        ErrorCode::OutOfScope,
        ErrorCode::LegacySignature,
        ErrorCode::SignatureInvalid,
        ErrorCode::TrustedCommentTampered,
        ErrorCode::TooLarge,
        ErrorCode::Timeout,
        ErrorCode::KeyRevoked,
        ErrorCode::Unsigned,
    ];
    let unique: std::collections::HashSet<_> = codes.iter().map(|c| c.as_str()).collect();
    assert_eq!(unique.len(), codes.len());
}

#[test]
fn key_rotation_and_revocation() {
    let f = Fixture::new();
    let next = SecretKey::from_seed(&[3; 32], *b"police02");
    let announce = format!("{} next_key={}", comment(1), next.public_key().to_base64());
    f.import_with(&f.key, &alert("A-1"), &announce).unwrap();
    assert_eq!(
        code(f.import(&alert("A-2"), 2)),
        ErrorCode::KeyRevoked,
        "the old key is retired"
    );
    assert_eq!(
        f.import_with(&next, &alert("A-2"), &comment(2))
            .unwrap()
            .accepted,
        1
    );

    trust::revoke(&f.store, &f.publisher.id).unwrap();
    assert_eq!(
        code(f.import_with(&next, &alert("A-3"), &comment(3))),
        ErrorCode::KeyRevoked
    );
    assert!(
        f.list(AlertView::Active).is_empty(),
        "a revoked publisher's alerts are not active"
    );
    assert_eq!(f.list(AlertView::All).len(), 2);
}

#[test]
fn trusting_validates_its_input() {
    let f = Fixture::new();
    let again = trust::trust(&f.store, "Dup", &f.key.public_key().to_base64(), &[]);
    assert_eq!(again.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(
        trust::trust(&f.store, "X", "RWnope", &[])
            .unwrap_err()
            .code(),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        trust::trust(&f.store, " ", &police_key().public_key().to_base64(), &[])
            .unwrap_err()
            .code(),
        ErrorCode::InvalidInput
    );
}

#[test]
fn update_supersedes_and_cancel_withdraws_in_either_order() {
    let f = Fixture::new();
    let sent = "2026-11-28T09:00:00+08:00";
    let reference = format!("{SENDER},A-1,{sent}");
    let update = fraud_alert_xml(
        "A-2",
        "2026-11-28T09:30:00+08:00",
        "Update",
        &reference,
        "2026-12-05T09:00:00+08:00",
    );
    f.import(&alert("A-1"), 1).unwrap();
    f.import(&update, 2).unwrap();
    let active: Vec<_> = f
        .list(AlertView::Active)
        .into_iter()
        .map(|a| a.identifier)
        .collect();
    assert_eq!(active, ["A-2"]);

    // The cancellation arrives before the alert it cancels.
    let cancel_ref = format!("{SENDER},C-1,{sent}");
    let cancel = fraud_alert_xml(
        "C-2",
        "2026-11-28T09:40:00+08:00",
        "Cancel",
        &cancel_ref,
        "2026-12-05T09:00:00+08:00",
    );
    f.import(&cancel, 3).unwrap();
    f.import(&alert("C-1"), 4).unwrap();
    let all = f.list(AlertView::All);
    let c1 = all.iter().find(|a| a.identifier == "C-1").unwrap();
    assert!(c1.withdrawn && !c1.active);
    assert!(!f
        .list(AlertView::Active)
        .iter()
        .any(|a| a.identifier.starts_with('C')));
}

#[test]
fn another_senders_cancel_does_not_withdraw() {
    let f = Fixture::scoped(&[SENDER, "other@police.example.cn"]);
    f.import(&alert("A-1"), 1).unwrap();
    let reference = format!("{SENDER},A-1,2026-11-28T09:00:00+08:00");
    let cancel = fraud_alert_xml(
        "X-1",
        "2026-11-28T09:40:00+08:00",
        "Cancel",
        &reference,
        "2026-12-05T09:00:00+08:00",
    )
    .replace(SENDER, "other@police.example.cn");
    f.import(&cancel, 2).unwrap();
    assert_eq!(f.list(AlertView::Active).len(), 1);
}

#[test]
fn exercises_and_expired_alerts_are_never_shown_as_real() {
    let f = Fixture::new();
    let exercise = alert("E-1").replace("<status>Actual</status>", "<status>Exercise</status>");
    let expired = fraud_alert_xml(
        "X-1",
        "2026-11-20T09:00:00+08:00",
        "Alert",
        "",
        "2026-11-21T09:00:00+08:00",
    );
    f.import(&exercise, 1).unwrap();
    f.import(&expired, 2).unwrap();
    let active = f.list(AlertView::Active);
    assert!(active.is_empty(), "{active:?}");
    let all: Vec<_> = f
        .list(AlertView::All)
        .into_iter()
        .map(|a| (a.identifier, a.active))
        .collect();
    assert_eq!(all, [("X-1".to_string(), false)]);
    let drills: Vec<_> = f
        .list(AlertView::Exercises)
        .into_iter()
        .map(|a| a.identifier)
        .collect();
    assert_eq!(drills, ["E-1"]);
}

#[test]
fn read_state_filters_and_search() {
    let f = Fixture::new();
    let weather = alert("W-1")
        .replace("<category>Security</category>", "<category>Met</category>")
        .replace("<severity>Severe</severity>", "<severity>Minor</severity>")
        .replace("Beware fake courier refund calls", "Light rain tomorrow");
    f.import(&weather, 1).unwrap();
    f.import(&alert("A-1"), 2).unwrap();
    let list = |filter: AlertFilter| -> Vec<String> {
        view::list(
            &f.store,
            &filter,
            Locale::En,
            NOW,
            &RelevanceProfile::default(),
        )
        .unwrap()
        .alerts
        .into_iter()
        .map(|a| a.identifier)
        .collect()
    };
    assert_eq!(
        list(AlertFilter {
            category: Some(CapCategory::Met),
            ..Default::default()
        }),
        ["W-1"]
    );
    assert_eq!(
        list(AlertFilter {
            min_severity: Some(CapSeverity::Severe),
            ..Default::default()
        }),
        ["A-1"]
    );
    assert_eq!(
        list(AlertFilter {
            family: Some(Family::Refund),
            ..Default::default()
        }),
        ["A-1"]
    );
    assert_eq!(
        list(AlertFilter {
            text: Some("rain TOMORROW".into()),
            ..Default::default()
        }),
        ["W-1"]
    );
    assert_eq!(
        list(AlertFilter {
            text: Some("Shanghai courier".into()),
            ..Default::default()
        }),
        ["A-1"]
    );

    let id = f
        .list(AlertView::Active)
        .into_iter()
        .find(|a| a.identifier == "A-1")
        .unwrap()
        .id;
    view::set_state(&f.store, &id, ReadState::Read).unwrap();
    view::set_state(&f.store, &id, ReadState::Archived).unwrap();
    assert_eq!(
        list(AlertFilter::default()),
        ["W-1"],
        "archived alerts leave the active view"
    );
    assert_eq!(
        view::set_state(&f.store, &id, ReadState::Unread)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidTransition
    );
    assert_eq!(
        view::get(&f.store, &id, Locale::En, NOW, &RelevanceProfile::default())
            .unwrap()
            .state,
        ReadState::Archived
    );
    assert_eq!(
        view::set_state(&f.store, "nope", ReadState::Read)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

#[test]
fn personal_relevance_ranks_first_and_drives_notifications() {
    let f = Fixture::new();
    let bank = alert("B-1")
        .replace(
            "<severity>Severe</severity>",
            "<severity>Moderate</severity>",
        )
        .replace(
            "<urgency>Immediate</urgency>",
            "<urgency>Expected</urgency>",
        )
        .replace("<value>refund</value>", "<value>fake_official_sms</value>")
        .replace(
            "Beware fake courier refund calls",
            "Fake Example Bank texts about points",
        );
    f.import(&alert("A-1"), 1).unwrap();
    f.import(&bank, 2).unwrap();
    let profile = RelevanceProfile {
        holders: vec!["Example Bank".into()],
        ..Default::default()
    };
    let ranked = view::list(&f.store, &AlertFilter::default(), Locale::En, NOW, &profile)
        .unwrap()
        .alerts;
    assert_eq!(
        ranked
            .iter()
            .map(|a| a.identifier.as_str())
            .collect::<Vec<_>>(),
        ["B-1", "A-1"]
    );
    assert!(ranked[0].personally_relevant && !ranked[1].personally_relevant);
    let plain = view::list(
        &f.store,
        &AlertFilter::default(),
        Locale::En,
        NOW,
        &RelevanceProfile::default(),
    )
    .unwrap()
    .alerts;
    assert_eq!(
        plain[0].identifier, "A-1",
        "without the profile, severity decides"
    );
    let met = RelevanceProfile {
        families_met: vec![Family::FakeOfficialSms],
        ..Default::default()
    };
    assert!(
        view::list(&f.store, &AlertFilter::default(), Locale::En, NOW, &met)
            .unwrap()
            .alerts[0]
            .personally_relevant
    );

    let (bank, severe) = (&ranked[0], &ranked[1]);
    let quiet = QuietHours {
        start_minute: 22 * 60,
        end_minute: 7 * 60,
    };
    let night = datetime!(2026-11-28 23:30 +08:00);
    assert!(should_notify(severe, Some(quiet), NOW));
    assert!(
        should_notify(bank, None, NOW),
        "moderate but personally relevant"
    );
    assert!(
        !should_notify(&plain[1], None, NOW),
        "moderate, expected, not relevant"
    );
    assert!(
        !should_notify(severe, Some(quiet), night),
        "quiet hours hold a severe alert"
    );
    let mut extreme = severe.clone();
    extreme.severity = CapSeverity::Extreme;
    assert!(
        should_notify(&extreme, Some(quiet), night),
        "only extreme+immediate breaks quiet hours"
    );
    let mut read = severe.clone();
    read.state = ReadState::Read;
    assert!(!should_notify(&read, None, NOW));
}

/// A new encrypted vault (passphrase "pw") in `dir` that trusts the police key for `SENDER`.
fn vault_trusting_police(dir: &std::path::Path) -> crate::vault::Vault {
    use crate::vault::{Vault, VaultOptions};
    let (vault, _recovery) = Vault::create(dir, "pw", &VaultOptions::fast_for_tests()).unwrap();
    trust::trust(
        &vault,
        "Police",
        &police_key().public_key().to_base64(),
        &[SENDER.to_string()],
    )
    .unwrap();
    vault
}

#[test]
fn the_encrypted_vault_keeps_alerts_and_trust_state_across_reopening() {
    use crate::vault::Vault;
    let dir = tempfile::tempdir().unwrap();
    let key = police_key();
    let xml = alert("V-1");
    {
        let vault = vault_trusting_police(dir.path());
        let sig = key.sign(xml.as_bytes(), &comment(3)).to_text();
        assert_eq!(
            ingest_feed(&vault, xml.as_bytes(), &sig, NOW)
                .unwrap()
                .accepted,
            1
        );
    }
    let vault = Vault::open(dir.path()).unwrap();
    vault.unlock_with_passphrase("pw").unwrap();
    let old = key.sign(xml.as_bytes(), &comment(2)).to_text();
    assert_eq!(
        ingest_feed(&vault, xml.as_bytes(), &old, NOW)
            .unwrap_err()
            .code(),
        ErrorCode::Rollback
    );
    let listed = view::list(
        &vault,
        &AlertFilter::default(),
        Locale::En,
        NOW,
        &RelevanceProfile::default(),
    )
    .unwrap()
    .alerts;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].family, Some(Family::Refund));
}

#[test]
fn a_damaged_stored_alert_is_counted_and_the_others_still_listed() {
    use super::inbox::StoredAlert;
    use crate::vault::{Store, TxnExt, Vault};
    let dir = tempfile::tempdir().unwrap();
    let key = police_key();
    let vault = vault_trusting_police(dir.path());
    for (seq, id) in [(3, "D-1"), (4, "D-2")] {
        let xml = alert(id);
        let sig = key.sign(xml.as_bytes(), &comment(seq)).to_text();
        ingest_feed(&vault, xml.as_bytes(), &sig, NOW).unwrap();
    }
    drop(vault);
    // Garble the body of the first alert stored.
    let conn = rusqlite::Connection::open(dir.path().join("vault.sqlite3")).unwrap();
    let garbled = conn
        .execute(
            "UPDATE records SET body = randomblob(length(body)) WHERE rowid = \
             (SELECT MIN(rowid) FROM records WHERE tbl = 'alerts_inbox')",
            [],
        )
        .unwrap();
    assert_eq!(garbled, 1);
    drop(conn);
    let vault = Vault::open(dir.path()).unwrap();
    vault.unlock_with_passphrase("pw").unwrap();
    let everything = AlertFilter {
        view: AlertView::All,
        ..AlertFilter::default()
    };
    let listed = view::list(
        &vault,
        &everything,
        Locale::En,
        NOW,
        &RelevanceProfile::default(),
    )
    .unwrap();
    assert_eq!(listed.damaged, 1);
    assert_eq!(listed.alerts.len(), 1);
    // Reading it alone still says what is wrong with it.
    assert_eq!(
        vault.read(|t| t.list::<StoredAlert>()).unwrap_err().code(),
        ErrorCode::Tampered
    );
}

#[test]
fn every_alerts_text_exists_in_both_locales() {
    let sources = [
        include_str!("sms.rs"),
        include_str!("view.rs"),
        include_str!("../../../cli/src/commands/alerts.rs"),
    ];
    let mut ids = 0;
    for source in sources {
        for (at, _) in source.match_indices("\"alerts-") {
            let id: String = source[at + 1..].chars().take_while(|c| *c != '"').collect();
            assert!(crate::i18n::has_message(&id), "{id} missing in a locale");
            ids += 1;
        }
    }
    assert!(ids >= 15, "found only {ids} message ids");
}
