//! The XML reader under CAP reads documents from outside with its own tokenizer. Whatever the
//! bytes: no panic, and whatever it accepts, quick-xml's `NsReader` accepts too and reads the
//! same way (elements, namespaces, attribute `k`, text, references). Where the reader refuses
//! what quick-xml takes (a name after `<` that starts with a space, say), stricter is allowed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_xml::reference::{ns_reader_trace, trace};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(ours) = trace(bytes) {
        assert_eq!(
            ns_reader_trace(bytes),
            Ok(ours),
            "the reader accepted a document quick-xml reads otherwise"
        );
    }
});
