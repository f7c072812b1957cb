//! The sync door over real TLS: a rustls server on 127.0.0.1 with a certificate from a
//! throwaway authority. The client trusts the platform's roots only, so the same server is
//! refused until the authority is added to them (`SSL_CERT_FILE`, which the platform verifier
//! reads on Linux as on any OpenSSL-style system).
//!
//! One test in its own binary: it changes the process environment, which no other test shares.

use std::{
    io::{BufRead, BufReader, Write},
    net::TcpListener,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    thread,
};

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use rustls::pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer};
use time::macros::datetime;
use vigil_core::{
    alerts::{minisign::SecretKey, sync_url, trust, view, AlertFilter, SyncOptions},
    vault::MemoryStore,
    ErrorCode, Locale,
};

const SENDER: &str = "alerts@police.example.cn";

fn alert_xml() -> String {
    format!(
        r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>TLS-1</identifier><sender>{SENDER}</sender><sent>2026-11-28T09:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><language>en</language><category>Security</category><event>Refund scam</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><expires>2026-12-05T09:00:00+08:00</expires><headline>Fake couriers offer refunds</headline></info></alert>"#
    )
}

struct Pki {
    authority_pem: String,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: PrivateKeyDer<'static>,
}

/// An authority and a certificate it issued for `localhost` and 127.0.0.1.
fn pki() -> Pki {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "Vigil test authority");
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca, ca_key);

    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let server_cert = server.signed_by(&server_key, &issuer).unwrap();
    Pki {
        authority_pem: ca_cert.pem(),
        server_chain: vec![server_cert.der().clone(), ca_cert.der().clone()],
        server_key: PrivateKeyDer::from_pem_slice(server_key.serialize_pem().as_bytes()).unwrap(),
    }
}

/// An HTTPS server answering `/feed.xml` and `/feed.xml.minisig`; counts finished handshakes.
fn serve(pki: &Pki, feed: Vec<u8>, signature: String) -> (String, Arc<AtomicUsize>) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(pki.server_chain.clone(), pki.server_key.clone_key())
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "https://localhost:{}/feed.xml",
        listener.local_addr().unwrap().port()
    );
    let handshakes = Arc::new(AtomicUsize::new(0));
    let counter = handshakes.clone();
    thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let connection = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(connection, tcp);
            let mut reader = BufReader::new(&mut tls);
            let mut request_line = String::new();
            // A client that rejects the certificate aborts here, inside the handshake.
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            counter.fetch_add(1, Ordering::SeqCst);
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("");
            let body: &[u8] = match path {
                "/feed.xml" => &feed,
                "/feed.xml.minisig" => signature.as_bytes(),
                _ => b"",
            };
            let status = if body.is_empty() {
                "404 Not Found"
            } else {
                "200 OK"
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = tls.write_all(head.as_bytes());
            let _ = tls.write_all(body);
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    });
    (url, handshakes)
}

#[test]
fn feeds_sync_over_https_only_from_a_trusted_certificate() {
    let now = datetime!(2026-11-28 10:00 +08:00);
    let key = SecretKey::from_seed(&[7; 32], *b"tls-test");
    let feed = alert_xml().into_bytes();
    let signature = key
        .sign(&feed, "seq=1 expires=2026-12-05T00:00:00Z")
        .to_text();
    let pki = pki();
    let (url, handshakes) = serve(&pki, feed, signature);
    let store = MemoryStore::new();
    trust::trust(
        &store,
        "Police",
        &key.public_key().to_base64(),
        &[SENDER.to_owned()],
    )
    .unwrap();
    let options = SyncOptions {
        timeout_ms: 5_000,
        connect_timeout_ms: 2_000,
        attempts: 3,
        backoff_ms: 10,
        ..SyncOptions::default()
    };

    let listed = || {
        view::list(
            &store,
            &AlertFilter::default(),
            Locale::En,
            now,
            &Default::default(),
        )
        .unwrap()
        .alerts
    };

    // An empty root store: the platform's own roots cannot vouch for the test authority.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    std::env::set_var("SSL_CERT_FILE", &empty);
    let refused = sync_url(&store, &url, now, &options, &mut |_, _| {}).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Network);
    assert!(refused.to_string().contains("certificate"), "{refused}");
    assert_eq!(
        handshakes.load(Ordering::SeqCst),
        0,
        "no request got through"
    );
    assert!(listed().is_empty(), "nothing was ingested");

    let roots = dir.path().join("roots.pem");
    std::fs::write(&roots, &pki.authority_pem).unwrap();
    std::env::set_var("SSL_CERT_FILE", &roots);
    let report = sync_url(&store, &url, now, &options, &mut |_, _| {}).unwrap();
    assert_eq!(report.attempts, 1);
    assert_eq!(report.feed_report.unwrap().accepted, 1);
    assert_eq!(
        handshakes.load(Ordering::SeqCst),
        2,
        "the feed and its signature"
    );
    let listed = listed();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].identifier, "TLS-1");
}
