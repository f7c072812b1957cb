//! The markup of a document, one piece at a time: tags, text, references, CDATA sections, and
//! what a reader of CAP skips (comments, processing instructions, the XML declaration).
//!
//! This replaced quick-xml's tokenizer on the read path: for the short elements CAP is made of,
//! its per-event work (a byte search set up for every piece, buffers for end-name checks) cost
//! more than the bytes themselves. Here a piece is found with one scan, and every slice handed
//! out borrows from the document, which was checked as UTF-8 as a whole. Attributes are still
//! read by quick-xml's attribute parser, so their rules did not change.

use memchr::{memchr, memchr2, memchr3};

use crate::XmlError;

/// One piece of markup or character data.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// A start tag, `<content>` or (`empty`) `<content/>`: the qualified name is the first
    /// `name_len` bytes of `content`, the attributes follow.
    Start {
        content: &'a str,
        name_len: usize,
        empty: bool,
    },
    /// An end tag whose name matched the element it closes.
    End,
    /// Character data up to the next markup or reference, line endings as written, and
    /// whether it holds a carriage return (which XML reads as a line feed).
    Text(&'a str, bool),
    /// The inside of a CDATA section.
    CData(&'a str),
    /// A reference, `&name;` or `&#…;`: what lies between `&` and `;`.
    Ref(&'a str),
    /// `<!DOCTYPE`: refused by the reader, so its inside is never looked at.
    Doctype,
    /// A comment, a processing instruction or the XML declaration.
    Skipped,
    Eof,
}

pub(crate) struct Tokens<'a> {
    doc: &'a str,
    /// Byte offset of the next piece; always on a character boundary, since every piece ends
    /// at an ASCII delimiter or at the end.
    pos: usize,
    /// Qualified names of the elements open, innermost last, for matching end tags.
    open: Vec<&'a str>,
}

/// XML's whitespace (2.3 S): the only characters allowed around names inside tags.
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Tokens<'a> {
    pub fn new(doc: &'a str) -> Self {
        Tokens {
            // A UTF-8 byte order mark is not part of the document.
            pos: if doc.starts_with('\u{FEFF}') { 3 } else { 0 },
            doc,
            open: Vec::new(),
        }
    }

    pub fn next(&mut self) -> Result<Token<'a>, XmlError> {
        let rest = self.rest();
        match rest.as_bytes().first() {
            None => Ok(Token::Eof),
            Some(b'<') => self.markup(rest),
            Some(b'&') => {
                // A name or character reference ends at the first `;`, before any other markup.
                let bytes = rest.as_bytes();
                let end = bytes
                    .iter()
                    .skip(1)
                    .position(|&b| matches!(b, b';' | b'<' | b'&') || is_xml_space(b))
                    .map(|i| i + 1)
                    .filter(|&i| i > 1 && bytes[i] == b';')
                    .ok_or(XmlError::Malformed)?;
                self.pos += end + 1;
                Ok(Token::Ref(slice(rest, 1, end)?))
            }
            Some(_) => {
                let bytes = rest.as_bytes();
                let mut end = memchr3(b'<', b'&', b'\r', bytes).unwrap_or(bytes.len());
                let carriage_return = bytes.get(end) == Some(&b'\r');
                if carriage_return {
                    end += memchr2(b'<', b'&', &bytes[end..]).unwrap_or(bytes.len() - end);
                }
                self.pos += end;
                Ok(Token::Text(slice(rest, 0, end)?, carriage_return))
            }
        }
    }

    fn rest(&self) -> &'a str {
        self.doc.get(self.pos..).unwrap_or_default()
    }

    /// `rest` starts with `<`.
    fn markup(&mut self, rest: &'a str) -> Result<Token<'a>, XmlError> {
        let bytes = rest.as_bytes();
        match bytes.get(1) {
            Some(b'/') => {
                // Names are short: a plain scan beats setting up a vector search.
                let close = find(bytes, b'>').ok_or(XmlError::Malformed)?;
                let name = slice(rest, 2, close)?
                    .trim_end_matches(|c: char| c.is_ascii() && is_xml_space(c as u8));
                if self.open.pop() != Some(name) {
                    return Err(XmlError::Malformed);
                }
                self.pos += close + 1;
                Ok(Token::End)
            }
            Some(b'!') => {
                if let Some(after) = rest.strip_prefix("<!--") {
                    let end = find_str(after.as_bytes(), b"-->").ok_or(XmlError::Malformed)?;
                    self.pos += 4 + end + 3;
                    Ok(Token::Skipped)
                } else if let Some(after) = rest.strip_prefix("<![CDATA[") {
                    let end = find_str(after.as_bytes(), b"]]>").ok_or(XmlError::Malformed)?;
                    self.pos += 9 + end + 3;
                    Ok(Token::CData(slice(after, 0, end)?))
                } else if rest
                    .get(2..9)
                    .is_some_and(|word| word.eq_ignore_ascii_case("DOCTYPE"))
                {
                    // Nothing after it is read.
                    self.pos = self.doc.len();
                    Ok(Token::Doctype)
                } else {
                    Err(XmlError::Malformed)
                }
            }
            Some(b'?') => {
                // A processing instruction names its target first (`<?>?>` is not one).
                if bytes
                    .get(2)
                    .is_none_or(|&b| is_xml_space(b) || b == b'?' || b == b'>')
                {
                    return Err(XmlError::Malformed);
                }
                let end = find_str(&bytes[2..], b"?>").ok_or(XmlError::Malformed)?;
                self.pos += 2 + end + 2;
                Ok(Token::Skipped)
            }
            Some(_) => self.start_tag(rest),
            None => Err(XmlError::Malformed),
        }
    }

    /// `rest` starts with `<` and a character that begins no other markup.
    fn start_tag(&mut self, rest: &'a str) -> Result<Token<'a>, XmlError> {
        // The tag ends at the first `>` outside a quoted attribute value.
        let bytes = rest.as_bytes();
        let mut close = 1;
        loop {
            match *bytes.get(close).ok_or(XmlError::Malformed)? {
                b'>' => break,
                quote @ (b'"' | b'\'') => {
                    let value = bytes.get(close + 1..).unwrap_or_default();
                    close += 1 + find(value, quote).ok_or(XmlError::Malformed)?;
                }
                _ => {}
            }
            close += 1;
        }
        let inside = slice(rest, 1, close)?;
        let (content, empty) = match inside.strip_suffix('/') {
            Some(content) => (content, true),
            None => (inside, false),
        };
        let name_len = content
            .bytes()
            .position(is_xml_space)
            .unwrap_or(content.len());
        if name_len == 0 {
            return Err(XmlError::Malformed);
        }
        if !empty {
            self.open.push(slice(content, 0, name_len)?);
        }
        self.pos += close + 1;
        Ok(Token::Start {
            content,
            name_len,
            empty,
        })
    }
}

/// Where `byte` first occurs in `bytes`.
pub(crate) fn find(bytes: &[u8], byte: u8) -> Option<usize> {
    bytes.iter().position(|&b| b == byte)
}

/// Where `needle` (a terminator such as `-->`) first occurs in `bytes`. Comments and the like
/// are rare and short in CAP, so a search for its first byte is enough: no substring searcher
/// (memchr's would add 20 KB to the library).
fn find_str(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let mut from = 0;
    while let Some(at) = memchr(first, bytes.get(from..)?) {
        let start = from + at;
        if bytes.get(start..)?.starts_with(needle) {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

/// `text[from..to]`, which the callers only ask for at ASCII delimiters; a slice anywhere else
/// is refused as malformed rather than panicking.
fn slice(text: &str, from: usize, to: usize) -> Result<&str, XmlError> {
    text.get(from..to).ok_or(XmlError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(doc: &str) -> Result<Vec<Token<'_>>, XmlError> {
        let mut tokens = Tokens::new(doc);
        let mut out = Vec::new();
        loop {
            match tokens.next()? {
                Token::Eof => return Ok(out),
                token => out.push(token),
            }
        }
    }

    #[test]
    fn pieces_are_told_apart() {
        assert_eq!(
            all("\u{FEFF}<?xml version=\"1.0\"?><a k='>'>x&amp;<![CDATA[<y>]]><!-- c --><b/></a >"),
            Ok(vec![
                Token::Skipped,
                Token::Start {
                    content: "a k='>'",
                    name_len: 1,
                    empty: false
                },
                Token::Text("x", false),
                Token::Ref("amp"),
                Token::CData("<y>"),
                Token::Skipped,
                Token::Start {
                    content: "b",
                    name_len: 1,
                    empty: true
                },
                Token::End,
            ])
        );
        assert_eq!(all("<!doctype a>"), Ok(vec![Token::Doctype]));
    }

    #[test]
    fn unfinished_or_mismatched_markup_is_malformed() {
        for doc in [
            "<a></b>",
            "</a>",
            "<a",
            "<",
            "< a>",
            "<>",
            "<a>&amp</a>",
            "<a>&;</a>",
            "<a>& b;</a>",
            "<!-- x",
            "<![CDATA[x",
            "<?pi",
            "<?>?>",
            "<? pi?>",
            "<??>",
            "<!ELEMENT a>",
            "<a k='x>",
        ] {
            assert_eq!(all(doc), Err(XmlError::Malformed), "{doc}");
        }
    }
}
