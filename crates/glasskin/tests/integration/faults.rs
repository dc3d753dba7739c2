//! The database under faults, through the binary: processes creating one new file at once, a
//! `--db` in a directory that does not exist, files glasskin must refuse or may only read, and
//! processes killed while they create the file.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("glasskin-faults-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn glasskin(db: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("glasskin"));
    cmd.env_remove("GLASSKIN_DB")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db);
    cmd
}

fn log_diary(db: &Path) -> Command {
    let mut cmd = glasskin(db);
    cmd.args(["log", "diary", "--date", "2026-12-01", "--hydration", "3"]);
    cmd
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("sqlite opens it");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("checks")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn processes_creating_one_new_database_at_once_all_succeed() {
    const PROCESSES: usize = 8;
    let dir = temp_dir("race");
    let mut failures = Vec::new();
    for round in 0..5 {
        let db = dir.join(format!("new-{round}.db"));
        let children: Vec<_> = (0..PROCESSES)
            .map(|_| {
                log_diary(&db)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("glasskin starts")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("runs");
            if !output.status.success() {
                failures.push(format!("round {round}: {}", stderr(&output)));
            }
        }
        assert_eq!(integrity(&db), "ok");
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_db_in_a_directory_that_does_not_exist_is_refused_and_nothing_is_created() {
    let dir = temp_dir("missing");
    let missing = dir.join("no").join("such");
    let output = glasskin(&missing.join("x.db"))
        .args(["shelf", "list"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains(&missing.display().to_string()), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!dir.join("no").exists(), "no directory was created");
}

#[test]
fn a_newer_rollback_journal_database_is_refused_byte_identical() {
    let dir = temp_dir("newer");
    let db = dir.join("newer.db");
    assert!(log_diary(&db).output().expect("runs").status.success());
    {
        let conn = rusqlite::Connection::open(&db).expect("opens");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("leaves WAL");
        conn.pragma_update(None, "user_version", 99).expect("bumps");
    }
    let before = std::fs::read(&db).expect("reads");
    let output = glasskin(&db)
        .args(["shelf", "list"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("newer glasskin"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&db).expect("reads"), before, "unchanged");
}

#[test]
fn a_read_only_database_is_listed_and_exported_and_a_write_says_why_it_failed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("read-only");
    let db = dir.join("glasskin.db");
    assert!(log_diary(&db).output().expect("runs").status.success());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    if std::fs::OpenOptions::new().append(true).open(&db).is_ok() {
        eprintln!("skipped: this user writes a read-only file");
        return;
    }
    let before = std::fs::read(&db).expect("reads");
    let list = glasskin(&db)
        .args(["shelf", "list"])
        .output()
        .expect("runs");
    assert!(list.status.success(), "{}", stderr(&list));
    let export = glasskin(&db).arg("export").output().expect("runs");
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(String::from_utf8_lossy(&export.stdout).contains("2026-12-01"));
    let write = glasskin(&db)
        .args(["log", "diary", "--date", "2026-12-02", "--hydration", "4"])
        .output()
        .expect("runs");
    assert_eq!(write.status.code(), Some(1), "{}", stderr(&write));
    assert!(
        stderr(&write).contains("the database file is read-only"),
        "{}",
        stderr(&write)
    );
    assert!(!stderr(&write).contains("panicked"), "{}", stderr(&write));
    assert_eq!(std::fs::read(&db).expect("reads"), before, "unchanged");
}

#[test]
fn processes_killed_while_they_create_the_database_leave_it_sound() {
    let dir = temp_dir("killed");
    // How long one run takes, so the kills below spread over the creation.
    let started = std::time::Instant::now();
    assert!(
        log_diary(&dir.join("timing.db"))
            .output()
            .expect("runs")
            .status
            .success()
    );
    let run = started.elapsed().max(Duration::from_millis(2));
    for n in 0..20 {
        let db = dir.join(format!("new-{n}.db"));
        let mut children: Vec<_> = (0..3)
            .map(|_| {
                log_diary(&db)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("glasskin starts")
            })
            .collect();
        std::thread::sleep(run.mul_f64(f64::from(n) / 20.0));
        for child in &mut children {
            let _ = child.kill();
        }
        for mut child in children {
            let _ = child.wait();
        }
        // Whatever moment they died at, the next run sets up or uses the file.
        let output = log_diary(&db).output().expect("runs");
        assert!(
            output.status.success(),
            "after kill {n}: {}",
            stderr(&output)
        );
        assert_eq!(integrity(&db), "ok");
    }
}

/// The diary rows of `db`.
fn diary_rows(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("opens");
    conn.query_row("SELECT count(*) FROM diary", [], |r| r.get(0))
        .expect("counts")
}

#[test]
fn imports_killed_mid_write_leave_the_old_data_or_the_new_whole() {
    let dir = temp_dir("killed-import");
    let db = dir.join("glasskin.db");
    assert!(log_diary(&db).output().expect("runs").status.success());
    let export = glasskin(&db).arg("export").output().expect("runs");
    assert!(export.status.success());
    let mut doc: serde_json::Value = serde_json::from_slice(&export.stdout).expect("JSON");
    let day = doc["diary"][0].clone();
    // Two documents, a long diary and a short one, imported in turn: each import replaces
    // everything in one transaction, so the diary always holds one of the two, whole.
    let start = jiff::civil::date(2025, 1, 1);
    let long: Vec<serde_json::Value> = (0..300)
        .map(|n| {
            let mut entry = day.clone();
            entry["date"] = start
                .checked_add(jiff::Span::new().days(n))
                .expect("a date")
                .to_string()
                .into();
            entry
        })
        .collect();
    let mut files = Vec::new();
    for (name, diary) in [("long.json", long), ("short.json", vec![day.clone()])] {
        doc["diary"] = serde_json::Value::Array(diary);
        let file = dir.join(name);
        std::fs::write(&file, doc.to_string()).expect("writes");
        files.push(file);
    }
    let import = |file: &Path| {
        let mut cmd = glasskin(&db);
        cmd.arg("import").arg(file);
        cmd
    };
    let started = std::time::Instant::now();
    assert!(import(&files[0]).output().expect("runs").status.success());
    let run = started.elapsed().max(Duration::from_millis(2));
    assert_eq!(diary_rows(&db), 300);
    let mut before = 300;
    let mut finished = 0;
    for n in 0..24_u32 {
        let (file, after) = if n % 2 == 0 {
            (&files[1], 1)
        } else {
            (&files[0], 300)
        };
        let mut child = import(file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("glasskin starts");
        std::thread::sleep(run.mul_f64(f64::from(n % 12) / 8.0));
        let _ = child.kill();
        let output = child.wait_with_output().expect("reaped");
        let reported = String::from_utf8_lossy(&output.stdout).contains("restored");
        assert_eq!(integrity(&db), "ok", "after kill {n}");
        let rows = diary_rows(&db);
        if reported {
            finished += 1;
            assert_eq!(rows, after, "kill {n}: a reported import is all there");
        } else {
            assert!(rows == before || rows == after, "kill {n}: {rows} rows");
        }
        before = rows;
    }
    eprintln!("{finished} of 24 imports finished before the kill");
}
