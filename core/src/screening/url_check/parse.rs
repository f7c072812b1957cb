//! Turning what the user pasted into the parts the detectors look at: host (ASCII and Unicode),
//! registrable domain from the Public Suffix List, subdomain labels, scheme, userinfo, path.

use std::net::{Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

use crate::{
    public_suffix::{self, Section},
    Error, Result,
};

/// Longer inputs are not links anyone types or scans; refusing them bounds the work.
pub const MAX_URL_CHARS: usize = 4096;

#[derive(Debug, Clone)]
pub enum HostKind {
    Domain(DomainParts),
    Ipv4 {
        addr: Ipv4Addr,
        written_dotted: bool,
    },
    Ipv6(Ipv6Addr),
}

#[derive(Debug, Clone)]
pub struct DomainParts {
    /// Lowercase ASCII (punycode) host, without a trailing dot.
    pub ascii: String,
    /// The same host as people read it (IDNA to Unicode).
    pub unicode: String,
    /// Registrable domain (eTLD+1) in ASCII, when the suffix leaves one.
    pub registrable: Option<String>,
    /// Its Unicode form.
    pub registrable_unicode: Option<String>,
    /// The public suffix (`com.cn`, `github.io`, …).
    pub suffix: String,
    /// Whether the suffix comes from the PSL's PRIVATE section (free hosting: each name is a site).
    pub private_suffix: bool,
}

impl DomainParts {
    /// The label just left of the suffix in Unicode (`icbc` in `www.icbc.com.cn`).
    pub fn site_label(&self) -> Option<&str> {
        let reg = self.registrable_unicode.as_deref()?;
        reg.split('.').next()
    }

    /// Unicode labels left of the registrable domain (`www`, `login` …).
    pub fn subdomain_labels(&self) -> Vec<&str> {
        let Some(reg) = self.registrable_unicode.as_deref() else {
            return Vec::new();
        };
        let prefix = self.unicode.strip_suffix(reg).unwrap_or("");
        prefix.split('.').filter(|l| !l.is_empty()).collect()
    }
}

#[derive(Debug, Clone)]
pub struct ParsedUrl {
    /// The scheme, when the input had one (`cmbchina-kefu.com` has none).
    pub explicit_scheme: Option<String>,
    pub host: HostKind,
    pub has_userinfo: bool,
    pub port: Option<u16>,
    /// Path and query, lowercase, for words like `login`.
    pub path_and_query: String,
}

pub fn parse(input: &str) -> Result<ParsedUrl> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid("reason-link-empty"));
    }
    if trimmed.chars().count() > MAX_URL_CHARS {
        return Err(Error::invalid("reason-link-too-long"));
    }
    let explicit_scheme = scheme_of(trimmed);
    let url = match explicit_scheme {
        Some(_) => Url::parse(trimmed),
        None => Url::parse(&format!("http://{trimmed}")),
    }
    .map_err(|_| Error::invalid("reason-not-a-link"))?;
    let host = match url.host() {
        Some(Host::Domain(d)) => HostKind::Domain(domain_parts(d)),
        Some(Host::Ipv4(addr)) => HostKind::Ipv4 {
            addr,
            written_dotted: written_as_dotted_quad(trimmed, addr),
        },
        Some(Host::Ipv6(addr)) => HostKind::Ipv6(addr),
        None => return Err(Error::invalid("reason-link-no-host")),
    };
    let mut path_and_query = url.path().to_lowercase();
    if let Some(q) = url.query() {
        path_and_query.push('?');
        path_and_query.push_str(&q.to_lowercase());
    }
    Ok(ParsedUrl {
        explicit_scheme: explicit_scheme.map(str::to_ascii_lowercase),
        host,
        has_userinfo: !url.username().is_empty() || url.password().is_some(),
        port: url.port(),
        path_and_query,
    })
}

/// `scheme:` at the start, as RFC 3986 spells one, followed by `//` (so `host:8080` is not a scheme).
fn scheme_of(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once("://")?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

/// Whether the IPv4 host appears in its ordinary dotted form (not decimal, hex or octal tricks).
fn written_as_dotted_quad(input: &str, addr: Ipv4Addr) -> bool {
    input.contains(&addr.to_string())
}

fn domain_parts(host: &str) -> DomainParts {
    let ascii = host.trim_end_matches('.').to_ascii_lowercase();
    let unicode = url::quirks::domain_to_unicode(&ascii);
    let unicode = if unicode.is_empty() {
        ascii.clone()
    } else {
        unicode
    };
    let suffix = public_suffix::suffix(&ascii);
    let registrable = suffix
        .and_then(|s| public_suffix::domain_under(&ascii, s))
        .map(|d| d.name.to_owned());
    // A private suffix counts only with a registrable domain under it: a bare `github.io` is
    // nobody's site on a shared host.
    let private_suffix =
        registrable.is_some() && suffix.is_some_and(|s| s.section == Some(Section::Private));
    let suffix = suffix.map(|s| s.name.to_owned()).unwrap_or_default();
    let registrable_unicode = registrable.as_deref().map(|r| {
        let u = url::quirks::domain_to_unicode(r);
        if u.is_empty() {
            r.to_owned()
        } else {
            u
        }
    });
    DomainParts {
        ascii,
        unicode,
        registrable,
        registrable_unicode,
        suffix,
        private_suffix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(input: &str) -> DomainParts {
        match parse(input).unwrap().host {
            HostKind::Domain(d) => d,
            other => panic!("expected a domain, got {other:?}"),
        }
    }

    #[test]
    fn registrable_domain_follows_the_public_suffix_list() {
        let d = domain("https://www.icbc.com.cn/x");
        assert_eq!(d.registrable.as_deref(), Some("icbc.com.cn"));
        assert_eq!(d.site_label(), Some("icbc"));
        assert_eq!(d.subdomain_labels(), vec!["www"]);
        let gh = domain("https://icbc.github.io/");
        assert_eq!(gh.registrable.as_deref(), Some("icbc.github.io"));
        assert!(gh.private_suffix);
    }

    #[test]
    fn idn_hosts_have_both_forms() {
        let d = domain("https://xn--mnchen-3ya.de/");
        assert_eq!(d.unicode, "münchen.de");
        let d = domain("https://paypаl.com/signin");
        assert_eq!(d.ascii, "xn--paypl-7ve.com");
    }

    #[test]
    fn scheme_is_optional_and_ip_forms_are_told_apart() {
        let p = parse("cmbchina-kefu.com/a").unwrap();
        assert!(p.explicit_scheme.is_none());
        assert!(matches!(
            parse("http://198.51.100.8/x").unwrap().host,
            HostKind::Ipv4 {
                written_dotted: true,
                ..
            }
        ));
        assert!(matches!(
            parse("http://3325256712/").unwrap().host,
            HostKind::Ipv4 {
                written_dotted: false,
                ..
            }
        ));
        assert!(matches!(
            parse("http://[::1]/").unwrap().host,
            HostKind::Ipv6(_)
        ));
        assert!(
            parse("https://www.google.com@accounts-verify.top/")
                .unwrap()
                .has_userinfo
        );
    }

    #[test]
    fn garbage_is_a_clear_error() {
        for bad in ["", "   ", "http://", "::::"] {
            assert!(matches!(parse(bad), Err(Error::InvalidInput(_))), "{bad:?}");
        }
    }
}
