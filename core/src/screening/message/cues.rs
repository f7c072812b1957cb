//! Cue phrases, Chinese and English, grouped by what they mean in a message. Cues alone are not
//! verdicts: `signals` combines them (an action, its object, negation nearby) into signals.

use std::{collections::HashMap, sync::OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A one-time code or the SMS carrying it.
    CodeObject,
    /// Passing something to the writer: "send it to me", "念一下".
    ShareVerb,
    /// "never", "请勿": turns a following action into a warning.
    Negation,
    /// "…都是诈骗", "is a scam": turns a preceding action into a warning.
    ScamLabel,
    /// Moving money away from the reader.
    Transfer,
    /// Asking the reader to do something ("请", "你先", "can you"): receipts and reports of
    /// transfers carry none.
    Request,
    SafeAccount,
    /// A fee, deposit or prepayment demanded.
    Prepay,
    /// What the prepayment supposedly unlocks: unfreezing, payout, withdrawal, refund of it.
    Release,
    /// Moving the conversation to another app or a private contact.
    OffPlatform,
    ScreenShare,
    Install,
    Call,
    Secrecy,
    Urgency,
    Authority,
    Suspect,
    Threat,
    Refund,
    /// Claims of a service opened or charged by mistake.
    ServiceCharge,
    CustomerService,
    Loan,
    LoanLure,
    Task,
    Invest,
    Returns,
    CardTradeVerb,
    CardObject,
    Parcel,
    Tax,
    NewIdentity,
    Boss,
    Relative,
    GiftCard,
    PersonalData,
    Expiry,
    Click,
    /// Names that contain a cue but mean something else ("支付宝" is not "支付"): cues
    /// overlapping a mask are dropped.
    Mask,
}

#[rustfmt::skip]
const PHRASES: &[(Cue, &[&str])] = &[
    (Cue::CodeObject, &[
        "验证码", "校验码", "动态码", "动态密码", "短信码", "6位数", "六位数", "短信", "code", "codes", "otp", "one-time password",
        "passcode", "pin code",
    ]),
    (Cue::ShareVerb, &[
        "告知", "告诉", "read it back", "read back", "发我", "发给我", "发过来", "告诉我", "念一下", "念给我", "读一下", "读给我", "报一下", "报给我", "转发给我", "截图给我", "提供", "给我看",
        "send it", "send me", "send them", "send over", "tell me", "read it", "read me", "forward it",
        "forward me", "share it", "give me", "pass it", "what it is", "let me know the",
    ]),
    (Cue::Negation, &[
        "请勿", "切勿", "勿", "不要", "别", "不会", "无需", "不需要", "谨防", "never", "don't", "do not", "won't",
        "will not", "no need to", "without",
    ]),
    (Cue::ScamLabel, &[
        "是诈骗", "均为诈骗", "都是诈骗", "是骗子", "都是骗子", "is a scam", "are scams", "are a scam", "is fraud",
    ]),
    (Cue::Transfer, &[
        "转账", "转钱", "先转", "转我", "汇给", "转到", "转给", "转账到", "转账给", "转入我们", "转入指定", "汇款", "打款", "打到", "借我", "借给我", "先借", "预付款", "付款", "支付",
        "缴纳", "pay it", "pay the", "pay at", "pay a ", "pay for", "pay me", "purchase", "transfer your",
        "transferring your", "move your money", "send money", "wire", "pay $", "pay £", "pay €", "pay ¥",
        "transfer", "send £", "send $", "send €", "send ¥", "send the money", "send some money", "send cash",
        "lend me",
    ]),
    (Cue::Request, &[
        "请", "你先", "先", "马上", "立即", "尽快", "需要", "帮我", "给我", "把", "赶紧", "can you", "could you",
        "please", "need you to", "you must", "you need to", "you should", "kindly",
    ]),
    (Cue::SafeAccount, &[
        "安全账户", "holding account", "secure wallet", "监管账户", "核查账户", "清查账户", "指定账户", "安全帐户", "safe account", "secure account",
        "new account number", "new account in your name", "protected account",
    ]),
    (Cue::Prepay, &[
        "保证金", "解冻金", "会员费", "手续费", "激活费", "押金", "服务费", "认证费", "需要先", "需先", "先交", "先缴", "先付", "先买", "先充",
        "需缴纳", "需要缴纳", "需支付", "fee", "deposit", "is required before", "pay first", "need to pay",
    ]),
    (Cue::Release, &[
        "解冻", "激活", "提现", "放款", "到账", "退还", "返还", "返你", "提升额度", "解除", "unlock", "release", "withdraw",
        "withdrawal", "before funds", "activate",
    ]),
    (Cue::OffPlatform, &[
        "qq", "客服微信", "微信号", "加v", "vx", "加微信", "添加微信", "企业微信", "私发", "加我", "telegram", "whatsapp", "signal app", "line id", "微信群", "加群",
    ]),
    (Cue::ScreenShare, &[
        "屏幕共享", "共享屏幕", "开启共享", "投屏", "腾讯会议", "向日葵", "share your screen", "screen share", "screen sharing",
        "anydesk", "teamviewer", "remote access",
    ]),
    (Cue::Install, &[
        "下载", "安装", "install", "download", ".apk",
    ]),
    (Cue::Call, &[
        "拨打", "致电", "回电", "来电", "call ", "ring ",
    ]),
    (Cue::Secrecy, &[
        "保密", "不要告诉", "别告诉", "别跟", "不能和任何人", "不要跟任何人", "不要和任何人", "先别说", "不要声张", "keep this between us",
        "between us", "don't tell", "do not tell", "keep it quiet", "confidential", "keep this secret",
    ]),
    (Cue::Urgency, &[
        "立即", "马上", "尽快", "今日内", "今天", "24小时", "48小时", "24点", "逾期", "否则", "即将", "限时", "today", "immediately",
        "urgent", "asap", "right now", "within 24", "final notice",
    ]),
    (Cue::Authority, &[
        "公安局", "民警", "警官", "检察官", "检察院", "法院", "刑侦", "经侦", "办案", "公检法", "police", "officer", "detective",
        "court", "prosecutor",
    ]),
    (Cue::Suspect, &[
        "嫌疑人", "涉嫌", "涉案", "协查", "通缉", "洗钱", "逮捕", "羁押", "拘留", "本案", "同伙", "arrest", "warrant", "suspect",
        "money laundering", "under investigation", "资金清查", "资金核查", "合法性核查",
    ]),
    (Cue::Threat, &[
        "冻结", "注销", "清零", "征信", "后果自负", "停用", "扣费", "被盗刷", "frozen", "suspended", "closed", "returned",
        "compromised", "penalty",
    ]),
    (Cue::Refund, &[
        "退款", "理赔", "赔偿", "退税", "refund", "compensation", "rebate", "you are owed", "reimburse",
    ]),
    (Cue::ServiceCharge, &[
        "误开通", "开通了", "持续扣费", "自动扣费", "自动续费", "每月收费", "subscription", "auto-renew",
    ]),
    (Cue::CustomerService, &[
        "客服", "售后", "专员", "customer service", "support team",
    ]),
    (Cue::Loan, &[
        "贷款", "放款", "额度", "借款", "备用金", "网贷", "loan", "credit line", "credit limit",
    ]),
    (Cue::LoanLure, &[
        "无需征信", "不看征信", "秒到账", "当天到账", "免息", "低息", "黑户", "待领取", "no credit check", "guaranteed approval",
    ]),
    (Cue::Task, &[
        "兼职", "点赞", "刷单", "连单", "佣金", "派单", "接单", "做任务", "任务", "part-time", "app ratings", "boost",
        "commission", "tasks",
    ]),
    (Cue::Invest, &[
        "股票", "潜力股", "理财", "数字货币", "usdt", "交易所", "跟单", "带单", "投资", "虚拟币", "炒币", "交易账户", "trading", "crypto",
        "mentor", "futures", "forex", "bitcoin", "exchange", "investment",
    ]),
    (Cue::Returns, &[
        "轻松赚", "日赚", "每天赚", "赚钱", "赚了", "收益", "日化", "回报", "返利", "稳赚", "日结", "当天结算", "当天结款", "一个赞", "%", "paid daily", "per day",
        "weekly", "guaranteed", "profit", "returns",
    ]),
    (Cue::CardTradeVerb, &[
        "收购", "出租", "租用", "出售", "高价收", "借我用", "rent", "buy your", "sell your", "lend",
    ]),
    (Cue::CardObject, &[
        "银行卡", "电话卡", "手机卡", "一类卡", "u盾", "对公账户", "网银", "bank card", "sim card", "bank account",
    ]),
    (Cue::Parcel, &[
        "包裹", "快递", "快件", "parcel", "package", "delivery", "redelivery", "postage",
    ]),
    (Cue::Tax, &[
        "退税", "个税", "所得税", "税务", "tax", "irs", "hmrc",
    ]),
    (Cue::NewIdentity, &[
        "换号", "换了个号", "新号", "新加的微信", "新微信", "换手机号", "new number", "new phone", "this is my new",
    ]),
    (Cue::Boss, &[
        "董事长", "老板", "总经理", "领导", "ceo", "boss", "director",
    ]),
    (Cue::Relative, &[
        "舅", "姨", "外甥", "侄", "mum", "mom", "dad", "grandma",
    ]),
    (Cue::GiftCard, &[
        "gift card", "礼品卡", "购物卡", "itunes", "steam card", "充值卡", "gift cards",
    ]),
    (Cue::PersonalData, &[
        "ssn", "social security number", "身份证号", "银行卡号", "密码", "cvv", "card number", "password",
        "passport number",
    ]),
    (Cue::Expiry, &[
        "suspended", "expires", "deactivated", "过期", "到期", "注销", "失效", "积分", "提升至", "额度可提升", "升级", "expire", "expired", "deactivat", "suspend",
        "points",
    ]),
    (Cue::Mask, &[
        "支付宝", "微信支付", "人民币", "支付成功", "已支付", "code of conduct", "zip code", "postcode", "post code",
        "dress code", "付款人", "收款人", "付款方",
    ]),
    (Cue::Click, &[
        "点击", "访问", "登录", "戳", "click", "visit", "tap", "log in", "apply at", "go to",
    ]),
];

pub struct Phrase {
    pub chars: Vec<char>,
    pub cue: Cue,
    /// Latin phrases must not start or end inside a word ("code" is not in "barcode").
    pub word_bounded: bool,
}

/// Phrases by first character, built once.
pub fn by_first_char() -> &'static HashMap<char, Vec<Phrase>> {
    static TABLE: OnceLock<HashMap<char, Vec<Phrase>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<char, Vec<Phrase>> = HashMap::new();
        for (cue, phrases) in PHRASES {
            for p in *phrases {
                let chars: Vec<char> = p.chars().collect();
                let word_bounded = chars.first().is_some_and(|c| c.is_ascii_alphabetic());
                table.entry(chars[0]).or_default().push(Phrase {
                    chars,
                    cue: *cue,
                    word_bounded,
                });
            }
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_lowercase_and_non_empty() {
        for (_, phrases) in PHRASES {
            for p in *phrases {
                assert!(!p.is_empty());
                assert_eq!(p.to_lowercase(), *p, "matching runs on lowercased text");
            }
        }
    }
}
