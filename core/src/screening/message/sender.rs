//! What the sender field says about a message: an official short code, a personal number, a
//! chat account. Senders can be spoofed, so this only adds evidence; it never clears a message.

/// Official anti-fraud warning lines: their real messages carry no links, numbers or accounts.
const ANTI_FRAUD_SENDERS: &[&str] = &["12381", "96110"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SenderKind {
    /// A service short code (95588, 10086, 12381 …).
    ShortCode(String),
    /// A personal mobile or international phone number.
    PersonalNumber,
    /// A named sender ID, e-mail or chat account; `name` is its display part, lowercased.
    Named,
    Unknown,
}

#[derive(Debug, Clone)]
pub struct Sender {
    pub kind: SenderKind,
    /// Display name, lowercased (`wechat:赵总` → `赵总`; `DPD` → `dpd`).
    pub name: String,
}

impl Sender {
    pub fn parse(raw: Option<&str>) -> Sender {
        let raw = raw.map(str::trim).unwrap_or("");
        if raw.is_empty() {
            return Sender {
                kind: SenderKind::Unknown,
                name: String::new(),
            };
        }
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let only_number = raw
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if only_number && !digits.is_empty() {
            let national = digits
                .strip_prefix("86")
                .filter(|_| raw.starts_with('+'))
                .unwrap_or(&digits);
            let mobile = national.len() == 11 && national.starts_with('1');
            let kind = if raw.starts_with('+') || mobile || digits.len() >= 10 {
                SenderKind::PersonalNumber
            } else {
                SenderKind::ShortCode(digits)
            };
            return Sender {
                kind,
                name: String::new(),
            };
        }
        let name = raw.split_once(':').map_or(raw, |(_, n)| n).to_lowercase();
        let kind = match raw.split_once(':') {
            Some((scheme, number))
                if scheme.eq_ignore_ascii_case("sms") || scheme.eq_ignore_ascii_case("tel") =>
            {
                return Sender::parse(Some(number));
            }
            _ => SenderKind::Named,
        };
        Sender { kind, name }
    }

    pub fn is_anti_fraud_line(&self) -> bool {
        matches!(&self.kind, SenderKind::ShortCode(c) if ANTI_FRAUD_SENDERS.contains(&c.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            Sender::parse(Some("95588")).kind,
            SenderKind::ShortCode("95588".into())
        );
        assert!(Sender::parse(Some("12381")).is_anti_fraud_line());
        assert_eq!(
            Sender::parse(Some("+8615312341234")).kind,
            SenderKind::PersonalNumber
        );
        assert_eq!(
            Sender::parse(Some("13511112222")).kind,
            SenderKind::PersonalNumber
        );
        assert_eq!(
            Sender::parse(Some("+447700900506")).kind,
            SenderKind::PersonalNumber
        );
        let s = Sender::parse(Some("wechat:赵总"));
        assert_eq!((s.kind, s.name.as_str()), (SenderKind::Named, "赵总"));
        assert_eq!(Sender::parse(None).kind, SenderKind::Unknown);
    }
}
