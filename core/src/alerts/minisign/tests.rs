use std::process::Command;

use super::*;

const COMMENT: &str = "seq=7 expires=2026-12-01T00:00:00Z timestamp=1764300000";

fn test_key() -> SecretKey {
    SecretKey::from_seed(&[7; 32], *b"vigil-k1")
}

#[test]
fn own_signatures_verify_and_round_trip() {
    let key = test_key();
    let sig = key.sign(b"feed", COMMENT);
    let reparsed = Signature::parse(&sig.to_text()).unwrap();
    assert_eq!(reparsed, sig);
    let tc = reparsed.verify(&key.public_key(), b"feed").unwrap();
    assert_eq!(tc.seq, 7);
    assert_eq!(tc.expires, time::macros::datetime!(2026-12-01 00:00 UTC));
    assert_eq!(tc.get("timestamp"), Some("1764300000"));
    assert_eq!(
        PublicKey::parse(&key.public_key().to_base64()).unwrap(),
        key.public_key()
    );
}

#[test]
fn each_forgery_has_its_own_error() {
    let key = test_key();
    let sig = key.sign(b"feed", COMMENT);
    assert_eq!(
        sig.verify(&key.public_key(), b"feeD").unwrap_err(),
        MinisignError::SignatureInvalid
    );

    let mut tampered = sig.clone();
    tampered.trusted_comment = tampered.trusted_comment.replace("seq=7", "seq=9");
    assert_eq!(
        tampered.verify(&key.public_key(), b"feed").unwrap_err(),
        MinisignError::TrustedCommentTampered
    );

    let mut legacy = sig.clone();
    legacy.algorithm = *b"Ed";
    assert_eq!(
        legacy.verify(&key.public_key(), b"feed").unwrap_err(),
        MinisignError::LegacySignature
    );

    let other = SecretKey::from_seed(&[8; 32], *b"vigil-k2");
    assert_eq!(
        sig.verify(&other.public_key(), b"feed").unwrap_err(),
        MinisignError::KeyIdMismatch
    );
    // Same id, different key: the signature itself fails.
    let impostor = SecretKey::from_seed(&[8; 32], *b"vigil-k1");
    assert_eq!(
        sig.verify(&impostor.public_key(), b"feed").unwrap_err(),
        MinisignError::SignatureInvalid
    );

    let no_seq = key.sign(b"feed", "expires=2026-12-01T00:00:00Z");
    assert_eq!(
        no_seq.verify(&key.public_key(), b"feed").unwrap_err(),
        MinisignError::TrustedCommentField("seq")
    );
    let bad_expiry = key.sign(b"feed", "seq=1 expires=soon");
    assert_eq!(
        bad_expiry.verify(&key.public_key(), b"feed").unwrap_err(),
        MinisignError::TrustedCommentField("expires")
    );
}

#[test]
fn malformed_inputs_are_errors() {
    assert_eq!(
        PublicKey::parse("RWnotbase64!").unwrap_err(),
        MinisignError::Malformed("public key")
    );
    assert_eq!(
        PublicKey::parse("").unwrap_err(),
        MinisignError::Malformed("public key")
    );
    assert!(Signature::parse("untrusted comment: x\nAAAA\n").is_err());
    assert!(Signature::parse("").is_err());
    let good = test_key().sign(b"x", COMMENT).to_text();
    assert!(Signature::parse(&good.replacen("trusted comment: ", "comment: ", 1)).is_err());
}

/// Sign with the stock `minisign` binary and verify with ours (skipped, loudly, if it is absent;
/// the project's test command installs it).
#[test]
fn interop_with_the_minisign_binary() {
    if Command::new("minisign").arg("-v").output().is_err() {
        eprintln!(
            "SKIPPED interop_with_the_minisign_binary: the `minisign` binary is not installed"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (pk, sk, file) = (
        dir.path().join("k.pub"),
        dir.path().join("k.key"),
        dir.path().join("feed.xml"),
    );
    let ok = Command::new("minisign")
        .arg("-G")
        .arg("-W")
        .arg("-p")
        .arg(&pk)
        .arg("-s")
        .arg(&sk)
        .output()
        .unwrap();
    assert!(ok.status.success(), "minisign -G failed");
    std::fs::write(&file, b"<alert>interop</alert>").unwrap();
    let comment = "seq=42 expires=2030-01-01T00:00:00+08:00";
    let ok = Command::new("minisign")
        .arg("-S")
        .arg("-s")
        .arg(&sk)
        .arg("-m")
        .arg(&file)
        .arg("-t")
        .arg(comment)
        .output()
        .unwrap();
    assert!(ok.status.success(), "minisign -S failed");

    let key = PublicKey::parse(&std::fs::read_to_string(&pk).unwrap()).unwrap();
    let sig_text = std::fs::read_to_string(dir.path().join("feed.xml.minisig")).unwrap();
    let sig = Signature::parse(&sig_text).unwrap();
    assert_eq!(&sig.algorithm, b"ED");
    assert_eq!(
        sig.to_text(),
        sig_text,
        "our writer matches minisign's format"
    );
    let data = std::fs::read(&file).unwrap();
    let tc = sig.verify(&key, &data).unwrap();
    assert_eq!(tc.seq, 42);
    assert_eq!(tc.expires, time::macros::datetime!(2030-01-01 00:00 +08:00));

    let mut tampered = data.clone();
    tampered[1] ^= 1;
    assert_eq!(
        sig.verify(&key, &tampered).unwrap_err(),
        MinisignError::SignatureInvalid
    );
    let forged = Signature::parse(&sig_text.replace("seq=42", "seq=43")).unwrap();
    assert_eq!(
        forged.verify(&key, &data).unwrap_err(),
        MinisignError::TrustedCommentTampered
    );

    // Our signatures verify with the stock tool too.
    let ours = test_key();
    std::fs::write(
        dir.path().join("ours.pub"),
        format!(
            "untrusted comment: vigil\n{}\n",
            ours.public_key().to_base64()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("feed.xml.minisig"),
        ours.sign(&data, comment).to_text(),
    )
    .unwrap();
    let ok = Command::new("minisign")
        .arg("-V")
        .arg("-p")
        .arg(dir.path().join("ours.pub"))
        .arg("-m")
        .arg(&file)
        .output()
        .unwrap();
    assert!(ok.status.success(), "minisign -V rejected our signature");
}

proptest::proptest! {
    #[test]
    fn signature_parse_never_panics(text in ".{0,400}") {
        let _ = Signature::parse(&text);
        let _ = PublicKey::parse(&text);
    }

    #[test]
    fn signatures_round_trip(seed in proptest::array::uniform32(proptest::num::u8::ANY), id in proptest::array::uniform8(proptest::num::u8::ANY), seq in proptest::num::u64::ANY, data in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
        let key = SecretKey::from_seed(&seed, id);
        let sig = key.sign(&data, &format!("seq={seq} expires=2030-01-01T00:00:00Z"));
        let parsed = Signature::parse(&sig.to_text()).unwrap();
        proptest::prop_assert_eq!(&parsed, &sig);
        proptest::prop_assert_eq!(parsed.verify(&key.public_key(), &data).unwrap().seq, seq);
    }
}
