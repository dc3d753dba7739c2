//! The analyzer must return for any input: no panic, no hang. Run with
//! `cargo fuzz run analyze -s none` (stable toolchain: no sanitizer).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let analysis = glasskin_core::analyze(&text, glasskin_kb::kb());
    for entry in analysis.entries() {
        assert!(entry.position >= 1);
    }
});
