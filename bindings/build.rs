//! Link settings for the shared library the shells load.

fn main() {
    // Every pointer in the library's read-only tables needs a relative relocation at load time;
    // stored one per 24-byte RELA entry they took 0.7 MB of the 8 MB library. Packed, they take
    // a few kilobytes. Linux: DT_RELR (glibc 2.36+, binutils 2.38+ or lld). Android: the
    // platform's own packing, understood by the loader since API 23.
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    match target_os.as_str() {
        "linux" => println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs"),
        "android" => println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android"),
        _ => {}
    }
}
