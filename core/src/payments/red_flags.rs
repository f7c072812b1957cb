//! Red flags in the text of a payment request: the scripts of the common frauds (safe account,
//! verification code, secrecy, urgency, police or court, refund, investment mentor, screen
//! sharing, card rental, paid tasks) in zh and en.
//!
//! Structural, not a bare keyword list:
//! - text is normalised first (full-width ASCII, case, zero-width characters, filler such as
//!   "安 全 账 户" or "安.全.账.户" inside Chinese words), with spans mapped back to the original;
//! - English patterns match whole words only ("code" is not in "decode");
//! - a pattern governed by a negation or a warning in the same clause ("never share your
//!   verification code", "银行不会要求转账到安全账户") does not fire, unless a conjunction or
//!   an urgency word breaks the link ("don't hang up and move it to a safe account");
//! - a verification code followed by a do-not-disclose warning, in a text that asks nobody to pass it on,
//!   is the bank's own one-time-code message, not a red flag.
//!
//! [`request_text_flags`], the one place request texts are analysed, adds the scam families the
//! screening feature's message check recognises (`vigil_core::screening::check_message`) when
//! they map to a kind this detector did not find.

use serde::{Deserialize, Serialize};

use crate::codes::code_enum;

code_enum! {
    /// A kind of red flag.
    FlagCode, "reason-field-red-flag" {
        SafeAccount => "safe_account",
        VerificationCode => "verification_code",
        Secrecy => "secrecy",
        Urgency => "urgency",
        PoliceOrCourt => "police_or_court",
        Refund => "refund",
        InvestmentMentor => "investment_mentor",
        ScreenSharing => "screen_sharing",
        CardRental => "card_rental",
        PaidTasks => "paid_tasks",
    }
}

/// Where a flag was found: a half-open range of Unicode scalar values (chars) in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TextSpan {
    pub start: u32,
    pub end: u32,
}

code_enum! {
    /// Who found a flag: this detector in the text, the screening feature's message check, or
    /// the user (claimed urgency or secrecy).
    FlagOrigin, "reason-field-flag-origin" {
        Text => "text",
        Screening => "screening",
        Reported => "reported",
    }
}

/// One red flag; `span` is set for flags found by this detector in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RedFlag {
    pub code: FlagCode,
    pub origin: FlagOrigin,
    pub span: Option<TextSpan>,
}

/// Texts longer than this are analysed up to here: a payment request is short, and the analysis
/// must stay cheap on any input.
pub const MAX_ANALYSED_CHARS: usize = 20_000;

/// The one entry point for request texts: this detector's flags, then the scam families the
/// screening feature's message check recognises that map to a kind not already found.
pub fn request_text_flags(text: &str) -> Vec<RedFlag> {
    let mut flags = detect(text);
    let verdict = crate::screening::check_message(text, None, &[], crate::Locale::En);
    for code in verdict.families.into_iter().filter_map(flag_for_family) {
        if !flags.iter().any(|f| f.code == code) {
            flags.push(RedFlag {
                code,
                origin: FlagOrigin::Screening,
                span: None,
            });
        }
    }
    flags
}

/// The screening families that are one of this checklist's red flags.
fn flag_for_family(family: crate::screening::Family) -> Option<FlagCode> {
    use crate::screening::Family;
    match family {
        Family::OtpTheft => Some(VerificationCode),
        Family::PoliceImpersonation => Some(PoliceOrCourt),
        Family::SafeAccount => Some(SafeAccount),
        Family::Refund | Family::TaxRefund => Some(Refund),
        Family::Brushing => Some(PaidTasks),
        Family::Investment => Some(InvestmentMentor),
        Family::CardRental => Some(CardRental),
        // Impersonation needs the call-back the rules already require; the link and fee scripts
        // are not payment requests to a person.
        Family::Loan
        | Family::BossImpersonation
        | Family::DeactivationLink
        | Family::FakeOfficialSms
        | Family::ParcelFee => None,
    }
}

struct Pattern {
    code: FlagCode,
    text: &'static str,
    /// Whether a preceding negation or warning cancels it. Secrecy patterns are negative
    /// imperatives themselves ("don't tell anyone"), so nothing cancels them.
    negatable: bool,
}

const fn p(code: FlagCode, text: &'static str) -> Pattern {
    Pattern {
        code,
        text,
        negatable: true,
    }
}

const fn always(code: FlagCode, text: &'static str) -> Pattern {
    Pattern {
        code,
        text,
        negatable: false,
    }
}

use FlagCode::*;

const PATTERNS: &[Pattern] = &[
    p(SafeAccount, "安全账户"),
    p(SafeAccount, "安全帐户"),
    p(SafeAccount, "安全账号"),
    p(SafeAccount, "国家账户"),
    p(SafeAccount, "监管账户"),
    p(SafeAccount, "资金清查"),
    p(SafeAccount, "核查账户"),
    p(SafeAccount, "safe account"),
    p(SafeAccount, "secure account"),
    p(SafeAccount, "safety account"),
    p(SafeAccount, "holding account"),
    p(SafeAccount, "protected account"),
    p(VerificationCode, "验证码"),
    p(VerificationCode, "动态码"),
    p(VerificationCode, "校验码"),
    p(VerificationCode, "动态密码"),
    p(VerificationCode, "短信码"),
    p(VerificationCode, "verification code"),
    p(VerificationCode, "otp"),
    p(VerificationCode, "one-time password"),
    p(VerificationCode, "one time password"),
    p(VerificationCode, "security code"),
    p(VerificationCode, "authentication code"),
    p(VerificationCode, "sms code"),
    always(Secrecy, "保密"),
    always(Secrecy, "不要告诉"),
    always(Secrecy, "别告诉"),
    always(Secrecy, "不能告诉"),
    always(Secrecy, "不要声张"),
    always(Secrecy, "别声张"),
    always(Secrecy, "不要让别人知道"),
    always(Secrecy, "别让别人知道"),
    always(Secrecy, "不要让家人知道"),
    always(Secrecy, "别让家人知道"),
    always(Secrecy, "不要报警"),
    always(Secrecy, "别报警"),
    always(Secrecy, "keep this secret"),
    always(Secrecy, "keep it secret"),
    always(Secrecy, "keep this between us"),
    always(Secrecy, "keep it between us"),
    always(Secrecy, "don't tell"),
    always(Secrecy, "do not tell"),
    always(Secrecy, "dont tell"),
    always(Secrecy, "tell no one"),
    always(Secrecy, "confidential"),
    always(Secrecy, "don't call the police"),
    always(Secrecy, "do not call the police"),
    p(Urgency, "马上"),
    p(Urgency, "立即"),
    p(Urgency, "立刻"),
    p(Urgency, "赶紧"),
    p(Urgency, "尽快"),
    p(Urgency, "紧急"),
    p(Urgency, "急用"),
    p(Urgency, "加急"),
    p(Urgency, "来不及"),
    p(Urgency, "今天之内"),
    p(Urgency, "urgent"),
    p(Urgency, "urgently"),
    p(Urgency, "immediately"),
    p(Urgency, "right now"),
    p(Urgency, "right away"),
    p(Urgency, "asap"),
    p(Urgency, "as soon as possible"),
    p(Urgency, "hurry"),
    p(Urgency, "within the hour"),
    p(PoliceOrCourt, "公安"),
    p(PoliceOrCourt, "警察"),
    p(PoliceOrCourt, "警官"),
    p(PoliceOrCourt, "派出所"),
    p(PoliceOrCourt, "法院"),
    p(PoliceOrCourt, "检察院"),
    p(PoliceOrCourt, "检察官"),
    p(PoliceOrCourt, "通缉"),
    p(PoliceOrCourt, "逮捕"),
    p(PoliceOrCourt, "拘留"),
    p(PoliceOrCourt, "洗钱"),
    p(PoliceOrCourt, "涉嫌"),
    p(PoliceOrCourt, "传票"),
    p(PoliceOrCourt, "police"),
    p(PoliceOrCourt, "court"),
    p(PoliceOrCourt, "warrant"),
    p(PoliceOrCourt, "arrest"),
    p(PoliceOrCourt, "money laundering"),
    p(PoliceOrCourt, "prosecutor"),
    p(PoliceOrCourt, "subpoena"),
    p(PoliceOrCourt, "interpol"),
    p(Refund, "退款"),
    p(Refund, "退费"),
    p(Refund, "理赔"),
    p(Refund, "赔付"),
    p(Refund, "取消会员"),
    p(Refund, "refund"),
    p(Refund, "reimbursement"),
    p(Refund, "compensation"),
    p(Refund, "chargeback"),
    p(InvestmentMentor, "导师"),
    p(InvestmentMentor, "带单"),
    p(InvestmentMentor, "内幕"),
    p(InvestmentMentor, "稳赚"),
    p(InvestmentMentor, "保本"),
    p(InvestmentMentor, "高回报"),
    p(InvestmentMentor, "高收益"),
    p(InvestmentMentor, "荐股"),
    p(InvestmentMentor, "投资群"),
    p(InvestmentMentor, "mentor"),
    p(InvestmentMentor, "guaranteed return"),
    p(InvestmentMentor, "guaranteed returns"),
    p(InvestmentMentor, "insider tip"),
    p(InvestmentMentor, "trading group"),
    p(InvestmentMentor, "double your money"),
    p(ScreenSharing, "屏幕共享"),
    p(ScreenSharing, "共享屏幕"),
    p(ScreenSharing, "远程控制"),
    p(ScreenSharing, "远程协助"),
    p(ScreenSharing, "向日葵"),
    p(ScreenSharing, "会议号"),
    p(ScreenSharing, "screen sharing"),
    p(ScreenSharing, "screen share"),
    p(ScreenSharing, "share your screen"),
    p(ScreenSharing, "remote access"),
    p(ScreenSharing, "anydesk"),
    p(ScreenSharing, "teamviewer"),
    p(ScreenSharing, "todesk"),
    p(CardRental, "出租银行卡"),
    p(CardRental, "出借银行卡"),
    p(CardRental, "租卡"),
    p(CardRental, "出租账户"),
    p(CardRental, "跑分"),
    p(CardRental, "收购银行卡"),
    p(CardRental, "帮忙走账"),
    p(CardRental, "代收款"),
    p(CardRental, "rent your card"),
    p(CardRental, "rent your account"),
    p(CardRental, "lend your card"),
    p(CardRental, "lend your account"),
    p(CardRental, "card rental"),
    p(CardRental, "money mule"),
    p(PaidTasks, "刷单"),
    p(PaidTasks, "做任务"),
    p(PaidTasks, "返利"),
    p(PaidTasks, "点赞赚钱"),
    p(PaidTasks, "paid tasks"),
    p(PaidTasks, "task commission"),
];

/// Words that, shortly before a pattern in the same clause, make it a warning or a denial.
const NEGATIONS: &[&str] = &[
    "不要",
    "不会",
    "不能",
    "不可",
    "不得",
    "切勿",
    "请勿",
    "勿",
    "谨防",
    "警惕",
    "提防",
    "小心",
    "绝不",
    "从不",
    "从来不",
    "严禁",
    "防范",
    "别把",
    "别给",
    "别向",
    "别将",
    "never",
    "not",
    "don't",
    "dont",
    "won't",
    "doesn't",
    "shouldn't",
    "no one",
    "nobody",
    "beware",
    "warning",
    "refuse",
];

/// Words that end a negation's reach: what follows is a new instruction.
const BREAKERS: &[&str] = &[
    "然后", "但是", "但", "并且", "再", "就", "马上", "立即", "立刻", "赶紧", "and", "then", "but",
    "so", "now",
];

/// A do-not-disclose warning after a verification code: the bank's own one-time-code message.
const DISCLOSURE_WARNINGS: &[&str] = &[
    "请勿泄露",
    "切勿泄露",
    "不要泄露",
    "请勿告知",
    "切勿告知",
    "请勿转发",
    "do not share",
    "don't share",
    "never share",
    "do not disclose",
];

/// Asking for the code to be passed on: the warning after it no longer makes it harmless.
const PASS_ON_REQUESTS: &[&str] = &[
    "发给我",
    "告诉我",
    "报给我",
    "念给我",
    "发过来",
    "send me",
    "tell me",
    "read me",
    "give me",
    "send it",
];

/// How far back a negation reaches: characters for Chinese, words for English.
const NEGATION_WINDOW_CJK_CHARS: usize = 8;
const NEGATION_WINDOW_WORDS: usize = 8;

/// The text prepared for matching, with each char's index in the original.
struct Normalised {
    chars: Vec<char>,
    origin: Vec<u32>,
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Characters scammers slip between the characters of a Chinese word to dodge filters.
fn is_filler(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | '-' | '_' | '*' | '·' | '•' | '~' | '/' | '|' | '\'' | '"'
        )
}

fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2019}' | '\u{2018}' => '\'',
        _ => c,
    };
    c.to_ascii_lowercase()
}

fn normalise(text: &str) -> Normalised {
    let folded: Vec<(char, u32)> = text
        .chars()
        .take(MAX_ANALYSED_CHARS)
        .enumerate()
        .filter(|(_, c)| !is_zero_width(*c))
        .map(|(i, c)| (fold(c), i as u32))
        .collect();
    let mut out = Normalised {
        chars: Vec::with_capacity(folded.len()),
        origin: Vec::with_capacity(folded.len()),
    };
    for (i, &(c, origin)) in folded.iter().enumerate() {
        if is_filler(c) {
            let prev_cjk = out.chars.last().is_some_and(|&p| is_cjk(p));
            let next_cjk = folded[i + 1..]
                .iter()
                .find(|(n, _)| !is_filler(*n))
                .is_some_and(|(n, _)| is_cjk(*n));
            if prev_cjk && next_cjk {
                continue;
            }
        }
        out.chars.push(c);
        out.origin.push(origin);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Whether `needle` occurs at `at`, as whole words when it is English.
fn matches_at(hay: &[char], at: usize, needle: &[char]) -> bool {
    if at + needle.len() > hay.len() || hay[at..at + needle.len()] != *needle {
        return false;
    }
    let starts_word = needle.first().is_some_and(|&c| is_word_char(c));
    let ends_word = needle.last().is_some_and(|&c| is_word_char(c));
    let clear_before = !starts_word || at == 0 || !is_word_char(hay[at - 1]);
    let clear_after = !ends_word || hay.get(at + needle.len()).is_none_or(|&c| !is_word_char(c));
    clear_before && clear_after
}

fn find_all(hay: &[char], needle: &str) -> Vec<usize> {
    let needle: Vec<char> = needle.chars().collect();
    (0..hay.len())
        .filter(|&at| matches_at(hay, at, &needle))
        .collect()
}

fn contains(hay: &[char], needle: &str) -> bool {
    !find_all(hay, needle).is_empty()
}

fn is_clause_end(chars: &[char], i: usize) -> bool {
    match chars[i] {
        '。' | '，' | ',' | '；' | ';' | '！' | '!' | '？' | '?' | '\n' | '\r' | '：' | ':'
        | '、' => true,
        '.' => chars.get(i + 1).is_none_or(|c| c.is_whitespace()),
        _ => false,
    }
}

/// The chars of the clause before `at`, nearest last, limited to the negation window.
fn negation_window(chars: &[char], at: usize) -> &[char] {
    let clause_start = (0..at)
        .rev()
        .find(|&i| is_clause_end(chars, i))
        .map_or(0, |i| i + 1);
    let before = &chars[clause_start..at];
    let mut start = before.len();
    let (mut cjk_chars, mut words, mut in_word) = (0, 0, false);
    while start > 0 {
        let c = before[start - 1];
        if is_cjk(c) {
            cjk_chars += 1;
        }
        if is_word_char(c) && !in_word {
            words += 1;
        }
        in_word = is_word_char(c) || c == '\'';
        if cjk_chars > NEGATION_WINDOW_CJK_CHARS || words > NEGATION_WINDOW_WORDS + 1 {
            break;
        }
        start -= 1;
    }
    &before[start..]
}

/// Whether a negation in the window governs the pattern: no breaker after the last negation.
fn is_negated(window: &[char]) -> bool {
    let last_negation = NEGATIONS
        .iter()
        .flat_map(|n| {
            find_all(window, n)
                .into_iter()
                .map(move |at| at + n.chars().count())
        })
        .max();
    let Some(negation_end) = last_negation else {
        return false;
    };
    !BREAKERS
        .iter()
        .any(|b| contains(&window[negation_end..], b))
}

/// How far after a verification code its do-not-disclose warning may follow (it is often the
/// next sentence of the bank's message).
const DISCLOSURE_WARNING_REACH: usize = 60;

fn is_one_time_code_notice(chars: &[char], end: usize) -> bool {
    let after = &chars[end..chars.len().min(end + DISCLOSURE_WARNING_REACH)];
    DISCLOSURE_WARNINGS.iter().any(|w| contains(after, w))
        && !PASS_ON_REQUESTS.iter().any(|r| contains(chars, r))
}

/// Every red flag in `text`, in text order; overlapping hits of one kind count once.
pub fn detect(text: &str) -> Vec<RedFlag> {
    let norm = normalise(text);
    let chars = &norm.chars;
    let mut hits: Vec<(FlagCode, usize, usize)> = Vec::new();
    for pattern in PATTERNS {
        let len = pattern.text.chars().count();
        for at in find_all(chars, pattern.text) {
            if pattern.negatable && is_negated(negation_window(chars, at)) {
                continue;
            }
            if pattern.code == VerificationCode && is_one_time_code_notice(chars, at + len) {
                continue;
            }
            hits.push((pattern.code, at, at + len));
        }
    }
    hits.sort_by_key(|&(code, start, end)| (start, std::cmp::Reverse(end), code));
    let mut flags: Vec<RedFlag> = Vec::new();
    let mut covered: Vec<(FlagCode, usize)> = Vec::new();
    for (code, start, end) in hits {
        if covered.iter().any(|&(c, until)| c == code && start < until) {
            continue;
        }
        covered.retain(|&(c, _)| c != code);
        covered.push((code, end));
        let span = TextSpan {
            start: norm.origin[start],
            end: norm.origin[end - 1] + 1,
        };
        flags.push(RedFlag {
            code,
            origin: FlagOrigin::Text,
            span: Some(span),
        });
    }
    flags
}

/// The original text a span covers.
pub fn excerpt(text: &str, span: TextSpan) -> String {
    text.chars()
        .skip(span.start as usize)
        .take(span.end.saturating_sub(span.start) as usize)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codes(text: &str) -> Vec<FlagCode> {
        let mut c: Vec<FlagCode> = detect(text).into_iter().map(|f| f.code).collect();
        c.dedup();
        c
    }

    #[test]
    fn finds_the_classic_scripts_in_both_languages() {
        assert_eq!(
            codes("我是公安局的，你涉嫌洗钱，马上把钱转到安全账户，不要告诉家人"),
            vec![PoliceOrCourt, Urgency, SafeAccount, Secrecy]
        );
        assert_eq!(codes("This is the police. Move your savings to a safe account immediately and keep this secret."),
            vec![PoliceOrCourt, SafeAccount, Urgency, Secrecy]);
        assert!(codes("把收到的验证码发给我").contains(&VerificationCode));
        assert!(
            codes("Please share your screen on AnyDesk so I can help with the refund")
                .contains(&ScreenSharing)
        );
        assert!(codes("导师带单，稳赚不赔").contains(&InvestmentMentor));
        assert!(codes("出租银行卡，日赚500").contains(&CardRental));
        assert!(codes("刷单返利，做任务就有佣金").contains(&PaidTasks));
    }

    #[test]
    fn spans_point_at_the_original_text() {
        let text = "妈，我换号了。钱转到安 全 账 户吧";
        let flags = detect(text);
        assert_eq!(flags.len(), 1, "{flags:?}");
        let span = flags[0].span.unwrap();
        assert_eq!(excerpt(text, span), "安 全 账 户");
        let en = "URGENT: wire it now";
        let f = &detect(en)[0];
        assert_eq!(
            (f.code, excerpt(en, f.span.unwrap()).as_str()),
            (Urgency, "URGENT")
        );
        let wide = "ｓａｆｅ ａｃｃｏｕｎｔ";
        assert_eq!(excerpt(wide, detect(wide)[0].span.unwrap()), wide);
        let hidden = "安\u{200B}全账户";
        assert_eq!(excerpt(hidden, detect(hidden)[0].span.unwrap()), hidden);
    }

    #[test]
    fn warnings_and_negations_do_not_fire() {
        for text in [
            "Never share your verification code with anyone.",
            "We will never ask you to move money to a safe account.",
            "银行工作人员不会要求您转账到安全账户。",
            "切勿向他人透露验证码",
            "谨防安全账户诈骗",
            "【某银行】验证码123456，请勿泄露给任何人。",
            "Your OTP is 123456. Do not share it with anyone.",
            "decode the barcode", // no whole-word "code" pattern, no "otp" inside words
            "courtyard arrestor", // "court" and "arrest" only as whole words
        ] {
            assert!(detect(text).is_empty(), "{text:?} → {:?}", detect(text));
        }
    }

    #[test]
    fn a_break_in_the_clause_ends_the_negation() {
        assert!(codes("Don't hang up and move it to the safe account").contains(&SafeAccount));
        assert!(codes("不要挂电话然后转到安全账户").contains(&SafeAccount));
        assert!(codes("不要着急马上转到安全账户").contains(&SafeAccount));
        assert!(codes("别担心，这不是诈骗，转到安全账户就行").contains(&SafeAccount));
        assert!(codes("验证码123456，请勿泄露，把它发给我").contains(&VerificationCode));
        assert!(
            codes("小心点，不要告诉任何人").contains(&Secrecy),
            "secrecy is never cancelled"
        );
    }

    proptest! {
        #[test]
        fn spans_are_in_bounds_and_ordered(text in "\\PC{0,200}") {
            let len = text.chars().count() as u32;
            let mut last_start = 0;
            for flag in detect(&text) {
                let span = flag.span.expect("text flags have spans");
                prop_assert!(span.start < span.end && span.end <= len);
                prop_assert!(span.start >= last_start);
                last_start = span.start;
            }
        }

        #[test]
        fn padding_never_hides_a_flag(prefix in "[a-z ]{0,20}", suffix in "[a-z ]{0,20}") {
            let text = format!("{prefix}。转到安全账户。{suffix}");
            prop_assert!(codes(&text).contains(&SafeAccount));
        }
    }
}

#[cfg(test)]
mod screening_tests {
    use super::*;

    #[test]
    fn the_message_check_adds_families_this_detector_missed() {
        for text in [
            "兼职点赞，一个赞3元，当天结算",
            "高价收购闲置电话卡和二类卡，当天结算",
        ] {
            let flags = request_text_flags(text);
            assert!(
                flags.iter().any(|f| f.origin == FlagOrigin::Screening),
                "{text}: {flags:?}"
            );
            assert!(detect(text).iter().all(|f| f.origin == FlagOrigin::Text));
        }
        // A flag this detector found is not repeated by the message check.
        let flags = request_text_flags("我是公安局的，你涉嫌洗钱，把钱转到安全账户");
        assert!(
            flags.iter().all(|f| f.origin == FlagOrigin::Text),
            "{flags:?}"
        );
    }
}
