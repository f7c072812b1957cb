//! Screening speed: one link check and one ~200-character message check, with the protected
//! target tables and phrase tables built once before measuring (as in a running app).

use crate::figure::{measure, Figure};
use vigil_core::{
    screening::{check_message, check_url},
    Locale,
};

const URLS: &[&str] = &[
    "https://www.icbc.com.cn/column/1438058341489590354.html",
    "https://www.ccb.com.secure-verify.top/login",
    "https://xn--amazn-mye.com/",
    "http://198.51.100.8/10086/jifen.html",
];

/// Around 200 characters each, one Chinese and one English, one scam and one genuine.
const MESSAGES: &[(&str, &str)] = &[
    (
        "【交通银行】尊敬的客户，您的信用卡积分9860分将于今日24点清零，可兑换现金298元。请立即访问 bocom-jfdh.top 登录并填写卡号、有效期及短信验证码完成兑换，逾期视为自动放弃。如已办理请忽略本短信，感谢您的支持与配合，祝您生活愉快，工作顺利，万事如意，阖家幸福安康。",
        "+8617812346543",
    ),
    (
        "Google: 305718 is your sign-in code. Never share this code with anyone, including Google. If you did not request it, someone may be trying to access your account; review recent activity in your Google Account settings.",
        "Google",
    ),
];

fn chars_per_message() -> f64 {
    MESSAGES
        .iter()
        .map(|(t, _)| t.chars().count())
        .sum::<usize>() as f64
        / MESSAGES.len() as f64
}

pub fn run() -> Vec<Figure> {
    // Build the tables once, outside the measurement.
    let _ = check_url(URLS[0], &[], Locale::En);
    let _ = check_message(MESSAGES[0].0, Some(MESSAGES[0].1), &[], Locale::En);
    let mut turn = 0usize;
    let url = measure("check_url_ns", 20_000, || {
        turn = turn.wrapping_add(1);
        check_url(URLS[turn % URLS.len()], &[], Locale::ALL[turn % 2])
    });
    let message = measure("check_message_ns", 5_000, || {
        turn = turn.wrapping_add(1);
        let (text, sender) = MESSAGES[turn % MESSAGES.len()];
        check_message(text, Some(sender), &[], Locale::ALL[turn % 2])
    });
    let url_us = Figure::new("check_url_us", url.value / 1000.0, "us");
    let message_us = Figure::new("check_message_us", message.value / 1000.0, "us");
    let chars = Figure::new("check_message_chars", chars_per_message(), "chars");
    let ratio = Figure::ratio("check_message_vs_check_url", &message, &url);
    vec![url_us, message_us, chars, ratio]
}
