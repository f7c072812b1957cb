//! Deletion requests: a letter asking a holder to delete what it holds, tracked until answered.
//!
//! # Laws and deadlines
//! - **GDPR Art. 17** (right to erasure), letter in English. Art. 12(3): the controller answers
//!   "without undue delay and in any event within one month of receipt"; we set the due date one
//!   calendar month after the letter (same day, or the month's last day when shorter). The
//!   controller may extend by two months if it tells the user within the first month.
//! - **PIPL Art. 47** (删除权), letter in Chinese. PIPL itself sets no fixed period: Art. 50 asks
//!   handlers to accept and process requests promptly ("及时"). The commonly used figure is
//!   **15 working days**: the 《App违法违规收集使用个人信息行为认定方法》 (2019, 国信办秘字〔2019〕191号)
//!   treats not completing deletion within the committed time, at most 15 working days, as a
//!   violation; GB/T 35273-2020 §8.7 allows at most 30 days. We use 15 working days (Monday to
//!   Friday; public holidays are not modelled, so a reminder may come a day or two early, which
//!   errs on the user's side) and say "15 个工作日" in the letter.
//!
//! A request moves the holder's remaining disclosures to `deletion_requested`. When the due
//! date passes unanswered, [`Inventory::deletion_reminders`] returns a follow-up reminder naming
//! the escalation route (CAC's 12377 reporting centre, or the supervisory authority, GDPR Art. 77).

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime, Weekday};

use super::index::Change;
use super::view::iso_date;
use super::{move_holder_disclosures, Disclosure, DisclosureStatus, Holder, Inventory};
use crate::error::{Error, Result};
use crate::i18n::{tr, tr_args, Locale};
use crate::vault::{new_id, Record, Store, TxnExt};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DeletionLaw {
    Pipl,
    Gdpr,
}

impl DeletionLaw {
    /// The language the letter is written in: the holder's legal language.
    pub fn letter_locale(self) -> Locale {
        match self {
            DeletionLaw::Pipl => Locale::ZhCn,
            DeletionLaw::Gdpr => Locale::En,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeletionLaw::Pipl => "pipl",
            DeletionLaw::Gdpr => "gdpr",
        }
    }

    /// The answer is due on this day (see the module docs).
    pub fn due_date(self, sent: Date) -> Date {
        match self {
            DeletionLaw::Gdpr => add_one_month(sent),
            DeletionLaw::Pipl => add_working_days(sent, PIPL_WORKING_DAYS),
        }
    }
}

impl std::str::FromStr for DeletionLaw {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pipl" => Ok(DeletionLaw::Pipl),
            "gdpr" => Ok(DeletionLaw::Gdpr),
            _ => Err(Error::invalid("reason-law-unknown")),
        }
    }
}

const PIPL_WORKING_DAYS: u32 = 15;

fn add_one_month(d: Date) -> Date {
    let (year, month) = if d.month() == time::Month::December {
        (d.year() + 1, time::Month::January)
    } else {
        (d.year(), d.month().next())
    };
    let day = d.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).expect("day clamped to the month's length")
}

fn add_working_days(mut d: Date, n: u32) -> Date {
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    d
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DeletionRequestStatus {
    Pending,
    /// The holder confirmed deletion.
    Completed,
    /// The holder refused or kept the data on a legal ground.
    Refused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionRequest {
    pub id: String,
    pub holder_id: String,
    pub law: DeletionLaw,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    pub due: Date,
    pub disclosure_ids: Vec<String>,
    pub status: DeletionRequestStatus,
}

impl Record for DeletionRequest {
    const TABLE: &'static str = "inventory_deletion_requests";
    fn id(&self) -> &str {
        &self.id
    }
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        vec![("holder", self.holder_id.clone())]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeletionLetter {
    pub request_id: String,
    pub law: DeletionLaw,
    pub language: Locale,
    pub subject: String,
    pub body: String,
    /// `YYYY-MM-DD`.
    pub due: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeletionReminder {
    pub request_id: String,
    pub holder_id: String,
    pub holder_name: String,
    pub law: DeletionLaw,
    pub due: String,
    pub days_overdue: u32,
    pub text: String,
}

impl Inventory {
    /// Write a deletion letter to `holder_id` under `law`, record the request and mark what the
    /// holder has as `deletion_requested`. The letter lists each detail masked: the holder knows
    /// the values, and the letter may travel by insecure e-mail.
    pub fn request_deletion<S: Store>(
        &self,
        store: &S,
        holder_id: &str,
        law: DeletionLaw,
        now: OffsetDateTime,
    ) -> Result<DeletionLetter> {
        let lang = law.letter_locale();
        let index = self.index();
        let (slot, holder) = index
            .find_holder(holder_id)
            .ok_or(Error::NotFound("reason-thing-holder"))?;
        let holder = holder.clone();
        let mut items = Vec::new();
        for &x in index.of_holder(slot) {
            let (Some(x), Some(d)) = (
                index.disclosure_at(x),
                index.detail_at(index.fact(x).detail),
            ) else {
                continue;
            };
            if x.status == DisclosureStatus::Deleted {
                continue;
            }
            let kind = tr(lang, &d.kind.message_id());
            let line = tr_args(
                lang,
                "inventory-letter-item",
                &[
                    ("kind", kind.into()),
                    ("masked", d.masked().into()),
                    ("date", iso_date(x.date).into()),
                ],
            );
            if !items.contains(&line) {
                items.push(line);
            }
        }
        drop(index);
        if items.is_empty() {
            return Err(Error::invalid("reason-nothing-to-delete"));
        }
        let due = law.due_date(now.date());
        let request = self.commit(store, |txn, _, changes| {
            let (_, requested) = move_holder_disclosures(
                txn,
                holder_id,
                &[DisclosureStatus::Active, DisclosureStatus::Breached],
                DisclosureStatus::DeletionRequested,
                now,
                changes,
            )?;
            let ids = requested.into_iter().map(|x| x.id).collect();
            let request = DeletionRequest {
                id: new_id(),
                holder_id: holder_id.to_owned(),
                law,
                sent_at: now,
                due,
                disclosure_ids: ids,
                status: DeletionRequestStatus::Pending,
            };
            txn.put(&request)?;
            Ok(request)
        })?;
        let stem = format!("inventory-letter-{}", law.as_str());
        let args = [
            ("holder", holder.name.clone().into()),
            ("items", items.join("\n").into()),
            ("date", iso_date(now.date()).into()),
            ("due", iso_date(due).into()),
        ];
        Ok(DeletionLetter {
            request_id: request.id,
            law,
            language: lang,
            subject: tr_args(lang, &format!("{stem}-subject"), &args),
            body: tr_args(lang, &format!("{stem}-body"), &args),
            due: iso_date(due),
        })
    }

    /// Record the holder's answer. `Completed` marks the requested disclosures deleted;
    /// `Refused` returns them to active (a breach stays in their history).
    pub fn close_request<S: Store>(
        &self,
        store: &S,
        request_id: &str,
        outcome: DeletionRequestStatus,
        now: OffsetDateTime,
    ) -> Result<()> {
        let to = match outcome {
            DeletionRequestStatus::Completed => DisclosureStatus::Deleted,
            DeletionRequestStatus::Refused => DisclosureStatus::Active,
            DeletionRequestStatus::Pending => {
                return Err(Error::invalid("reason-request-close-outcome"))
            }
        };
        self.commit(store, |txn, _, changes| {
            let mut request: DeletionRequest =
                txn.require(request_id, "reason-thing-deletion-request")?;
            if request.status != DeletionRequestStatus::Pending {
                return Err(Error::InvalidTransition {
                    from: "closed",
                    to: "closed",
                });
            }
            for id in &request.disclosure_ids {
                let Some(mut x) = txn.get::<Disclosure>(id)? else {
                    continue;
                };
                if x.status == DisclosureStatus::DeletionRequested {
                    x.transition(to, now)?;
                    txn.put(&x)?;
                    changes.push(Change::Disclosure(x));
                }
            }
            request.status = outcome;
            txn.put(&request)
        })
    }

    /// Pending requests whose due date has passed, most overdue first, with what to do next.
    pub fn deletion_reminders<S: Store>(
        &self,
        store: &S,
        now: OffsetDateTime,
        locale: Locale,
    ) -> Result<Vec<DeletionReminder>> {
        let requests = store.read(|txn| txn.list::<DeletionRequest>())?;
        let today = now.date();
        let mut out: Vec<DeletionReminder> = requests
            .into_iter()
            .filter(|r| r.status == DeletionRequestStatus::Pending && r.due < today)
            .map(|r| {
                let holder_name = store
                    .read(|txn| txn.get::<Holder>(&r.holder_id))
                    .ok()
                    .flatten()
                    .map(|h| h.name)
                    .unwrap_or_default();
                let days_overdue = (today - r.due).whole_days() as u32;
                let text = tr_args(
                    locale,
                    &format!("inventory-reminder-{}", r.law.as_str()),
                    &[
                        ("holder", holder_name.clone().into()),
                        ("days", u64::from(days_overdue).into()),
                    ],
                );
                DeletionReminder {
                    request_id: r.id,
                    holder_id: r.holder_id,
                    holder_name,
                    law: r.law,
                    due: iso_date(r.due),
                    days_overdue,
                    text,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then(a.request_id.cmp(&b.request_id))
        });
        Ok(out)
    }
}

/// Every deletion request, latest first.
pub fn deletion_requests<S: Store>(store: &S) -> Result<Vec<DeletionRequest>> {
    let mut all = store.read(|txn| txn.list::<DeletionRequest>())?;
    all.sort_by_key(|r| std::cmp::Reverse(r.sent_at));
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{fixture, NOW};
    use time::macros::date;

    #[test]
    fn deadlines() {
        assert_eq!(
            DeletionLaw::Gdpr.due_date(date!(2025 - 01 - 31)),
            date!(2025 - 02 - 28)
        );
        assert_eq!(
            DeletionLaw::Gdpr.due_date(date!(2025 - 12 - 15)),
            date!(2026 - 01 - 15)
        );
        // Sunday 2025-06-01 + 15 working days = Friday 2025-06-20.
        assert_eq!(
            DeletionLaw::Pipl.due_date(date!(2025 - 06 - 01)),
            date!(2025 - 06 - 20)
        );
    }

    #[test]
    fn pipl_letter_lists_masked_details_and_tracks_the_request() {
        let f = fixture();
        let letter = f
            .inv
            .request_deletion(&f.store, &f.bank, DeletionLaw::Pipl, NOW)
            .unwrap();
        assert_eq!(letter.language, Locale::ZhCn);
        assert!(
            letter.body.contains("第四十七条") && letter.body.contains("ICBC"),
            "{}",
            letter.body
        );
        assert!(letter.body.contains("110105********002X") && !letter.body.contains("19491231"));
        assert!(letter.body.contains("15") && letter.body.contains("2025-06-20"));
        assert!(f
            .inv
            .holdings_of(&f.bank)
            .unwrap()
            .iter()
            .all(|h| h.status == DisclosureStatus::DeletionRequested));
        // Not overdue on the due date; overdue the day after.
        let on_due = datetime(2025, 6, 20);
        assert!(f
            .inv
            .deletion_reminders(&f.store, on_due, Locale::En)
            .unwrap()
            .is_empty());
        let late = f
            .inv
            .deletion_reminders(&f.store, datetime(2025, 6, 23), Locale::En)
            .unwrap();
        assert_eq!((late.len(), late[0].days_overdue), (1, 3));
        assert!(late[0].text.contains("12377"), "{}", late[0].text);
        f.inv
            .close_request(
                &f.store,
                &letter.request_id,
                DeletionRequestStatus::Completed,
                on_due,
            )
            .unwrap();
        assert!(f
            .inv
            .deletion_reminders(&f.store, datetime(2025, 7, 1), Locale::En)
            .unwrap()
            .is_empty());
        assert!(f
            .inv
            .holdings_of(&f.bank)
            .unwrap()
            .iter()
            .all(|h| h.status == DisclosureStatus::Deleted));
        let again = f
            .inv
            .request_deletion(&f.store, &f.bank, DeletionLaw::Gdpr, NOW);
        assert!(matches!(again, Err(Error::InvalidInput(_))));
    }

    #[test]
    fn gdpr_letter_is_english_with_one_month() {
        let f = fixture();
        let letter = f
            .inv
            .request_deletion(&f.store, &f.courier, DeletionLaw::Gdpr, NOW)
            .unwrap();
        assert_eq!(
            (letter.language, letter.due.as_str()),
            (Locale::En, "2025-07-01")
        );
        assert!(
            letter.body.contains("Article 17") && letter.body.contains("+86 138****5678"),
            "{}",
            letter.body
        );
        let late = f
            .inv
            .deletion_reminders(&f.store, datetime(2025, 7, 2), Locale::ZhCn)
            .unwrap();
        assert!(late[0].text.contains("第七十七条"), "{}", late[0].text);
        f.inv
            .close_request(
                &f.store,
                &letter.request_id,
                DeletionRequestStatus::Refused,
                NOW,
            )
            .unwrap();
        assert!(f
            .inv
            .holdings_of(&f.courier)
            .unwrap()
            .iter()
            .all(|h| h.status == DisclosureStatus::Active));
        assert!(f
            .inv
            .close_request(
                &f.store,
                &letter.request_id,
                DeletionRequestStatus::Completed,
                NOW
            )
            .is_err());
    }

    fn datetime(y: i32, m: u8, d: u8) -> OffsetDateTime {
        Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d)
            .unwrap()
            .midnight()
            .assume_utc()
    }
}
