//! The payee book: people and institutions the user may pay, with call-back numbers and accounts
//! recorded *before* any request, so a call-back never relies on a number the requester supplied.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{request::Requester, state::Check};
use crate::codes::code_enum;
use crate::{
    error::{Error, ReasonArg, Result},
    vault::{new_id, Record, Store, TxnExt},
};

code_enum! {
    /// How the requester is related to the user; strangers and long-lost contacts need more checks.
    Relationship, "reason-field-relationship" {
        Family => "family",
        Friend => "friend",
        Colleague => "colleague",
        Boss => "boss",
        Business => "business",
        Institution => "institution",
        Stranger => "stranger",
        LongLost => "long_lost",
    }
}

code_enum! {
    /// Where a call-back number in the book came from.
    PhoneSource, "reason-field-phone-source" {
        InPerson => "in_person",
        OfficialWebsite => "official_website",
        CardBack => "card_back",
        Contract => "contract",
        PreviousCall => "previous_call",
        Other => "other",
    }
}

/// A call-back number and when it entered the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallBackNumber {
    /// Normalised (see [`normalise_phone`]).
    pub number: String,
    pub source: PhoneSource,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
}

/// A known account of a payee. The full number lives only inside the (encrypted) record; the
/// store sees it only as a blind index term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayeeAccount {
    /// Normalised (see [`normalise_account`]).
    pub number: String,
    pub last4: String,
    pub bank: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_verified_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payee {
    pub id: String,
    pub name: String,
    pub relationship: Relationship,
    pub phones: Vec<CallBackNumber>,
    pub accounts: Vec<PayeeAccount>,
    /// Kept inside the record (not only as store metadata) so "recorded before the request" is
    /// checkable from the encrypted data itself.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Record for Payee {
    const TABLE: &'static str = "payment_payees";

    fn id(&self) -> &str {
        &self.id
    }

    fn index_terms(&self) -> Vec<(&'static str, String)> {
        let phones = self.phones.iter().map(|p| (PHONE_INDEX, p.number.clone()));
        let accounts = self
            .accounts
            .iter()
            .map(|a| (ACCOUNT_INDEX, a.number.clone()));
        phones.chain(accounts).collect()
    }
}

pub(crate) const PHONE_INDEX: &str = "phone";
pub(crate) const ACCOUNT_INDEX: &str = "account";

impl Payee {
    /// The call-back number `number` (normalised) if it was in this entry strictly before `at`.
    pub fn phone_recorded_before(
        &self,
        number: &str,
        at: OffsetDateTime,
    ) -> Option<&CallBackNumber> {
        self.phones
            .iter()
            .find(|p| p.number == number && p.recorded_at < at)
    }

    /// The account verified most recently, if any was ever verified.
    pub fn last_verified_account(&self) -> Option<&PayeeAccount> {
        self.accounts
            .iter()
            .filter(|a| a.last_verified_at.is_some())
            .max_by_key(|a| a.last_verified_at)
    }

    /// Records `number` as verified at `at` (adding it as a known account if new).
    pub(crate) fn mark_account_verified(
        &mut self,
        number: &str,
        bank: Option<&str>,
        at: OffsetDateTime,
    ) {
        match self.accounts.iter_mut().find(|a| a.number == number) {
            Some(account) => account.last_verified_at = Some(at),
            None => self.accounts.push(PayeeAccount {
                number: number.to_owned(),
                last4: last4(number),
                bank: bank.map(str::to_owned),
                added_at: at,
                last_verified_at: Some(at),
            }),
        }
    }
}

/// A payee as the shells list it: accounts by their last 4 digits only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PayeeSummary {
    pub id: String,
    pub name: String,
    pub relationship: Relationship,
    pub phones: Vec<String>,
    pub account_last4s: Vec<String>,
    pub created_at: String,
}

impl From<&Payee> for PayeeSummary {
    fn from(payee: &Payee) -> Self {
        PayeeSummary {
            id: payee.id.clone(),
            name: payee.name.clone(),
            relationship: payee.relationship,
            phones: payee.phones.iter().map(|p| p.number.clone()).collect(),
            account_last4s: payee.accounts.iter().map(|a| a.last4.clone()).collect(),
            created_at: crate::payments::view::timestamp(payee.created_at),
        }
    }
}

/// What the user enters to add a payee.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewPayee {
    pub name: String,
    pub relationship: Relationship,
    pub phone: String,
    pub phone_source: PhoneSource,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub account: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub bank: Option<String>,
}

/// Digits with an optional leading `+`; separators removed; Chinese numbers in `+86` form so the
/// same mobile typed with or without the country code matches. Short service numbers (95588,
/// 96110) are allowed: banks publish them for call-backs.
pub fn normalise_phone(raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    let plus = trimmed.starts_with('+');
    let mut digits = String::new();
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => return Err(Error::invalid("reason-payee-phone-chars")),
        }
    }
    if !(3..=17).contains(&digits.len()) {
        return Err(Error::invalid("reason-payee-phone-length"));
    }
    let normalised = if plus {
        format!("+{digits}")
    } else if let Some(rest) = digits.strip_prefix("0086") {
        format!("+86{rest}")
    } else if digits.len() == 11 && digits.starts_with('1') {
        format!("+86{digits}")
    } else {
        digits
    };
    Ok(normalised)
}

/// Uppercase letters and digits, separators removed: bank cards (12–19 digits) and IBANs.
pub fn normalise_account(raw: &str) -> Result<String> {
    let mut out = String::new();
    for c in raw.trim().chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => out.push(c.to_ascii_uppercase()),
            ' ' | '-' => {}
            _ => return Err(Error::invalid("reason-account-chars")),
        }
    }
    if !(6..=34).contains(&out.len()) {
        return Err(Error::invalid("reason-account-length"));
    }
    Ok(out)
}

pub(crate) fn last4(normalised: &str) -> String {
    normalised[normalised.len().saturating_sub(4)..].to_owned()
}

/// `field_id` is the message naming the field in a refusal.
fn clean_text(raw: &str, field_id: &'static str, max_chars: usize) -> Result<String> {
    let text = raw.trim();
    if text.is_empty() || text.chars().count() > max_chars || text.chars().any(char::is_control) {
        return Err(Error::invalid_with(
            "reason-text-length",
            [
                ("field", ReasonArg::message(field_id)),
                ("max", max_chars.into()),
            ],
        ));
    }
    Ok(text.to_owned())
}

pub(crate) fn clean_name(raw: &str) -> Result<String> {
    clean_text(raw, "reason-field-name", 100)
}

pub(crate) fn clean_bank(raw: &str) -> Result<String> {
    clean_text(raw, "reason-field-bank", 100)
}

/// Adds a payee to the book; returns its id.
pub fn add_payee<S: Store>(store: &S, new: NewPayee, now: OffsetDateTime) -> Result<String> {
    let name = clean_name(&new.name)?;
    let phone = normalise_phone(&new.phone)?;
    let bank = new.bank.as_deref().map(clean_bank).transpose()?;
    if bank.is_some() && new.account.is_none() {
        return Err(Error::invalid("reason-bank-without-account"));
    }
    // An account the user types into the book themselves, before any request, is the reference a
    // later request is compared with: it counts as verified when entered.
    let accounts = match new.account.as_deref() {
        Some(raw) => {
            let number = normalise_account(raw)?;
            vec![PayeeAccount {
                last4: last4(&number),
                number,
                bank,
                added_at: now,
                last_verified_at: Some(now),
            }]
        }
        None => Vec::new(),
    };
    let payee = Payee {
        id: new_id(),
        name,
        relationship: new.relationship,
        phones: vec![CallBackNumber {
            number: phone,
            source: new.phone_source,
            recorded_at: now,
        }],
        accounts,
        created_at: now,
    };
    store.write(|txn| txn.put(&payee))?;
    Ok(payee.id)
}

/// Adds another call-back number to an existing payee.
pub fn add_phone<S: Store>(
    store: &S,
    payee_id: &str,
    phone: &str,
    source: PhoneSource,
    now: OffsetDateTime,
) -> Result<()> {
    let number = normalise_phone(phone)?;
    store.write(|txn| {
        let mut payee: Payee = txn.require(payee_id, "reason-thing-payee")?;
        if payee.phones.iter().any(|p| p.number == number) {
            return Err(Error::invalid("reason-payee-number-known"));
        }
        payee.phones.push(CallBackNumber {
            number,
            source,
            recorded_at: now,
        });
        txn.put(&payee)
    })
}

/// Gives a payee a new display name (numbers, accounts and their dates are untouched).
pub fn rename_payee<S: Store>(store: &S, payee_id: &str, name: &str) -> Result<()> {
    let name = clean_name(name)?;
    store.write(|txn| {
        let mut payee: Payee = txn.require(payee_id, "reason-thing-payee")?;
        payee.name = name;
        txn.put(&payee)
    })
}

/// Forgets a call-back number that no longer reaches the payee. The last one cannot go: a payee
/// without a number could never be called back, which is what the book is for.
pub fn remove_phone<S: Store>(store: &S, payee_id: &str, phone: &str) -> Result<()> {
    let number = normalise_phone(phone)?;
    store.write(|txn| {
        let mut payee: Payee = txn.require(payee_id, "reason-thing-payee")?;
        let before = payee.phones.len();
        payee.phones.retain(|p| p.number != number);
        if payee.phones.len() == before {
            return Err(Error::invalid("reason-payee-number-unknown"));
        }
        if payee.phones.is_empty() {
            return Err(Error::invalid("reason-payee-last-number"));
        }
        txn.put(&payee)
    })
}

/// Removes a payee from the book. Refused while a check that relies on it is still open: its
/// call-back step would lose the number it is judged against. Finished checks keep their copy of
/// the request, so history stays readable.
pub fn remove_payee<S: Store>(store: &S, payee_id: &str) -> Result<()> {
    store.write(|txn| {
        let _: Payee = txn.require(payee_id, "reason-thing-payee")?;
        let open_check = txn.list::<Check>()?.into_iter().any(|c| {
            !c.status.is_final()
                && matches!(&c.request.requester, Requester::Payee { payee_id: p } if p == payee_id)
        });
        if open_check {
            return Err(Error::invalid("reason-payee-in-open-check"));
        }
        txn.remove::<Payee>(payee_id).map(|_| ())
    })
}

pub fn get_payee<S: Store>(store: &S, payee_id: &str) -> Result<Payee> {
    store.read(|txn| txn.require(payee_id, "reason-thing-payee"))
}

/// Every payee, by name.
pub fn list_payees<S: Store>(store: &S) -> Result<Vec<Payee>> {
    let mut payees: Vec<Payee> = store.read(|txn| txn.list())?;
    payees.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(payees)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::MemoryStore;
    use time::macros::datetime;

    fn mum() -> NewPayee {
        NewPayee {
            name: "Mum".into(),
            relationship: Relationship::Family,
            phone: "+86 138-0013-8000".into(),
            phone_source: PhoneSource::InPerson,
            account: Some("6222 0202 0000 1234".into()),
            bank: Some("ICBC".into()),
        }
    }

    #[test]
    fn normalises_numbers_so_the_same_phone_matches() {
        let a = normalise_phone("138 0013 8000").unwrap();
        assert_eq!(a, normalise_phone("+86 (138) 0013-8000").unwrap());
        assert_eq!(a, normalise_phone("0086 13800138000").unwrap());
        assert_eq!(normalise_phone("95588").unwrap(), "95588");
        for bad in ["12", "abc", "138 0013 800x", "", "+", "1+2345"] {
            assert!(normalise_phone(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            normalise_account("gb82 west 1234 5698 7654 32").unwrap(),
            "GB82WEST12345698765432"
        );
        assert!(normalise_account("12345").is_err());
        assert!(normalise_account("6222/0202").is_err());
    }

    #[test]
    fn stores_account_blind_indexed_with_last4_and_created_time() {
        let store = MemoryStore::new();
        let now = datetime!(2026-11-28 10:00 UTC);
        let id = add_payee(&store, mum(), now).unwrap();
        let payee = get_payee(&store, &id).unwrap();
        assert_eq!(payee.created_at, now);
        assert_eq!(payee.accounts[0].last4, "1234");
        assert_eq!(
            payee.last_verified_account().unwrap().number,
            "6222020200001234"
        );
        let found: Vec<Payee> = store
            .read(|t| t.find(ACCOUNT_INDEX, "6222020200001234"))
            .unwrap();
        assert_eq!(found.len(), 1);
        let by_phone: Vec<Payee> = store
            .read(|t| t.find(PHONE_INDEX, "+8613800138000"))
            .unwrap();
        assert_eq!(by_phone[0].id, id);
        assert!(
            payee.phone_recorded_before("+8613800138000", now).is_none(),
            "same instant is not before"
        );
        assert!(payee
            .phone_recorded_before("+8613800138000", datetime!(2026-11-28 10:01 UTC))
            .is_some());
    }

    #[test]
    fn bad_payee_input_stores_nothing() {
        let store = MemoryStore::new();
        let now = datetime!(2026-11-28 10:00 UTC);
        for bad in [
            NewPayee {
                name: "  ".into(),
                ..mum()
            },
            NewPayee {
                phone: "call me".into(),
                ..mum()
            },
            NewPayee {
                account: Some("12".into()),
                ..mum()
            },
            NewPayee {
                account: None,
                ..mum()
            },
        ] {
            assert!(matches!(
                add_payee(&store, bad, now),
                Err(Error::InvalidInput(_))
            ));
        }
        assert!(list_payees(&store).unwrap().is_empty());
        assert!("cousin".parse::<Relationship>().is_err());
        assert_eq!(
            "long-lost".parse::<Relationship>().unwrap(),
            Relationship::LongLost
        );
    }

    #[test]
    fn adds_a_later_number_with_its_own_time() {
        let store = MemoryStore::new();
        let id = add_payee(&store, mum(), datetime!(2026-11-28 10:00 UTC)).unwrap();
        add_phone(
            &store,
            &id,
            "95588",
            PhoneSource::CardBack,
            datetime!(2026-11-29 10:00 UTC),
        )
        .unwrap();
        assert!(add_phone(
            &store,
            &id,
            "95588",
            PhoneSource::CardBack,
            datetime!(2026-11-29 11:00 UTC)
        )
        .is_err());
        let payee = get_payee(&store, &id).unwrap();
        assert!(payee
            .phone_recorded_before("95588", datetime!(2026-11-29 09:00 UTC))
            .is_none());
        assert!(payee
            .phone_recorded_before("95588", datetime!(2026-11-29 12:00 UTC))
            .is_some());
    }
}
