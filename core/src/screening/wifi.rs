//! Wi-Fi networks from a `WIFI:` QR code or what the phone shows: open, weak or unknown
//! security, and names that copy public or operator hotspots.

use serde::{Deserialize, Serialize};

use super::verdict::{Finding, Risk, Signal};
use crate::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum WifiSecurity {
    Open,
    Wep,
    Wpa,
    Wpa3,
    Enterprise,
    Unknown,
}

impl WifiSecurity {
    /// From a `WIFI:` `T:` field or a phone's capability text (`WPA2-PSK`, `nopass`, `SAE`…).
    pub fn parse(s: Option<&str>) -> WifiSecurity {
        let Some(s) = s.map(|s| s.trim().to_ascii_uppercase()) else {
            return WifiSecurity::Open;
        };
        match s.as_str() {
            "" | "NOPASS" | "NONE" | "OPEN" => WifiSecurity::Open,
            "WEP" => WifiSecurity::Wep,
            "SAE" | "WPA3" => WifiSecurity::Wpa3,
            _ if s.contains("EAP") || s.contains("ENTERPRISE") => WifiSecurity::Enterprise,
            _ if s.starts_with("WPA") => WifiSecurity::Wpa,
            _ => WifiSecurity::Unknown,
        }
    }
}

/// A network; the password is never kept or returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WifiNetwork {
    pub ssid: String,
    pub security: WifiSecurity,
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WifiVerdict {
    pub network: WifiNetwork,
    pub risk: Risk,
    pub signals: Vec<Signal>,
}

/// Names of operator and public hotspots that anyone can copy to lure phones into joining.
const PUBLIC_NAMES: &[&str] = &[
    "cmcc",
    "chinanet",
    "chinaunicom",
    "i-shanghai",
    "free",
    "免费",
    "public",
    "guest",
    "airport",
    "starbucks",
    "mcdonald",
    "kfc",
    "wifi",
    "hotel",
    "机场",
    "高铁",
    "地铁",
];

pub(crate) fn findings(network: &WifiNetwork) -> Vec<Finding> {
    let mut out = Vec::new();
    match network.security {
        WifiSecurity::Open => out.push(Finding::new("wifi_open", Risk::Medium)),
        WifiSecurity::Wep => out.push(Finding::new("wifi_weak", Risk::Medium)),
        WifiSecurity::Unknown => out.push(Finding::new("wifi_unknown_security", Risk::Medium)),
        WifiSecurity::Wpa | WifiSecurity::Wpa3 | WifiSecurity::Enterprise => {}
    }
    let lower = network.ssid.to_lowercase();
    if let Some(name) = PUBLIC_NAMES.iter().find(|n| lower.contains(*n)) {
        out.push(Finding::new("wifi_public_name", Risk::Low).arg("name", (*name).to_owned()));
    }
    if network.hidden {
        out.push(Finding::new("wifi_hidden", Risk::Low));
    }
    out
}

/// Checks a network the phone is about to join. `security` as the OS or a QR code names it;
/// `None` means the phone reports no security at all.
pub fn check_wifi(ssid: &str, security: Option<&str>, hidden: bool, locale: Locale) -> WifiVerdict {
    let network = WifiNetwork {
        ssid: ssid.to_owned(),
        security: WifiSecurity::parse(security),
        hidden,
    };
    let found = findings(&network);
    WifiVerdict {
        risk: found.iter().map(|f| f.severity).max().unwrap_or(Risk::Low),
        signals: found.iter().map(|f| f.localize(locale)).collect(),
        network,
    }
}

/// Parses the body of a `WIFI:` payload (`S:name;T:WPA;P:secret;H:true;;`), honouring `\` escapes.
pub(crate) fn parse_wifi_payload(body: &str) -> WifiNetwork {
    let mut ssid = String::new();
    let mut security = None;
    let mut hidden = false;
    for (key, value) in fields(body) {
        match key.to_ascii_uppercase().as_str() {
            "S" => ssid = value,
            "T" => security = Some(value),
            "H" => hidden = value.eq_ignore_ascii_case("true"),
            _ => {}
        }
    }
    WifiNetwork {
        ssid,
        security: WifiSecurity::parse(security.as_deref()),
        hidden,
    }
}

fn fields(body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = body.chars();
    let mut push = |field: &mut String| {
        if let Some((k, v)) = field.split_once(':') {
            out.push((k.to_owned(), v.to_owned()));
        }
        field.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.extend(chars.next()),
            ';' => push(&mut current),
            _ => current.push(c),
        }
    }
    push(&mut current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_parse_with_escapes() {
        let n = parse_wifi_payload(r"S:Cafe\;Bar;T:WPA;P:se\:cret;H:true;;");
        assert_eq!(
            n,
            WifiNetwork {
                ssid: "Cafe;Bar".into(),
                security: WifiSecurity::Wpa,
                hidden: true
            }
        );
        assert_eq!(
            parse_wifi_payload("S:x;T:nopass;;").security,
            WifiSecurity::Open
        );
        assert_eq!(parse_wifi_payload("S:x;;").security, WifiSecurity::Open);
    }

    #[test]
    fn open_and_lookalike_networks_warn() {
        assert_eq!(
            check_wifi("CMCC-Free", None, false, Locale::En).risk,
            Risk::Medium
        );
        assert_eq!(
            check_wifi("Home-5G", Some("WPA2-PSK"), false, Locale::En).risk,
            Risk::Low
        );
        assert_eq!(
            check_wifi("Office", Some("WEP"), false, Locale::ZhCn).signals[0].code,
            "wifi_weak"
        );
        assert_eq!(
            check_wifi("x", Some("XYZ"), false, Locale::En).risk,
            Risk::Medium
        );
    }
}
