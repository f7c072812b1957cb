//! A minimal length-prefixed binary encoding, for records written and read often enough that
//! JSON's escaping and field names dominate their cost (stored alerts: see
//! `alerts::compact`).
//!
//! Integers are LEB128 varints (signed ones zigzagged), strings and byte runs carry their length,
//! floats are 8 little-endian bytes. There are no field names or tags: the reader must ask for
//! exactly what the writer wrote, in the same order, so every format built on this one starts
//! with its own version byte. Reading never panics and never allocates more than the input could
//! hold: a truncated or altered input is `None`.

use time::{OffsetDateTime, UtcOffset};

#[derive(Default)]
pub(crate) struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    pub fn with_capacity(capacity: usize) -> Self {
        Writer {
            bytes: Vec::with_capacity(capacity),
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn byte(&mut self, byte: u8) {
        self.bytes.push(byte);
    }

    pub fn bool(&mut self, value: bool) {
        self.byte(value.into());
    }

    pub fn uint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.byte(value as u8 | 0x80);
            value >>= 7;
        }
        self.byte(value as u8);
    }

    pub fn int(&mut self, value: i64) {
        self.uint(((value << 1) ^ (value >> 63)) as u64);
    }

    pub fn len(&mut self, len: usize) {
        self.uint(len as u64);
    }

    pub fn str(&mut self, text: &str) {
        self.len(text.len());
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub fn opt_str(&mut self, text: Option<&str>) {
        self.bool(text.is_some());
        if let Some(text) = text {
            self.str(text);
        }
    }

    pub fn f64(&mut self, value: f64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// An instant with its offset, so it reads back exactly as written (and displays the same).
    pub fn date(&mut self, at: OffsetDateTime) {
        self.int(at.unix_timestamp());
        self.uint(at.nanosecond().into());
        self.int(at.offset().whole_seconds().into());
    }

    pub fn opt_date(&mut self, at: Option<OffsetDateTime>) {
        self.bool(at.is_some());
        if let Some(at) = at {
            self.date(at);
        }
    }

    /// A count, then each item as `write` puts it.
    pub fn seq<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T)) {
        self.len(items.len());
        for item in items {
            write(self, item);
        }
    }
}

pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// Whether everything was read: trailing bytes mean the input is not what was written.
    pub fn is_done(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn byte(&mut self) -> Option<u8> {
        let (&byte, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(byte)
    }

    pub fn bool(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub fn uint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            if shift == 63 && byte > 1 {
                // Bits past the 64th: not something `Writer::uint` writes.
                return None;
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub fn int(&mut self) -> Option<i64> {
        let zigzag = self.uint()?;
        Some((zigzag >> 1) as i64 ^ -((zigzag & 1) as i64))
    }

    /// A length no larger than what is left: a count of items of at least one byte each, or a
    /// byte run, can never be bigger, so altered lengths cannot make a reader over-allocate.
    pub fn len(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?)
            .ok()
            .filter(|&len| len <= self.rest.len())
    }

    fn bytes(&mut self, len: usize) -> Option<&'a [u8]> {
        let (bytes, rest) = self.rest.split_at_checked(len)?;
        self.rest = rest;
        Some(bytes)
    }

    pub fn str(&mut self) -> Option<String> {
        let len = self.len()?;
        let bytes = self.bytes(len)?;
        std::str::from_utf8(bytes).ok().map(str::to_owned)
    }

    pub fn opt_str(&mut self) -> Option<Option<String>> {
        self.opt(Self::str)
    }

    pub fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    pub fn date(&mut self) -> Option<OffsetDateTime> {
        let seconds = self.int()?;
        let nanosecond = u32::try_from(self.uint()?).ok()?;
        let offset = UtcOffset::from_whole_seconds(i32::try_from(self.int()?).ok()?).ok()?;
        OffsetDateTime::from_unix_timestamp(seconds)
            .ok()?
            .replace_nanosecond(nanosecond)
            .ok()?
            .checked_to_offset(offset)
    }

    pub fn opt_date(&mut self) -> Option<Option<OffsetDateTime>> {
        self.opt(Self::date)
    }

    pub fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        Some(if self.bool()? {
            Some(read(self)?)
        } else {
            None
        })
    }

    /// A count, then that many items as `read` takes them.
    pub fn seq<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let count = self.len()?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(read(self)?);
        }
        Some(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    fn written(write: impl FnOnce(&mut Writer)) -> Vec<u8> {
        let mut writer = Writer::default();
        write(&mut writer);
        writer.into_bytes()
    }

    proptest! {
        #[test]
        fn integers_and_text_read_back(
            u in any::<u64>(),
            i in any::<i64>(),
            text in ".*",
            maybe in proptest::option::of(".*"),
            x in any::<f64>().prop_filter("NaN never equals itself", |x| !x.is_nan()),
        ) {
            let bytes = written(|w| {
                w.uint(u);
                w.int(i);
                w.str(&text);
                w.opt_str(maybe.as_deref());
                w.f64(x);
            });
            let mut r = Reader::new(&bytes);
            prop_assert_eq!(r.uint(), Some(u));
            prop_assert_eq!(r.int(), Some(i));
            prop_assert_eq!(r.str(), Some(text));
            prop_assert_eq!(r.opt_str(), Some(maybe));
            prop_assert_eq!(r.f64(), Some(x));
            prop_assert!(r.is_done());
        }

        /// Any bytes at all: every read either yields a value or `None`, and no length read can
        /// exceed what is left (so no huge allocation).
        #[test]
        fn arbitrary_input_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut r = Reader::new(&bytes);
            let _ = r.seq(|r| Some((r.opt_str()?, r.opt_date()?, r.f64()?, r.bool()?)));
            let mut r = Reader::new(&bytes);
            if let Some(len) = r.len() {
                prop_assert!(len <= bytes.len());
            }
        }
    }

    #[test]
    fn dates_keep_their_offset_and_nanoseconds() {
        let at = datetime!(2026-11-28 09:00:00.123456789 +08:00);
        let bytes = written(|w| w.opt_date(Some(at)));
        let back = Reader::new(&bytes).opt_date().flatten().unwrap();
        assert_eq!(back, at);
        assert_eq!(back.offset(), at.offset());
        assert_eq!(back.nanosecond(), 123_456_789);
    }

    #[test]
    fn truncated_and_overlong_inputs_are_refused() {
        let bytes = written(|w| w.str("警惕冒充客服"));
        for cut in 0..bytes.len() {
            assert_eq!(Reader::new(&bytes[..cut]).str(), None, "cut at {cut}");
        }
        // A varint that never ends, one past 64 bits, and the largest that fits.
        assert_eq!(Reader::new(&[0xff; 9]).uint(), None);
        assert_eq!(Reader::new(&[0xff; 11]).uint(), None);
        assert_eq!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2]).uint(),
            None
        );
        assert_eq!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1]).uint(),
            Some(u64::MAX)
        );
        // A length larger than the input.
        assert_eq!(Reader::new(&[5, b'a']).str(), None);
        // Not UTF-8, a bool that is neither 0 nor 1, an offset out of range.
        assert_eq!(Reader::new(&[1, 0xff]).str(), None);
        assert_eq!(Reader::new(&[2]).bool(), None);
        let bad_offset = written(|w| {
            w.int(0);
            w.uint(0);
            w.int(100_000);
        });
        assert_eq!(Reader::new(&bad_offset).date(), None);
    }
}
