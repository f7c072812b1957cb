//! A small, defensive pull reader over quick-xml, for documents from outside.
//!
//! CAP and Atom need elements, namespaces and text; nothing else. Anything that could make a
//! hostile document expensive or surprising is refused rather than handled: a DOCTYPE (and with
//! it every entity declaration, so no XXE and no "billion laughs"), references to entities other
//! than the five predefined ones, and nesting or element counts beyond fixed limits.
//!
//! The reader hands out elements as they open, so the CAP layer fills its model in one pass
//! with no tree in between. Every event is checked, including those inside elements the caller
//! skips and after the root closes: a document is accepted only if all of it is well-formed.

use std::borrow::Cow;

use quick_xml::{
    events::{BytesStart, Event},
    name::ResolveResult,
    NsReader,
};

use super::parse::{ATOM_NS, CAP_1_1_NS, CAP_1_2_NS};

/// Deeper than any CAP-in-Atom document needs (feed/entry/content/alert/info/area/geocode/value = 8).
const MAX_DEPTH: usize = 32;
/// A 1,000-entry feed has about 40,000 elements; the byte cap bounds documents long before this.
const MAX_ELEMENTS: usize = 2_000_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    #[error("not UTF-8")]
    NotUtf8,
    #[error("malformed XML")]
    Malformed,
    #[error("DOCTYPE declarations are refused")]
    Doctype,
    #[error("undeclared entity reference")]
    UnknownEntity,
    #[error("nesting or element count over the limit")]
    TooComplex,
    #[error("no root element")]
    Empty,
}

/// The namespaces CAP and Atom documents are told apart by; every other one (or none) is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Cap12,
    Cap11,
    Atom,
    Other,
}

impl Ns {
    fn of(uri: &[u8]) -> Ns {
        match uri {
            u if u == CAP_1_2_NS.as_bytes() => Ns::Cap12,
            u if u == CAP_1_1_NS.as_bytes() => Ns::Cap11,
            u if u == ATOM_NS.as_bytes() => Ns::Atom,
            _ => Ns::Other,
        }
    }
}

/// An element that just opened: its namespace, and its start tag for the name and attributes.
pub(crate) struct Tag<'a> {
    pub ns: Ns,
    start: BytesStart<'a>,
}

impl Tag<'_> {
    pub fn name(&self) -> &[u8] {
        self.start.local_name().into_inner()
    }

    /// The unescaped value of the first attribute with local name `name`. The reader already
    /// checked every attribute when the element opened, so a bad one cannot surface here.
    pub fn attribute(&self, name: &[u8]) -> Option<Cow<'_, str>> {
        self.start
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)
            .and_then(|a| a.unescape_value().ok())
    }
}

/// What lies inside the current element, in document order.
pub(crate) enum Node<'a> {
    /// A child element opened; the caller reads it to its `Close` or calls [`XmlReader::skip`].
    Open(Tag<'a>),
    /// Character data (text or CDATA), line endings normalised.
    Text(Cow<'a, str>),
    /// A character or predefined entity reference, resolved.
    Char(char),
    /// The current element closed.
    Close,
}

pub(crate) struct XmlReader<'a> {
    reader: NsReader<&'a [u8]>,
    /// Elements open, not counting an empty element whose `Close` is still to be handed out.
    depth: usize,
    elements: usize,
    /// The last `Open` was an empty element (`<a/>`): its `Close` comes next.
    close_empty: bool,
    root_closed: bool,
}

/// One quick-xml event, as the caller sees it.
enum Step<'a> {
    Node(Node<'a>),
    /// Nothing for the caller: a comment, an XML declaration, whitespace outside the root.
    Nothing,
    Eof,
}

impl<'a> XmlReader<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Self, XmlError> {
        let text = std::str::from_utf8(bytes).map_err(|_| XmlError::NotUtf8)?;
        let mut reader = NsReader::from_str(text);
        reader.config_mut().check_end_names = true;
        Ok(XmlReader {
            reader,
            depth: 0,
            elements: 0,
            close_empty: false,
            root_closed: false,
        })
    }

    /// Read the prolog and open the root element.
    pub fn root(&mut self) -> Result<Tag<'a>, XmlError> {
        loop {
            match self.step()? {
                Step::Node(Node::Open(tag)) => return Ok(tag),
                Step::Node(_) => return Err(XmlError::Malformed),
                Step::Nothing => {}
                Step::Eof => return Err(XmlError::Empty),
            }
        }
    }

    /// Read and check what is left of the document: the rest of the root if the caller stopped
    /// early, then the epilogue.
    pub fn finish(&mut self) -> Result<(), XmlError> {
        while !self.root_closed {
            self.next()?;
        }
        loop {
            match self.step()? {
                Step::Nothing => {}
                Step::Eof => return Ok(()),
                Step::Node(_) => return Err(XmlError::Malformed),
            }
        }
    }

    /// The next node inside the current element.
    pub fn next(&mut self) -> Result<Node<'a>, XmlError> {
        if self.close_empty {
            self.close_empty = false;
            self.root_closed = self.depth == 0;
            return Ok(Node::Close);
        }
        loop {
            match self.step()? {
                Step::Node(node) => return Ok(node),
                Step::Nothing => {}
                // Inside an element, `step` reports the missing end tags instead.
                Step::Eof => return Err(XmlError::Malformed),
            }
        }
    }

    /// Consume the rest of the element just opened, children included.
    pub fn skip(&mut self) -> Result<(), XmlError> {
        let mut open = 1usize;
        while open > 0 {
            match self.next()? {
                Node::Open(_) => open += 1,
                Node::Close => open -= 1,
                Node::Text(_) | Node::Char(_) => {}
            }
        }
        Ok(())
    }

    fn step(&mut self) -> Result<Step<'a>, XmlError> {
        let (ns, event) = self
            .reader
            .read_resolved_event()
            .map_err(|_| XmlError::Malformed)?;
        let ns = match ns {
            ResolveResult::Bound(ns) => Ns::of(ns.as_ref()),
            ResolveResult::Unbound => Ns::Other,
            ResolveResult::Unknown(_) => return Err(XmlError::Malformed),
        };
        let node = match event {
            Event::Start(_) | Event::Empty(_) if self.root_closed => {
                return Err(XmlError::Malformed)
            }
            Event::Start(start) => {
                self.elements += 1;
                if self.depth >= MAX_DEPTH || self.elements > MAX_ELEMENTS {
                    return Err(XmlError::TooComplex);
                }
                check_attributes(&start)?;
                self.depth += 1;
                Node::Open(Tag { ns, start })
            }
            Event::Empty(start) => {
                self.elements += 1;
                if self.elements > MAX_ELEMENTS {
                    return Err(XmlError::TooComplex);
                }
                check_attributes(&start)?;
                self.close_empty = true;
                Node::Open(Tag { ns, start })
            }
            Event::End(_) => {
                self.depth = self.depth.checked_sub(1).ok_or(XmlError::Malformed)?;
                self.root_closed = self.depth == 0;
                Node::Close
            }
            Event::Text(t) => {
                let text = t.xml10_content().map_err(|_| XmlError::Malformed)?;
                if self.depth == 0 {
                    return outside_root(text.trim().is_empty());
                }
                Node::Text(text)
            }
            Event::CData(c) => {
                let text = c.xml10_content().map_err(|_| XmlError::Malformed)?;
                if self.depth == 0 {
                    return outside_root(text.trim().is_empty());
                }
                Node::Text(text)
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref().map_err(|_| XmlError::Malformed)? {
                    Some(ch) => ch,
                    None => predefined_entity(&r).ok_or(XmlError::UnknownEntity)?,
                };
                if self.depth == 0 {
                    return outside_root(ch.is_whitespace());
                }
                Node::Char(ch)
            }
            Event::DocType(_) => return Err(XmlError::Doctype),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => return Ok(Step::Nothing),
            Event::Eof if self.depth > 0 => return Err(XmlError::Malformed),
            Event::Eof => return Ok(Step::Eof),
        };
        Ok(Step::Node(node))
    }
}

/// Character data outside the root element is only legal if it is whitespace.
fn outside_root<'a>(blank: bool) -> Result<Step<'a>, XmlError> {
    if blank {
        Ok(Step::Nothing)
    } else {
        Err(XmlError::Malformed)
    }
}

/// Malformed attributes and unknown entities in attribute values are refused on every element,
/// read or skipped, as on the text.
fn check_attributes(start: &BytesStart<'_>) -> Result<(), XmlError> {
    for attr in start.attributes() {
        let attr = attr.map_err(|_| XmlError::Malformed)?;
        attr.unescape_value().map_err(|_| XmlError::UnknownEntity)?;
    }
    Ok(())
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

    /// The whole document as `<ns:name>`, text and `</>` tokens, text pieces joined.
    fn trace(doc: &[u8]) -> Result<String, XmlError> {
        let mut xml = XmlReader::new(doc)?;
        let root = xml.root()?;
        let mut out = format!("<{:?}:{}>", root.ns, String::from_utf8_lossy(root.name()));
        let mut depth = 1;
        while depth > 0 {
            match xml.next()? {
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

    /// Like [`trace`] but skipping the root's children, as the CAP layer does with unknown ones.
    fn skipped(doc: &[u8]) -> Result<(), XmlError> {
        let mut xml = XmlReader::new(doc)?;
        xml.root()?;
        xml.skip()?;
        xml.finish()
    }

    #[test]
    fn entities_namespaces_and_cdata_resolve() {
        assert_eq!(
            trace(
                br#"<a xmlns="urn:x"><b>x &amp; &#x4E2D; <![CDATA[<y>]]></b><c k="1&lt;2"/></a>"#
            ),
            Ok("<Other:a><Other:b>x & 中 <y></><Other:c>[k=1<2]</></>".into())
        );
        let cap = format!(
            r#"<?xml version="1.0"?><!-- c --><p:alert xmlns:p="{CAP_1_1_NS}"><p:info xmlns="{CAP_1_2_NS}"><area/></p:info></p:alert>"#
        );
        assert_eq!(
            trace(cap.as_bytes()),
            Ok("<Cap11:alert><Cap11:info><Cap12:area></></></>".into())
        );
        assert_eq!(trace(b"<a>\r\nb\r</a>"), Ok("<Other:a>\nb\n</>".into()));
    }

    #[test]
    fn doctype_and_custom_entities_are_refused() {
        let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#;
        assert_eq!(trace(laughs), Err(XmlError::Doctype));
        let xxe = br#"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#;
        assert_eq!(trace(xxe), Err(XmlError::Doctype));
        assert_eq!(trace(b"<a>&x;</a>"), Err(XmlError::UnknownEntity));
        assert_eq!(trace(br#"<a k="&x;"/>"#), Err(XmlError::UnknownEntity));
        // Inside skipped elements and after the root too.
        assert_eq!(
            skipped(b"<a><b><c>&x;</c></b></a>"),
            Err(XmlError::UnknownEntity)
        );
        assert_eq!(skipped(b"<a/><!DOCTYPE a>"), Err(XmlError::Doctype));
    }

    #[test]
    fn malformed_and_deep_documents_fail_cleanly() {
        assert_eq!(trace(b"<a><b></a>"), Err(XmlError::Malformed));
        assert_eq!(trace(b"<a></a><b/>"), Err(XmlError::Malformed));
        assert_eq!(trace(b"<a/>x"), Err(XmlError::Malformed));
        assert_eq!(trace(b"x<a/>"), Err(XmlError::Malformed));
        assert_eq!(trace(b"<a>"), Err(XmlError::Malformed));
        assert_eq!(trace(b"<x:a/>"), Err(XmlError::Malformed));
        assert_eq!(trace(b"   "), Err(XmlError::Empty));
        assert_eq!(trace(b"<a>\xff</a>"), Err(XmlError::NotUtf8));
        assert_eq!(skipped(b"<a><b><c></b></c></a>"), Err(XmlError::Malformed));
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert_eq!(trace(deep.as_bytes()), Err(XmlError::TooComplex));
        assert_eq!(skipped(deep.as_bytes()), Err(XmlError::TooComplex));
        let deepest = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(skipped(deepest.as_bytes()).is_ok());
    }
}
