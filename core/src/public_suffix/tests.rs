use super::*;
use proptest::prelude::*;

/// The list maintainers' own test vectors (`tests/tests.txt` of publicsuffix/list, public
/// domain): `host registrable-domain`, `null` for none. Hosts are lower-cased first, as every
/// caller does; lines for non-Internet names are commented out upstream.
#[test]
fn official_test_vectors_pass() {
    let mut checked = 0;
    for line in include_str!("official_tests.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let (host, expected) = line.split_once(' ').expect("two fields per line");
        let host = host.to_lowercase();
        let host = (host != "null").then_some(host);
        let expected = (expected != "null").then_some(expected);
        let actual = host.as_deref().and_then(registrable_domain).map(|d| d.name);
        assert_eq!(actual, expected, "{line}");
        checked += 1;
    }
    assert!(checked > 70, "the vector file was read ({checked} lines)");
}

#[test]
fn sections_tell_registries_from_hosting_companies() {
    assert_eq!(suffix("a.com.cn").unwrap().section, Some(Section::Icann));
    assert_eq!(
        suffix("a.github.io").unwrap().section,
        Some(Section::Private)
    );
    assert_eq!(
        suffix("x.pages.dev").unwrap().section,
        Some(Section::Private)
    );
    // Unknown top-level names fall back to the implicit `*` rule.
    let unknown = suffix("printer.lan").unwrap();
    assert_eq!((unknown.name, unknown.is_known()), ("lan", false));
}

#[test]
fn internationalised_rules_match_in_unicode_and_punycode() {
    assert_eq!(suffix("银行.公司.cn").unwrap().name, "公司.cn");
    assert_eq!(
        suffix("xn--a.xn--55qx5d.cn").unwrap().name,
        "xn--55qx5d.cn",
        "公司.cn in punycode"
    );
    assert!(suffix("例子.中国").unwrap().is_known());
}

#[test]
fn malformed_hosts_have_no_suffix() {
    for host in ["", ".", ".com", "a..com", "com."] {
        assert_eq!(suffix(host), None, "{host:?}");
        assert_eq!(registrable_domain(host), None, "{host:?}");
    }
}

#[test]
fn the_list_has_both_sections_and_all_three_rule_kinds() {
    let rules = rules();
    assert!(rules.len() > 9_000, "{} rules", rules.len());
    let count =
        |f: fn(&Rules) -> Option<Section>, s| rules.values().filter(|r| f(r) == Some(s)).count();
    assert!(count(|r| r.normal, Section::Icann) > 5_000);
    assert!(count(|r| r.normal, Section::Private) > 1_000);
    assert!(count(|r| r.wildcard, Section::Icann) > 10);
    assert!(count(|r| r.exception, Section::Icann) > 5);
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{1,8}",
        Just("com".to_owned()),
        Just("cn".to_owned()),
        Just("jp".to_owned()),
        Just("kobe".to_owned()),
        Just("city".to_owned()),
        Just("github".to_owned()),
        Just("io".to_owned()),
        Just("公司".to_owned()),
    ]
}

fn is_label_tail(host: &str, tail: &str) -> bool {
    host == tail
        || host
            .strip_suffix(tail)
            .is_some_and(|head| head.ends_with('.'))
}

proptest! {
    /// Whatever the host, the suffix is a whole-label tail of it and the registrable domain is
    /// exactly one more label.
    #[test]
    fn suffix_and_domain_are_label_aligned_tails(labels in prop::collection::vec(label(), 1..6)) {
        let host = labels.join(".");
        let suffix = suffix(&host).expect("well-formed hosts have a suffix");
        prop_assert!(is_label_tail(&host, suffix.name));
        match registrable_domain(&host) {
            Some(domain) => {
                prop_assert_eq!(domain.suffix, suffix);
                prop_assert!(is_label_tail(&host, domain.name));
                let extra = domain.name.strip_suffix(suffix.name).and_then(|d| d.strip_suffix('.'));
                prop_assert!(extra.is_some_and(|l| !l.is_empty() && !l.contains('.')));
            }
            None => prop_assert_eq!(suffix.name, host.as_str()),
        }
    }

    /// Arbitrary text never panics.
    #[test]
    fn any_text_is_handled(host in "\\PC{0,40}") {
        let _ = registrable_domain(&host);
    }
}
