//! Breach alerts: a publisher's warning that an organisation leaked its customers' data.
//!
//! On the wire it is an ordinary CAP alert (category `Security`) naming each organisation by its
//! website in a parameter, one per organisation:
//!
//! ```xml
//! <parameter><valueName>x-breached-domain</valueName><value>shop.example.com</value></parameter>
//! ```
//!
//! The inventory turns these into breach impact for every holder whose website is under that
//! domain. Only alerts that can be believed do: signed by a trusted publisher that is not revoked,
//! status `Actual`, neither cancelled nor superseded. Expiry does not matter (the warning stops
//! showing, the leak stays true). SMS never count: a sender id proves nothing.

use serde::Serialize;

use super::{
    cap::{CapCategory, CapStatus},
    inbox::StoredAlert,
    trust::Publisher,
};
use crate::{
    inventory::holder::normalise_website,
    vault::{Store, TxnExt},
    Result,
};

/// The CAP parameter naming one breached organisation by its website.
pub const BREACHED_DOMAIN_PARAMETER: &str = "x-breached-domain";

/// A believable breach alert and the organisations it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BreachNotice {
    /// The stored alert (its vault id).
    pub alert_id: String,
    /// Registrable domains (`icbc.com.cn`), whatever form the publisher wrote them in.
    pub domains: Vec<String>,
}

/// Every believable breach alert in the inbox.
pub fn breach_notices<S: Store>(store: &S) -> Result<Vec<BreachNotice>> {
    let (alerts, publishers) =
        store.read(|txn| Ok((txn.list::<StoredAlert>()?, txn.list::<Publisher>()?)))?;
    let trusted = |id: &Option<String>| {
        id.as_ref()
            .is_some_and(|id| publishers.iter().any(|p| &p.id == id && !p.revoked))
    };
    Ok(alerts
        .iter()
        .filter(|s| {
            s.alert.status == CapStatus::Actual
                && !s.withdrawn
                && s.superseded_by.is_none()
                && trusted(&s.publisher_id)
        })
        .filter_map(|s| {
            let mut domains: Vec<String> = s
                .alert
                .infos
                .iter()
                .filter(|info| info.categories.contains(&CapCategory::Security))
                .flat_map(|info| &info.parameters)
                .filter(|p| p.name.eq_ignore_ascii_case(BREACHED_DOMAIN_PARAMETER))
                // A value that is no domain is the publisher's mistake: skip it, keep the rest.
                .filter_map(|p| normalise_website(&p.value).ok())
                .collect();
            domains.sort();
            domains.dedup();
            (!domains.is_empty()).then(|| BreachNotice {
                alert_id: s.id.clone(),
                domains,
            })
        })
        .collect())
}

#[cfg(test)]
pub(crate) mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::{
        alerts::{
            ingest_feed,
            tests::{comment, police_key, trust_police},
            trust,
        },
        vault::MemoryStore,
    };

    const SENDER: &str = "alerts@police.example.cn";

    pub(crate) fn breach_xml(
        id: &str,
        msg_type: &str,
        references: &str,
        domains: &[&str],
    ) -> String {
        let parameters: String = domains
            .iter()
            .map(|d| {
                format!("<parameter><valueName>{BREACHED_DOMAIN_PARAMETER}</valueName><value>{d}</value></parameter>")
            })
            .collect();
        format!(
            r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{id}</identifier><sender>{SENDER}</sender><sent>2026-11-28T09:00:00+08:00</sent><status>Actual</status><msgType>{msg_type}</msgType><scope>Public</scope>{references}<info><language>zh-CN</language><category>Security</category><event>数据泄露</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Observed</certainty><headline>某购物平台用户数据泄露</headline>{parameters}</info></alert>"#
        )
    }

    fn trusted_store() -> (MemoryStore, Publisher) {
        let store = MemoryStore::new();
        let publisher = trust_police(&store);
        (store, publisher)
    }

    /// Sign `xml` with the police test key (trusted for its sender) and ingest it.
    pub(crate) fn import<S: Store>(store: &S, xml: &str, seq: u64) {
        let signature = police_key().sign(xml.as_bytes(), &comment(seq)).to_text();
        let report = ingest_feed(
            store,
            xml.as_bytes(),
            &signature,
            datetime!(2026-11-28 10:00 +08:00),
        )
        .unwrap();
        assert_eq!(report.accepted, 1);
    }

    #[test]
    fn a_signed_breach_alert_names_registrable_domains() {
        let (store, _) = trusted_store();
        import(
            &store,
            &breach_xml(
                "B-1",
                "Alert",
                "",
                &[
                    "https://www.Shop.example.com/login",
                    "shop.example.com",
                    "not a domain",
                ],
            ),
            1,
        );
        let notices = breach_notices(&store).unwrap();
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].domains, vec!["example.com".to_owned()]);
    }

    #[test]
    fn cancelled_breach_alerts_and_revoked_publishers_do_not_count() {
        let (store, publisher) = trusted_store();
        import(
            &store,
            &breach_xml("B-1", "Alert", "", &["shop.example.com"]),
            1,
        );
        let cancel = breach_xml(
            "B-2",
            "Cancel",
            &format!("<references>{SENDER},B-1,2026-11-28T09:00:00+08:00</references>"),
            &[],
        );
        import(&store, &cancel, 2);
        assert!(breach_notices(&store).unwrap().is_empty(), "cancelled");

        import(
            &store,
            &breach_xml("B-3", "Alert", "", &["bank.example.cn"]),
            3,
        );
        assert_eq!(breach_notices(&store).unwrap().len(), 1);
        trust::revoke(&store, &publisher.id).unwrap();
        assert!(breach_notices(&store).unwrap().is_empty(), "revoked");
    }
}
