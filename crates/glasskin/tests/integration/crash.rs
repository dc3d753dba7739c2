//! Reliability: writers killed with SIGKILL mid-write lose nothing they reported as saved, and
//! the database stays consistent.

#![cfg(unix)]

use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn killed_writers_lose_nothing_committed() {
    let dir = std::env::temp_dir().join(format!("glasskin-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("glasskin.db");
    let bin = assert_cmd::cargo::cargo_bin("glasskin");
    let add = |n: usize| {
        Command::new(&bin)
            .env("GLASSKIN_DB", &db)
            .env("NO_COLOR", "1")
            .args(["shelf", "add", "--name", &format!("Product {n}")])
            .arg("Water, Glycerin, Butylene Glycol, Sodium Hyaluronate, Panthenol, Phenoxyethanol")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("glasskin starts")
    };
    // Create the database first, so every writer below races on an existing file, and time a
    // whole run so the kills below spread over it whatever the machine's speed.
    let started = std::time::Instant::now();
    assert!(add(0).wait().expect("runs").success());
    let run = started.elapsed().max(Duration::from_millis(2));
    let mut confirmed = vec!["Product 0".to_owned()];
    for n in 1..=60 {
        let mut child = add(n);
        // Kill at a different moment each time: from the start to well past a whole run.
        std::thread::sleep(run.mul_f64(((n * 37) % 61) as f64 / 30.0));
        let _ = child.kill();
        let output = child.wait_with_output().expect("reaped");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if stdout.contains(&format!("Product {n}:")) {
            confirmed.push(format!("Product {n}"));
        }
    }
    let conn = rusqlite::Connection::open(&db).expect("opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("checks");
    assert_eq!(check, "ok");
    let mut stmt = conn.prepare("SELECT name FROM product").expect("query");
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("names");
    for name in &confirmed {
        assert!(
            names.contains(name),
            "{name} was reported saved but is gone"
        );
    }
    // The store still opens and works after all that.
    let out = Command::new(&bin)
        .env("GLASSKIN_DB", &db)
        .args(["shelf", "list"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    eprintln!(
        "{} of 61 writers confirmed before the kill; {} rows",
        confirmed.len(),
        names.len()
    );
    assert!(
        confirmed.len() > 1,
        "some writers finished: {}",
        confirmed.len()
    );
}
