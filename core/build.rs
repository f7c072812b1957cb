//! Concatenates every Fluent file under `locales/<lang>/` into one resource per language, so a
//! feature adds its own `.ftl` file without touching shared code.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
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
        fs::write(Path::new(&out).join(format!("{lang}.ftl")), joined)
            .expect("OUT_DIR is writable");
    }
}
