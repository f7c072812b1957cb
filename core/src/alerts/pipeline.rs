//! Parsing a feed and storing its alerts at the same time.
//!
//! Once a feed's signature checks out, parsing it and storing its alerts take comparable time.
//! On a device with more than one core the parser runs on a second thread and hands alerts over
//! as each one closes, so a large feed costs about the longer of the two rather than their sum.
//! The outcome is always that of parsing first: an XML or CAP error anywhere in the feed wins
//! over whatever storing returned, and the caller's transaction then rolls back what was stored.

use std::sync::mpsc;

use super::{
    cap::{self, Alert},
    AlertsError,
};
use crate::Result;

/// Alerts parsed but not yet stored, at most: enough to keep both threads busy, and a bound on
/// the memory a slow store lets the parser fill (a few KiB per alert).
const ALERTS_IN_FLIGHT: usize = 64;

/// Parse `feed` while `store` takes its alerts, in document order.
pub(crate) fn parse_while_storing<T>(
    feed: &[u8],
    store: impl FnOnce(&mut dyn Iterator<Item = Alert>) -> Result<T>,
) -> Result<T> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores > 1 {
        on_two_threads(feed, store)
    } else {
        parse_then_store(feed, store)
    }
}

fn on_two_threads<T>(
    feed: &[u8],
    store: impl FnOnce(&mut dyn Iterator<Item = Alert>) -> Result<T>,
) -> Result<T> {
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel(ALERTS_IN_FLIGHT);
        let parser = std::thread::Builder::new()
            .name("vigil-cap-parse".into())
            .spawn_scoped(scope, move || {
                // Once `store` has returned nobody receives; the parse still runs to the end, so
                // that an XML error later in the feed is what the caller hears.
                cap::parse_document_each(feed, &mut |alert| drop(sender.send(alert)))
            });
        let Ok(parser) = parser else {
            // No thread to be had (the process is at its limit): do without one.
            return parse_then_store(feed, store);
        };
        let stored = store(&mut receiver.iter());
        // A parser blocked on a full channel gets its send refused and carries on.
        drop(receiver);
        let parsed = parser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        parsed.map_err(AlertsError::from)?;
        stored
    })
}

fn parse_then_store<T>(
    feed: &[u8],
    store: impl FnOnce(&mut dyn Iterator<Item = Alert>) -> Result<T>,
) -> Result<T> {
    let alerts = cap::parse_document(feed).map_err(AlertsError::from)?;
    store(&mut alerts.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{alerts::cap::CapError, Error};

    /// A store under test: it returns the identifiers it took.
    type TestStore = Box<dyn FnOnce(&mut dyn Iterator<Item = Alert>) -> Result<Vec<String>>>;
    type Pipeline = fn(&[u8], TestStore) -> Result<Vec<String>>;

    /// Both ways of running, which must be indistinguishable to the caller.
    const BOTH: [(&str, Pipeline); 2] = [
        ("two threads", |feed, store| on_two_threads(feed, store)),
        ("one thread", |feed, store| parse_then_store(feed, store)),
    ];

    /// An Atom feed of `n` alerts (more than fit in flight), then `tail` inside the feed element.
    fn feed(n: usize, tail: &str) -> Vec<u8> {
        let entries: String = (0..n)
            .map(|i| {
                format!(
                    r#"<entry><content type="application/cap+xml"><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>A-{i}</identifier><sender>s@example.cn</sender><sent>2026-11-28T09:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope></alert></content></entry>"#
                )
            })
            .collect();
        format!(r#"<feed xmlns="http://www.w3.org/2005/Atom">{entries}{tail}</feed>"#).into_bytes()
    }

    /// A store that keeps identifiers and fails after `fail_after` alerts, if given.
    fn store_failing_after(fail_after: Option<usize>) -> TestStore {
        Box::new(move |alerts| {
            let mut seen = Vec::new();
            for alert in alerts {
                if Some(seen.len()) == fail_after {
                    return Err(Error::NotFound("reason-thing-alert"));
                }
                seen.push(alert.identifier);
            }
            Ok(seen)
        })
    }

    const ALERTS: usize = ALERTS_IN_FLIGHT * 3;

    #[test]
    fn a_valid_feed_is_stored_whole_and_in_order() {
        for (how, run) in BOTH {
            let seen = run(&feed(ALERTS, ""), store_failing_after(None)).expect(how);
            let expected: Vec<String> = (0..ALERTS).map(|i| format!("A-{i}")).collect();
            assert_eq!(seen, expected, "{how}");
        }
    }

    #[test]
    fn an_error_late_in_the_feed_wins_over_what_was_stored() {
        for (how, run) in BOTH {
            let late_xml_error = run(&feed(ALERTS, "<oops>"), store_failing_after(None));
            assert!(
                matches!(
                    late_xml_error,
                    Err(Error::Alerts(AlertsError::Cap(CapError::Xml(_))))
                ),
                "{how}: {late_xml_error:?}"
            );
            // Also when storing failed first (and stopped taking alerts with the channel full).
            let after_store_failed = run(&feed(ALERTS, "<oops>"), store_failing_after(Some(1)));
            assert!(
                matches!(
                    after_store_failed,
                    Err(Error::Alerts(AlertsError::Cap(CapError::Xml(_))))
                ),
                "{how}: {after_store_failed:?}"
            );
        }
    }

    #[test]
    fn a_store_error_on_a_valid_feed_is_returned() {
        for (how, run) in BOTH {
            let failed = run(&feed(ALERTS, ""), store_failing_after(Some(1)));
            assert!(
                matches!(failed, Err(Error::NotFound(_))),
                "{how}: {failed:?}"
            );
        }
    }
}
