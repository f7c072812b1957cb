//! Properties of the screening checks on arbitrary input: no panics, spans inside the text,
//! warnings never raise the risk of a genuine code text, official hosts stay clean.

use proptest::prelude::*;
use vigil_core::{
    screening::{check_message, check_qr, check_url, ProtectedTarget, Risk},
    Locale,
};

/// Text mixing the characters fraud messages are made of: CJK, Latin, digits, punctuation,
/// look-alike Cyrillic, full-width forms.
fn messy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Z0-9 .:/@-]{0,12}",
            "[\\u4e00-\\u9fff，。！？【】]{0,8}",
            Just("验证码".to_owned()),
            Just("转账".to_owned()),
            Just("请勿".to_owned()),
            Just("send me the code".to_owned()),
            Just("安全账户".to_owned()),
            Just("icbc.com.cn-login.xyz".to_owned()),
            "[\\u0400-\\u04ff\\uff01-\\uff5e]{0,4}",
            any::<char>().prop_map(String::from),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn message_check_never_panics_and_spans_are_valid(text in messy_text(), sender in proptest::option::of("[+0-9a-z:]{0,14}")) {
        let v = check_message(&text, sender.as_deref(), &[], Locale::ZhCn);
        let len = text.chars().count() as u32;
        for s in &v.signals {
            prop_assert!(!s.detail.is_empty());
            if let Some(sp) = s.span {
                prop_assert!(sp.start < sp.end && sp.end <= len, "{:?} outside 0..{}", sp, len);
            }
        }
        prop_assert!(v.risk >= Risk::Medium || v.families.is_empty(), "a family always warns");
    }

    #[test]
    fn url_check_never_panics(url in prop_oneof![
        "[a-z0-9.:/@\\[\\]%-]{0,40}",
        "(https?://)?[a-z0-9-]{1,12}(\\.[a-z0-9-]{1,10}){1,3}(/[a-z0-9]{0,8})?",
        any::<String>(),
    ]) {
        if let Ok(v) = check_url(&url, &[], Locale::En) {
            prop_assert!(v.imitates.is_none() || v.risk >= Risk::Medium, "an imitation always warns");
            prop_assert!(!v.advice.is_empty());
        }
    }

    #[test]
    fn qr_check_never_panics(payload in prop_oneof![messy_text(), "WIFI:[A-Za-z;:\\\\]{0,30}", any::<String>()]) {
        let v = check_qr(&payload, &[], Locale::En);
        prop_assert!(!v.advice.is_empty());
    }

    #[test]
    fn warnings_never_raise_a_genuine_code_text(code in "[0-9]{4,8}", minutes in 1u32..30, warning in prop_oneof![
        Just("请勿泄露。"), Just("切勿告诉他人。"), Just("任何人索要均为诈骗，请勿提供。"),
        Just("Never share this code."), Just("Do not give this code to anyone."),
    ]) {
        let base = format!("【建设银行】您的验证码为{code}，{minutes}分钟内有效。");
        let plain = check_message(&base, Some("95533"), &[], Locale::En).risk;
        let warned = check_message(&format!("{base}{warning}"), Some("95533"), &[], Locale::En).risk;
        prop_assert!(warned <= plain, "{} raised {:?} to {:?}", warning, plain, warned);
        prop_assert_eq!(warned, Risk::Low);
    }

    #[test]
    fn official_subdomains_stay_clean(sub in "[a-z]{1,10}", path in "[a-z0-9/]{0,16}") {
        for domain in ["icbc.com.cn", "alipay.com", "10086.cn", "paypal.com"] {
            let v = check_url(&format!("https://{sub}.{domain}/{path}"), &[], Locale::En).unwrap();
            prop_assert_eq!(v.risk, Risk::Low, "{}.{}", sub, domain);
            prop_assert!(v.imitates.is_none());
        }
    }

    #[test]
    fn extra_targets_get_the_same_protection(name in "[a-z]{6,10}", word in prop_oneof![Just("login"), Just("verify"), Just("kefu")]) {
        let domain = format!("{name}.com");
        let target = ProtectedTarget { domain: domain.clone(), names: vec![] };
        let v = check_url(&format!("https://{name}-{word}.com/"), &[target], Locale::En).unwrap();
        prop_assert_eq!(v.imitates.as_deref(), Some(domain.as_str()));
        prop_assert_eq!(v.risk, Risk::High);
    }
}
