//! History of checks and simple stats: how often the checklist stopped a payment.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    state::{Check, Status},
    view::{check_view, payee_of, CheckView},
};
use crate::{
    error::Result,
    i18n::Locale,
    vault::{Store, TxnExt},
};

/// Every check, newest first, as the shells show them.
pub fn history<S: Store>(store: &S, locale: Locale) -> Result<Vec<CheckView>> {
    store.read(|txn| {
        let mut checks: Vec<Check> = txn.list()?;
        checks.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        checks
            .iter()
            .map(|check| Ok(check_view(check, payee_of(txn, check)?.as_ref(), locale)))
            .collect()
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StatusCount {
    pub status: Status,
    pub count: u32,
}

/// A sum in one currency (amounts in different currencies are never added).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CurrencyTotal {
    pub currency: String,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentStats {
    pub total: u32,
    /// Every status, zero counts included, in state-machine order.
    pub by_status: Vec<StatusCount>,
    /// Checks that raised at least one red flag.
    pub flagged: u32,
    /// Checks with at least one override in their audit trail.
    pub overridden: u32,
    /// Money not sent: abandoned before sending or cancelled after.
    pub kept: Vec<CurrencyTotal>,
}

pub fn stats<S: Store>(store: &S) -> Result<PaymentStats> {
    let checks: Vec<Check> = store.read(|txn| txn.list())?;
    let count = |pred: &dyn Fn(&Check) -> bool| checks.iter().filter(|c| pred(c)).count() as u32;
    let mut kept: BTreeMap<&str, rust_decimal::Decimal> = BTreeMap::new();
    for check in checks
        .iter()
        .filter(|c| matches!(c.status, Status::Abandoned | Status::Cancelled))
    {
        *kept
            .entry(check.request.money.currency().code())
            .or_default() += check.request.money.amount();
    }
    Ok(PaymentStats {
        total: checks.len() as u32,
        by_status: Status::ALL
            .iter()
            .map(|&status| StatusCount {
                status,
                count: count(&|c| c.status == status),
            })
            .collect(),
        flagged: count(&|c| !c.flags.is_empty()),
        overridden: count(&|c| c.overrides().next().is_some()),
        kept: kept
            .into_iter()
            .map(|(currency, amount)| CurrencyTotal {
                currency: currency.to_owned(),
                amount: amount.to_string(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        payments::{
            engine::{abandon, create_check, override_check},
            request::RequestInput,
        },
        vault::MemoryStore,
    };
    use time::macros::datetime;

    fn named(amount: &str, currency: &str, text: Option<&str>) -> RequestInput {
        RequestInput {
            channel: "in_person".into(),
            name: Some("Neighbour".into()),
            relationship: Some("friend".into()),
            amount: amount.into(),
            currency: currency.into(),
            text: text.map(str::to_owned),
            ..RequestInput::default()
        }
    }

    #[test]
    fn counts_statuses_flags_overrides_and_money_kept() {
        let store = MemoryStore::new();
        let t = datetime!(2026-11-28 09:00 UTC);
        let a = create_check(&store, &named("100.50", "CNY", None), t).unwrap();
        let flagged = create_check(&store, &named("50", "CNY", Some("转到安全账户")), t).unwrap();
        let usd = create_check(&store, &named("10", "USD", Some("urgent!")), t).unwrap();
        abandon(&store, &a.id, t).unwrap();
        abandon(&store, &flagged.id, t).unwrap();
        override_check(&store, &usd.id, "my own money, I accept", t).unwrap();
        let s = stats(&store).unwrap();
        assert_eq!(s.total, 3);
        assert_eq!((s.flagged, s.overridden), (2, 1));
        assert_eq!(
            s.kept,
            vec![CurrencyTotal {
                currency: "CNY".into(),
                amount: "150.50".into()
            }]
        );
        let abandoned = s
            .by_status
            .iter()
            .find(|c| c.status == Status::Abandoned)
            .unwrap();
        assert_eq!(abandoned.count, 2);
        assert_eq!(history(&store, Locale::En).unwrap().len(), 3);
    }
}
