//! The data key (DEK), the subkeys derived from it, and key-encryption keys for slots.

use std::{collections::HashMap, fmt, sync::Mutex};

use ring::{aead, hkdf, hmac};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The vault's 256-bit data key. Boxed so it is never copied around the stack by moves; zeroized
/// on drop; no `Clone` and a `Debug` that prints nothing secret.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct DataKey(Box<[u8; 32]>);

impl DataKey {
    /// A fresh random key.
    ///
    /// # Examples
    /// ```
    /// use vigil_core::crypto::DataKey;
    /// let a = DataKey::generate();
    /// let b = DataKey::generate();
    /// assert_ne!(a.expose_for_wrapping(), b.expose_for_wrapping());
    /// assert_eq!(format!("{a:?}"), "DataKey(..)");
    /// ```
    pub fn generate() -> Self {
        DataKey(Box::new(super::random_bytes::<32>()))
    }

    /// Rebuild from 32 unwrapped bytes (from a key slot); any other length is rejected.
    pub fn from_unwrapped(bytes: &[u8]) -> Option<Self> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(DataKey(Box::new(array)))
    }

    /// The raw bytes, only to wrap them in a key slot (or hand them to a device key provider).
    pub fn expose_for_wrapping(&self) -> &[u8] {
        &self.0[..]
    }

    fn prk(&self, vault_id: &[u8]) -> hkdf::Prk {
        // The vault id as salt: the same DEK bytes in two vaults would still give unrelated subkeys.
        hkdf::Salt::new(hkdf::HKDF_SHA256, vault_id).extract(&self.0[..])
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(..)")
    }
}

const RECORD_AEAD_INFO: &[u8] = b"vigil/v1/record-aead";
const BLIND_INDEX_INFO: &[u8] = b"vigil/v1/blind-index/";

/// Subkeys in use while the vault is unlocked: the record AEAD key and one blind-index HMAC key
/// per table. (`ring` keeps expanded key schedules internally and does not zeroize them; they
/// live only as long as the vault is unlocked.)
pub struct RecordKeys {
    prk: hkdf::Prk,
    pub(crate) aead: aead::LessSafeKey,
    blind: Mutex<HashMap<String, hmac::Key>>,
}

impl RecordKeys {
    pub fn derive(dek: &DataKey, vault_id: &[u8]) -> Self {
        let prk = dek.prk(vault_id);
        let okm = prk
            .expand(&[RECORD_AEAD_INFO], &aead::AES_256_GCM)
            .expect("32-byte output is within HKDF's limit");
        let aead = aead::LessSafeKey::new(aead::UnboundKey::from(okm));
        RecordKeys {
            prk,
            aead,
            blind: Mutex::new(HashMap::new()),
        }
    }

    /// The blind index of `(name, value)` in `table`: HMAC-SHA256 under the table's own key, so
    /// equal values in two tables cannot be linked by their index entries.
    pub fn blind_index(&self, table: &str, name: &str, value: &str) -> [u8; 32] {
        let mut keys = self.blind.lock().unwrap_or_else(|p| p.into_inner());
        // Looked up by `&str` first, once: this runs once per index term written or searched.
        let key = match keys.get(table) {
            Some(key) => key,
            None => {
                let info = [BLIND_INDEX_INFO, table.as_bytes()];
                let key = hmac::Key::from(
                    self.prk
                        .expand(&info, hmac::HMAC_SHA256)
                        .expect("HMAC key length is within HKDF's limit"),
                );
                keys.entry(table.to_owned()).or_insert(key)
            }
        };
        let mut ctx = hmac::Context::with_key(key);
        // Length-prefix the name so ("ab","c") and ("a","bc") differ.
        ctx.update(&(name.len() as u32).to_le_bytes());
        ctx.update(name.as_bytes());
        ctx.update(value.as_bytes());
        ctx.sign()
            .as_ref()
            .try_into()
            .expect("HMAC-SHA256 tags are 32 bytes")
    }
}

impl fmt::Debug for RecordKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecordKeys(..)")
    }
}

/// A key-encryption key for one key slot (from a passphrase or a recovery code).
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SlotKek(pub(crate) [u8; 32]);

impl fmt::Debug for SlotKek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SlotKek(..)")
    }
}

impl SlotKek {
    pub(crate) fn aead(&self) -> aead::LessSafeKey {
        aead::LessSafeKey::new(
            aead::UnboundKey::new(&aead::AES_256_GCM, &self.0).expect("32-byte AES-256 key"),
        )
    }
}
