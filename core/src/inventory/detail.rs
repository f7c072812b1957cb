//! Personal details: their kinds, how each value is normalised and validated, how it is masked
//! for display, and how sensitive it is.
//!
//! # Sensitivity tiers (PIPL Art. 28)
//! The Personal Information Protection Law lists *sensitive personal information*: information
//! whose leak or misuse easily harms a person's dignity or the safety of their person or property,
//! namely biometrics, religious beliefs, specific identities, medical health, **financial
//! accounts**, **whereabouts/tracks** and the information of minors under 14. The national
//! standard GB/T 35273-2020 (Annex B) names ID-card and passport numbers among them. We map:
//! - [`Sensitivity::Sensitive`]: `face_data` (biometrics), `bank_card` and `payment_account`
//!   (financial accounts), `id_number` and `passport` (identity document numbers), `home_address`
//!   (where the person can be found: location), and `id_photo` (a picture of the ID card carries
//!   the number, the face and the address at once, and is what fraudsters use to open accounts);
//! - [`Sensitivity::Personal`]: every other kind (ordinary personal information, PIPL Art. 4).
//!
//! A user can keep a value our validators reject (a foreign ID, an old 15-digit ID) by asking for
//! an *unchecked* detail: it is stored trimmed, flagged `checked = false`, and masked generically.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::error::{Error, ReasonArg, Result};
use crate::vault::Record;

use crate::codes::code_enum;

code_enum! {
    /// What a detail is.
    DetailKind, "reason-field-detail-kind" {
        IdNumber => "id_number",
        FullName => "full_name",
        Phone => "phone",
        HomeAddress => "home_address",
        WorkUnit => "work_unit",
        Position => "position",
        BankCard => "bank_card",
        IdPhoto => "id_photo",
        Email => "email",
        Passport => "passport",
        PaymentAccount => "payment_account",
        SocialAccount => "social_account",
        DateOfBirth => "date_of_birth",
        LicensePlate => "license_plate",
        FaceData => "face_data",
        Other => "other",
    }
}

/// How much harm a leak can do; see the module docs for the mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    Personal,
    Sensitive,
}

impl DetailKind {
    /// The id of the kind's display name (`inventory-kind-…`).
    pub fn message_id(self) -> String {
        format!("inventory-kind-{}", self.as_str())
    }

    pub fn sensitivity(self) -> Sensitivity {
        use DetailKind::*;
        match self {
            FaceData | BankCard | PaymentAccount | IdNumber | Passport | HomeAddress | IdPhoto => {
                Sensitivity::Sensitive
            }
            FullName | Phone | WorkUnit | Position | Email | SocialAccount | DateOfBirth
            | LicensePlate | Other => Sensitivity::Personal,
        }
    }
}

/// Longest value we keep: enough for any address, short enough to reject pasted documents.
const MAX_VALUE_CHARS: usize = 500;

/// A value after normalisation and validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalisedValue {
    pub value: String,
    /// Whether a standard validator accepted it (false only for unchecked values of checked kinds).
    pub checked: bool,
}

/// Normalise and validate `raw` as a `kind`. With `unchecked`, a value that fails the kind's
/// standard check is kept (trimmed, spaces removed) instead of rejected. Error reasons name the
/// rule, never the value.
pub fn normalise(kind: DetailKind, raw: &str, unchecked: bool) -> Result<NormalisedValue> {
    let collapsed = collapse_whitespace(raw);
    if collapsed.is_empty() {
        return Err(Error::invalid_with(
            "reason-value-empty",
            [("kind", kind_name(kind))],
        ));
    }
    if collapsed.chars().count() > MAX_VALUE_CHARS {
        return Err(Error::invalid_with(
            "reason-value-too-long",
            [("kind", kind_name(kind)), ("max", MAX_VALUE_CHARS.into())],
        ));
    }
    let strict = match kind {
        DetailKind::IdNumber => normalise_resident_id(&collapsed),
        DetailKind::BankCard => normalise_bank_card(&collapsed),
        DetailKind::Phone => normalise_phone(&collapsed),
        DetailKind::Email => normalise_email(&collapsed),
        DetailKind::DateOfBirth => normalise_date(&collapsed),
        DetailKind::Passport | DetailKind::LicensePlate => Ok(collapsed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_uppercase()),
        _ => Ok(collapsed.clone()),
    };
    match strict {
        Ok(value) => Ok(NormalisedValue {
            value,
            checked: true,
        }),
        Err(_) if unchecked => {
            let value: String = collapsed.chars().filter(|c| !c.is_whitespace()).collect();
            Ok(NormalisedValue {
                value,
                checked: false,
            })
        }
        Err(e) => Err(e),
    }
}

fn collapse_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind's display name, for reasons that cover every kind.
fn kind_name(kind: DetailKind) -> ReasonArg {
    ReasonArg::message(kind.message_id())
}

/// GB 11643-1999 weights for the first 17 characters (2^(18-i) mod 11).
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// The GB 11643 check character for the first 17 digits.
pub fn resident_id_check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    Some(ID_CHECK_CHARS[(sum % 11) as usize] as char)
}

/// A PRC resident identity number (GB 11643): 18 characters, 17 digits then a check character
/// (digit or X), with a real birth date at positions 7–14.
fn normalise_resident_id(s: &str) -> Result<String> {
    let id: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let bytes = id.as_bytes();
    if bytes.len() != 18 {
        return Err(Error::invalid("reason-id-number-length"));
    }
    let Some(expected) = resident_id_check_char(&bytes[..17]) else {
        return Err(Error::invalid("reason-id-number-digits"));
    };
    let date = std::str::from_utf8(&bytes[6..14]).expect("ASCII digits are UTF-8");
    if parse_compact_date(date).is_none() {
        return Err(Error::invalid("reason-id-number-birth-date"));
    }
    if bytes[17] as char != expected {
        return Err(Error::invalid("reason-id-number-check-digit"));
    }
    Ok(id)
}

fn parse_compact_date(yyyymmdd: &str) -> Option<Date> {
    let year: i32 = yyyymmdd.get(0..4)?.parse().ok()?;
    let month: u8 = yyyymmdd.get(4..6)?.parse().ok()?;
    let day: u8 = yyyymmdd.get(6..8)?.parse().ok()?;
    if !(1850..=2200).contains(&year) {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// The Luhn (mod 10) checksum every payment card number carries.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

fn normalise_bank_card(s: &str) -> Result<String> {
    let digits: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(12..=19).contains(&digits.len()) {
        return Err(Error::invalid("reason-bank-card-length"));
    }
    if !luhn_valid(&digits) {
        return Err(Error::invalid("reason-bank-card-luhn"));
    }
    Ok(digits)
}

/// E.164: `+`, a country code and subscriber number, 8–15 digits in all. A bare 11-digit
/// mainland mobile number (`1[3-9]` + 9 digits), `86…` or `0086…` becomes `+86…`.
fn normalise_phone(s: &str) -> Result<String> {
    let compact: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let (plus, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest.to_owned()),
        None => match compact.strip_prefix("00") {
            Some(rest) => (true, rest.to_owned()),
            None => (false, compact.clone()),
        },
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid("reason-phone-digits-only"));
    }
    let e164 = if !plus && is_cn_mobile(&digits) {
        format!("+86{digits}")
    } else if plus || (digits.len() == 13 && digits.starts_with("86") && is_cn_mobile(&digits[2..]))
    {
        format!("+{digits}")
    } else {
        return Err(Error::invalid("reason-phone-country-code"));
    };
    let national = &e164[1..];
    if !(8..=15).contains(&national.len()) || national.starts_with('0') {
        return Err(Error::invalid("reason-phone-length"));
    }
    if let Some(cn) = national.strip_prefix("86") {
        if cn.starts_with('1') && !is_cn_mobile(cn) {
            return Err(Error::invalid("reason-phone-mainland-mobile"));
        }
    }
    Ok(e164)
}

fn is_cn_mobile(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

fn normalise_email(s: &str) -> Result<String> {
    let s = s.trim();
    let Some((local, domain)) = s.rsplit_once('@') else {
        return Err(Error::invalid("reason-email-at"));
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    if local.is_empty() || local.contains('@') || s.chars().any(char::is_whitespace) || !domain_ok {
        return Err(Error::invalid("reason-email-format"));
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

fn normalise_date(s: &str) -> Result<String> {
    let compact: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let date = (compact.len() == 8)
        .then(|| parse_compact_date(&compact))
        .flatten();
    match date {
        Some(d) => Ok(format!(
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )),
        None => Err(Error::invalid("reason-date-of-birth")),
    }
}

/// The value as shown on screen, in letters and logs: enough to recognise, not enough to use.
pub fn mask(kind: DetailKind, value: &str, checked: bool) -> String {
    let chars: Vec<char> = value.chars().collect();
    let keep = |head: usize, tail: usize, stars: usize| -> String {
        if chars.len() <= head + tail {
            return "*".repeat(chars.len().max(1));
        }
        let mut out: String = chars[..head].iter().collect();
        out.push_str(&"*".repeat(stars));
        out.extend(&chars[chars.len() - tail..]);
        out
    };
    if !checked {
        return keep(2, 2, chars.len().saturating_sub(4).clamp(1, 8));
    }
    match kind {
        DetailKind::IdNumber => keep(6, 4, 8),
        DetailKind::BankCard => {
            let tail: String = chars[chars.len() - 4..].iter().collect();
            let head: String = chars[..4].iter().collect();
            format!("{head} **** **** {tail}")
        }
        DetailKind::Phone => match value.strip_prefix("+86") {
            Some(cn) if cn.len() == 11 => format!("+86 {}****{}", &cn[..3], &cn[7..]),
            _ => keep(3, 4, 4),
        },
        DetailKind::Email => match value.rsplit_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}***@{domain}")
            }
            None => keep(1, 0, 3),
        },
        DetailKind::DateOfBirth => format!("{}-**-**", chars.iter().take(4).collect::<String>()),
        DetailKind::FullName => keep(1, 0, chars.len().saturating_sub(1).max(1)),
        DetailKind::Passport | DetailKind::LicensePlate => {
            keep(2, 2, chars.len().saturating_sub(4).max(1))
        }
        DetailKind::PaymentAccount | DetailKind::SocialAccount => {
            if value.contains('@') {
                mask(DetailKind::Email, value, true)
            } else {
                keep(2, 2, 4)
            }
        }
        // A description of where the photo or scan is ("front and back, sent by WeChat"), not the data.
        DetailKind::IdPhoto | DetailKind::FaceData => value.to_owned(),
        DetailKind::HomeAddress
        | DetailKind::WorkUnit
        | DetailKind::Position
        | DetailKind::Other => {
            let head = (chars.len() / 3).clamp(1, 6);
            keep(head, 0, (chars.len() - head).min(8))
        }
    }
}

/// One personal detail the user keeps track of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    pub id: String,
    pub kind: DetailKind,
    /// Required for `other` ("membership card"), optional otherwise ("work phone").
    pub label: Option<String>,
    /// Normalised value (see [`normalise`]).
    pub value: String,
    pub checked: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
}

impl Detail {
    pub fn masked(&self) -> String {
        mask(self.kind, &self.value, self.checked)
    }

    pub fn sensitivity(&self) -> Sensitivity {
        self.kind.sensitivity()
    }

    /// The blind-index term identifying "this value of this kind".
    pub fn value_term(kind: DetailKind, value: &str) -> String {
        format!("{}:{value}", kind.as_str())
    }
}

impl Record for Detail {
    const TABLE: &'static str = "inventory_details";
    fn id(&self) -> &str {
        &self.id
    }
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kind", self.kind.as_str().to_owned()),
            ("value", Detail::value_term(self.kind, &self.value)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VALID_ID: &str = "11010519491231002X";

    #[test]
    fn resident_id_accepts_valid_and_names_the_rule_when_invalid() {
        assert_eq!(
            normalise(DetailKind::IdNumber, " 11010519491231002x ", false)
                .unwrap()
                .value,
            VALID_ID
        );
        let bad = normalise(DetailKind::IdNumber, "110105194912310021", false)
            .unwrap_err()
            .to_string();
        assert!(
            bad.contains("check digit") && !bad.contains("1101051949"),
            "{bad}"
        );
        let date = normalise(DetailKind::IdNumber, "110105194902300021", false)
            .unwrap_err()
            .to_string();
        assert!(date.contains("birth date"), "{date}");
        assert!(normalise(DetailKind::IdNumber, "1101051949123100", false).is_err());
    }

    #[test]
    fn unchecked_keeps_a_foreign_id() {
        let v = normalise(DetailKind::IdNumber, "A123 456 789", true).unwrap();
        assert_eq!(
            v,
            NormalisedValue {
                value: "A123456789".into(),
                checked: false
            }
        );
        assert!(
            normalise(DetailKind::IdNumber, VALID_ID, true)
                .unwrap()
                .checked
        );
    }

    #[test]
    fn bank_cards_phones_emails() {
        assert_eq!(
            normalise(DetailKind::BankCard, "4111 1111 1111 1111", false)
                .unwrap()
                .value,
            "4111111111111111"
        );
        assert!(
            normalise(DetailKind::BankCard, "4111 1111 1111 1112", false)
                .unwrap_err()
                .to_string()
                .contains("Luhn")
        );
        assert!(normalise(DetailKind::BankCard, "12345", false).is_err());
        for raw in [
            "13812345678",
            "+86 138 1234 5678",
            "0086-138-1234-5678",
            "8613812345678",
        ] {
            assert_eq!(
                normalise(DetailKind::Phone, raw, false).unwrap().value,
                "+8613812345678",
                "{raw}"
            );
        }
        assert_eq!(
            normalise(DetailKind::Phone, "+44 20 7946 0958", false)
                .unwrap()
                .value,
            "+442079460958"
        );
        assert!(normalise(DetailKind::Phone, "12812345678", false).is_err());
        assert!(normalise(DetailKind::Phone, "+86 1381234567", false).is_err());
        assert!(normalise(DetailKind::Phone, "call me", false).is_err());
        assert_eq!(
            normalise(DetailKind::Email, "Li.Wei@Example.COM", false)
                .unwrap()
                .value,
            "Li.Wei@example.com"
        );
        assert!(normalise(DetailKind::Email, "li wei@example", false).is_err());
        assert!(normalise(DetailKind::DateOfBirth, "1990/3/1x", false).is_err());
        assert_eq!(
            normalise(DetailKind::DateOfBirth, "1990-03-01", false)
                .unwrap()
                .value,
            "1990-03-01"
        );
    }

    #[test]
    fn masks_for_display() {
        assert_eq!(
            mask(DetailKind::IdNumber, "110105194912310021", true),
            "110105********0021"
        );
        assert_eq!(
            mask(DetailKind::BankCard, "6222021234561234", true),
            "6222 **** **** 1234"
        );
        assert_eq!(
            mask(DetailKind::Phone, "+8613812345678", true),
            "+86 138****5678"
        );
        assert_eq!(
            mask(DetailKind::Email, "liwei@example.com", true),
            "l***@example.com"
        );
        assert_eq!(mask(DetailKind::FullName, "张三丰", true), "张**");
        assert!(!mask(DetailKind::HomeAddress, "北京市朝阳区建国路88号", true).contains("88"));
        assert_eq!(mask(DetailKind::IdNumber, "A1", false), "**");
    }

    #[test]
    fn sensitivity_follows_pipl_art_28() {
        let sensitive: Vec<_> = DetailKind::ALL
            .iter()
            .filter(|k| k.sensitivity() == Sensitivity::Sensitive)
            .map(|k| k.as_str())
            .collect();
        assert_eq!(
            sensitive,
            [
                "id_number",
                "home_address",
                "bank_card",
                "id_photo",
                "passport",
                "payment_account",
                "face_data"
            ]
        );
    }

    #[test]
    fn kinds_parse_by_name_and_reject_unknown() {
        assert_eq!(
            "bank-card".parse::<DetailKind>().unwrap(),
            DetailKind::BankCard
        );
        let e = "shoe_size".parse::<DetailKind>().unwrap_err().to_string();
        assert!(
            e.contains("unknown detail kind") && e.contains("id_number"),
            "{e}"
        );
    }

    fn id_with_check(first17: &str) -> String {
        format!(
            "{first17}{}",
            resident_id_check_char(first17.as_bytes()).unwrap()
        )
    }

    fn first17() -> impl Strategy<Value = String> {
        (
            100000u32..999999,
            1900i32..2020,
            1u8..=12,
            1u8..=28,
            0u32..1000,
        )
            .prop_map(|(region, y, m, d, seq)| format!("{region:06}{y:04}{m:02}{d:02}{seq:03}"))
    }

    proptest! {
        #[test]
        fn any_id_with_a_correct_check_digit_validates(f in first17()) {
            let id = id_with_check(&f);
            prop_assert_eq!(normalise(DetailKind::IdNumber, &id, false).unwrap().value, id);
        }

        #[test]
        fn any_single_digit_change_in_an_id_fails(f in first17(), pos in 0usize..17, delta in 1u8..10) {
            let id = id_with_check(&f);
            let mut bytes = id.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(normalise(DetailKind::IdNumber, &changed, false).is_err());
        }

        #[test]
        fn luhn_catches_every_single_digit_change(body in "[0-9]{15}", pos in 0usize..16, delta in 1u8..10) {
            let check = (0..10u8).find(|c| luhn_valid(&format!("{body}{c}"))).unwrap();
            let card = format!("{body}{check}");
            prop_assert!(normalise(DetailKind::BankCard, &card, false).is_ok());
            let mut bytes = card.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            prop_assert!(!luhn_valid(std::str::from_utf8(&bytes).unwrap()));
        }

        #[test]
        fn normalising_is_idempotent_and_never_panics(kind in proptest::sample::select(DetailKind::ALL), raw in "\\PC{0,40}") {
            if let Ok(v) = normalise(kind, &raw, true) {
                let _ = mask(kind, &v.value, v.checked);
                if v.checked {
                    prop_assert_eq!(normalise(kind, &v.value, false).unwrap(), v);
                }
            }
        }

        #[test]
        fn cn_mobiles_normalise_to_plus_86(rest in "[3-9][0-9]{9}") {
            let local = format!("1{rest}");
            prop_assert_eq!(normalise(DetailKind::Phone, &local, false).unwrap().value, format!("+86{local}"));
        }
    }
}
