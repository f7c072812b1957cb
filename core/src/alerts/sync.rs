//! The sync door: fetch subscribed feeds and their `.minisig` over HTTPS, then ingest them.
//!
//! - Transport: reqwest (blocking) on rustls with the ring provider. Plain `http` is accepted
//!   only for loopback hosts (local tests and development mirrors); feeds are signed anyway,
//!   but HTTPS keeps what a user follows private from the network.
//! - `ETag`/`If-None-Match`: an unchanged feed costs one `304` and no parsing. The ETag is only
//!   remembered after its feed was accepted, so a refused feed is fetched again next time.
//! - Limits: a total timeout per request (slow retrieval), a connect timeout, and a byte cap
//!   checked against `Content-Length` *and* while streaming (endless data).
//! - Retries: timeouts, connection failures, 5xx and 429 are retried with exponential backoff;
//!   other statuses and every verification failure are final.

use std::{io::Read, sync::Once, time::Duration};

use blake2::{Blake2b512, Digest};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use url::Url;

use super::{
    feed::{self, FeedReport, MAX_FEED_BYTES, MAX_SIGNATURE_BYTES},
    AlertsError,
};
use crate::{
    error::Reason,
    vault::{Record, Store, TxnExt},
    Error, Result,
};

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncOptions {
    pub timeout_ms: u64,
    pub connect_timeout_ms: u64,
    pub max_bytes: u64,
    /// Tries per file, the first included.
    pub attempts: u32,
    /// The wait before the second try; doubled for each further one.
    pub backoff_ms: u64,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            timeout_ms: 30_000,
            connect_timeout_ms: 10_000,
            max_bytes: MAX_FEED_BYTES as u64,
            attempts: 3,
            backoff_ms: 1_000,
        }
    }
}

/// A subscribed feed URL and what the server last said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedSource {
    pub id: String,
    pub url: String,
    pub etag: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_sync: Option<OffsetDateTime>,
}

impl Record for FeedSource {
    const TABLE: &'static str = "alerts_sources";

    fn id(&self) -> &str {
        &self.id
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncReport {
    pub url: String,
    /// The server answered `304 Not Modified`.
    pub not_modified: bool,
    pub bytes: u64,
    /// Requests made for the feed, retries included.
    pub attempts: u32,
    pub feed_report: Option<FeedReport>,
    /// The error code if this feed failed (in [`sync_all`], other feeds still sync).
    pub error: Option<String>,
}

/// Subscribe to a feed URL (idempotent).
pub fn subscribe<S: Store>(store: &S, url: &str) -> Result<FeedSource> {
    let url = checked_url(url)?;
    let id = source_id(url.as_str());
    store.write(|txn| {
        if let Some(existing) = txn.get::<FeedSource>(&id)? {
            return Ok(existing);
        }
        let source = FeedSource {
            id,
            url: url.to_string(),
            etag: None,
            last_sync: None,
        };
        txn.put(&source)?;
        Ok(source)
    })
}

pub fn sources<S: Store>(store: &S) -> Result<Vec<FeedSource>> {
    store.read(|txn| txn.list::<FeedSource>())
}

/// Sync every subscribed feed; a failing feed is reported, not fatal.
pub fn sync_all<S: Store>(
    store: &S,
    now: OffsetDateTime,
    options: &SyncOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<SyncReport>> {
    let mut reports = Vec::new();
    for source in sources(store)? {
        reports.push(match sync_url(store, &source.url, now, options, progress) {
            Ok(report) => report,
            Err(e) => SyncReport {
                url: source.url,
                not_modified: false,
                bytes: 0,
                attempts: 0,
                feed_report: None,
                error: Some(e.code().as_str().to_owned()),
            },
        });
    }
    Ok(reports)
}

/// Subscribe to `url` if needed, fetch it and its `.minisig`, and ingest.
pub fn sync_url<S: Store>(
    store: &S,
    url: &str,
    now: OffsetDateTime,
    options: &SyncOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<SyncReport> {
    let source = subscribe(store, url)?;
    let client = client(options)?;
    let limit = options.max_bytes.min(MAX_FEED_BYTES as u64);
    let (fetched, attempts) = with_retries(options, || {
        fetch(
            &client,
            &source.url,
            source.etag.as_deref(),
            limit,
            progress,
        )
    })?;
    let mut report = SyncReport {
        url: source.url.clone(),
        not_modified: false,
        bytes: 0,
        attempts,
        feed_report: None,
        error: None,
    };
    let Some(Body { bytes, etag }) = fetched else {
        report.not_modified = true;
        return Ok(report);
    };
    report.bytes = bytes.len() as u64;
    let sig_url = format!("{}.minisig", source.url);
    let (signature, _) = with_retries(options, || {
        fetch(
            &client,
            &sig_url,
            None,
            MAX_SIGNATURE_BYTES as u64,
            &mut |_, _| {},
        )
    })?;
    let signature = signature.ok_or(AlertsError::Network(Reason::new(
        "reason-network-unexpected-not-modified",
    )))?;
    let signature = String::from_utf8(signature.bytes)
        .map_err(|_| Error::invalid("reason-signature-not-text"))?;
    report.feed_report = Some(feed::ingest_feed(store, &bytes, &signature, now)?);
    store.write(|txn| {
        let mut source: FeedSource = txn.require(&source.id, "reason-thing-feed-source")?;
        source.etag = etag;
        source.last_sync = Some(now);
        txn.put(&source)
    })?;
    Ok(report)
}

fn source_id(url: &str) -> String {
    crate::hex::lower(&Blake2b512::digest(url.as_bytes())[..16])
}

fn checked_url(url: &str) -> Result<Url> {
    let parsed = Url::parse(url.trim()).map_err(|_| Error::invalid("reason-not-a-url"))?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if loopback => Ok(parsed),
        _ => Err(Error::invalid("reason-feed-https")),
    }
}

fn client(options: &SyncOptions) -> Result<reqwest::blocking::Client> {
    static PROVIDER: Once = Once::new();
    // Another part of the process may have installed it first: that is fine.
    PROVIDER.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_millis(options.timeout_ms))
        .connect_timeout(Duration::from_millis(options.connect_timeout_ms))
        .user_agent(concat!("Vigil/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|_| Error::Internal("HTTP client setup failed".into()))
}

struct Body {
    bytes: Vec<u8>,
    etag: Option<String>,
}

/// A failed request, and whether trying again could help.
struct Failure {
    error: AlertsError,
    retryable: bool,
}

fn with_retries<T>(
    options: &SyncOptions,
    mut attempt: impl FnMut() -> Result<T, Failure>,
) -> Result<(T, u32)> {
    let mut wait = Duration::from_millis(options.backoff_ms);
    let attempts = options.attempts.max(1);
    for n in 1..=attempts {
        match attempt() {
            Ok(value) => return Ok((value, n)),
            Err(f) if f.retryable && n < attempts => {
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2);
            }
            Err(f) => return Err(f.error.into()),
        }
    }
    unreachable!("the loop returns on its last attempt")
}

fn fetch(
    client: &reqwest::blocking::Client,
    url: &str,
    etag: Option<&str>,
    limit: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Option<Body>, Failure> {
    let mut request = client.get(url);
    if let Some(etag) = etag {
        request = request.header(reqwest::header::IF_NONE_MATCH, etag);
    }
    let mut response = request.send().map_err(transport_failure)?;
    let status = response.status();
    if status == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(None);
    }
    if !status.is_success() {
        let retryable =
            status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS;
        return Err(Failure {
            error: AlertsError::Network(Reason::with(
                "reason-network-http-status",
                [("status", u32::from(status.as_u16()).into())],
            )),
            retryable,
        });
    }
    let too_large = || Failure {
        error: AlertsError::TooLarge {
            limit: limit as usize,
        },
        retryable: false,
    };
    let total = response.content_length().unwrap_or(0);
    if total > limit {
        return Err(too_large());
    }
    let etag = response
        .headers()
        .get(reqwest::header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut bytes = Vec::with_capacity(total as usize);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = response.read(&mut chunk).map_err(read_failure)?;
        if n == 0 {
            break;
        }
        if bytes.len() as u64 + n as u64 > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress(bytes.len() as u64, total);
    }
    Ok(Some(Body { bytes, etag }))
}

fn transport_failure(e: reqwest::Error) -> Failure {
    if is_tls_rejection(&e) {
        // The same server presents the same certificate on the next try: retrying only delays
        // the answer (and a network that intercepts TLS is worth telling apart from a cut one).
        return Failure {
            error: AlertsError::Network(Reason::new("reason-network-certificate")),
            retryable: false,
        };
    }
    let error = if e.is_timeout() {
        AlertsError::Timeout
    } else {
        AlertsError::Network(Reason::new("reason-network-connection-failed"))
    };
    Failure {
        error,
        retryable: true,
    }
}

/// Whether rustls refused the handshake somewhere down the error's source chain. I/O errors
/// hide their payload from `source()`, so each one is opened with `get_ref`.
fn is_tls_rejection(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(error) = next {
        let io_payload = error
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
            .map(|inner| inner as &(dyn std::error::Error + 'static));
        if error.is::<rustls::Error>() || io_payload.is_some_and(is_tls_rejection) {
            return true;
        }
        next = error.source();
    }
    false
}

fn read_failure(e: std::io::Error) -> Failure {
    let timed_out = e.kind() == std::io::ErrorKind::TimedOut
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
            .is_some_and(reqwest::Error::is_timeout);
    let error = if timed_out {
        AlertsError::Timeout
    } else {
        AlertsError::Network(Reason::new("reason-network-connection-broke"))
    };
    Failure {
        error,
        retryable: true,
    }
}

#[cfg(test)]
mod tests;
