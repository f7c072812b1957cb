//! Concatenates every Fluent file under `locales/<lang>/` into one resource per language, so a
//! feature adds its own `.ftl` file without touching shared code, and deflates the large texts
//! the library carries (see `packed_text`).

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = Path::new(&out);
    for lang in ["en", "zh-CN"] {
        let dir = Path::new("locales").join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .expect("locales/<lang> exists in the source tree")
            .map(|e| e.expect("readable locales entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        let mut joined = String::new();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            joined.push_str(&fs::read_to_string(&f).expect("ftl files are UTF-8"));
            joined.push('\n');
        }
        write_deflated(&out.join(format!("{lang}.ftl.deflate")), joined.as_bytes());
    }
    let list = Path::new("data").join("public_suffix_list.dat");
    println!("cargo:rerun-if-changed={}", list.display());
    let text = fs::read_to_string(&list).expect("the public suffix list is UTF-8");
    write_deflated(&out.join("public_suffix_list.dat.deflate"), text.as_bytes());
}

/// Raw deflate at the highest level: `packed_text::inflate` reads it back.
fn write_deflated(path: &Path, text: &[u8]) {
    fs::write(path, miniz_oxide::deflate::compress_to_vec(text, 10)).expect("OUT_DIR is writable");
}
