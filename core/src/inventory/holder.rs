//! Holders: the organisations and people who have some of the user's details.

use serde::{Deserialize, Serialize};

use crate::codes::code_enum;
use crate::error::{Error, Result};
use crate::public_suffix;
use crate::vault::Record;

code_enum! {
    /// What kind of holder this is; drives [`HolderCategory::risk`].
    HolderCategory, "reason-field-holder-category" {
        Bank => "bank",
        Telecom => "telecom",
        Employer => "employer",
        Government => "government",
        Ecommerce => "ecommerce",
        Courier => "courier",
        Hotel => "hotel",
        Healthcare => "healthcare",
        App => "app",
        School => "school",
        Landlord => "landlord",
        Individual => "individual",
        Stranger => "stranger",
        Unknown => "unknown",
    }
}

impl HolderCategory {
    /// How likely details held here are to leak or be misused, 1 (low) to 5 (high).
    ///
    /// Why: banks, carriers and government bodies are licensed, audited and bound by sector data
    /// rules (1). Employers, schools and hospitals keep files for years with many staff able to
    /// read them (2). Shops, apps, hotels, couriers and landlords copy ID cards and print waybills
    /// that pass through many hands, the commonest source in published leak cases (3). A private
    /// individual or an unknown holder is bound by no compliance programme (4); a stranger has
    /// no reason to hold anything and is the typical fraud channel (5).
    pub fn risk(self) -> u32 {
        use HolderCategory::*;
        match self {
            Bank | Telecom | Government => 1,
            Employer | School | Healthcare => 2,
            Ecommerce | Courier | Hotel | App | Landlord => 3,
            Individual | Unknown => 4,
            Stranger => 5,
        }
    }
}

/// How the holder's breach became known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BreachSource {
    /// The user marked it.
    Manual,
    /// A signed safety alert named this holder.
    Alert,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breach {
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub source: BreachSource,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub id: String,
    pub name: String,
    pub category: HolderCategory,
    /// Registrable domain of the official website, lowercase (`icbc.com.cn`).
    pub website: Option<String>,
    /// Official phone number as the holder publishes it (hotlines like 95588 are not E.164).
    pub phone: Option<String>,
    pub notes: Option<String>,
    /// This holder is the user's own phone (its gallery, files, chat history): see
    /// [`super::patterns`] for why an ID photo kept there is a risky pattern.
    #[serde(default)]
    pub own_device: bool,
    pub breach: Option<Breach>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
}

impl Record for Holder {
    const TABLE: &'static str = "inventory_holders";
    fn id(&self) -> &str {
        &self.id
    }
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        let mut terms = vec![("category", self.category.as_str().to_owned())];
        if let Some(domain) = &self.website {
            terms.push(("domain", domain.clone()));
        }
        terms
    }
}

const MAX_HOLDER_NAME_CHARS: usize = 200;

/// Validate a holder's name: present, one line, bounded.
pub fn normalise_name(raw: &str) -> Result<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::invalid("reason-holder-name-empty"));
    }
    if name.chars().count() > MAX_HOLDER_NAME_CHARS {
        return Err(Error::invalid_with(
            "reason-holder-name-too-long",
            [("max", MAX_HOLDER_NAME_CHARS.into())],
        ));
    }
    Ok(name)
}

/// A website as the user types it (`https://www.ICBC.com.cn/login`) → the host's registrable
/// domain (`icbc.com.cn`), which link screening compares against.
pub fn normalise_website(raw: &str) -> Result<String> {
    let raw = raw.trim();
    let with_scheme = if raw.contains("://") {
        raw.to_owned()
    } else {
        format!("https://{raw}")
    };
    let url =
        url::Url::parse(&with_scheme).map_err(|_| Error::invalid("reason-website-invalid"))?;
    let host = match url.host() {
        Some(url::Host::Domain(d)) => d.trim_end_matches('.').to_ascii_lowercase(),
        _ => return Err(Error::invalid("reason-website-ip")),
    };
    let domain = public_suffix::registrable_domain(&host)
        .ok_or_else(|| Error::invalid("reason-website-no-registrable-domain"))?;
    Ok(domain.name.to_owned())
}

/// A published phone number: digits with an optional leading `+`, 3 to 20 digits (hotlines
/// like 95588 and 12306 included).
pub fn normalise_holder_phone(raw: &str) -> Result<String> {
    let compact: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let digits = compact.strip_prefix('+').unwrap_or(&compact);
    if !(3..=20).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid("reason-holder-phone"));
    }
    Ok(compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_reduce_to_registrable_domains() {
        assert_eq!(
            normalise_website("https://www.ICBC.com.cn/login").unwrap(),
            "icbc.com.cn"
        );
        assert_eq!(normalise_website("taobao.com").unwrap(), "taobao.com");
        assert!(normalise_website("http://192.168.1.1").is_err());
        assert!(normalise_website("not a url").is_err());
    }

    #[test]
    fn phones_and_names() {
        assert_eq!(normalise_holder_phone("955 88").unwrap(), "95588");
        assert!(normalise_holder_phone("call").is_err());
        assert_eq!(
            normalise_name("  中国  工商银行 ").unwrap(),
            "中国 工商银行"
        );
        assert!(normalise_name("   ").is_err());
    }

    #[test]
    fn category_risk_orders_institutions_below_strangers() {
        assert!(HolderCategory::Bank.risk() < HolderCategory::Courier.risk());
        assert!(HolderCategory::Individual.risk() < HolderCategory::Stranger.risk());
        assert!(HolderCategory::ALL
            .iter()
            .all(|c| (1..=5).contains(&c.risk())));
    }
}
