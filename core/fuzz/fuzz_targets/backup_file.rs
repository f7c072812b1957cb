//! Backup files come from anywhere (a cloud drive, a message attachment). Framing and payload
//! parsing must reject every malformed input cleanly; the decryption in between is AEAD.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_core::vault::{decode_backup_payload, parse_backup_container};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(container) = parse_backup_container(bytes) {
        assert!(!container.chunks.is_empty(), "a parsed backup has at least one chunk");
        let framed: usize = container.chunks.iter().map(|c| c.len() + 4).sum();
        assert_eq!(container.header.len() + framed, bytes.len(), "every byte is accounted for");
    }
    if let Ok(records) = decode_backup_payload(bytes) {
        for item in records {
            assert!(!item.table.is_empty() && !item.record.id.is_empty());
        }
    }
});
