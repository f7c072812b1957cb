//! Two renderings of a whole document, for differential checks of [`XmlReader`] (the property
//! test beside it and the `xml_reader` fuzz target): what this reader hands out, and what
//! quick-xml's `NsReader`, which resolves namespaces itself, makes of the same bytes.

use quick_xml::{events::Event, name::ResolveResult, NsReader};

use crate::{predefined_entity, Node, Ns, XmlError, XmlReader, MAX_DEPTH, MAX_ELEMENTS};

/// The whole document as `<ns:name>`, text and `</>` tokens, text pieces joined.
pub fn trace(doc: &[u8]) -> Result<String, XmlError> {
    let mut xml = XmlReader::new(doc)?;
    let root = xml.root()?;
    let mut out = format!("<{:?}:{}>", root.ns, String::from_utf8_lossy(root.name()));
    let mut depth = 1;
    while depth > 0 {
        match xml.next_node()? {
            Node::Open(tag) => {
                depth += 1;
                out += &format!("<{:?}:{}>", tag.ns, String::from_utf8_lossy(tag.name()));
                if let Some(k) = tag.attribute(b"k") {
                    out += &format!("[k={k}]");
                }
            }
            Node::Text(text) => out += &text,
            Node::Char(c) => out.push(c),
            Node::Close => {
                depth -= 1;
                out += "</>";
            }
        }
    }
    xml.finish()?;
    Ok(out)
}

/// [`trace`] as the reader gave it when it was built on quick-xml's `NsReader`, which
/// resolved namespaces itself: the reference for the scopes `XmlReader` keeps instead.
pub fn ns_reader_trace(doc: &[u8]) -> Result<String, XmlError> {
    let doc = std::str::from_utf8(doc).map_err(|_| XmlError::NotUtf8)?;
    let mut reader = NsReader::from_str(doc);
    reader.config_mut().check_end_names = true;
    let mut out = String::new();
    let (mut depth, mut elements, mut root_closed) = (0usize, 0usize, false);
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|_| XmlError::Malformed)?;
        let ns = match ns {
            ResolveResult::Bound(ns) => Ns::of(ns.as_ref()),
            ResolveResult::Unbound => Ns::Other,
            ResolveResult::Unknown(_) => return Err(XmlError::Malformed),
        };
        let blank_outside = match event {
            Event::Start(_) | Event::Empty(_) if root_closed => return Err(XmlError::Malformed),
            Event::Start(ref start) | Event::Empty(ref start) => {
                let empty = matches!(event, Event::Empty(_));
                elements += 1;
                if (!empty && depth >= MAX_DEPTH) || elements > MAX_ELEMENTS {
                    return Err(XmlError::TooComplex);
                }
                for attr in start.attributes() {
                    let attr = attr.map_err(|_| XmlError::Malformed)?;
                    attr.unescape_value().map_err(|_| XmlError::UnknownEntity)?;
                }
                let name = String::from_utf8_lossy(start.local_name().into_inner());
                out += &format!("<{ns:?}:{name}>");
                let k = start
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"k")
                    .and_then(|a| a.unescape_value().ok());
                // `trace` shows no attributes of the root.
                if let Some(k) = k.filter(|_| depth > 0) {
                    out += &format!("[k={k}]");
                }
                if empty {
                    out += "</>";
                    root_closed = depth == 0;
                } else {
                    depth += 1;
                }
                None
            }
            Event::End(_) => {
                depth = depth.checked_sub(1).ok_or(XmlError::Malformed)?;
                root_closed = depth == 0;
                out += "</>";
                None
            }
            Event::Text(t) => {
                let text = t.xml10_content().map_err(|_| XmlError::Malformed)?;
                (depth > 0).then(|| out += &text);
                Some(text.trim().is_empty())
            }
            Event::CData(c) => {
                let text = c.xml10_content().map_err(|_| XmlError::Malformed)?;
                (depth > 0).then(|| out += &text);
                Some(text.trim().is_empty())
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref().map_err(|_| XmlError::Malformed)? {
                    Some(ch) => ch,
                    None => predefined_entity(&r).ok_or(XmlError::UnknownEntity)?,
                };
                (depth > 0).then(|| out.push(ch));
                Some(ch.is_whitespace())
            }
            Event::DocType(_) => return Err(XmlError::Doctype),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => None,
            Event::Eof if depth > 0 => return Err(XmlError::Malformed),
            Event::Eof if out.is_empty() => return Err(XmlError::Empty),
            Event::Eof => return Ok(out),
        };
        if depth == 0 && blank_outside == Some(false) {
            return Err(XmlError::Malformed);
        }
    }
}
