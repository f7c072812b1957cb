//! Links and phone numbers written in a message, with their character spans.

use crate::public_suffix;

/// A link-looking token: `cmbchina-kefu.com`, `https://…`, `ups.com/track`.
#[derive(Debug, Clone)]
pub struct LinkToken {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Characters that can belong to a written link. CJK text around a link ends it even without
/// spaces ("请访问abc.top领取").
fn link_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || "-._~:/?#@!$&*+=%".contains(c);
    }
    c.is_alphanumeric() && !is_cjk(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Maximal runs of `accept` chars, as (start, end) char offsets.
fn runs(chars: &[char], accept: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in chars.iter().enumerate() {
        match (accept(*c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, chars.len()));
    }
    out
}

pub fn links(chars: &[char]) -> Vec<LinkToken> {
    runs(chars, link_char)
        .into_iter()
        .filter_map(|(start, mut end)| {
            while end > start && ".,:;!?)'".contains(chars[end - 1]) {
                end -= 1;
            }
            let text: String = chars[start..end].iter().collect();
            looks_like_link(&text).then_some(LinkToken { text, start, end })
        })
        .collect()
}

/// A host with a known public suffix and a name left of it; e-mail addresses are not links.
fn looks_like_link(token: &str) -> bool {
    let has_scheme = token.contains("://");
    let rest = token.split_once("://").map_or(token, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if !has_scheme && authority.contains('@') {
        return false;
    }
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host
        .split(':')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let tld = host.rsplit('.').next().unwrap_or("");
    if !host.contains('.') || tld.len() < 2 || !tld.chars().all(|c| c.is_alphabetic()) {
        return has_scheme && host.parse::<std::net::Ipv4Addr>().is_ok();
    }
    public_suffix::registrable_domain(&host).is_some_and(|d| d.suffix.is_known())
}

/// Phone-number-like runs: at least seven digits, single spaces or hyphens allowed between
/// groups, not glued to letters (waybill numbers), not amounts (no '.' or ',').
pub fn phone_numbers(chars: &[char]) -> Vec<(usize, usize)> {
    let accept = |c: char| c.is_ascii_digit() || c == '-' || c == ' ' || c == '+';
    runs(chars, accept)
        .into_iter()
        .filter_map(|(mut start, mut end)| {
            while start < end && !chars[start].is_ascii_digit() && chars[start] != '+' {
                start += 1;
            }
            while end > start && !chars[end - 1].is_ascii_digit() {
                end -= 1;
            }
            let digits = chars[start..end]
                .iter()
                .filter(|c| c.is_ascii_digit())
                .count();
            let glued = |i: Option<&char>| {
                i.is_some_and(|c| c.is_ascii_alphabetic() || *c == '.' || *c == ',')
            };
            let ok = digits >= 7
                && !glued(start.checked_sub(1).and_then(|i| chars.get(i)))
                && !glued(chars.get(end));
            ok.then_some((start, end))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_links_between_cjk_and_punctuation() {
        let c = chars("请访问bocom-jfdh.top领取，或 https://x.example.com/a?b=1.");
        let l = links(&c);
        assert_eq!(
            l.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["bocom-jfdh.top", "https://x.example.com/a?b=1"]
        );
        assert_eq!(
            c[l[0].start..l[0].end].iter().collect::<String>(),
            "bocom-jfdh.top"
        );
        assert!(links(&chars("余额3,615.08元 GOV.UK: a@b.com e.g. D3125")).is_empty());
    }

    #[test]
    fn finds_phone_numbers_not_amounts_or_waybills() {
        let c = chars("拨打020-8666 1234，运单号SF2206541198，余额1234567.00元，验证码902615");
        let p = phone_numbers(&c);
        assert_eq!(p.len(), 1);
        assert_eq!(
            c[p[0].0..p[0].1].iter().collect::<String>(),
            "020-8666 1234"
        );
    }
}
