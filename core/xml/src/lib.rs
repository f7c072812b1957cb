//! A small, defensive pull reader for documents from outside: its own tokenizer (`tokens`),
//! with quick-xml's attribute parser.
//!
//! CAP and Atom need elements, namespaces and text; nothing else. Anything that could make a
//! hostile document expensive or surprising is refused rather than handled: a DOCTYPE (and with
//! it every entity declaration, so no XXE and no "billion laughs"), references to entities other
//! than the five predefined ones, and nesting or element counts beyond fixed limits.
//!
//! The reader hands out elements as they open, so the CAP layer fills its model in one pass
//! with no tree in between. Every event is checked, including those inside elements the caller
//! skips and after the root closes: a document is accepted only if all of it is well-formed.
//!
//! It is a crate of its own only to be compiled for speed while the rest of the library is
//! compiled for size: see the workspace's release profile.

#[cfg(any(test, feature = "reference"))]
pub mod reference;
mod tokens;

use std::borrow::Cow;

use quick_xml::{events::attributes::Attributes, name::PrefixDeclaration};
use tokens::{Token, Tokens};

pub const CAP_1_2_NS: &str = "urn:oasis:names:tc:emergency:cap:1.2";
pub const CAP_1_1_NS: &str = "urn:oasis:names:tc:emergency:cap:1.1";
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// Deeper than any CAP-in-Atom document needs (feed/entry/content/alert/info/area/geocode/value = 8).
const MAX_DEPTH: usize = 32;
/// A 1,000-entry feed has about 40,000 elements; the byte cap bounds documents long before this.
const MAX_ELEMENTS: usize = 2_000_000;

/// The namespaces Namespaces in XML reserves: `xml` is bound to the first for good, and
/// no declaration may bind a prefix to either.
const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";
const XMLNS_NS: &[u8] = b"http://www.w3.org/2000/xmlns/";

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
pub enum Ns {
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

/// An element that just opened: its namespace, local name and attributes.
pub struct Tag<'a> {
    pub ns: Ns,
    name: &'a [u8],
    /// The start tag between `<` and `>` (or `/>`): the qualified name, then the attributes.
    raw: &'a str,
    name_len: usize,
}

impl<'a> Tag<'a> {
    pub fn name(&self) -> &[u8] {
        self.name
    }

    /// The unescaped value of the first attribute with local name `name`. The reader already
    /// checked every attribute when the element opened, so a bad one cannot surface here, and
    /// duplicates need not be looked for again.
    pub fn attribute(&self, name: &[u8]) -> Option<Cow<'a, str>> {
        let mut attributes = self.attributes();
        attributes.with_checks(false);
        attributes
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)
            .and_then(|a| a.unescape_value().ok())
    }

    fn attributes(&self) -> Attributes<'a> {
        Attributes::new(self.raw, self.name_len)
    }

    /// Most CAP elements have none: then neither check nor declaration scan need an iterator.
    fn has_attributes(&self) -> bool {
        self.raw.len() > self.name_len
    }

    /// Malformed attributes and unknown entities in attribute values are refused on every
    /// element, read or skipped, as on the text.
    fn check_attributes(&self) -> Result<(), XmlError> {
        if !self.has_attributes() {
            return Ok(());
        }
        for attr in self.attributes() {
            let attr = attr.map_err(|_| XmlError::Malformed)?;
            attr.unescape_value().map_err(|_| XmlError::UnknownEntity)?;
        }
        Ok(())
    }
}

/// What lies inside the current element, in document order.
pub enum Node<'a> {
    /// A child element opened; the caller reads it to its `Close` or calls [`XmlReader::skip`].
    Open(Tag<'a>),
    /// Character data (text or CDATA), line endings normalised.
    Text(Cow<'a, str>),
    /// A character or predefined entity reference, resolved.
    Char(char),
    /// The current element closed.
    Close,
}

/// A namespace declaration in scope.
struct Binding<'a> {
    /// Empty for the default namespace.
    prefix: &'a [u8],
    /// `None` where the declaration undeclares (`xmlns=""`).
    ns: Option<Ns>,
    /// The depth of the element that declared it, which it goes out of scope with.
    depth: usize,
}

/// The tokens of `tokens` with namespaces resolved here: documents declare a few namespaces,
/// mostly on the root, so each declaration is matched to an [`Ns`] once and most elements cost
/// a short scan of no bindings or one.
pub struct XmlReader<'a> {
    /// Over the whole document, checked as UTF-8 once: every node handed out borrows from it.
    tokens: Tokens<'a>,
    /// Namespace declarations in scope, innermost last.
    bindings: Vec<Binding<'a>>,
    /// Elements open, not counting an empty element whose `Close` is still to be handed out.
    depth: usize,
    elements: usize,
    /// The last `Open` was an empty element (`<a/>`): its `Close` comes next.
    close_empty: bool,
    root_closed: bool,
}

/// One token, as the caller sees it.
enum Step<'a> {
    Node(Node<'a>),
    /// Nothing for the caller: a comment, an XML declaration, whitespace outside the root.
    Nothing,
    Eof,
}

impl<'a> XmlReader<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Self, XmlError> {
        std::str::from_utf8(bytes)
            .map(Self::from_text)
            .map_err(|_| XmlError::NotUtf8)
    }

    /// A reader of a document already known to be UTF-8 (see [`XmlReader::new`]).
    pub fn from_text(doc: &'a str) -> Self {
        XmlReader {
            tokens: Tokens::new(doc),
            bindings: Vec::new(),
            depth: 0,
            elements: 0,
            close_empty: false,
            root_closed: false,
        }
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
            self.next_node()?;
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
    pub fn next_node(&mut self) -> Result<Node<'a>, XmlError> {
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
            match self.next_node()? {
                Node::Open(_) => open += 1,
                Node::Close => open -= 1,
                Node::Text(_) | Node::Char(_) => {}
            }
        }
        Ok(())
    }

    fn step(&mut self) -> Result<Step<'a>, XmlError> {
        let node = match self.tokens.next()? {
            Token::Start { .. } if self.root_closed => return Err(XmlError::Malformed),
            Token::Start {
                content,
                name_len,
                empty: false,
            } => {
                let tag = self.open(content, name_len)?;
                self.elements += 1;
                if self.depth >= MAX_DEPTH || self.elements > MAX_ELEMENTS {
                    return Err(XmlError::TooComplex);
                }
                tag.check_attributes()?;
                self.depth += 1;
                Node::Open(tag)
            }
            Token::Start {
                content,
                name_len,
                empty: true,
            } => {
                let tag = self.open(content, name_len)?;
                // It closes at once: what it declares was in scope for its own name only.
                self.leave(self.depth);
                self.elements += 1;
                if self.elements > MAX_ELEMENTS {
                    return Err(XmlError::TooComplex);
                }
                tag.check_attributes()?;
                self.close_empty = true;
                Node::Open(tag)
            }
            Token::End => {
                self.depth = self.depth.checked_sub(1).ok_or(XmlError::Malformed)?;
                self.root_closed = self.depth == 0;
                self.leave(self.depth);
                Node::Close
            }
            Token::Text(text, carriage_return) => return self.chars(text, carriage_return),
            Token::CData(text) => return self.chars(text, text.contains('\r')),
            Token::Ref(name) => {
                let ch = match name.strip_prefix('#') {
                    Some(number) => char_ref(number).ok_or(XmlError::Malformed)?,
                    None => predefined_entity(name.as_bytes()).ok_or(XmlError::UnknownEntity)?,
                };
                if self.depth == 0 {
                    return outside_root(ch.is_whitespace());
                }
                Node::Char(ch)
            }
            Token::Doctype => return Err(XmlError::Doctype),
            Token::Skipped => return Ok(Step::Nothing),
            Token::Eof if self.depth > 0 => return Err(XmlError::Malformed),
            Token::Eof => return Ok(Step::Eof),
        };
        Ok(Step::Node(node))
    }

    /// An element opening one level down: bring its namespace declarations into scope, then
    /// resolve its name, which they apply to.
    fn open(&mut self, raw: &'a str, name_len: usize) -> Result<Tag<'a>, XmlError> {
        let qualified = raw.as_bytes().get(..name_len).unwrap_or_default();
        // As quick-xml's `QName::decompose`, with a plain scan of a short name.
        let (prefix, name) = match tokens::find(qualified, b':') {
            Some(colon) => (Some(&qualified[..colon]), &qualified[colon + 1..]),
            None => (None, qualified),
        };
        let mut tag = Tag {
            ns: Ns::Other,
            name,
            raw,
            name_len,
        };
        if tag.has_attributes() {
            let mut attributes = tag.attributes();
            attributes.with_checks(false);
            // Declarations count up to the first malformed attribute, which `check_attributes`
            // refuses anyway.
            for attr in attributes.map_while(Result::ok) {
                if let Some(declared) = attr.key.as_namespace_binding() {
                    self.declare(declared, &attr.value)?;
                }
            }
        }
        tag.ns = self.resolve(prefix)?;
        Ok(tag)
    }

    /// Bring an `xmlns` or `xmlns:p` attribute of the element opening into scope. Namespaces
    /// in XML (3) reserves `xml` and `xmlns`: neither prefix may be rebound, nor another bound to
    /// their namespaces.
    fn declare(&mut self, declared: PrefixDeclaration<'a>, uri: &[u8]) -> Result<(), XmlError> {
        let prefix = match declared {
            PrefixDeclaration::Default => &[],
            PrefixDeclaration::Named(b"xml") if uri == XML_NS => return Ok(()),
            PrefixDeclaration::Named(b"xml" | b"xmlns") => return Err(XmlError::Malformed),
            PrefixDeclaration::Named(_) if uri == XML_NS || uri == XMLNS_NS => {
                return Err(XmlError::Malformed)
            }
            // `xmlns:=` declares the default namespace, as quick-xml's `NsReader` took it.
            PrefixDeclaration::Named(prefix) => prefix,
        };
        self.bindings.push(Binding {
            prefix,
            ns: (!uri.is_empty()).then(|| Ns::of(uri)),
            depth: self.depth + 1,
        });
        Ok(())
    }

    /// The namespace of an element name with `prefix`; a prefix not bound (or undeclared)
    /// makes the document malformed, an unprefixed name outside any default namespace is in none.
    fn resolve(&self, prefix: Option<&[u8]>) -> Result<Ns, XmlError> {
        let mut scope = self.bindings.iter().rev();
        match prefix {
            None => Ok(scope
                .find(|b| b.prefix.is_empty())
                .and_then(|b| b.ns)
                .unwrap_or(Ns::Other)),
            Some(b"xml" | b"xmlns") => Ok(Ns::Other),
            // `<:a>`: an empty prefix, which no declaration binds.
            Some(b"") => Err(XmlError::Malformed),
            Some(prefix) => scope
                .find(|b| b.prefix == prefix)
                .and_then(|b| b.ns)
                .ok_or(XmlError::Malformed),
        }
    }

    /// Declarations made deeper than `depth` go out of scope.
    fn leave(&mut self, depth: usize) {
        while self.bindings.last().is_some_and(|b| b.depth > depth) {
            self.bindings.pop();
        }
    }

    /// Character data (text or CDATA), its line endings normalised.
    fn chars(&self, text: &'a str, carriage_return: bool) -> Result<Step<'a>, XmlError> {
        if self.depth == 0 {
            return outside_root(text.trim().is_empty());
        }
        Ok(Step::Node(Node::Text(if carriage_return {
            xml10_line_ends(text)
        } else {
            Cow::Borrowed(text)
        })))
    }
}

/// XML 1.0 (2.11): `\r\n` and a lone `\r` both read as `\n`.
fn xml10_line_ends(text: &str) -> Cow<'_, str> {
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Character data outside the root element is only legal if it is whitespace.
fn outside_root<'a>(blank: bool) -> Result<Step<'a>, XmlError> {
    if blank {
        Ok(Step::Nothing)
    } else {
        Err(XmlError::Malformed)
    }
}

/// The character `&#…;` names (`number` is what follows `#`), if it is one XML allows (2.2).
fn char_ref(number: &str) -> Option<char> {
    let code = match number.strip_prefix('x') {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    // `from_str_radix` and `parse` take a leading `+`, which a character reference may not have.
    if number.contains('+') {
        return None;
    }
    let ch = char::from_u32(code)?;
    let allowed = matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || ch >= '\u{10000}';
    allowed.then_some(ch)
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
    use proptest::prelude::*;

    use super::{
        reference::{ns_reader_trace, trace},
        *,
    };

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

    /// Mostly one of `common`, sometimes one of `rare`: the pieces that make a document
    /// malformed are rare, or few generated documents would get past their first element.
    fn pick(
        common: &'static [&'static str],
        rare: &'static [&'static str],
    ) -> impl Strategy<Value = &'static str> + Clone {
        prop_oneof![
            9 => prop::sample::select(common),
            1 => prop::sample::select(rare),
        ]
    }

    /// What a namespace declaration may say: CAP's and Atom's, another, nothing (undeclaring);
    /// rarely the reserved namespaces, or an entity (bound as written, not unescaped).
    fn uri() -> impl Strategy<Value = &'static str> {
        pick(
            &[CAP_1_2_NS, CAP_1_1_NS, ATOM_NS, "urn:x", ""],
            &[
                "http://www.w3.org/XML/1998/namespace",
                "http://www.w3.org/2000/xmlns/",
                "urn:&amp;x",
            ],
        )
    }

    fn attribute() -> impl Strategy<Value = String> {
        prop_oneof![
            9 => uri().prop_map(|uri| format!(r#"xmlns="{uri}""#)),
            12 => (pick(&["p", "q"], &["xml", "xmlns", ""]), uri())
                .prop_map(|(p, uri)| format!(r#"xmlns:{p}="{uri}""#)),
            9 => (
                prop::sample::select(&["k", "p:k", "j"][..]),
                pick(&["1", "1&lt;2", "&#65;", "a\r\nb", "a>b"], &["&x;", "&#0;"]),
                prop::bool::ANY,
            )
                .prop_map(|(k, v, single)| {
                    if single {
                        format!("{k}='{v}'")
                    } else {
                        format!(r#"{k}="{v}""#)
                    }
                }),
            1 => Just("k".to_owned()),
        ]
    }

    /// A start tag's content (name and attributes) and its name. Attributes mostly have
    /// distinct names, since a repeated one is malformed whatever the namespaces.
    fn start_tag() -> impl Strategy<Value = (String, String)> {
        let prefix = prop_oneof![
            4 => Just(""),
            4 => prop::sample::select(&["p:", "q:"][..]),
            1 => prop::sample::select(&["xml:", "xmlns:", ":"][..]),
        ];
        (
            prefix,
            prop::sample::select(&["a", "b", "alert"][..]),
            prop::collection::vec(attribute(), 0..4),
            prop::bool::weighted(0.1),
            prop::sample::select(&["", " ", "\n\t"][..]),
        )
            .prop_map(|(prefix, local, mut attributes, repeat, trailing)| {
                if !repeat {
                    let mut seen = Vec::new();
                    attributes.retain(|a| {
                        let key = a.split('=').next().unwrap_or_default().to_owned();
                        !seen.contains(&key) && {
                            seen.push(key);
                            true
                        }
                    });
                }
                let name = format!("{prefix}{local}");
                let tag = std::iter::once(name.clone())
                    .chain(attributes)
                    .collect::<Vec<_>>();
                (tag.join(" ") + trailing, name)
            })
    }

    fn element() -> impl Strategy<Value = String> {
        let empty = start_tag().prop_map(|(tag, _)| format!("<{tag}/>"));
        empty.prop_recursive(5, 40, 4, |inner| {
            let text = pick(
                &[
                    "x",
                    " ",
                    "&amp;",
                    "&#x4E2D;",
                    "a\r\nb\rc",
                    "<![CDATA[<y>\r\n]]>",
                    "<!-- c -->",
                    "<?pi x?>",
                    "a>b",
                    "&#65;",
                ],
                &[
                    "&bogus;",
                    "&amp",
                    "& ",
                    "&#xD800;",
                    "&#x110000;",
                    "&#;",
                    "<!-- x",
                    "<![CDATA[x",
                    "<?pi",
                    "<!x>",
                    "<!DOCTYPE a>",
                    "</>",
                ],
            );
            let child = prop_oneof![inner, text.prop_map(str::to_owned)];
            (
                start_tag(),
                prop::collection::vec(child, 0..4),
                prop::bool::weighted(0.02),
                prop::sample::select(&["", " "][..]),
            )
                .prop_map(|((tag, name), children, mismatched, space)| {
                    let end = if mismatched { "z" } else { &name };
                    format!("<{tag}>{}</{end}{space}>", children.concat())
                })
        })
    }

    fn document() -> impl Strategy<Value = String> {
        let outside = pick(&["", " \n", "<!-- c -->", "&#32;"], &["x", "<b/>", "</a>"]);
        let prolog = prop_oneof![
            Just(r#"<?xml version="1.0"?>"#),
            Just("\u{FEFF}"),
            outside.clone()
        ];
        (prolog, element(), outside)
            .prop_map(|(before, root, after)| format!("{before}{root}{after}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn namespaces_resolve_as_ns_reader_did(doc in document()) {
            prop_assert_eq!(trace(doc.as_bytes()), ns_reader_trace(doc.as_bytes()), "{}", doc);
        }
    }
}
