use super::*;

fn check(text: &str, sender: Option<&str>) -> MessageVerdict {
    check_message(text, sender, &[], Locale::En)
}

fn codes(v: &MessageVerdict) -> Vec<&str> {
    v.signals.iter().map(|s| s.code.as_str()).collect()
}

#[test]
fn genuine_code_texts_stay_low() {
    for (text, sender) in [
        (
            "【建设银行】您的验证码为482913，5分钟内有效，切勿泄露给他人。",
            Some("95533"),
        ),
        (
            "【支付宝】校验码 551902，请勿将验证码提供给任何人，包括客服。",
            Some("95188"),
        ),
        (
            "Your Apple ID code is 449120. Do not share it with anyone.",
            Some("Apple"),
        ),
        (
            "Microsoft account security code: 7731. Never give this code to anyone.",
            Some("Microsoft"),
        ),
    ] {
        let v = check(text, sender);
        assert_eq!(v.risk, Risk::Low, "{text}: {:?}", codes(&v));
    }
}

#[test]
fn asking_for_a_code_is_high_and_spanned() {
    let text = "宝贝我手机坏了，等下会有个验证码发到你手机，你发我一下好吗";
    let v = check(text, Some("+8613900001111"));
    assert_eq!(v.risk, Risk::High);
    assert!(v.families.contains(&Family::OtpTheft));
    let s = v.signals.iter().find(|s| s.code == "code_request").unwrap();
    let sp = s.span.unwrap();
    let quoted: String = text
        .chars()
        .skip(sp.start as usize)
        .take((sp.end - sp.start) as usize)
        .collect();
    assert!(
        quoted.starts_with("验证码") && quoted.ends_with("发我"),
        "{quoted}"
    );
}

#[test]
fn ordinary_chat_stays_low() {
    for text in [
        "晚上一起吃饭吗？我订了七点的位子。",
        "Don't forget the dentist at 4, I'll pick up groceries on the way home.",
        "周五前把季度报表发我一下，谢谢。",
        "I transferred the rent to the landlord this morning.",
        "报销单我已经提交了，财务说下周三打款。",
        "【微信支付】您已向商户转账58.00元。",
    ] {
        let v = check(text, Some("wechat:同学"));
        assert_eq!(v.risk, Risk::Low, "{text}: {:?}", codes(&v));
    }
}

#[test]
fn safe_account_and_screen_share_are_high() {
    let v = check(
        "为了保护您的资金，请把余额转入我们的安全账户，今天之内完成。",
        None,
    );
    assert_eq!(v.risk, Risk::High);
    assert!(v.families.contains(&Family::SafeAccount));
    let v = check(
        "Please download AnyDesk and share your screen so I can fix your bank app.",
        None,
    );
    assert!(codes(&v).contains(&"screen_share"));
    assert_eq!(v.risk, Risk::High);
}

#[test]
fn brand_named_with_a_foreign_link_is_caught() {
    let v = check(
        "【工商银行】您的账户存在异常，请尽快登录 icbc-secure.example-login.com 验证。",
        Some("+8613700000000"),
    );
    assert_eq!(v.risk, Risk::High);
    let v = check(
        "【工商银行】您的账户存在异常，请登录 www.icbc.com.cn 查看。",
        Some("95588"),
    );
    assert_eq!(v.risk, Risk::Low, "{:?}", codes(&v));
    let v = check(
        "Your parcel is on its way, track at https://www.dhl.com/track",
        Some("DHL"),
    );
    assert_eq!(v.risk, Risk::Low, "{:?}", codes(&v));
    let v = check(
        "DHL: your parcel awaits a customs fee, pay at dhl-customs-pay.net",
        Some("+12025550100"),
    );
    assert_eq!(v.risk, Risk::High);
    assert!(v.families.contains(&Family::ParcelFee), "{:?}", v.families);
}

#[test]
fn anti_fraud_line_with_a_number_breaks_its_rules() {
    let v = check(
        "【12381】您的账户异常，请联系专员 0755-1234 5678 处理。",
        Some("+8613600000000"),
    );
    assert!(codes(&v).contains(&"official_rule_break"));
    assert!(v.families.contains(&Family::FakeOfficialSms));
    let v = check(
        "【工信部反诈专班】提醒：请勿向陌生人转账，谨防诈骗。",
        Some("12381"),
    );
    assert_eq!(v.risk, Risk::Low, "{:?}", codes(&v));
}

#[test]
fn card_trade_offers_are_high() {
    let v = check("高价收购闲置银行卡，一张800元，包邮寄卡。", None);
    assert!(v.families.contains(&Family::CardRental));
    assert_eq!(v.risk, Risk::High);
}

#[test]
fn every_signal_text_exists_in_both_locales() {
    let v = check_message(
        "【12381】经侦民警：你涉嫌洗钱，立即转入安全账户，下载会议软件共享屏幕，保密，否则冻结，访问 abc-verify.top",
        Some("+8613600000000"),
        &[],
        Locale::ZhCn,
    );
    assert!(v.signals.len() > 5);
    for s in &v.signals {
        assert!(
            crate::i18n::has_message(&crate::screening::verdict::message_id(&s.code)),
            "{}",
            s.code
        );
    }
    assert!(
        v.advice.iter().all(|a| !a.starts_with("screening-")),
        "{:?}",
        v.advice
    );
}

#[test]
fn a_boss_on_a_new_account_asking_for_money_is_high() {
    let v = check(
        "我是王总，这是我新微信。有急事，你先转3万到这个账户，回头再说。",
        Some("wechat:王总"),
    );
    assert_eq!(v.risk, Risk::High, "{:?}", codes(&v));
    assert!(v.families.contains(&Family::BossImpersonation));
}

#[test]
fn a_relative_on_a_new_number_asking_for_money_is_high_in_english() {
    for text in [
        "Hi mum, I dropped my phone, this is my new number. Can you send £300 to my friend's account today?",
        "Dad it's me, new number. Please transfer 500 to this account asap, I'll explain later",
    ] {
        let v = check(text, Some("+447700900123"));
        assert_eq!(v.risk, Risk::High, "{text}: {:?}", codes(&v));
        assert!(v.families.contains(&Family::BossImpersonation), "{text}");
    }
    // Asking whether a transfer arrived is not a request to send one by a new identity.
    let v = check(
        "Could you check whether my transfer arrived? Thanks!",
        Some("wechat:同事"),
    );
    assert_ne!(v.risk, Risk::High, "{:?}", codes(&v));
}
