//! Durability under hostile conditions, with real processes: SIGKILL at random moments, a full
//! disk, and injected I/O errors. Each test re-runs this test binary as a child writer (the
//! ignored `writer_child` below) so the vault is exercised exactly as an app would use it.

use std::{
    collections::BTreeMap,
    io::Read,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use serde::{Deserialize, Serialize};
use vigil_core::{
    vault::{Record, Store, TxnExt, Vault, VaultOptions},
    ErrorCode,
};

const PASSPHRASE: &str = "durable passphrase";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    id: String,
    payload: String,
}

impl Record for Entry {
    const TABLE: &'static str = "entries";
    fn id(&self) -> &str {
        &self.id
    }
    fn index_terms(&self) -> Vec<(&'static str, String)> {
        vec![("payload", self.payload.clone())]
    }
}

fn payload_for(id: &str) -> String {
    format!("{id}:{}", "p".repeat(200))
}

/// The child: opens the vault, writes entries `<prefix>-<n>` one transaction each, and prints
/// `committed <id>` only after the write returned. On an error it prints `error <code>` and stops.
#[test]
#[ignore = "child process for the durability tests; they run it"]
fn writer_child() {
    let dir = PathBuf::from(std::env::var("VIGIL_CHILD_DIR").expect("run by the durability tests"));
    let prefix = std::env::var("VIGIL_CHILD_PREFIX").expect("run by the durability tests");
    let max: usize = std::env::var("VIGIL_CHILD_MAX")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(usize::MAX);
    let vault =
        match Vault::open(&dir).and_then(|v| v.unlock_with_passphrase(PASSPHRASE).map(|_| v)) {
            Ok(v) => v,
            Err(e) => {
                println!("error {}", e.code().as_str());
                return;
            }
        };
    for n in 0..max {
        let id = format!("{prefix}-{n}");
        let entry = Entry {
            id: id.clone(),
            payload: payload_for(&id),
        };
        match vault.write(|t| t.put(&entry)) {
            Ok(()) => println!("committed {id}"),
            Err(e) => {
                println!("error {}", e.code().as_str());
                return;
            }
        }
    }
}

fn spawn_writer(
    dir: &Path,
    prefix: &str,
    max: Option<usize>,
    wrapper: Option<&[String]>,
) -> Command {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut cmd = match wrapper {
        Some(w) => {
            let mut c = Command::new(&w[0]);
            c.args(&w[1..]).arg(&exe);
            c
        }
        None => Command::new(&exe),
    };
    cmd.args([
        "--exact",
        "writer_child",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
        "-q",
    ])
    .env("VIGIL_CHILD_DIR", dir)
    .env("VIGIL_CHILD_PREFIX", prefix)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    if let Some(max) = max {
        cmd.env("VIGIL_CHILD_MAX", max.to_string());
    }
    cmd
}

/// Complete lines only: a line cut by the kill was never a report.
fn reports(stdout: &str) -> (Vec<String>, Option<String>) {
    let mut committed = Vec::new();
    let mut error = None;
    let complete = stdout.rfind('\n').map_or("", |i| &stdout[..i]);
    for line in complete.lines() {
        if let Some(id) = line.strip_prefix("committed ") {
            committed.push(id.to_owned());
        } else if let Some(code) = line.strip_prefix("error ") {
            error = Some(code.to_owned());
        }
    }
    (committed, error)
}

fn create_vault(dir: &Path) {
    Vault::create(dir, PASSPHRASE, &VaultOptions::fast_for_tests()).expect("vault created");
}

fn assert_all_intact(dir: &Path, committed: &[String]) {
    let vault = Vault::open(dir).expect("the vault opens after the ordeal");
    vault
        .unlock_with_passphrase(PASSPHRASE)
        .expect("and unlocks");
    let stored: BTreeMap<String, Entry> = vault
        .read(|t| t.list::<Entry>())
        .expect("every record reads")
        .into_iter()
        .map(|e| (e.id.clone(), e))
        .collect();
    for id in committed {
        let entry = stored
            .get(id)
            .unwrap_or_else(|| panic!("reported commit {id} is missing"));
        assert_eq!(entry.payload, payload_for(id));
    }
    let report = vault.verify(&mut |_, _| {}).expect("verify runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// xorshift: reproducible from the printed seed.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn crash_loop_keeps_every_reported_commit() {
    let rounds: usize = std::env::var("VIGIL_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("crash loop: {rounds} rounds, seed {seed}");
    let dir = tempfile::tempdir().unwrap();
    create_vault(dir.path());
    let mut all_committed = Vec::new();
    let mut killed_mid_run = 0;
    for round in 0..rounds {
        let mut child = spawn_writer(dir.path(), &format!("r{round}"), None, None)
            .spawn()
            .expect("child starts");
        let delay = Duration::from_millis(5 + next_random(&mut seed) % 60);
        let started = Instant::now();
        while started.elapsed() < delay {
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().expect("SIGKILL delivered");
        child.wait().expect("child reaped");
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(!err.contains("panicked"), "child panicked: {err}");
        let (committed, error) = reports(&out);
        assert_eq!(
            error, None,
            "the child could not open the vault in round {round}"
        );
        if !committed.is_empty() {
            killed_mid_run += 1;
        }
        all_committed.extend(committed);
        if round % 20 == 19 {
            assert_all_intact(dir.path(), &all_committed);
        }
    }
    assert_all_intact(dir.path(), &all_committed);
    println!(
        "crash loop: {} commits over {rounds} rounds, {killed_mid_run} rounds killed while writing",
        all_committed.len()
    );
    assert!(
        killed_mid_run > rounds / 4,
        "most kills should land while the child writes"
    );
}

fn run_quiet(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Unmounts on drop, even when an assertion fails.
struct Tmpfs(PathBuf);

impl Drop for Tmpfs {
    fn drop(&mut self) {
        run_quiet("umount", &[self.0.to_str().unwrap()]);
    }
}

#[test]
fn disk_full_is_a_clean_error_and_recoverable() {
    let mount = tempfile::tempdir().unwrap();
    let mount_path = mount.path().to_str().unwrap();
    if !run_quiet(
        "mount",
        &["-t", "tmpfs", "-o", "size=3m", "tmpfs", mount_path],
    ) {
        println!("SKIPPED disk_full: mounting a small tmpfs needs root and mount(8) (not available here)");
        return;
    }
    let _guard = Tmpfs(mount.path().to_owned());
    let dir = mount.path().join("vault");
    create_vault(&dir);
    assert!(
        dir.join("ballast").exists(),
        "ballast reserved while there is room"
    );

    let (committed, error) = {
        let out = spawn_writer(&dir, "full", Some(100_000), None)
            .output()
            .expect("child runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        reports(&String::from_utf8_lossy(&out.stdout))
    };
    assert_eq!(
        error.as_deref(),
        Some(ErrorCode::DiskFull.as_str()),
        "the writer stops with disk_full"
    );
    assert!(
        committed.len() > 20,
        "the disk filled only after real writes ({})",
        committed.len()
    );
    assert!(
        !dir.join("ballast").exists(),
        "the ballast was released to make room for recovery"
    );
    assert_all_intact(&dir, &committed);

    // Space returns: writes work again and the ballast comes back.
    assert!(run_quiet("mount", &["-o", "remount,size=16m", mount_path]));
    let vault = Vault::open(&dir).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE).unwrap();
    let entry = Entry {
        id: "after".into(),
        payload: payload_for("after"),
    };
    vault.write(|t| t.put(&entry)).expect("writes work again");
    assert!(dir.join("ballast").exists());
    drop(vault);
    let mut all = committed;
    all.push("after".into());
    assert_all_intact(&dir, &all);
}

#[test]
fn injected_io_errors_are_returned_and_the_vault_stays_readable() {
    if !run_quiet("strace", &["-V"]) {
        println!("SKIPPED io errors: strace(1) is not installed (the test command installs it)");
        return;
    }
    let scenarios = [
        ("pwrite64", "5"),
        ("pwrite64", "20+"),
        ("fsync", "3"),
        ("fsync", "10+"),
    ];
    for (syscall, when) in scenarios {
        let dir = tempfile::tempdir().unwrap();
        create_vault(dir.path());
        // Some committed history first, written without faults.
        let out = spawn_writer(dir.path(), "before", Some(10), None)
            .output()
            .unwrap();
        let (mut committed, error) = reports(&String::from_utf8_lossy(&out.stdout));
        assert_eq!((committed.len(), error), (10, None));

        let wrapper: Vec<String> = [
            "strace",
            "-f",
            "-qq",
            "-o",
            "/dev/null",
            "-e",
            &format!("inject={syscall}:error=EIO:when={when}"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let out = spawn_writer(dir.path(), "faulty", Some(50), Some(&wrapper))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{syscall}@{when}: {stderr}");
        let (faulty, error) = reports(&String::from_utf8_lossy(&out.stdout));
        if let Some(code) = &error {
            assert!(
                ["storage", "not_a_vault", "disk_full"].contains(&code.as_str()),
                "{syscall}@{when}: {code}"
            );
        }
        committed.extend(faulty);
        assert_all_intact(dir.path(), &committed);
        println!(
            "{syscall}@{when}: error {:?}; {} commits survived",
            error,
            committed.len()
        );
    }
}
