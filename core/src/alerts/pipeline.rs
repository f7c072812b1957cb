//! Parsing a feed and storing its alerts at the same time, and checking it as UTF-8 while its
//! signature's hash is computed: the feed path's use of a second core.
//!
//! Once a feed's signature checks out, parsing it and storing its alerts take comparable time.
//! On a device with more than one core the parser runs on a second thread and hands alerts over
//! in batches, so a large feed costs about the longer of the two rather than their sum.
//! The outcome is always that of parsing first: an XML or CAP error anywhere in the feed wins
//! over whatever storing returned, and the caller's transaction then rolls back what was stored.
//!
//! Storing hands each alert back once it is done with it, and the parser frees it. With glibc's
//! per-thread arenas, every string of every alert freed on the storing thread took the parser's
//! arena lock against the parser's own allocations: about a fifth of a feed's time here. (Not
//! measured with Android's allocator; handing back costs little either way.) Record ids are
//! computed, and freed, on the storing side (see [`Keyed`]).

use std::sync::{mpsc, OnceLock};

use super::{
    cap::{self, XmlError},
    inbox::Keyed,
    AlertsError,
};
use crate::Result;

/// Alerts handed over at a time. One at a time, the threads woke each other for nearly every
/// alert: about three futex calls per alert, which cost more than storing it.
const BATCH: usize = 16;
/// Batches parsed but not yet stored, at most: enough to keep both threads busy, and a bound on
/// the memory a slow store lets the parser fill (a few KiB per alert).
const BATCHES_IN_FLIGHT: usize = 4;

/// What storing is given: the feed's alerts in document order, and where to hand each one back
/// once stored (or refused).
pub(crate) type Store<'s, T> =
    dyn FnOnce(&mut dyn Iterator<Item = Keyed>, &mut dyn FnMut(Keyed)) -> Result<T> + 's;

/// Below this size a feed is checked as UTF-8 on the calling thread: starting a thread costs
/// more than checking 256 KiB (~0.1 ms).
const CHECK_APART_MIN_BYTES: usize = 256 << 10;

/// Run `work` (hashing the feed for its signature) while a second core checks that `feed` is
/// UTF-8, which the parser would otherwise do first. Both read every byte. Checking is not
/// parsing: nothing the feed says is read before its signature is verified.
pub(crate) fn check_text_while<T>(
    feed: &[u8],
    work: impl FnOnce() -> T,
) -> (T, Result<&str, XmlError>) {
    let check = || std::str::from_utf8(feed).map_err(|_| XmlError::NotUtf8);
    if feed.len() < CHECK_APART_MIN_BYTES || cores() == 1 {
        return (work(), check());
    }
    std::thread::scope(|scope| {
        let checker = std::thread::Builder::new().name("vigil-utf8-check".into());
        match checker.spawn_scoped(scope, check) {
            Ok(checker) => {
                let done = work();
                let text = checker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (done, text)
            }
            // No thread to be had (the process is at its limit): do without one.
            Err(_) => (work(), check()),
        }
    })
}

/// The cores this process may use, read once: on Linux `available_parallelism` reads the cgroup
/// files each time (21 system calls, ~44 µs here), and every feed asks twice. Should the process
/// be moved to fewer cores later, a stale count only costs speed, never the outcome.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Parse `feed` while `store` takes its alerts.
pub(crate) fn parse_while_storing<T>(feed: &str, store: Box<Store<'_, T>>) -> Result<T> {
    if cores() > 1 {
        on_two_threads(feed, store)
    } else {
        parse_then_store(feed, store)
    }
}

fn on_two_threads<T>(feed: &str, store: Box<Store<'_, T>>) -> Result<T> {
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<cap::Alert>>(BATCHES_IN_FLIGHT);
        // Unbounded, so that storing never waits on it; what is in it was in flight before.
        let (give_back, given_back) = mpsc::channel::<Vec<cap::Alert>>();
        let parser = std::thread::Builder::new()
            .name("vigil-cap-parse".into())
            .spawn_scoped(scope, move || {
                // Once `store` has returned nobody receives; the parse still runs to the end, so
                // that an XML error later in the feed is what the caller hears.
                let mut batch = Vec::with_capacity(BATCH);
                let parsed = cap::parse_text_each(feed, &mut |alert| {
                    batch.push(alert);
                    if batch.len() == BATCH {
                        given_back.try_iter().for_each(drop);
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        drop(sender.send(full));
                    }
                });
                if parsed.is_ok() && !batch.is_empty() {
                    drop(sender.send(batch));
                }
                // Storing's input ends here; its last alerts come back until it hangs up.
                drop(sender);
                given_back.iter().for_each(drop);
                parsed
            });
        let Ok(parser) = parser else {
            // No thread to be had (the process is at its limit): do without one.
            return parse_then_store(feed, store);
        };
        let mut spent = Vec::with_capacity(BATCH);
        let stored = store(
            &mut receiver.iter().flatten().map(Keyed::from),
            &mut |keyed| {
                spent.push(keyed.alert);
                if spent.len() == BATCH {
                    let full = std::mem::replace(&mut spent, Vec::with_capacity(BATCH));
                    // Refused only if the parser is gone, which it is not before `join`.
                    drop(give_back.send(full));
                }
            },
        );
        // A parser blocked on a full channel gets its send refused and carries on.
        drop(receiver);
        drop(give_back.send(spent));
        drop(give_back);
        let parsed = parser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        parsed.map_err(AlertsError::from)?;
        stored
    })
}

fn parse_then_store<T>(feed: &str, store: Box<Store<'_, T>>) -> Result<T> {
    let mut alerts = Vec::new();
    cap::parse_text_each(feed, &mut |alert| alerts.push(alert)).map_err(AlertsError::from)?;
    store(&mut alerts.into_iter().map(Keyed::from), &mut drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{alerts::cap::CapError, Error};

    /// A store under test: it returns the identifiers it took.
    type TestStore = Box<Store<'static, Vec<String>>>;
    type Pipeline = fn(&str, TestStore) -> Result<Vec<String>>;

    /// Both ways of running, which must be indistinguishable to the caller.
    const BOTH: [(&str, Pipeline); 2] = [
        ("two threads", |feed, store| on_two_threads(feed, store)),
        ("one thread", |feed, store| parse_then_store(feed, store)),
    ];

    /// An Atom feed of `n` alerts (more than fit in flight), then `tail` inside the feed element.
    fn feed(n: usize, tail: &str) -> String {
        let entries: String = (0..n)
            .map(|i| {
                format!(
                    r#"<entry><content type="application/cap+xml"><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>A-{i}</identifier><sender>s@example.cn</sender><sent>2026-11-28T09:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope></alert></content></entry>"#
                )
            })
            .collect();
        format!(r#"<feed xmlns="http://www.w3.org/2005/Atom">{entries}{tail}</feed>"#)
    }

    /// A store that keeps identifiers and fails after `fail_after` alerts, if given.
    fn store_failing_after(fail_after: Option<usize>) -> TestStore {
        Box::new(move |alerts, spent| {
            let mut seen = Vec::new();
            for keyed in alerts {
                if Some(seen.len()) == fail_after {
                    return Err(Error::NotFound("reason-thing-alert"));
                }
                seen.push(keyed.alert.identifier.clone());
                spent(keyed);
            }
            Ok(seen)
        })
    }

    const ALERTS: usize = BATCH * BATCHES_IN_FLIGHT * 3 + 5;

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
