//! A request for money as the user received it: over which channel, from whom, how much, to which
//! account, and what the message said.

use serde::{Deserialize, Serialize};

use super::{
    money::Money,
    payee::{clean_bank, clean_name, normalise_account, Relationship},
};
use crate::codes::code_enum;
use crate::error::{Error, ReasonArg, Result};

code_enum! {
    /// How the request reached the user.
    Channel, "reason-field-channel" {
        Sms => "sms",
        Wechat => "wechat",
        Weibo => "weibo",
        Qq => "qq",
        Email => "email",
        VoiceCall => "voice_call",
        VideoCall => "video_call",
        InPerson => "in_person",
        Other => "other",
    }
}

impl Channel {
    /// Anything but a face-to-face request can be impersonated (voices and faces included), so
    /// only `in_person` is not remote; `other` is treated as remote to be safe.
    pub fn is_remote(self) -> bool {
        self != Channel::InPerson
    }
}

/// Who asks: an entry of the payee book, or a name as the request gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requester {
    Payee { payee_id: String },
    Named { name: String },
}

/// The longest request text kept: enough for any message, bounded for storage and analysis.
pub const MAX_TEXT_CHARS: usize = 4_000;

/// A request as the user enters it (unvalidated strings from a shell).
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RequestInput {
    pub channel: String,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub payee_id: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Required with `name`; with `payee_id` it defaults to the book's relationship.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub relationship: Option<String>,
    pub amount: String,
    pub currency: String,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub account: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub bank: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub text: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub claimed_urgency: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub claimed_secrecy: bool,
}

/// A validated request, as stored in a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemittanceRequest {
    pub channel: Channel,
    pub requester: Requester,
    pub relationship: Relationship,
    pub money: Money,
    /// Normalised account number; inside the encrypted check record only.
    pub account: Option<String>,
    pub bank: Option<String>,
    pub text: Option<String>,
    pub claimed_urgency: bool,
    pub claimed_secrecy: bool,
}

impl RequestInput {
    /// Validates everything except that the payee exists (the engine checks that in its
    /// transaction). `book_relationship` is the payee's relationship when `payee_id` is set.
    pub(crate) fn validate(
        &self,
        book_relationship: Option<Relationship>,
    ) -> Result<RemittanceRequest> {
        let channel: Channel = self.channel.parse()?;
        let money = Money::parse(&self.amount, &self.currency)?;
        let relationship = self
            .relationship
            .as_deref()
            .map(str::parse::<Relationship>)
            .transpose()?;
        let (requester, relationship) = match (&self.payee_id, &self.name) {
            (Some(id), None) => {
                let book = book_relationship.ok_or(Error::NotFound("reason-thing-payee"))?;
                (
                    Requester::Payee {
                        payee_id: id.clone(),
                    },
                    relationship.unwrap_or(book),
                )
            }
            (None, Some(name)) => {
                let relationship =
                    relationship.ok_or_else(|| Error::invalid("reason-relationship-required"))?;
                (
                    Requester::Named {
                        name: clean_name(name)?,
                    },
                    relationship,
                )
            }
            _ => return Err(Error::invalid("reason-payee-or-name")),
        };
        let account = self.account.as_deref().map(normalise_account).transpose()?;
        let bank = self.bank.as_deref().map(clean_bank).transpose()?;
        let text = match self.text.as_deref().map(str::trim) {
            Some(t) if t.chars().count() > MAX_TEXT_CHARS => {
                return Err(Error::invalid_with(
                    "reason-text-too-long",
                    [
                        ("field", ReasonArg::message("reason-field-request-text")),
                        ("max", MAX_TEXT_CHARS.into()),
                    ],
                ))
            }
            Some("") | None => None,
            Some(t) => Some(t.to_owned()),
        };
        Ok(RemittanceRequest {
            channel,
            requester,
            relationship,
            money,
            account,
            bank,
            text,
            claimed_urgency: self.claimed_urgency,
            claimed_secrecy: self.claimed_secrecy,
        })
    }
}
