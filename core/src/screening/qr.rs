//! Decoded QR payloads: what kind of thing the code is, and the check that kind needs (a link
//! check, Wi-Fi security, a message check for plain text).

use serde::{Deserialize, Serialize};

use super::{
    advice,
    message::{check_message, MAX_MESSAGE_CHARS},
    targets::ProtectedTarget,
    url_check::{self, TargetIndex, UrlVerdict},
    verdict::{Finding, Risk, Signal},
    wifi::{self, WifiNetwork},
};
use crate::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PaymentProvider {
    Wechat,
    Alipay,
    Unionpay,
    /// An EMVCo merchant code of another scheme.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case", tag = "type", content = "provider")]
pub enum QrKind {
    Url,
    Payment(PaymentProvider),
    Wifi,
    Contact,
    Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QrVerdict {
    pub kind: QrKind,
    pub risk: Risk,
    /// The link check, when the code holds a web link (payment links included).
    pub url: Option<UrlVerdict>,
    pub wifi: Option<WifiNetwork>,
    pub signals: Vec<Signal>,
    pub advice: Vec<String>,
}

/// Classifies and checks a decoded QR payload. Never fails: anything is at least text.
pub fn check_qr(payload: &str, extra_targets: &[ProtectedTarget], locale: Locale) -> QrVerdict {
    let payload: String = payload.trim().chars().take(MAX_MESSAGE_CHARS).collect();
    let lower = payload.to_lowercase();
    let index = TargetIndex::new(extra_targets);
    if let Some(body) = strip_prefix_ignore_case(&payload, "WIFI:") {
        let network = wifi::parse_wifi_payload(body);
        let findings = wifi::findings(&network);
        let extra: &[&str] = if findings.iter().any(|f| f.severity > Risk::Low) {
            &["screening-advice-wifi"]
        } else {
            &[]
        };
        return finish(QrKind::Wifi, None, Some(network), findings, extra, locale);
    }
    if lower.starts_with("begin:vcard")
        || lower.starts_with("mecard:")
        || ["tel:", "sms:", "smsto:", "mailto:"]
            .iter()
            .any(|p| lower.starts_with(p))
    {
        let findings = vec![Finding::new("qr_contact", Risk::Low)];
        return finish(QrKind::Contact, None, None, findings, &[], locale);
    }
    if let Some(provider) = payment_provider(&lower) {
        let url = url_check::analyse(&payload, &index).ok();
        let mut findings = vec![Finding::new("payment_code", Risk::Low)];
        // A "payment" link that is not the provider's own is a fake checkout page.
        let verdict = url.map(|a| {
            if !a.official && a.registrable_domain.is_some() {
                findings.push(Finding::new("fake_payment_page", Risk::High));
            }
            a.localize(locale)
        });
        let risk_floor = verdict.as_ref().map_or(Risk::Low, |v| v.risk);
        let mut out = finish(
            QrKind::Payment(provider),
            verdict,
            None,
            findings,
            &["screening-advice-payment-code"],
            locale,
        );
        out.risk = out.risk.max(risk_floor);
        return out;
    }
    let looks_like_web_link = lower.starts_with("http://")
        || lower.starts_with("https://")
        || (!lower.contains(char::is_whitespace) && lower.contains('.'));
    if looks_like_web_link {
        if let Ok(analysis) = url_check::analyse(&payload, &index) {
            let verdict = analysis.localize(locale);
            let mut out = finish(
                QrKind::Url,
                Some(verdict.clone()),
                None,
                Vec::new(),
                &[],
                locale,
            );
            out.risk = verdict.risk;
            out.signals = verdict.signals;
            out.advice = advice::for_qr(out.risk, &[], locale);
            return out;
        }
    }
    let message = check_message(&payload, None, extra_targets, locale);
    QrVerdict {
        kind: QrKind::Text,
        risk: message.risk,
        url: None,
        wifi: None,
        signals: message.signals,
        advice: advice::for_qr(message.risk, &[], locale),
    }
}

fn finish(
    kind: QrKind,
    url: Option<UrlVerdict>,
    wifi: Option<WifiNetwork>,
    findings: Vec<Finding>,
    extra_advice: &[&str],
    locale: Locale,
) -> QrVerdict {
    let risk = findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Risk::Low);
    QrVerdict {
        kind,
        risk,
        url,
        wifi,
        signals: findings.iter().map(|f| f.localize(locale)).collect(),
        advice: advice::for_qr(risk, extra_advice, locale),
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Payment codes by their scheme or host, and EMVCo merchant payloads (`000201…`).
fn payment_provider(lower: &str) -> Option<PaymentProvider> {
    const BY_MARKER: &[(&str, PaymentProvider)] = &[
        ("wxp://", PaymentProvider::Wechat),
        ("weixin://wxpay", PaymentProvider::Wechat),
        ("payapp.weixin.qq.com", PaymentProvider::Wechat),
        ("alipays://", PaymentProvider::Alipay),
        ("qr.alipay.com", PaymentProvider::Alipay),
        ("upwallet://", PaymentProvider::Unionpay),
        ("qr.95516.com", PaymentProvider::Unionpay),
    ];
    if let Some((_, provider)) = BY_MARKER.iter().find(|(marker, _)| lower.contains(marker)) {
        return Some(*provider);
    }
    // EMVCo merchant-presented codes; UnionPay's application id is A000000333.
    lower.starts_with("000201").then(|| {
        if lower.contains("a000000333") {
            PaymentProvider::Unionpay
        } else {
            PaymentProvider::Other
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qr(p: &str) -> QrVerdict {
        check_qr(p, &[], Locale::En)
    }

    #[test]
    fn kinds_are_recognised() {
        assert_eq!(qr("https://www.icbc.com.cn/").kind, QrKind::Url);
        assert_eq!(
            qr("wxp://f2f0abc").kind,
            QrKind::Payment(PaymentProvider::Wechat)
        );
        assert_eq!(
            qr("https://qr.alipay.com/fkx123").kind,
            QrKind::Payment(PaymentProvider::Alipay)
        );
        assert_eq!(
            qr("https://qr.95516.com/00010000/123").kind,
            QrKind::Payment(PaymentProvider::Unionpay)
        );
        assert_eq!(qr("WIFI:S:Cafe;T:WPA;P:pw;;").kind, QrKind::Wifi);
        assert_eq!(qr("BEGIN:VCARD\nFN:A\nEND:VCARD").kind, QrKind::Contact);
        assert_eq!(qr("hello there").kind, QrKind::Text);
    }

    #[test]
    fn risks_follow_the_payload() {
        assert_eq!(qr("https://www.icbc.com.cn/").risk, Risk::Low);
        let v = qr("https://icbc.com.cn-login.xyz/");
        assert_eq!(v.risk, Risk::High);
        assert_eq!(v.url.unwrap().imitates.as_deref(), Some("icbc.com.cn"));
        let open = qr("WIFI:S:Free-Airport;T:nopass;;");
        assert_eq!(open.risk, Risk::Medium);
        assert_eq!(open.wifi.unwrap().ssid, "Free-Airport");
        assert_eq!(
            qr("https://qr.alipay.com.refund-help.top/pay").risk,
            Risk::High
        );
        assert_eq!(
            qr("请添加客服QQ 12345678 领取退款，先缴纳手续费后退还").risk,
            Risk::High
        );
    }
}
