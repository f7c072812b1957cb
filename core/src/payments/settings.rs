//! The user's payment settings, kept in the vault: the thresholds above which a transfer must be
//! delayed and re-verified.

use serde::{Deserialize, Serialize};

use super::money::{Currency, Money};
use crate::{
    error::Result,
    vault::{Record, Store, TxnExt},
};

/// The default threshold: a sum many households would feel, and where bank tellers in China
/// start asking questions.
pub const DEFAULT_THRESHOLD: (&str, &str) = ("5000", "CNY");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentSettings {
    id: String,
    /// At most one per currency.
    pub thresholds: Vec<Money>,
}

const SETTINGS_ID: &str = "settings";

impl Record for PaymentSettings {
    const TABLE: &'static str = "payment_settings";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Default for PaymentSettings {
    fn default() -> Self {
        let (amount, currency) = DEFAULT_THRESHOLD;
        let threshold =
            Money::parse(amount, currency).expect("the default threshold is a valid amount");
        PaymentSettings {
            id: SETTINGS_ID.into(),
            thresholds: vec![threshold],
        }
    }
}

impl PaymentSettings {
    pub fn threshold(&self, currency: Currency) -> Option<&Money> {
        self.thresholds.iter().find(|t| t.currency() == currency)
    }
}

pub(crate) fn load(txn: &mut dyn crate::vault::Txn) -> Result<PaymentSettings> {
    Ok(txn.get::<PaymentSettings>(SETTINGS_ID)?.unwrap_or_default())
}

pub fn payment_settings<S: Store>(store: &S) -> Result<PaymentSettings> {
    store.read(load)
}

/// Sets (or replaces) the threshold for its currency.
pub fn set_threshold<S: Store>(store: &S, threshold: Money) -> Result<PaymentSettings> {
    store.write(|txn| {
        let mut settings = load(txn)?;
        settings
            .thresholds
            .retain(|t| t.currency() != threshold.currency());
        settings.thresholds.push(threshold);
        txn.put(&settings)?;
        Ok(settings)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::MemoryStore;

    #[test]
    fn threshold_defaults_then_persists_per_currency() {
        let store = MemoryStore::new();
        let cny: Currency = "CNY".parse().unwrap();
        assert_eq!(
            payment_settings(&store)
                .unwrap()
                .threshold(cny)
                .unwrap()
                .amount_text(),
            "5000.00"
        );
        set_threshold(&store, Money::parse("800", "CNY").unwrap()).unwrap();
        set_threshold(&store, Money::parse("100", "USD").unwrap()).unwrap();
        let settings = payment_settings(&store).unwrap();
        assert_eq!(settings.threshold(cny).unwrap().amount_text(), "800.00");
        assert_eq!(settings.thresholds.len(), 2);
    }
}
