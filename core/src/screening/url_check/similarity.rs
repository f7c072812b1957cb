//! How alike two names look: TS#39 confusable skeletons and edit distance with transpositions.

/// The TS#39 skeleton, lowercased: `paypa1`, `pаypal` (Cyrillic а) and `paypal` share one.
pub fn skeleton(s: &str) -> String {
    unicode_security::skeleton(&s.to_lowercase())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions), in chars.
/// Names are short labels, so the quadratic table is tiny; `limit` stops early when exceeded.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit {
            return limit + 1;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("paypal", "paypal", 2), 0);
        assert_eq!(edit_distance("abcchina", "abchina", 2), 1);
        assert_eq!(
            edit_distance("paypla", "paypal", 2),
            1,
            "transposition counts once"
        );
        assert_eq!(edit_distance("icbcc", "icbc", 2), 1);
        assert!(edit_distance("wikipedia", "icbc", 2) > 2);
        assert_eq!(edit_distance("", "abc", 5), 3);
    }

    #[test]
    fn skeletons_fold_lookalikes() {
        assert_eq!(skeleton("paypa1"), skeleton("paypal"));
        assert_eq!(skeleton("l0086"), skeleton("10086"));
        assert_eq!(skeleton("аbchina"), skeleton("abchina"));
        assert_ne!(skeleton("taobao"), skeleton("alipay"));
    }
}
