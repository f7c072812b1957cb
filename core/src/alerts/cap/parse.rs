//! From XML events to the [`Alert`] model in one pass; CAP 1.2, CAP 1.1, and Atom feeds carrying
//! CAP inline.
//!
//! CAP reads an element's fields by name among its children: the first child of a name counts,
//! its text trimmed, blank meaning absent; unknown children are skipped. Each element's fields
//! are collected as its children stream by and checked when it closes, in a fixed order, so the
//! error a document gets does not depend on the order of its children. XML errors come first:
//! after a CAP error the rest of the document is still read and checked.

use std::borrow::Cow;

use crate::error::{Reason, ReasonArg};
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

use super::model::*;
use vigil_xml::{Node, Ns, Tag, XmlError, XmlReader};
pub use vigil_xml::{ATOM_NS, CAP_1_1_NS, CAP_1_2_NS};

/// Why a document is not acceptable CAP. Field names only, never values from the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CapError {
    #[error("XML: {0}")]
    Xml(#[from] XmlError),
    #[error("root is not a CAP 1.1/1.2 alert or an Atom feed")]
    NotCap,
    #[error("required element <{0}> is missing")]
    Missing(&'static str),
    #[error("element <{0}> has an invalid value")]
    Invalid(&'static str),
    #[error("Atom entry content is not an inline CAP alert")]
    AtomContent,
}

impl CapError {
    /// Why the document was refused, in words for a person (the element names stay as written).
    pub fn reason(&self) -> Reason {
        match self {
            CapError::Xml(XmlError::NotUtf8) => Reason::new("reason-cap-not-utf8"),
            CapError::Xml(XmlError::Malformed) => Reason::new("reason-cap-malformed-xml"),
            CapError::Xml(XmlError::Doctype) => Reason::new("reason-cap-doctype"),
            CapError::Xml(XmlError::UnknownEntity) => Reason::new("reason-cap-unknown-entity"),
            CapError::Xml(XmlError::TooComplex) => Reason::new("reason-cap-too-complex"),
            CapError::Xml(XmlError::Empty) => Reason::new("reason-cap-empty"),
            CapError::NotCap => Reason::new("reason-cap-not-cap"),
            CapError::Missing(element) => Reason::with(
                "reason-cap-missing",
                [("element", ReasonArg::code(*element))],
            ),
            CapError::Invalid(element) => Reason::with(
                "reason-cap-invalid",
                [("element", ReasonArg::code(*element))],
            ),
            CapError::AtomContent => Reason::new("reason-cap-atom-content"),
        }
    }
}

/// Parse a document holding one CAP `<alert>` or an Atom feed of entries carrying one each.
pub fn parse_document(bytes: &[u8]) -> Result<Vec<Alert>, CapError> {
    let mut alerts = Vec::new();
    parse_document_each(bytes, &mut |alert| alerts.push(alert))?;
    Ok(alerts)
}

/// [`parse_document`], handing each alert to `each` as soon as its element closes, in document
/// order, so that storing can start before the whole feed is read. An `Ok` says the whole
/// document was valid; after an `Err`, the alerts already handed out must be discarded.
pub fn parse_document_each(bytes: &[u8], each: &mut dyn FnMut(Alert)) -> Result<(), CapError> {
    alerts_of(XmlReader::new(bytes)?, each)
}

/// [`parse_document_each`] for a document already checked as UTF-8.
pub fn parse_text_each(text: &str, each: &mut dyn FnMut(Alert)) -> Result<(), CapError> {
    alerts_of(XmlReader::from_text(text), each)
}

fn alerts_of(xml: XmlReader<'_>, each: &mut dyn FnMut(Alert)) -> Result<(), CapError> {
    whole_document(xml, |xml, root| {
        if root.ns == Ns::Atom && root.name() == b"feed" {
            atom(xml, each)
        } else {
            alert(xml, &root).map(each)
        }
    })
}

/// Parse a document that must be exactly one CAP `<alert>`.
pub fn parse_alert(bytes: &[u8]) -> Result<Alert, CapError> {
    whole_document(XmlReader::new(bytes)?, |xml, root| alert(xml, &root))
}

/// Run `read` on the root element, then check the rest of the document. An XML error anywhere
/// wins over a CAP error, whichever comes first in the document.
fn whole_document<'a, T>(
    mut xml: XmlReader<'a>,
    read: impl FnOnce(&mut XmlReader<'a>, Tag<'a>) -> Result<T, CapError>,
) -> Result<T, CapError> {
    let root = xml.root()?;
    match read(&mut xml, root) {
        // The reader stops at its first error: nothing after it can be checked.
        Err(CapError::Xml(e)) => Err(e.into()),
        out => {
            xml.finish()?;
            out
        }
    }
}

/// The entries of an Atom feed whose root just opened: each must carry one inline CAP alert.
fn atom(xml: &mut XmlReader<'_>, each: &mut dyn FnMut(Alert)) -> Result<(), CapError> {
    loop {
        match xml.next_node()? {
            Node::Open(tag) if tag.ns == Ns::Atom && tag.name() == b"entry" => each(entry(xml)?),
            Node::Open(_) => xml.skip()?,
            Node::Text(_) | Node::Char(_) => {}
            Node::Close => return Ok(()),
        }
    }
}

/// An entry's first `<content>` (in any namespace) must be `application/cap+xml` holding an
/// `<alert>`; the rest of the entry is not read.
fn entry(xml: &mut XmlReader<'_>) -> Result<Alert, CapError> {
    let mut found = None;
    loop {
        match xml.next_node()? {
            Node::Open(tag) if found.is_none() && tag.name() == b"content" => {
                if tag.attribute(b"type").as_deref().map(str::trim) != Some("application/cap+xml") {
                    return Err(CapError::AtomContent);
                }
                found = Some(content(xml)?);
            }
            Node::Open(_) => xml.skip()?,
            Node::Text(_) | Node::Char(_) => {}
            Node::Close => return found.ok_or(CapError::AtomContent),
        }
    }
}

fn content(xml: &mut XmlReader<'_>) -> Result<Alert, CapError> {
    let mut found = None;
    loop {
        match xml.next_node()? {
            Node::Open(tag) if found.is_none() && tag.name() == b"alert" => {
                found = Some(alert(xml, &tag)?);
            }
            Node::Open(_) => xml.skip()?,
            Node::Text(_) | Node::Char(_) => {}
            Node::Close => return found.ok_or(CapError::AtomContent),
        }
    }
}

/// The first occurrence of a single-valued child: `None` until seen, then its trimmed text as
/// read by the field's parser, or `None` inside if it was blank.
type First<T> = Option<Option<T>>;

/// Read the element just opened into `slot` if it is the first of its name, else skip it.
fn first<T>(
    xml: &mut XmlReader<'_>,
    slot: &mut First<T>,
    read: impl FnOnce(&str) -> T,
) -> Result<(), XmlError> {
    if slot.is_some() {
        return xml.skip();
    }
    *slot = Some(text(xml, |t| (!t.is_empty()).then(|| read(t)))?);
    Ok(())
}

/// The trimmed text directly inside the element just opened (child elements are skipped, and
/// their text is not part of it), handed to `read`.
fn text<T>(xml: &mut XmlReader<'_>, read: impl FnOnce(&str) -> T) -> Result<T, XmlError> {
    let mut text: Cow<'_, str> = Cow::Borrowed("");
    loop {
        match xml.next_node()? {
            Node::Text(more) if text.is_empty() => text = more,
            Node::Text(more) => text.to_mut().push_str(&more),
            Node::Char(c) => text.to_mut().push(c),
            Node::Open(_) => xml.skip()?,
            Node::Close => return Ok(read(trim(&text))),
        }
    }
}

/// `str::trim`, skipped when both ends are visible ASCII, as in nearly every CAP field. In the
/// size-optimised library `trim` is a call that decodes a character at each end, paid for each of
/// an alert's ~25 fields.
pub(super) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn owned(text: &str) -> String {
    text.to_owned()
}

/// A date-time and whether it used `Z`, which is recorded as lenience once the alert is built.
type Date = Option<(OffsetDateTime, bool)>;

fn date(text: &str) -> Date {
    let parsed = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    Some((parsed, text.ends_with(['Z', 'z'])))
}

#[derive(Default)]
struct AlertFields {
    identifier: First<String>,
    sender: First<String>,
    sent: First<Date>,
    status: First<Option<CapStatus>>,
    msg_type: First<Option<CapMsgType>>,
    scope: First<Option<CapScope>>,
    source: First<String>,
    note: First<String>,
    references: First<String>,
    infos: Vec<InfoFields>,
}

/// The `<alert>` element just opened, read to its end.
fn alert(xml: &mut XmlReader<'_>, tag: &Tag<'_>) -> Result<Alert, CapError> {
    let version = match tag.ns {
        Ns::Cap12 => CapVersion::V1_2,
        Ns::Cap11 => CapVersion::V1_1,
        Ns::Atom | Ns::Other => return Err(CapError::NotCap),
    };
    if tag.name() != b"alert" {
        return Err(CapError::NotCap);
    }
    let mut f = AlertFields::default();
    loop {
        let child = match xml.next_node()? {
            // Children in other namespaces (an enveloped XML-DSig <Signature>, say) are not CAP.
            Node::Open(child) if child.ns == tag.ns => child,
            Node::Open(_) => {
                xml.skip()?;
                continue;
            }
            Node::Text(_) | Node::Char(_) => continue,
            Node::Close => break,
        };
        match child.name() {
            b"identifier" => first(xml, &mut f.identifier, owned)?,
            b"sender" => first(xml, &mut f.sender, owned)?,
            b"sent" => first(xml, &mut f.sent, date)?,
            b"status" => first(xml, &mut f.status, CapStatus::from_cap)?,
            b"msgType" => first(xml, &mut f.msg_type, CapMsgType::from_cap)?,
            b"scope" => first(xml, &mut f.scope, CapScope::from_cap)?,
            b"source" => first(xml, &mut f.source, owned)?,
            b"note" => first(xml, &mut f.note, owned)?,
            b"references" => first(xml, &mut f.references, owned)?,
            b"info" => f.infos.push(info(xml)?),
            _ => xml.skip()?,
        }
    }
    let mut lenience = Vec::new();
    let sent = dated(f.sent, "sent", &mut lenience)?.ok_or(CapError::Missing("sent"))?;
    let references = match f.references.flatten() {
        Some(text) => text
            .split_whitespace()
            .map(|t| reference(t, &mut lenience))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let infos = f
        .infos
        .into_iter()
        .map(|i| i.finish(&mut lenience))
        .collect::<Result<_, _>>()?;
    lenience.dedup();
    Ok(Alert {
        version,
        identifier: required(f.identifier, "identifier")?,
        sender: required(f.sender, "sender")?,
        sent,
        status: vocabulary(f.status, "status")?,
        msg_type: vocabulary(f.msg_type, "msgType")?,
        scope: vocabulary(f.scope, "scope")?,
        source: f.source.flatten(),
        note: f.note.flatten(),
        references,
        infos,
        lenience,
    })
}

/// CAP 1.1 allowed certainty "Very Likely"; CAP 1.2 says to treat it as "Likely".
type Certainty = Option<(CapCertainty, bool)>;

fn certainty(text: &str) -> Certainty {
    match text {
        "Very Likely" => Some((CapCertainty::Likely, true)),
        _ => CapCertainty::from_cap(text).map(|c| (c, false)),
    }
}

#[derive(Default)]
struct InfoFields {
    language: First<String>,
    /// Every `<category>`, `None` where the text is not a CAP category.
    categories: Vec<Option<CapCategory>>,
    event: First<String>,
    event_codes: Vec<Option<NamedValue>>,
    urgency: First<Option<CapUrgency>>,
    severity: First<Option<CapSeverity>>,
    certainty: First<Certainty>,
    effective: First<Date>,
    onset: First<Date>,
    expires: First<Date>,
    sender_name: First<String>,
    headline: First<String>,
    description: First<String>,
    instruction: First<String>,
    web: First<String>,
    contact: First<String>,
    parameters: Vec<Option<NamedValue>>,
    areas: Vec<Result<Area, CapError>>,
}

/// Below `<alert>`, CAP children are matched by name in any namespace.
fn info(xml: &mut XmlReader<'_>) -> Result<InfoFields, XmlError> {
    let mut f = InfoFields::default();
    loop {
        let child = match xml.next_node()? {
            Node::Open(child) => child,
            Node::Text(_) | Node::Char(_) => continue,
            Node::Close => return Ok(f),
        };
        match child.name() {
            b"language" => first(xml, &mut f.language, owned)?,
            b"category" => f.categories.push(text(xml, CapCategory::from_cap)?),
            b"event" => first(xml, &mut f.event, owned)?,
            b"eventCode" => f.event_codes.push(named_value(xml)?),
            b"urgency" => first(xml, &mut f.urgency, CapUrgency::from_cap)?,
            b"severity" => first(xml, &mut f.severity, CapSeverity::from_cap)?,
            b"certainty" => first(xml, &mut f.certainty, certainty)?,
            b"effective" => first(xml, &mut f.effective, date)?,
            b"onset" => first(xml, &mut f.onset, date)?,
            b"expires" => first(xml, &mut f.expires, date)?,
            b"senderName" => first(xml, &mut f.sender_name, owned)?,
            b"headline" => first(xml, &mut f.headline, owned)?,
            b"description" => first(xml, &mut f.description, owned)?,
            b"instruction" => first(xml, &mut f.instruction, owned)?,
            b"web" => first(xml, &mut f.web, owned)?,
            b"contact" => first(xml, &mut f.contact, owned)?,
            b"parameter" => f.parameters.push(named_value(xml)?),
            b"area" => f.areas.push(area(xml)?),
            _ => xml.skip()?,
        }
    }
}

impl InfoFields {
    fn finish(self, lenience: &mut Vec<Lenience>) -> Result<Info, CapError> {
        let categories = self
            .categories
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .ok_or(CapError::Invalid("category"))?;
        if categories.is_empty() {
            return Err(CapError::Missing("category"));
        }
        let (certainty, very_likely) = vocabulary(self.certainty, "certainty")?;
        if very_likely {
            lenience.push(Lenience::VeryLikely);
        }
        Ok(Info {
            language: self
                .language
                .flatten()
                .unwrap_or_else(|| "en-US".to_owned()),
            categories,
            event: required(self.event, "event")?,
            event_codes: named_values(self.event_codes)?,
            urgency: vocabulary(self.urgency, "urgency")?,
            severity: vocabulary(self.severity, "severity")?,
            certainty,
            effective: dated(self.effective, "effective", lenience)?,
            onset: dated(self.onset, "onset", lenience)?,
            expires: dated(self.expires, "expires", lenience)?,
            sender_name: self.sender_name.flatten(),
            headline: self.headline.flatten(),
            description: self.description.flatten(),
            instruction: self.instruction.flatten(),
            web: self.web.flatten(),
            contact: self.contact.flatten(),
            parameters: named_values(self.parameters)?,
            areas: self.areas.into_iter().collect::<Result<_, _>>()?,
        })
    }
}

#[derive(Default)]
struct AreaFields {
    description: First<String>,
    /// Non-blank `<polygon>`s and `<circle>`s, `None` where invalid (a blank one is none).
    polygons: Vec<Option<Vec<(f64, f64)>>>,
    circles: Vec<Option<Circle>>,
    geocodes: Vec<Option<NamedValue>>,
}

/// An `<area>` is checked as soon as it closes: its errors involve no lenience, and
/// `InfoFields::finish` keeps their order among the info's errors.
fn area(xml: &mut XmlReader<'_>) -> Result<Result<Area, CapError>, XmlError> {
    let mut f = AreaFields::default();
    loop {
        let child = match xml.next_node()? {
            Node::Open(child) => child,
            Node::Text(_) | Node::Char(_) => continue,
            Node::Close => return Ok(f.finish()),
        };
        match child.name() {
            b"areaDesc" => first(xml, &mut f.description, owned)?,
            b"polygon" => f
                .polygons
                .extend(text(xml, |t| (!t.is_empty()).then(|| polygon(t)))?),
            b"circle" => f
                .circles
                .extend(text(xml, |t| (!t.is_empty()).then(|| circle(t)))?),
            b"geocode" => f.geocodes.push(named_value(xml)?),
            _ => xml.skip()?,
        }
    }
}

impl AreaFields {
    fn finish(self) -> Result<Area, CapError> {
        Ok(Area {
            polygons: self
                .polygons
                .into_iter()
                .collect::<Option<_>>()
                .ok_or(CapError::Invalid("polygon"))?,
            circles: self
                .circles
                .into_iter()
                .collect::<Option<_>>()
                .ok_or(CapError::Invalid("circle"))?,
            description: required(self.description, "areaDesc")?,
            geocodes: named_values(self.geocodes)?,
        })
    }
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

/// A `valueName`/`value` pair just opened; `None` without a `valueName`.
fn named_value(xml: &mut XmlReader<'_>) -> Result<Option<NamedValue>, XmlError> {
    let mut name = None;
    let mut value = None;
    loop {
        match xml.next_node()? {
            Node::Open(child) => match child.name() {
                b"valueName" => first(xml, &mut name, owned)?,
                b"value" => first(xml, &mut value, owned)?,
                _ => xml.skip()?,
            },
            Node::Text(_) | Node::Char(_) => {}
            Node::Close => break,
        }
    }
    Ok(name.flatten().map(|name| NamedValue {
        name,
        value: value.flatten().unwrap_or_default(),
    }))
}

fn named_values(values: Vec<Option<NamedValue>>) -> Result<Vec<NamedValue>, CapError> {
    values
        .into_iter()
        .collect::<Option<_>>()
        .ok_or(CapError::Missing("valueName"))
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

fn required<T>(field: First<T>, name: &'static str) -> Result<T, CapError> {
    field.flatten().ok_or(CapError::Missing(name))
}

fn vocabulary<T>(field: First<Option<T>>, name: &'static str) -> Result<T, CapError> {
    required(field, name)?.ok_or(CapError::Invalid(name))
}

fn dated(
    field: First<Date>,
    name: &'static str,
    lenience: &mut Vec<Lenience>,
) -> Result<Option<OffsetDateTime>, CapError> {
    field
        .flatten()
        .map(|parsed| {
            let (at, z) = parsed.ok_or(CapError::Invalid(name))?;
            if z {
                note_utc_z(lenience);
            }
            Ok(at)
        })
        .transpose()
}

fn note_utc_z(lenience: &mut Vec<Lenience>) {
    if !lenience.contains(&Lenience::UtcDesignatorZ) {
        lenience.push(Lenience::UtcDesignatorZ);
    }
}

/// CAP date-times are RFC 3339 with a numeric offset (`-00:00` included). `Z` is accepted and
/// recorded as [`Lenience::UtcDesignatorZ`].
pub fn parse_date(text: &str, lenience: &mut Vec<Lenience>) -> Option<OffsetDateTime> {
    let (parsed, z) = date(text)?;
    if z {
        note_utc_z(lenience);
    }
    Some(parsed)
}
