//! minisign public keys and detached signatures, so publishers sign feeds with the stock tool.
//!
//! Only prehashed signatures (`ED`: Ed25519 over the BLAKE2b-512 digest of the file) are
//! accepted; legacy `Ed` signatures (over the raw file) are refused. The global signature
//! covers `signature || trusted comment`, which is where feeds carry `seq=` and `expires=`.

use base64::{engine::general_purpose::STANDARD, Engine};
use blake2::{Blake2b512, Digest};
use ring::signature::{Ed25519KeyPair, KeyPair as _, UnparsedPublicKey, ED25519};
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

use crate::error::{Reason, ReasonArg};

const KEY_ALGORITHM: &[u8; 2] = b"Ed";
const PREHASHED: &[u8; 2] = b"ED";
const LEGACY: &[u8; 2] = b"Ed";
const UNTRUSTED_PREFIX: &str = "untrusted comment: ";
const TRUSTED_PREFIX: &str = "trusted comment: ";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinisignError {
    #[error("malformed minisign {0}")]
    Malformed(&'static str),
    #[error("legacy (non-prehashed) signature")]
    LegacySignature,
    #[error("signed by a different key")]
    KeyIdMismatch,
    #[error("signature does not match the content")]
    SignatureInvalid,
    #[error("trusted comment does not match its global signature")]
    TrustedCommentTampered,
    #[error("trusted comment lacks a valid {0}")]
    TrustedCommentField(&'static str),
}

impl MinisignError {
    /// Why the signature was refused, in words for a person.
    pub fn reason(&self) -> Reason {
        match self {
            MinisignError::Malformed(part) => Reason::with(
                "reason-minisign-malformed",
                [("part", ReasonArg::code(*part))],
            ),
            MinisignError::LegacySignature => Reason::new("reason-minisign-legacy"),
            MinisignError::KeyIdMismatch => Reason::new("reason-minisign-other-key"),
            MinisignError::SignatureInvalid => Reason::new("reason-minisign-mismatch"),
            MinisignError::TrustedCommentTampered => {
                Reason::new("reason-minisign-comment-tampered")
            }
            MinisignError::TrustedCommentField(field) => Reason::with(
                "reason-minisign-comment-field",
                [("field", ReasonArg::code(*field))],
            ),
        }
    }
}

/// A minisign Ed25519 public key: 8-byte key id and 32-byte key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey {
    pub key_id: [u8; 8],
    pub key: [u8; 32],
}

impl PublicKey {
    /// Accepts the bare base64 line (`RW…`) or a whole `.pub` file.
    pub fn parse(text: &str) -> Result<Self, MinisignError> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with(UNTRUSTED_PREFIX))
            .ok_or(MinisignError::Malformed("public key"))?;
        let bytes = STANDARD
            .decode(line)
            .map_err(|_| MinisignError::Malformed("public key"))?;
        if bytes.len() != 42 || &bytes[..2] != KEY_ALGORITHM {
            return Err(MinisignError::Malformed("public key"));
        }
        Ok(PublicKey {
            key_id: take(&bytes[2..10]),
            key: take(&bytes[10..42]),
        })
    }

    /// The `RW…` form.
    pub fn to_base64(&self) -> String {
        let mut bytes = Vec::with_capacity(42);
        bytes.extend_from_slice(KEY_ALGORITHM);
        bytes.extend_from_slice(&self.key_id);
        bytes.extend_from_slice(&self.key);
        STANDARD.encode(bytes)
    }

    /// The key id as minisign prints it: uppercase hex of the little-endian 64-bit number.
    pub fn key_id_hex(&self) -> String {
        key_id_hex(&self.key_id)
    }
}

pub fn key_id_hex(key_id: &[u8; 8]) -> String {
    key_id.iter().rev().map(|b| format!("{b:02X}")).collect()
}

/// What a prehashed (`ED`) signature signs: the BLAKE2b-512 digest of the data.
pub fn prehash(data: &[u8]) -> [u8; 64] {
    Blake2b512::digest(data).into()
}

/// A parsed `.minisig` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub untrusted_comment: String,
    pub algorithm: [u8; 2],
    pub key_id: [u8; 8],
    pub signature: [u8; 64],
    pub trusted_comment: String,
    pub global_signature: [u8; 64],
}

impl Signature {
    pub fn parse(text: &str) -> Result<Self, MinisignError> {
        let mut lines = text.lines();
        let mut next = |what| {
            lines
                .next()
                .map(|l| l.trim_end_matches('\r'))
                .ok_or(MinisignError::Malformed(what))
        };
        let untrusted = next("untrusted comment")?;
        let untrusted_comment = untrusted
            .strip_prefix(UNTRUSTED_PREFIX)
            .ok_or(MinisignError::Malformed("untrusted comment"))?
            .to_owned();
        let sig = STANDARD
            .decode(next("signature")?.trim())
            .map_err(|_| MinisignError::Malformed("signature"))?;
        if sig.len() != 74 {
            return Err(MinisignError::Malformed("signature"));
        }
        let trusted_comment = next("trusted comment")?
            .strip_prefix(TRUSTED_PREFIX)
            .ok_or(MinisignError::Malformed("trusted comment"))?
            .to_owned();
        let global = STANDARD
            .decode(next("global signature")?.trim())
            .map_err(|_| MinisignError::Malformed("global signature"))?;
        if global.len() != 64 {
            return Err(MinisignError::Malformed("global signature"));
        }
        Ok(Signature {
            untrusted_comment,
            algorithm: take(&sig[..2]),
            key_id: take(&sig[2..10]),
            signature: take(&sig[10..74]),
            trusted_comment,
            global_signature: take(&global),
        })
    }

    /// The `.minisig` text, byte-compatible with what `minisign -S` writes.
    pub fn to_text(&self) -> String {
        let mut sig = Vec::with_capacity(74);
        sig.extend_from_slice(&self.algorithm);
        sig.extend_from_slice(&self.key_id);
        sig.extend_from_slice(&self.signature);
        format!(
            "{UNTRUSTED_PREFIX}{}\n{}\n{TRUSTED_PREFIX}{}\n{}\n",
            self.untrusted_comment,
            STANDARD.encode(sig),
            self.trusted_comment,
            STANDARD.encode(self.global_signature)
        )
    }

    /// Check the signature of `data` and of the trusted comment with `key`.
    pub fn verify(&self, key: &PublicKey, data: &[u8]) -> Result<TrustedComment, MinisignError> {
        self.verify_prehashed(key, &prehash(data))
    }

    /// [`Signature::verify`] given the data's [`prehash`], for callers that need the digest too.
    pub fn verify_prehashed(
        &self,
        key: &PublicKey,
        prehash: &[u8; 64],
    ) -> Result<TrustedComment, MinisignError> {
        if &self.algorithm == LEGACY {
            return Err(MinisignError::LegacySignature);
        }
        if &self.algorithm != PREHASHED {
            return Err(MinisignError::Malformed("signature algorithm"));
        }
        if self.key_id != key.key_id {
            return Err(MinisignError::KeyIdMismatch);
        }
        let verifier = UnparsedPublicKey::new(&ED25519, key.key);
        verifier
            .verify(prehash, &self.signature)
            .map_err(|_| MinisignError::SignatureInvalid)?;
        let mut global_message = self.signature.to_vec();
        global_message.extend_from_slice(self.trusted_comment.as_bytes());
        verifier
            .verify(&global_message, &self.global_signature)
            .map_err(|_| MinisignError::TrustedCommentTampered)?;
        TrustedComment::parse(&self.trusted_comment)
    }
}

/// The signed `key=value` pairs of a feed's trusted comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedComment {
    pub seq: u64,
    pub expires: OffsetDateTime,
    /// Every pair, in order, including `seq` and `expires`; unknown keys are kept for callers.
    pub pairs: Vec<(String, String)>,
}

impl TrustedComment {
    pub fn parse(text: &str) -> Result<Self, MinisignError> {
        let pairs: Vec<(String, String)> = text
            .split_whitespace()
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let get = |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let seq = get("seq")
            .and_then(|s| s.parse().ok())
            .ok_or(MinisignError::TrustedCommentField("seq"))?;
        let expires = get("expires")
            .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
            .ok_or(MinisignError::TrustedCommentField("expires"))?;
        Ok(TrustedComment {
            seq,
            expires,
            pairs,
        })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A signing key, for publishers' tooling, the demo and benchmarks (the app itself never signs).
pub struct SecretKey {
    pair: Ed25519KeyPair,
    key_id: [u8; 8],
}

impl SecretKey {
    /// A key from a 32-byte seed and a key id; deterministic, so tests and demos are reproducible.
    pub fn from_seed(seed: &[u8; 32], key_id: [u8; 8]) -> Self {
        let pair =
            Ed25519KeyPair::from_seed_unchecked(seed).expect("any 32-byte seed is an Ed25519 key");
        SecretKey { pair, key_id }
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey {
            key_id: self.key_id,
            key: take(self.pair.public_key().as_ref()),
        }
    }

    /// A prehashed signature of `data` carrying `trusted_comment`.
    pub fn sign(&self, data: &[u8], trusted_comment: &str) -> Signature {
        let signature: [u8; 64] = take(self.pair.sign(&prehash(data)).as_ref());
        let mut global_message = signature.to_vec();
        global_message.extend_from_slice(trusted_comment.as_bytes());
        Signature {
            untrusted_comment: "signature from vigil secret key".to_owned(),
            algorithm: *PREHASHED,
            key_id: self.key_id,
            signature,
            trusted_comment: trusted_comment.to_owned(),
            global_signature: take(self.pair.sign(&global_message).as_ref()),
        }
    }
}

fn take<const N: usize>(bytes: &[u8]) -> [u8; N] {
    bytes.try_into().expect("caller checked the length")
}

#[cfg(test)]
mod tests;
