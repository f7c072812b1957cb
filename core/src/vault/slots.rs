//! Key slots, like LUKS: each wraps the same data key under a different key-encryption key.
//!
//! | kind       | params                         | key-encryption key                        |
//! |------------|--------------------------------|-------------------------------------------|
//! | passphrase | Argon2id m, t, p (12 B) + salt | Argon2id(passphrase, salt)                |
//! | recovery   | salt (16 B)                    | HKDF-SHA256(recovery code, salt)          |
//! | device     | empty                          | the shell's hardware key (opaque blob)    |
//!
//! Passphrase and recovery slots hold `seal_record(KEK, place = (vault id, "key_slots", slot id,
//! kind), DEK)`: a wrapped key copied to another slot or vault does not open.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{device::KeyProvider, sql_error, VaultError};
use crate::crypto::{
    open_record, random_bytes, seal_record, DataKey, KdfParams, PassphraseKek, RecordPlace,
    RecoveryCode, SlotKek,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SlotKind {
    Passphrase,
    Device,
    Recovery,
}

impl SlotKind {
    fn as_str(self) -> &'static str {
        match self {
            SlotKind::Passphrase => "passphrase",
            SlotKind::Device => "device",
            SlotKind::Recovery => "recovery",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [SlotKind::Passphrase, SlotKind::Device, SlotKind::Recovery]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

pub(crate) struct Slot {
    pub id: i64,
    pub kind: SlotKind,
    pub params: Vec<u8>,
    pub wrapped: Vec<u8>,
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Slot>, VaultError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, kind, params, wrapped FROM key_slots ORDER BY id")
        .map_err(sql_error)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })
        .map_err(sql_error)?;
    let mut slots = Vec::new();
    for row in rows {
        let (id, kind, params, wrapped) = row.map_err(sql_error)?;
        let kind = SlotKind::parse(&kind).ok_or(VaultError::NotAVault)?;
        slots.push(Slot {
            id,
            kind,
            params,
            wrapped,
        });
    }
    Ok(slots)
}

fn slot_place<'a>(vault_id: &'a [u8], slot_id: &'a str, kind: SlotKind) -> RecordPlace<'a> {
    RecordPlace {
        vault_id,
        table: "key_slots",
        record_id: slot_id,
        column: kind.as_str(),
    }
}

fn seal_dek(
    kek: &SlotKek,
    vault_id: &[u8],
    slot_id: i64,
    kind: SlotKind,
    dek: &DataKey,
) -> Vec<u8> {
    let id = slot_id.to_string();
    seal_record(
        &kek.aead(),
        slot_place(vault_id, &id, kind),
        dek.expose_for_wrapping(),
    )
    .expect("a 32-byte key always fits")
}

fn open_dek(kek: &SlotKek, vault_id: &[u8], slot: &Slot) -> Option<DataKey> {
    let id = slot.id.to_string();
    let bytes = zeroize::Zeroizing::new(
        open_record(
            &kek.aead(),
            slot_place(vault_id, &id, slot.kind),
            &slot.wrapped,
        )
        .ok()?,
    );
    DataKey::from_unwrapped(&bytes)
}

fn next_id(conn: &Connection) -> Result<i64, VaultError> {
    conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM key_slots", [], |r| {
        r.get(0)
    })
    .map_err(sql_error)
}

fn insert(
    conn: &Connection,
    id: i64,
    kind: SlotKind,
    params: &[u8],
    wrapped: &[u8],
) -> Result<(), VaultError> {
    conn.execute(
        "INSERT INTO key_slots (id, kind, params, wrapped) VALUES (?1, ?2, ?3, ?4)",
        params![id, kind.as_str(), params, wrapped],
    )
    .map_err(sql_error)?;
    Ok(())
}

pub(crate) fn remove_kind(conn: &Connection, kind: SlotKind) -> Result<usize, VaultError> {
    conn.execute("DELETE FROM key_slots WHERE kind = ?1", [kind.as_str()])
        .map_err(sql_error)
}

pub(crate) fn add_passphrase(
    conn: &Connection,
    vault_id: &[u8],
    dek: &DataKey,
    passphrase: &str,
    kdf: KdfParams,
) -> Result<(), VaultError> {
    let salt = random_bytes::<16>();
    let kek = PassphraseKek::derive(passphrase, kdf, &salt).ok_or(VaultError::WeakParameters)?;
    let id = next_id(conn)?;
    let mut params = kdf.to_bytes().to_vec();
    params.extend_from_slice(&salt);
    insert(
        conn,
        id,
        SlotKind::Passphrase,
        &params,
        &seal_dek(&kek, vault_id, id, SlotKind::Passphrase, dek),
    )
}

pub(crate) fn add_recovery(
    conn: &Connection,
    vault_id: &[u8],
    dek: &DataKey,
) -> Result<RecoveryCode, VaultError> {
    let code = RecoveryCode::generate();
    let salt = random_bytes::<16>();
    let id = next_id(conn)?;
    insert(
        conn,
        id,
        SlotKind::Recovery,
        &salt,
        &seal_dek(&code.kek(&salt), vault_id, id, SlotKind::Recovery, dek),
    )?;
    Ok(code)
}

pub(crate) fn add_device(
    conn: &Connection,
    dek: &DataKey,
    provider: &dyn KeyProvider,
) -> Result<(), VaultError> {
    let blob = provider
        .wrap(dek.expose_for_wrapping())
        .map_err(VaultError::from)?;
    let id = next_id(conn)?;
    insert(conn, id, SlotKind::Device, &[], &blob)
}

/// The data key from the first passphrase slot the passphrase opens.
pub(crate) fn open_with_passphrase(
    conn: &Connection,
    vault_id: &[u8],
    passphrase: &str,
) -> Result<(DataKey, KdfParams), VaultError> {
    for slot in list(conn)?
        .iter()
        .filter(|s| s.kind == SlotKind::Passphrase)
    {
        let Some((kdf, salt)) = passphrase_params(&slot.params) else {
            continue;
        };
        let Some(kek) = PassphraseKek::derive(passphrase, kdf, &salt) else {
            continue;
        };
        if let Some(dek) = open_dek(&kek, vault_id, slot) {
            return Ok((dek, kdf));
        }
    }
    Err(VaultError::WrongPassphrase)
}

fn passphrase_params(params: &[u8]) -> Option<(KdfParams, [u8; 16])> {
    let kdf = KdfParams::from_bytes(params.get(..12)?)?;
    let salt: [u8; 16] = params.get(12..28)?.try_into().ok()?;
    Some((kdf, salt))
}

pub(crate) fn open_with_recovery(
    conn: &Connection,
    vault_id: &[u8],
    code: &RecoveryCode,
) -> Result<DataKey, VaultError> {
    for slot in list(conn)?.iter().filter(|s| s.kind == SlotKind::Recovery) {
        let Ok(salt) = <[u8; 16]>::try_from(slot.params.as_slice()) else {
            continue;
        };
        if let Some(dek) = open_dek(&code.kek(&salt), vault_id, slot) {
            return Ok(dek);
        }
    }
    Err(VaultError::WrongPassphrase)
}

/// The data key from the device slot, as the provider returns it (checked by the caller's canary).
pub(crate) fn open_with_device(
    conn: &Connection,
    provider: &dyn KeyProvider,
) -> Result<DataKey, VaultError> {
    let slot = list(conn)?
        .into_iter()
        .find(|s| s.kind == SlotKind::Device)
        .ok_or(VaultError::NoSuchSlot)?;
    let bytes = provider.unwrap(&slot.wrapped).map_err(VaultError::from)?;
    DataKey::from_unwrapped(&bytes).ok_or(VaultError::KeyProviderFailed)
}

pub(crate) fn has_kind(conn: &Connection, kind: SlotKind) -> Result<bool, VaultError> {
    conn.query_row(
        "SELECT 1 FROM key_slots WHERE kind = ?1 LIMIT 1",
        [kind.as_str()],
        |_| Ok(()),
    )
    .optional()
    .map(|found| found.is_some())
    .map_err(sql_error)
}
