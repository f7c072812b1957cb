//! The SMS door: messages from official short numbers.
//!
//! A sender id is never proof: fake base stations and SMS gateways set any id they like. So an
//! SMS is judged by what real messages from that number never contain:
//! - the anti-fraud numbers (12381 early warnings, 96110, 12321) never carry a link, a phone
//!   number or a QQ/WeChat id: one that does is forged;
//! - a bank (955xx) or operator (10086/10010/10000) never links off its own domain.
//!
//! A plausible message is stored as an *unverified* alert (door `sms`); a forged one is not
//! stored as an alert at all and the verdict says why. Other senders are not official.

use blake2::{Blake2b512, Digest};
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::{
    cap::{
        Alert, CapCategory, CapCertainty, CapMsgType, CapScope, CapSeverity, CapStatus, CapUrgency,
        CapVersion, Info,
    },
    inbox::{self, Door, Inserted},
};
use crate::{
    i18n::{tr, tr_args},
    public_suffix,
    vault::Store,
    Error, Locale, Result,
};

/// What an official number is for, which decides what its messages may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum OfficialSenderKind {
    /// 12381: the MIIT anti-fraud early-warning SMS.
    EarlyWarning,
    /// 96110: the police anti-fraud line.
    AntiFraudPolice,
    /// 12321: the spam and fraud reporting centre.
    ReportingCentre,
    Bank,
    Operator,
}

struct OfficialSender {
    number: &'static str,
    kind: OfficialSenderKind,
    /// The registrable domains its links may point to; empty: no links at all.
    domains: &'static [&'static str],
}

/// CN official senders. Banks: the big state and joint-stock banks' 955xx numbers.
const CN_SENDERS: &[OfficialSender] = &[
    OfficialSender {
        number: "12381",
        kind: OfficialSenderKind::EarlyWarning,
        domains: &[],
    },
    OfficialSender {
        number: "96110",
        kind: OfficialSenderKind::AntiFraudPolice,
        domains: &[],
    },
    OfficialSender {
        number: "12321",
        kind: OfficialSenderKind::ReportingCentre,
        domains: &[],
    },
    OfficialSender {
        number: "95588",
        kind: OfficialSenderKind::Bank,
        domains: &["icbc.com.cn"],
    },
    OfficialSender {
        number: "95533",
        kind: OfficialSenderKind::Bank,
        domains: &["ccb.com"],
    },
    OfficialSender {
        number: "95599",
        kind: OfficialSenderKind::Bank,
        domains: &["abchina.com"],
    },
    OfficialSender {
        number: "95566",
        kind: OfficialSenderKind::Bank,
        domains: &["boc.cn", "bankofchina.com"],
    },
    OfficialSender {
        number: "95559",
        kind: OfficialSenderKind::Bank,
        domains: &["bankcomm.com"],
    },
    OfficialSender {
        number: "95555",
        kind: OfficialSenderKind::Bank,
        domains: &["cmbchina.com"],
    },
    OfficialSender {
        number: "95568",
        kind: OfficialSenderKind::Bank,
        domains: &["cmbc.com.cn"],
    },
    OfficialSender {
        number: "95561",
        kind: OfficialSenderKind::Bank,
        domains: &["cib.com.cn"],
    },
    OfficialSender {
        number: "95528",
        kind: OfficialSenderKind::Bank,
        domains: &["spdb.com.cn"],
    },
    OfficialSender {
        number: "95558",
        kind: OfficialSenderKind::Bank,
        domains: &["citicbank.com"],
    },
    OfficialSender {
        number: "95595",
        kind: OfficialSenderKind::Bank,
        domains: &["cebbank.com"],
    },
    OfficialSender {
        number: "95577",
        kind: OfficialSenderKind::Bank,
        domains: &["hxb.com.cn"],
    },
    OfficialSender {
        number: "95508",
        kind: OfficialSenderKind::Bank,
        domains: &["cgbchina.com.cn"],
    },
    OfficialSender {
        number: "95511",
        kind: OfficialSenderKind::Bank,
        domains: &["pingan.com", "pingan.com.cn"],
    },
    OfficialSender {
        number: "95580",
        kind: OfficialSenderKind::Bank,
        domains: &["psbc.com"],
    },
    OfficialSender {
        number: "10086",
        kind: OfficialSenderKind::Operator,
        domains: &["10086.cn"],
    },
    OfficialSender {
        number: "10010",
        kind: OfficialSenderKind::Operator,
        domains: &["10010.com", "chinaunicom.cn"],
    },
    OfficialSender {
        number: "10000",
        kind: OfficialSenderKind::Operator,
        domains: &["189.cn", "chinatelecom.com.cn"],
    },
];

/// Why a message from an official number is not what it claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SmsFlag {
    /// A link in a message whose sender never sends links.
    Link,
    /// A link to a domain that is not the sender's own.
    ForeignLink,
    PhoneNumber,
    MessengerId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SmsVerdict {
    /// From an official number and breaks none of its rules; stored, but unverified.
    Plausible,
    /// Uses an official number but breaks its rules: a spoof.
    Forged,
    /// Not an official number: this door has nothing to say about it.
    NotOfficial,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SmsCheck {
    pub verdict: SmsVerdict,
    pub sender_kind: Option<OfficialSenderKind>,
    pub flags: Vec<SmsFlag>,
    /// The stored alert's id (plausible messages only).
    pub alert_id: Option<String>,
    pub duplicate: bool,
    /// What to tell the user, in their language.
    pub explanation: String,
}

/// A bank SMS is only for a few days; after that it is history, not an alert.
const SMS_ALERT_LIFETIME: Duration = Duration::days(7);
const MAX_SMS_BYTES: usize = 2048;

pub fn ingest_sms<S: Store>(
    store: &S,
    sender: &str,
    body: &str,
    received_at: OffsetDateTime,
    locale: Locale,
) -> Result<SmsCheck> {
    super::feed::check_size(body.len(), MAX_SMS_BYTES)?;
    if body.trim().is_empty() {
        return Err(Error::invalid("reason-sms-empty"));
    }
    let Some(official) = official_sender(sender) else {
        return Ok(SmsCheck {
            verdict: SmsVerdict::NotOfficial,
            sender_kind: None,
            flags: Vec::new(),
            alert_id: None,
            duplicate: false,
            explanation: tr(locale, "alerts-sms-not-official"),
        });
    };
    let flags = flags(official, body);
    if !flags.is_empty() {
        let reasons: Vec<String> = flags.iter().map(|f| tr(locale, flag_message(*f))).collect();
        return Ok(SmsCheck {
            verdict: SmsVerdict::Forged,
            sender_kind: Some(official.kind),
            flags,
            alert_id: None,
            duplicate: false,
            explanation: tr_args(
                locale,
                "alerts-sms-forged",
                &[("reasons", reasons.join(locale_separator(locale)).into())],
            ),
        });
    }
    let alert = sms_alert(official, body, received_at, locale);
    let keyed = inbox::Keyed::from(alert);
    let (inserted, inbox::Keyed { id, .. }) =
        store.write(|txn| inbox::insert(txn, keyed, Door::Sms, None, received_at))?;
    Ok(SmsCheck {
        verdict: SmsVerdict::Plausible,
        sender_kind: Some(official.kind),
        flags,
        alert_id: Some(id),
        duplicate: inserted == Inserted::Duplicate,
        explanation: tr(locale, "alerts-sms-plausible"),
    })
}

fn locale_separator(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "; ",
        Locale::ZhCn => "；",
    }
}

fn flag_message(flag: SmsFlag) -> &'static str {
    match flag {
        SmsFlag::Link => "alerts-sms-flag-link",
        SmsFlag::ForeignLink => "alerts-sms-flag-foreign-link",
        SmsFlag::PhoneNumber => "alerts-sms-flag-phone",
        SmsFlag::MessengerId => "alerts-sms-flag-messenger",
    }
}

/// The official sender behind `sender`, ignoring the +86/0086 country prefix and spacing.
fn official_sender(sender: &str) -> Option<&'static OfficialSender> {
    let digits: String = sender
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let number = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .unwrap_or(&digits);
    CN_SENDERS.iter().find(|s| s.number == number)
}

fn flags(official: &OfficialSender, body: &str) -> Vec<SmsFlag> {
    let mut flags = Vec::new();
    let hosts = link_hosts(body);
    if official.domains.is_empty() {
        if !hosts.is_empty() {
            flags.push(SmsFlag::Link);
        }
        if has_phone_number(body) {
            flags.push(SmsFlag::PhoneNumber);
        }
        if has_messenger_id(body) {
            flags.push(SmsFlag::MessengerId);
        }
    } else if hosts
        .iter()
        .any(|h| !official.domains.iter().any(|d| host_is_within(h, d)))
    {
        flags.push(SmsFlag::ForeignLink);
    }
    flags
}

fn host_is_within(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// Hosts of everything that looks like a link: with a scheme, or a bare name under a known
/// public suffix (`icbc-vip.top/x`). Fullwidth dots and slashes are normalised first, because
/// scam texts use them to dodge filters.
fn link_hosts(body: &str) -> Vec<String> {
    let normalised: String = body
        .chars()
        .map(|c| match c {
            '。' | '．' | '｡' => '.',
            '／' => '/',
            '：' => ':',
            c => c,
        })
        .collect();
    normalised
        .split(|c: char| !(c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)))
        .filter_map(|token| {
            let lower = token.to_ascii_lowercase();
            let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
            let host = rest.split(['/', '?', '#', ':']).next()?.trim_matches('.');
            let has_scheme = lower.contains("://");
            let labels_ok = host.split('.').count() >= 2 && host.split('.').all(|l| !l.is_empty());
            if !labels_ok || host.chars().all(|c| c.is_ascii_digit() || c == '.') && !has_scheme {
                return None;
            }
            let known_suffix = public_suffix::suffix(host).is_some_and(|s| s.is_known());
            (has_scheme || known_suffix).then(|| host.to_owned())
        })
        .collect()
}

/// Seven or more digits in a row (spaces and dashes allowed inside): a landline, mobile or
/// 400/800 number. Five-digit service numbers like 96110 are what these senders cite legitimately.
fn has_phone_number(body: &str) -> bool {
    let mut run = 0;
    for c in body.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 7 {
                return true;
            }
        } else if !(c == '-' || c == ' ') {
            run = 0;
        }
    }
    false
}

/// A QQ or WeChat handle: the keyword, up to a few separator characters, then an id of at
/// least five letters or digits.
fn has_messenger_id(body: &str) -> bool {
    let lower = body.to_lowercase();
    const KEYWORDS: [&str; 7] = ["qq", "微信", "wechat", "weixin", "vx", "wx", "扣扣"];
    KEYWORDS.iter().any(|keyword| {
        lower.match_indices(keyword).any(|(at, k)| {
            let after = lower[at + k.len()..]
                .trim_start_matches(|c: char| c.is_whitespace() || "号:：是为=".contains(c))
                .trim_start_matches("id")
                .trim_start_matches(|c: char| c.is_whitespace() || ":：".contains(c));
            after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .count()
                >= 5
        })
    })
}

/// A plausible official SMS as an (unverified) CAP alert, so it lists, ranks and expires like one.
fn sms_alert(
    official: &OfficialSender,
    body: &str,
    received_at: OffsetDateTime,
    locale: Locale,
) -> Alert {
    let digest = crate::hex::lower(&Blake2b512::digest(body.as_bytes())[..12]);
    let warning = matches!(
        official.kind,
        OfficialSenderKind::EarlyWarning | OfficialSenderKind::AntiFraudPolice
    );
    let language = if body.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        "zh-CN"
    } else {
        "en"
    };
    let headline: String = body.chars().take(40).collect();
    Alert {
        version: CapVersion::V1_2,
        identifier: format!("sms-{digest}"),
        sender: format!("sms:{}", official.number),
        sent: received_at,
        status: CapStatus::Actual,
        msg_type: CapMsgType::Alert,
        scope: CapScope::Public,
        source: None,
        note: None,
        references: Vec::new(),
        infos: vec![Info {
            language: language.to_owned(),
            categories: vec![if warning {
                CapCategory::Security
            } else {
                CapCategory::Other
            }],
            event: tr(locale, "alerts-sms-event"),
            event_codes: Vec::new(),
            urgency: if warning {
                CapUrgency::Immediate
            } else {
                CapUrgency::Unknown
            },
            severity: if warning {
                CapSeverity::Severe
            } else {
                CapSeverity::Minor
            },
            certainty: CapCertainty::Unknown,
            effective: None,
            onset: None,
            expires: Some(received_at + SMS_ALERT_LIFETIME),
            sender_name: Some(official.number.to_owned()),
            headline: Some(headline),
            description: Some(body.to_owned()),
            instruction: None,
            web: None,
            contact: None,
            parameters: Vec::new(),
            areas: Vec::new(),
        }],
        lenience: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::{
        alerts::{view, AlertFilter, RelevanceProfile},
        vault::MemoryStore,
    };

    const AT: OffsetDateTime = datetime!(2026-11-28 10:00 +08:00);

    fn check(sender: &str, body: &str) -> SmsCheck {
        ingest_sms(&MemoryStore::new(), sender, body, AT, Locale::ZhCn).unwrap()
    }

    #[test]
    fn a_genuine_early_warning_is_stored_unverified() {
        let store = MemoryStore::new();
        let body =
            "【国家反诈中心】您正在接听的电话可能涉嫌诈骗，请立即挂断！如有疑问请拨打96110咨询。";
        let result = ingest_sms(&store, "12381", body, AT, Locale::ZhCn).unwrap();
        assert_eq!(
            (result.verdict, result.sender_kind),
            (
                SmsVerdict::Plausible,
                Some(OfficialSenderKind::EarlyWarning)
            )
        );
        let listed = view::list(
            &store,
            &AlertFilter::default(),
            Locale::ZhCn,
            AT,
            &RelevanceProfile::default(),
        )
        .unwrap()
        .alerts;
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].door, listed[0].verified), (Door::Sms, false));
        assert_eq!(listed[0].sender, "sms:12381");
        assert_eq!(listed[0].description.as_deref(), Some(body));
        let again = ingest_sms(&store, "+86 12381", body, AT, Locale::ZhCn).unwrap();
        assert!(again.duplicate);
    }

    #[test]
    fn a_12381_message_with_link_number_or_messenger_id_is_forged() {
        let cases = [
            (
                "【反诈中心】您的账户存在风险，请登录 http://gov-fz.top 处理",
                SmsFlag::Link,
            ),
            (
                "【反诈中心】账户异常，访问 fzzx-cn。top 解冻",
                SmsFlag::Link,
            ),
            (
                "【反诈中心】请联系专员 138 1234 5678 处理退款",
                SmsFlag::PhoneNumber,
            ),
            (
                "【反诈中心】请添加民警微信号：police_110zz 配合调查",
                SmsFlag::MessengerId,
            ),
            ("【反诈中心】加QQ 123456789 领取补偿", SmsFlag::MessengerId),
        ];
        for (body, flag) in cases {
            let result = check("12381", body);
            assert_eq!(result.verdict, SmsVerdict::Forged, "{body}");
            assert!(result.flags.contains(&flag), "{body}: {:?}", result.flags);
            assert!(
                result.explanation.contains("伪造"),
                "{}",
                result.explanation
            );
            assert_eq!(result.alert_id, None);
        }
        let en = ingest_sms(
            &MemoryStore::new(),
            "96110",
            "Call 021-66668888 now",
            AT,
            Locale::En,
        )
        .unwrap();
        assert_eq!(en.verdict, SmsVerdict::Forged);
        assert!(
            en.explanation.contains("phone number"),
            "{}",
            en.explanation
        );
    }

    #[test]
    fn banks_may_link_only_to_their_own_domain() {
        let own = check(
            "95588",
            "【工商银行】您的积分即将到期，详见 https://m.icbc.com.cn/points",
        );
        assert_eq!(own.verdict, SmsVerdict::Plausible);
        let spoof = check(
            "95588",
            "【工商银行】您的积分即将清零，速登录 icbc-jf.top 兑换",
        );
        assert_eq!(
            (spoof.verdict, spoof.flags.as_slice()),
            (SmsVerdict::Forged, &[SmsFlag::ForeignLink][..])
        );
        let lookalike = check(
            "95588",
            "【工商银行】请访问 https://icbc.com.cn.vip-points.cn 兑换",
        );
        assert_eq!(lookalike.verdict, SmsVerdict::Forged);
        // A bank may give its own number.
        assert_eq!(
            check("95588", "【工商银行】如有疑问请致电95588。").verdict,
            SmsVerdict::Plausible
        );
        assert_eq!(
            check("10086", "【中国移动】详见 https://www.10086.cn/x").verdict,
            SmsVerdict::Plausible
        );
        assert_eq!(
            check("10086", "【中国移动】话费返还 http://10086-fl.cn").verdict,
            SmsVerdict::Forged
        );
    }

    #[test]
    fn other_senders_are_not_official_and_bad_input_is_refused() {
        assert_eq!(
            check("1069012381", "hello").verdict,
            SmsVerdict::NotOfficial
        );
        assert_eq!(
            check("+8613800138000", "hello").verdict,
            SmsVerdict::NotOfficial
        );
        let store = MemoryStore::new();
        assert!(ingest_sms(&store, "12381", "  ", AT, Locale::En).is_err());
        let long = "字".repeat(1000);
        assert_eq!(
            ingest_sms(&store, "12381", &long, AT, Locale::En)
                .unwrap_err()
                .code(),
            crate::ErrorCode::TooLarge
        );
    }

    #[test]
    fn link_detection_is_not_fooled_by_decimals_or_short_numbers() {
        assert!(link_hosts("余额 1.5 元，版本 2.0.1").is_empty());
        assert_eq!(
            link_hosts("see https://A.example.com/x?y=1"),
            ["a.example.com"]
        );
        assert!(!has_phone_number("拨打96110或12381"));
        assert!(!has_messenger_id("不要相信微信上的陌生人"));
    }
}
