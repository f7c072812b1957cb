//! TEMPORARY: the DOM-based parser the streaming one replaces, kept only to prove them equal.

use time::OffsetDateTime;

use super::{
    model::*,
    old_xml::{self as xml, Element},
    parse::{parse_date, CapError, ATOM_NS, CAP_1_1_NS, CAP_1_2_NS},
};

/// Parse a document holding one CAP `<alert>` or an Atom feed of entries carrying one each.
pub(crate) fn parse_document(bytes: &[u8]) -> Result<Vec<Alert>, CapError> {
    let root = xml::parse(bytes)?;
    if root.name == "feed" && root.namespace == ATOM_NS {
        return parse_atom(&root);
    }
    Ok(vec![alert_from(&root)?])
}

/// Parse a document that must be exactly one CAP `<alert>`.
pub(crate) fn parse_alert(bytes: &[u8]) -> Result<Alert, CapError> {
    alert_from(&xml::parse(bytes)?)
}

/// The root element of an Atom feed, for callers that read feed-level extensions too.
pub(crate) fn parse_atom(feed: &Element) -> Result<Vec<Alert>, CapError> {
    let mut alerts = Vec::new();
    for entry in feed
        .children_named("entry")
        .filter(|e| e.namespace == ATOM_NS)
    {
        let content = entry.child("content").ok_or(CapError::AtomContent)?;
        if content.attribute("type").map(str::trim) != Some("application/cap+xml") {
            return Err(CapError::AtomContent);
        }
        let alert = content.child("alert").ok_or(CapError::AtomContent)?;
        alerts.push(alert_from(alert)?);
    }
    Ok(alerts)
}

fn alert_from(el: &Element) -> Result<Alert, CapError> {
    let version = match el.namespace.as_str() {
        CAP_1_2_NS => CapVersion::V1_2,
        CAP_1_1_NS => CapVersion::V1_1,
        _ => return Err(CapError::NotCap),
    };
    if el.name != "alert" {
        return Err(CapError::NotCap);
    }
    // Children in other namespaces (an enveloped XML-DSig <Signature>, say) are not CAP.
    let cap = Element {
        children: el
            .children
            .iter()
            .filter(|c| c.namespace == el.namespace)
            .cloned()
            .collect(),
        ..Element::default()
    };
    let mut lenience = Vec::new();
    let sent = date(&cap, "sent", &mut lenience)?.ok_or(CapError::Missing("sent"))?;
    let references = match cap.child_text("references") {
        Some(text) => text
            .split_whitespace()
            .map(|t| reference(t, &mut lenience))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let infos = cap
        .children_named("info")
        .map(|i| info(i, &mut lenience))
        .collect::<Result<_, _>>()?;
    lenience.dedup();
    Ok(Alert {
        version,
        identifier: required(&cap, "identifier")?,
        sender: required(&cap, "sender")?,
        sent,
        status: vocabulary(&cap, "status", CapStatus::from_cap)?,
        msg_type: vocabulary(&cap, "msgType", CapMsgType::from_cap)?,
        scope: vocabulary(&cap, "scope", CapScope::from_cap)?,
        source: cap.child_text("source"),
        note: cap.child_text("note"),
        references,
        infos,
        lenience,
    })
}

fn info(el: &Element, lenience: &mut Vec<Lenience>) -> Result<Info, CapError> {
    let categories = el
        .children_named("category")
        .map(|c| CapCategory::from_cap(c.text.trim()).ok_or(CapError::Invalid("category")))
        .collect::<Result<Vec<_>, _>>()?;
    if categories.is_empty() {
        return Err(CapError::Missing("category"));
    }
    let certainty = match el.child_text("certainty").as_deref() {
        // CAP 1.1 allowed "Very Likely"; CAP 1.2 says to treat it as "Likely".
        Some("Very Likely") => {
            lenience.push(Lenience::VeryLikely);
            CapCertainty::Likely
        }
        _ => vocabulary(el, "certainty", CapCertainty::from_cap)?,
    };
    Ok(Info {
        language: el
            .child_text("language")
            .unwrap_or_else(|| "en-US".to_owned()),
        categories,
        event: required(el, "event")?,
        event_codes: named_values(el, "eventCode")?,
        urgency: vocabulary(el, "urgency", CapUrgency::from_cap)?,
        severity: vocabulary(el, "severity", CapSeverity::from_cap)?,
        certainty,
        effective: date(el, "effective", lenience)?,
        onset: date(el, "onset", lenience)?,
        expires: date(el, "expires", lenience)?,
        sender_name: el.child_text("senderName"),
        headline: el.child_text("headline"),
        description: el.child_text("description"),
        instruction: el.child_text("instruction"),
        web: el.child_text("web"),
        contact: el.child_text("contact"),
        parameters: named_values(el, "parameter")?,
        areas: el
            .children_named("area")
            .map(area)
            .collect::<Result<_, _>>()?,
    })
}

fn area(el: &Element) -> Result<Area, CapError> {
    let polygons = el
        .children_named("polygon")
        .filter(|p| !p.text.trim().is_empty())
        .map(|p| polygon(p.text.trim()).ok_or(CapError::Invalid("polygon")))
        .collect::<Result<_, _>>()?;
    let circles = el
        .children_named("circle")
        .filter(|c| !c.text.trim().is_empty())
        .map(|c| circle(c.text.trim()).ok_or(CapError::Invalid("circle")))
        .collect::<Result<_, _>>()?;
    Ok(Area {
        description: required(el, "areaDesc")?,
        polygons,
        circles,
        geocodes: named_values(el, "geocode")?,
    })
}

fn point(text: &str) -> Option<(f64, f64)> {
    let (lat, lon) = text.split_once(',')?;
    let (lat, lon): (f64, f64) = (lat.trim().parse().ok()?, lon.trim().parse().ok()?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

fn polygon(text: &str) -> Option<Vec<(f64, f64)>> {
    let points = text
        .split_whitespace()
        .map(point)
        .collect::<Option<Vec<_>>>()?;
    // CAP: at least four pairs, first and last the same.
    (points.len() >= 4 && points.first() == points.last()).then_some(points)
}

fn circle(text: &str) -> Option<Circle> {
    let (center, radius) = text.split_once(char::is_whitespace)?;
    let (lat, lon) = point(center)?;
    let radius_km: f64 = radius.trim().parse().ok()?;
    (radius_km.is_finite() && radius_km >= 0.0).then_some(Circle {
        lat,
        lon,
        radius_km,
    })
}

fn named_values(el: &Element, name: &'static str) -> Result<Vec<NamedValue>, CapError> {
    el.children_named(name)
        .map(|c| {
            Ok(NamedValue {
                name: c
                    .child_text("valueName")
                    .ok_or(CapError::Missing("valueName"))?,
                value: c.child_text("value").unwrap_or_default(),
            })
        })
        .collect()
}

fn reference(text: &str, lenience: &mut Vec<Lenience>) -> Result<Reference, CapError> {
    let mut parts = text.splitn(3, ',');
    let (Some(sender), Some(identifier), Some(sent)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(CapError::Invalid("references"));
    };
    if sender.is_empty() || identifier.is_empty() {
        return Err(CapError::Invalid("references"));
    }
    let sent = parse_date(sent, lenience).ok_or(CapError::Invalid("references"))?;
    Ok(Reference {
        sender: sender.to_owned(),
        identifier: identifier.to_owned(),
        sent,
    })
}

fn required(el: &Element, name: &'static str) -> Result<String, CapError> {
    el.child_text(name).ok_or(CapError::Missing(name))
}

fn vocabulary<T>(
    el: &Element,
    name: &'static str,
    from: fn(&str) -> Option<T>,
) -> Result<T, CapError> {
    from(&required(el, name)?).ok_or(CapError::Invalid(name))
}

fn date(
    el: &Element,
    name: &'static str,
    lenience: &mut Vec<Lenience>,
) -> Result<Option<OffsetDateTime>, CapError> {
    el.child_text(name)
        .map(|t| parse_date(&t, lenience).ok_or(CapError::Invalid(name)))
        .transpose()
}
