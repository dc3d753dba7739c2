//! The `glasskin` binary, run as a user runs it.

use assert_cmd::Command;

fn glasskin() -> Command {
    let mut cmd = Command::cargo_bin("glasskin").expect("the glasskin binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("glasskin runs");
    assert!(output.status.success(), "failed: {output:?}");
    String::from_utf8(output.stdout).expect("utf-8 output")
}

fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).expect("valid JSON")
}

#[test]
fn analyzes_text_as_a_table() {
    let out =
        stdout_of(glasskin().args(["analyze", "Aqua, Glycerin, Niacinamide 10%, Phenoxyethanol"]));
    assert!(out.contains("NIACINAMIDE"), "{out}");
    assert!(out.contains("10% on label"), "{out}");
    assert!(out.contains("The 1% line is estimated at #4"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour when not a terminal: {out}"
    );
}

#[test]
fn json_is_one_object_with_entries_and_diagnostics() {
    let v = json_of(glasskin().args([
        "analyze",
        "--json",
        "Ingredients: Water, Glycerin, Glycrin. Directions: apply daily.",
    ]));
    let entries = v["products"][0]["entries"].as_array().expect("entries");
    assert_eq!(entries[0]["inci"], "WATER");
    assert_eq!(entries[2]["matched"], "fuzzy");
    assert_eq!(entries[2]["inci"], "GLYCERIN");
    let kinds: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"dropped_prose"), "{kinds:?}");
    assert!(kinds.contains(&"fuzzy_match"), "{kinds:?}");
}

#[test]
fn reads_stdin_and_files() {
    let out = stdout_of(
        glasskin()
            .args(["analyze"])
            .write_stdin("Squalane, Tocopherol"),
    );
    assert!(out.contains("SQUALANE"), "{out}");

    let dir = tempdir();
    let path = dir.join("label.txt");
    std::fs::write(&path, "Salicylic Acid 2%, Water").expect("write label");
    let out = stdout_of(glasskin().args(["analyze", "--file"]).arg(&path));
    assert!(out.contains("SALICYLIC ACID"), "{out}");
}

#[test]
fn unreadable_file_is_a_clear_error() {
    let output = glasskin()
        .args(["analyze", "--file", "/nonexistent/label.txt"])
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("cannot read the label file /nonexistent/label.txt"),
        "{err}"
    );
}

#[test]
fn bad_usage_exits_2() {
    let output = glasskin()
        .args(["analyze", "--output", "x.jsonl"])
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn batch_keeps_order_and_reports_bad_lines() {
    let dir = tempdir();
    let input = dir.join("in.jsonl");
    let output = dir.join("out.jsonl");
    let mut lines = String::new();
    for n in 0..50 {
        lines.push_str(&format!(
            "{{\"id\": {n}, \"name\": \"Toner {n}\", \"ingredients\": \"Water, Butylene Glycol, Glycolic Acid\"}}\n"
        ));
    }
    lines.push_str("{\"id\": \"broken\", \"ingredients\": 42}\n");
    lines.push_str("not json at all\n");
    std::fs::write(&input, lines).expect("write input");

    let status = glasskin()
        .args(["analyze", "--batch"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .expect("glasskin runs");
    assert_eq!(status.status.code(), Some(3), "bad lines give exit code 3");

    let out = std::fs::read_to_string(&output).expect("output written");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(rows.len(), 52);
    for (n, row) in rows.iter().take(50).enumerate() {
        assert_eq!(row["id"], n);
        assert_eq!(
            row["analysis"]["products"][0]["entries"][2]["inci"],
            "GLYCOLIC ACID"
        );
    }
    assert_eq!(rows[50]["id"], "broken");
    assert_eq!(rows[50]["error"]["line"], 51);
    assert!(
        rows[51]["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("invalid input line"))
    );
}

/// A fresh directory under the target dir, so tests do not share files.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "glasskin-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

#[test]
fn several_products_and_a_may_contain_section() {
    let v = json_of(glasskin().args([
        "analyze",
        "--json",
        "Cleanser: Water, Glycerin, Sodium Cocoyl Glutamate.\nToner: Water, Butylene Glycol, Mica\n[+/- CI 77891, CI 77491]",
    ]));
    let products = v["products"].as_array().expect("products");
    assert_eq!(products.len(), 2);
    assert_eq!(products[0]["title"], "Cleanser");
    let toner = products[1]["entries"].as_array().expect("toner entries");
    let last = &toner[toner.len() - 1];
    assert_eq!(last["inci"], "CI 77491");
    assert_eq!(last["may_contain"], true);
    assert_eq!(last["one_percent"], "below");
    assert!(
        toner[2].get("may_contain").is_none(),
        "Mica is in every batch"
    );
}
