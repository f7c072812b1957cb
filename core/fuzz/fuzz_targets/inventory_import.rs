//! Inventory import reads CSV and JSON files the user picks (exports, other apps' lists).
//! Whatever the bytes: no panic; rows come back in line order; a full import into a fresh store
//! either succeeds or is refused as invalid input, and a refused import leaves the store empty.
#![no_main]

use libfuzzer_sys::fuzz_target;
use time::macros::datetime;
use vigil_core::inventory::import::{parse, InventoryImportFormat};
use vigil_core::inventory::Inventory;
use vigil_core::vault::MemoryStore;
use vigil_core::ErrorCode;

fuzz_target!(|text: &str| {
    for format in [InventoryImportFormat::Csv, InventoryImportFormat::Json] {
        if let Ok(rows) = parse(text, format) {
            assert!(
                rows.windows(2).all(|w| w[0].line <= w[1].line),
                "rows keep file order"
            );
            assert!(
                rows.iter().all(|r| r.line >= 1),
                "rows carry a 1-based line"
            );
        }
        let store = MemoryStore::new();
        let inventory = Inventory::load(&store).expect("an empty store loads");
        match inventory.import(&store, text, format, datetime!(2025-01-01 0:00 UTC)) {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(
                    e.code(),
                    ErrorCode::InvalidInput,
                    "bad files are invalid input, never a crash"
                );
                assert!(
                    Inventory::load(&store)
                        .expect("reload")
                        .details()
                        .is_empty(),
                    "nothing half-imported"
                );
            }
        }
    }
});
