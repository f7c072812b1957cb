//! Amounts of money: an exact decimal and an ISO 4217 currency. Never a float: a transfer of
//! 0.1 + 0.2 must be 0.3, and a check must compare amounts against the threshold exactly.

use std::{fmt, str::FromStr};

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// Active ISO 4217 codes with their minor-unit digits (how many decimals an amount may carry).
const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("UYU", 2),
    ("UZS", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// Larger than any personal transfer; keeps every amount far from `Decimal`'s limits.
const MAX_INTEGER_DIGITS: usize = 15;

/// An ISO 4217 currency from the table above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    minor_digits: u32,
}

impl Currency {
    pub fn code(self) -> &'static str {
        self.code
    }

    pub fn minor_digits(self) -> u32 {
        self.minor_digits
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let upper = s.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|(code, _)| *code == upper)
            .map(|&(code, minor_digits)| Currency { code, minor_digits })
            .ok_or_else(|| Error::invalid("reason-currency"))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        code.parse()
            .map_err(|_| serde::de::Error::custom("unknown currency code"))
    }
}

/// A positive amount in one currency, with no more decimals than the currency allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Stored as a string (`serde-str`), so no float ever touches it.
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Parses a plain decimal such as `5000` or `5000.00`: digits, at most one point, no sign,
    /// exponent, separators or spaces inside. Zero and negative amounts are refused.
    pub fn parse(amount: &str, currency: &str) -> Result<Money> {
        let currency: Currency = currency.parse()?;
        let text = amount.trim();
        let (integer, fraction) = text.split_once('.').unwrap_or((text, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if text.starts_with('-') {
            return Err(Error::invalid("reason-amount-positive"));
        }
        if integer.is_empty()
            || !all_digits(integer)
            || !all_digits(fraction)
            || text.ends_with('.')
        {
            return Err(Error::invalid("reason-amount-format"));
        }
        if integer.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
            return Err(Error::invalid("reason-amount-too-large"));
        }
        if fraction.len() > currency.minor_digits as usize {
            return Err(Error::invalid("reason-amount-decimals"));
        }
        let amount =
            Decimal::from_str_exact(text).map_err(|_| Error::invalid("reason-amount-format"))?;
        if amount.is_zero() {
            return Err(Error::invalid("reason-amount-positive"));
        }
        Ok(Money { amount, currency })
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount with exactly the currency's minor digits, e.g. `5000.00`.
    pub fn amount_text(&self) -> String {
        let mut amount = self.amount;
        amount.rescale(self.currency.minor_digits);
        amount.to_string()
    }

    /// `Some(true)` when `self` exceeds `other`; `None` when the currencies differ (no rates on
    /// the device, so amounts in different currencies are never compared).
    pub fn exceeds(&self, other: &Money) -> Option<bool> {
        (self.currency == other.currency).then(|| self.amount > other.amount)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.amount_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_plain_amounts_exactly() {
        let m = Money::parse("5000.00", "cny").unwrap();
        assert_eq!(m.to_string(), "CNY 5000.00");
        assert_eq!(
            Money::parse("0.10", "CNY").unwrap().amount()
                + Money::parse("0.2", "CNY").unwrap().amount(),
            Money::parse("0.3", "CNY").unwrap().amount()
        );
        assert_eq!(Money::parse("12", "JPY").unwrap().amount_text(), "12");
        assert_eq!(Money::parse("1.234", "KWD").unwrap().amount_text(), "1.234");
    }

    #[test]
    fn refuses_bad_amounts_and_currencies() {
        for bad in [
            "-5", "0", "0.00", "abc", "1e3", "1,000", "1.", ".5", "", " ", "+5", "1 000", "１２",
            "5.000", "NaN",
        ] {
            assert!(
                matches!(Money::parse(bad, "CNY"), Err(Error::InvalidInput(_))),
                "{bad:?} accepted"
            );
        }
        assert!(Money::parse("1.5", "JPY").is_err(), "JPY has no minor unit");
        assert!(Money::parse("1234567890123456", "CNY").is_err());
        for bad in ["XXX", "RMB", "", "CN", "cnyy"] {
            assert!(Money::parse("1", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn never_compares_across_currencies() {
        let cny = Money::parse("100", "CNY").unwrap();
        assert_eq!(
            Money::parse("100.01", "CNY").unwrap().exceeds(&cny),
            Some(true)
        );
        assert_eq!(
            Money::parse("100", "CNY").unwrap().exceeds(&cny),
            Some(false)
        );
        assert_eq!(Money::parse("1000", "USD").unwrap().exceeds(&cny), None);
    }

    #[test]
    fn round_trips_through_json_without_floats() {
        let m = Money::parse("1234.56", "EUR").unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert!(json.contains("\"1234.56\""), "{json}");
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_accepts_only_positive(s in "\\PC{0,24}") {
            if let Ok(m) = Money::parse(&s, "CNY") {
                prop_assert!(m.amount() > Decimal::ZERO);
                prop_assert!(m.amount().scale() <= 2);
            }
        }

        #[test]
        fn formatted_amounts_parse_back(units in 1u64..10_000_000_000, cents in 0u32..100) {
            let text = format!("{units}.{cents:02}");
            let m = Money::parse(&text, "CNY").unwrap();
            prop_assert_eq!(m.amount_text(), text);
        }
    }
}
