//! Finding cue phrases in a text, in character offsets, with the clause each falls in and
//! whether a warning ("请勿…", "…都是诈骗") surrounds it.

use super::cues::{by_first_char, Cue};

/// A cue found at `start..end` (char offsets into the original text).
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub cue: Cue,
    pub start: usize,
    pub end: usize,
    pub clause: usize,
    /// Inside a warning: a negation shortly before, or a scam label shortly after, same clause.
    pub negated: bool,
}

/// How far (in chars) a negation or scam label reaches within its clause.
const NEGATION_REACH: usize = 16;

pub struct Scanned {
    pub chars: Vec<char>,
    pub hits: Vec<Hit>,
}

impl Scanned {
    pub fn of(&self, cue: Cue) -> impl Iterator<Item = &Hit> + '_ {
        self.hits.iter().filter(move |h| h.cue == cue)
    }

    pub fn has(&self, cue: Cue) -> bool {
        self.of(cue).next().is_some()
    }

    /// First hit of `cue` outside any warning.
    pub fn live(&self, cue: Cue) -> Option<&Hit> {
        self.of(cue).find(|h| !h.negated)
    }
}

/// Lowercase, with full-width ASCII folded, one char per char so offsets stay valid.
fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn is_clause_break(chars: &[char], i: usize) -> bool {
    match chars[i] {
        '，' | ',' | '。' | '!' | '！' | '?' | '？' | '；' | ';' | '\n' | '：' => true,
        '.' => chars.get(i + 1).is_none_or(|c| c.is_whitespace()),
        _ => false,
    }
}

pub fn scan(text: &str) -> Scanned {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut clause_of = Vec::with_capacity(chars.len());
    let mut clause = 0;
    for i in 0..chars.len() {
        clause_of.push(clause);
        if is_clause_break(&chars, i) {
            clause += 1;
        }
    }
    let table = by_first_char();
    let mut hits = Vec::new();
    for start in 0..chars.len() {
        let Some(candidates) = table.get(&chars[start]) else {
            continue;
        };
        for phrase in candidates {
            let end = start + phrase.chars.len();
            if end > chars.len() || chars[start..end] != phrase.chars[..] {
                continue;
            }
            if phrase.word_bounded && !at_word_edges(&chars, start, end) {
                continue;
            }
            hits.push(Hit {
                cue: phrase.cue,
                start,
                end,
                clause: clause_of[start],
                negated: false,
            });
        }
    }
    drop_masked(&mut hits);
    mark_warnings(&mut hits);
    Scanned { chars, hits }
}

fn at_word_edges(chars: &[char], start: usize, end: usize) -> bool {
    let inside_word = |c: &char| c.is_ascii_alphanumeric();
    let before = start == 0 || !inside_word(&chars[start - 1]);
    let last_is_letter = chars[end - 1].is_ascii_alphanumeric();
    let after = !last_is_letter || chars.get(end).is_none_or(|c| !inside_word(c));
    before && after
}

fn drop_masked(hits: &mut Vec<Hit>) {
    let masks: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.cue == Cue::Mask)
        .map(|h| (h.start, h.end))
        .collect();
    hits.retain(|h| h.cue != Cue::Mask && !masks.iter().any(|&(s, e)| h.start < e && s < h.end));
}

fn mark_warnings(hits: &mut [Hit]) {
    let warnings: Vec<(Cue, usize, usize, usize)> = hits
        .iter()
        .filter(|h| matches!(h.cue, Cue::Negation | Cue::ScamLabel))
        .map(|h| (h.cue, h.start, h.end, h.clause))
        .collect();
    // Warnings cover actions; an object stays what it is ("你那张不用的电话卡" is still a card).
    let negatable = |c: Cue| {
        !matches!(
            c,
            Cue::Negation | Cue::ScamLabel | Cue::CodeObject | Cue::CardObject
        )
    };
    for hit in hits.iter_mut().filter(|h| negatable(h.cue)) {
        hit.negated = warnings.iter().any(|&(cue, start, end, clause)| {
            clause == hit.clause
                && match cue {
                    Cue::Negation => end <= hit.start && hit.start - end <= NEGATION_REACH,
                    _ => start >= hit.end && start - hit.end <= NEGATION_REACH,
                }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_chars_and_warnings_are_marked() {
        let s = scan("验证码123，请勿提供。");
        let verb = s.of(Cue::ShareVerb).next().unwrap();
        assert_eq!((verb.start, verb.end), (9, 11));
        assert!(verb.negated);
        let s = scan("Please send me the code");
        assert!(!s.live(Cue::ShareVerb).unwrap().negated);
        assert!(scan("要求您提供验证码的都是诈骗")
            .of(Cue::ShareVerb)
            .all(|h| h.negated));
        assert!(!scan("barcode").has(Cue::CodeObject), "word edges");
        assert!(scan("ＱＱ号").has(Cue::OffPlatform), "full-width folds");
        assert!(
            !scan("支付宝").has(Cue::Transfer),
            "masked by the brand name"
        );
        assert!(scan("请支付").has(Cue::Transfer));
    }
}
