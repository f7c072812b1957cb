//! TEMPORARY: the old element tree, kept only to prove the streaming parser equal.
//! A small, defensive element tree over quick-xml, for documents from outside.
//!
//! CAP and Atom need elements, namespaces and text; nothing else. Anything that could make a
//! hostile document expensive or surprising is refused rather than handled: a DOCTYPE (and with
//! it every entity declaration, so no XXE and no "billion laughs"), references to entities other
//! than the five predefined ones, and nesting or element counts beyond fixed limits.

use quick_xml::{
    events::{BytesStart, Event},
    name::ResolveResult,
    NsReader,
};

/// Deeper than any CAP-in-Atom document needs (feed/entry/content/alert/info/area/geocode/value = 8).
const MAX_DEPTH: usize = 32;
/// A 1,000-entry feed has about 40,000 elements; the byte cap bounds documents long before this.
const MAX_ELEMENTS: usize = 2_000_000;

use super::xml::XmlError;

/// One element: its namespace, local name, attributes (local name, value) and children.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub namespace: String,
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// Concatenated character data directly inside this element, untrimmed.
    pub text: String,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Trimmed text of the first child `name`, if present and not blank.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(|c| c.text.trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parse `bytes` into the root element.
pub fn parse(bytes: &[u8]) -> Result<Element, XmlError> {
    let text = std::str::from_utf8(bytes).map_err(|_| XmlError::NotUtf8)?;
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|_| XmlError::Malformed)?;
        let namespace = match ns {
            ResolveResult::Bound(ns) => String::from_utf8_lossy(ns.as_ref()).into_owned(),
            ResolveResult::Unbound => String::new(),
            ResolveResult::Unknown(_) => return Err(XmlError::Malformed),
        };
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => return Err(XmlError::Malformed),
            Event::Start(start) => {
                count += 1;
                if stack.len() >= MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err(XmlError::TooComplex);
                }
                stack.push(element(namespace, &start)?);
            }
            Event::Empty(start) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(XmlError::TooComplex);
                }
                let el = element(namespace, &start)?;
                attach(&mut stack, &mut root, el);
            }
            Event::End(_) => {
                let el = stack.pop().ok_or(XmlError::Malformed)?;
                attach(&mut stack, &mut root, el);
            }
            Event::Text(t) => {
                let decoded = t.xml10_content().map_err(|_| XmlError::Malformed)?;
                push_text(&mut stack, &decoded)?;
            }
            Event::CData(c) => {
                let decoded = c.xml10_content().map_err(|_| XmlError::Malformed)?;
                push_text(&mut stack, &decoded)?;
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref().map_err(|_| XmlError::Malformed)? {
                    Some(ch) => ch,
                    None => predefined_entity(&r).ok_or(XmlError::UnknownEntity)?,
                };
                push_text(&mut stack, ch.encode_utf8(&mut [0; 4]))?;
            }
            Event::DocType(_) => return Err(XmlError::Doctype),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(XmlError::Malformed);
    }
    root.ok_or(XmlError::Empty)
}

fn element(namespace: String, start: &BytesStart<'_>) -> Result<Element, XmlError> {
    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|_| XmlError::Malformed)?;
        let key = attr.key.local_name();
        let value = attr.unescape_value().map_err(|_| XmlError::UnknownEntity)?;
        attributes.push((
            String::from_utf8_lossy(key.as_ref()).into_owned(),
            value.into_owned(),
        ));
    }
    Ok(Element {
        namespace,
        name,
        attributes,
        children: Vec::new(),
        text: String::new(),
    })
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, el: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None => *root = Some(el),
    }
}

/// Text outside the root element is only legal if it is whitespace.
fn push_text(stack: &mut [Element], text: &str) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some(el) => {
            el.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(XmlError::Malformed),
    }
}

fn predefined_entity(r: &[u8]) -> Option<char> {
    Some(match r {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_namespaces_resolve() {
        let el =
            parse(br#"<a xmlns="urn:x"><b>x &amp; &#x4E2D; y</b><c k="1&lt;2"/></a>"#).unwrap();
        assert_eq!(el.namespace, "urn:x");
        assert_eq!(el.child("b").unwrap().namespace, "urn:x");
        assert_eq!(el.child_text("b").unwrap(), "x & 中 y");
        assert_eq!(el.child("c").unwrap().attribute("k"), Some("1<2"));
    }

    #[test]
    fn doctype_and_custom_entities_are_refused() {
        let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#;
        assert_eq!(parse(laughs).unwrap_err(), XmlError::Doctype);
        let xxe = br#"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#;
        assert_eq!(parse(xxe).unwrap_err(), XmlError::Doctype);
        assert_eq!(parse(b"<a>&x;</a>").unwrap_err(), XmlError::UnknownEntity);
    }

    #[test]
    fn malformed_and_deep_documents_fail_cleanly() {
        assert_eq!(parse(b"<a><b></a>").unwrap_err(), XmlError::Malformed);
        assert_eq!(parse(b"<a></a><b/>").unwrap_err(), XmlError::Malformed);
        assert_eq!(parse(b"   ").unwrap_err(), XmlError::Empty);
        assert_eq!(parse(b"<a>\xff</a>").unwrap_err(), XmlError::NotUtf8);
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert_eq!(parse(deep.as_bytes()).unwrap_err(), XmlError::TooComplex);
    }
}
