//! Large texts the library carries (the public suffix list, the Fluent messages) are deflated
//! by `build.rs` and inflated once, on first use, by the code that parses them: 182 KB of text
//! take 65 KB in the library, 106 KB less in the stripped FFI library with the inflater counted.

/// Embeds a file that `build.rs` deflated into `OUT_DIR`.
macro_rules! packed_text {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".deflate"))
    };
}
pub(crate) use packed_text;

/// The text `build.rs` deflated from a UTF-8 file.
pub(crate) fn inflate(packed: &[u8]) -> String {
    let bytes = miniz_oxide::inflate::decompress_to_vec(packed)
        .expect("build.rs deflated this text (checked by tests)");
    String::from_utf8(bytes).expect("build.rs deflated a UTF-8 file")
}
