//! Sync against a real HTTP server on 127.0.0.1, started by each test.

use std::{
    io::{BufRead, BufReader, Write},
    net::{TcpListener, TcpStream},
    sync::{Arc, Mutex},
    thread,
};

use time::macros::datetime;

use super::*;
use crate::{
    alerts::{
        cap::tests::fraud_alert_xml,
        tests::{comment, police_key, trust_police},
    },
    vault::MemoryStore,
    ErrorCode,
};

const NOW: OffsetDateTime = datetime!(2026-11-28 10:00 +08:00);

/// What the handler saw: the request path and its `If-None-Match` header.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    if_none_match: Option<String>,
}

type Handler = dyn Fn(&Seen, &mut TcpStream) + Send + Sync;

/// A tiny HTTP/1.1 server: one request per connection, each on its own thread.
struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start(handler: impl Fn(&Seen, &mut TcpStream) + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let handler: Arc<Handler> = Arc::new(handler);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (log, handler) = (log.clone(), handler.clone());
                thread::spawn(move || serve(stream, &log, &*handler));
            }
        });
        Server { base, seen }
    }

    fn url(&self) -> String {
        format!("{}/feed.xml", self.base)
    }

    fn requests(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }
}

fn serve(mut stream: TcpStream, log: &Mutex<Vec<Seen>>, handler: &Handler) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_owned();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(value.trim().to_owned());
            }
        }
    }
    let request = Seen {
        path,
        if_none_match,
    };
    log.lock().unwrap().push(request.clone());
    handler(&request, &mut stream);
}

fn respond(stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn feed_and_signature() -> (Vec<u8>, String) {
    let xml = fraud_alert_xml(
        "S-1",
        "2026-11-28T09:00:00+08:00",
        "Alert",
        "",
        "2026-12-05T09:00:00+08:00",
    );
    let sig = police_key().sign(xml.as_bytes(), &comment(1)).to_text();
    (xml.into_bytes(), sig)
}

fn trusted_store() -> MemoryStore {
    let store = MemoryStore::new();
    trust_police(&store);
    store
}

fn fast() -> SyncOptions {
    SyncOptions {
        timeout_ms: 2_000,
        connect_timeout_ms: 1_000,
        attempts: 2,
        backoff_ms: 10,
        ..SyncOptions::default()
    }
}

/// Serves the signed feed with an ETag, answering 304 when the client already has it.
fn feed_server() -> Server {
    let (feed, sig) = feed_and_signature();
    Server::start(move |req, stream| match req.path.as_str() {
        "/feed.xml" if req.if_none_match.as_deref() == Some("\"v1\"") => {
            respond(stream, "304 Not Modified", "", b"")
        }
        "/feed.xml" => respond(stream, "200 OK", "ETag: \"v1\"\r\n", &feed),
        "/feed.xml.minisig" => respond(stream, "200 OK", "", sig.as_bytes()),
        _ => respond(stream, "404 Not Found", "", b""),
    })
}

#[test]
fn a_feed_syncs_then_is_not_modified() {
    let server = feed_server();
    let store = trusted_store();
    let mut progress = Vec::new();
    let report = sync_url(&store, &server.url(), NOW, &fast(), &mut |done, total| {
        progress.push((done, total))
    })
    .unwrap();
    assert_eq!(report.feed_report.as_ref().unwrap().accepted, 1);
    assert!(!report.not_modified && report.bytes > 0 && report.attempts == 1);
    assert_eq!(progress.last().copied(), Some((report.bytes, report.bytes)));

    let again = sync_all(&store, NOW, &fast(), &mut |_, _| {}).unwrap();
    assert_eq!(again.len(), 1);
    assert!(again[0].not_modified && again[0].feed_report.is_none() && again[0].error.is_none());
    let feed_requests = server.requests("/feed.xml");
    assert_eq!(feed_requests.len(), 2);
    assert_eq!(feed_requests[0].if_none_match, None);
    assert_eq!(feed_requests[1].if_none_match.as_deref(), Some("\"v1\""));
    assert_eq!(
        server.requests("/feed.xml.minisig").len(),
        1,
        "no signature fetch for a 304"
    );
}

#[test]
fn endless_data_is_cut_off_while_streaming() {
    let server = Server::start(|_, stream| {
        // No Content-Length: the body never ends until the client hangs up.
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
        let chunk = [b' '; 8192];
        while stream.write_all(&chunk).is_ok() {}
    });
    let options = SyncOptions {
        max_bytes: 64 * 1024,
        ..fast()
    };
    let err = sync_url(
        &trusted_store(),
        &server.url(),
        NOW,
        &options,
        &mut |_, _| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::TooLarge);
    assert_eq!(
        server.requests("/feed.xml").len(),
        1,
        "too large is not retried"
    );
}

#[test]
fn an_announced_oversized_body_is_refused_before_reading() {
    let server = Server::start(|_, stream| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n");
    });
    let err = sync_url(
        &trusted_store(),
        &server.url(),
        NOW,
        &fast(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::TooLarge);
}

#[test]
fn slow_retrieval_times_out_after_retries() {
    let server = Server::start(|_, stream| {
        thread::sleep(Duration::from_millis(1_500));
        respond(stream, "200 OK", "", b"late");
    });
    let options = SyncOptions {
        timeout_ms: 200,
        ..fast()
    };
    let err = sync_url(
        &trusted_store(),
        &server.url(),
        NOW,
        &options,
        &mut |_, _| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Timeout);
    // Wait for the server to log the retry it is still sleeping on.
    thread::sleep(Duration::from_millis(100));
    assert_eq!(server.requests("/feed.xml").len(), 2, "one retry");
}

#[test]
fn server_errors_are_retried_with_backoff() {
    let (feed, sig) = feed_and_signature();
    let failures = Arc::new(Mutex::new(1));
    let server = Server::start(move |req, stream| {
        let mut left = failures.lock().unwrap();
        if *left > 0 {
            *left -= 1;
            return respond(stream, "503 Service Unavailable", "", b"");
        }
        match req.path.as_str() {
            "/feed.xml" => respond(stream, "200 OK", "", &feed),
            _ => respond(stream, "200 OK", "", sig.as_bytes()),
        }
    });
    let report = sync_url(
        &trusted_store(),
        &server.url(),
        NOW,
        &fast(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(
        (report.attempts, report.feed_report.unwrap().accepted),
        (2, 1)
    );

    let missing = Server::start(|_, stream| respond(stream, "404 Not Found", "", b""));
    let err = sync_url(
        &trusted_store(),
        &missing.url(),
        NOW,
        &fast(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Network);
    assert_eq!(missing.requests("/feed.xml").len(), 1, "a 404 is final");
}

#[test]
fn a_refused_feed_keeps_no_etag_and_sync_all_reports_per_feed() {
    let (feed, _) = feed_and_signature();
    let forged_sig = police_key().sign(b"something else", &comment(1)).to_text();
    let server = Server::start(move |req, stream| match req.path.as_str() {
        "/feed.xml" => respond(stream, "200 OK", "ETag: \"v1\"\r\n", &feed),
        _ => respond(stream, "200 OK", "", forged_sig.as_bytes()),
    });
    let store = trusted_store();
    let err = sync_url(&store, &server.url(), NOW, &fast(), &mut |_, _| {}).unwrap_err();
    assert_eq!(err.code(), ErrorCode::SignatureInvalid);
    let reports = sync_all(&store, NOW, &fast(), &mut |_, _| {}).unwrap();
    assert_eq!(reports[0].error.as_deref(), Some("signature_invalid"));
    assert!(server
        .requests("/feed.xml")
        .iter()
        .all(|r| r.if_none_match.is_none()));
}

#[test]
fn only_https_or_loopback_http() {
    let store = trusted_store();
    for url in [
        "http://alerts.example.cn/feed.xml",
        "ftp://127.0.0.1/x",
        "not a url",
    ] {
        assert_eq!(
            subscribe(&store, url).unwrap_err().code(),
            ErrorCode::InvalidInput,
            "{url}"
        );
    }
    assert!(subscribe(&store, "https://alerts.example.cn/feed.xml").is_ok());
    assert!(subscribe(&store, "http://localhost:8080/feed.xml").is_ok());
    assert_eq!(sources(&store).unwrap().len(), 2);
}
