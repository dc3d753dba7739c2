//! The `--json` output of `analyze`, `plan` and `check`, pinned whole by snapshots so that any
//! change to what scripts and the web API read shows up in review. The tests in `cli` check
//! single fields of the same output.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct File {
    label: Vec<Label>,
}

#[derive(Deserialize)]
struct Label {
    id: String,
    product: String,
    step: String,
    text: String,
}

/// A golden label by id. The labels are kept once, with the knowledge base's golden tests.
fn golden(id: &str) -> Label {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../glasskin-kb/tests");
    for name in ["labels.toml", "labels_korean.toml"] {
        let text = std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("{name} is readable: {e}"));
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(label) = file.label.into_iter().find(|l| l.id == id) {
            return label;
        }
    }
    panic!("no golden label {id}");
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples")
        .join(name)
}

/// Runs `glasskin`, which must succeed, and reads its standard output as one JSON value.
fn json_of(cmd: &mut Command) -> Value {
    let output = cmd.env("NO_COLOR", "1").output().expect("glasskin runs");
    assert!(output.status.success(), "failed: {output:?}");
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn glasskin() -> Command {
    Command::cargo_bin("glasskin").expect("the glasskin binary is built")
}

/// Golden labels of different kinds: a sunscreen with a drug-facts panel and a name read by
/// similarity, a toner, a cleanser with a heading and semicolons, a Korean sunscreen with a nano
/// filter, a Korean balm with an item that names no ingredient, and a set of several products.
#[test]
fn analyze_json_of_golden_labels() {
    for id in [
        "eltamd-uv-clear-spf-46",
        "klairs-supple-preparation-unscented-toner",
        "cetaphil-gentle-skin-cleanser-classic",
        "beauty-of-joseon-relief-sun-rice-probiotics",
        "banila-co-clean-it-zero-cleansing-balm-original",
        "the-ordinary-the-daily-set",
    ] {
        let label = golden(id);
        let v = json_of(glasskin().args(["analyze", "--json", &label.text]));
        insta::with_settings!({ snapshot_suffix => id, description => label.text.trim() }, {
            insta::assert_json_snapshot!("analyze", v);
        });
    }
}

/// No golden label has a may-contain section, so this is the golden suite's own short one.
#[test]
fn analyze_json_of_a_may_contain_section() {
    let text =
        "Water, Glycerin, Phenoxyethanol. May Contain (+/-): Titanium Dioxide (CI 77891), Mica";
    let v = json_of(glasskin().args(["analyze", "--json", text]));
    insta::assert_json_snapshot!("analyze_may_contain", v);
}

/// A "lotion" that is a toner: the name and the declared step are in the output.
#[test]
fn analyze_json_with_a_name_and_a_declared_step() {
    let label = golden("hada-labo-gokujyun-hyaluronic-lotion");
    let v = json_of(glasskin().args([
        "analyze",
        "--json",
        "--name",
        &label.product,
        "--step",
        &label.step,
        &label.text,
    ]));
    insta::assert_json_snapshot!("analyze_named_with_step", v);
}

#[test]
fn plan_json_of_the_examples() {
    let v = json_of(
        glasskin()
            .args(["plan", "--json", "--profile"])
            .arg(example("profile.toml"))
            .arg("--shelf")
            .arg(example("shelf.toml")),
    );
    insta::assert_json_snapshot!("plan_examples", v);
}

#[test]
fn check_json_of_the_example_routine() {
    let v = json_of(
        glasskin()
            .args(["check", "--json"])
            .arg(example("routine.toml")),
    );
    insta::assert_json_snapshot!("check_example_routine", v);
}

/// The golden labels of `analyze_json_of_golden_labels` and the named toner, as batch input
/// lines, with the name where the golden file has one.
fn golden_batch_input() -> (Vec<Label>, String) {
    let ids = [
        "eltamd-uv-clear-spf-46",
        "klairs-supple-preparation-unscented-toner",
        "cetaphil-gentle-skin-cleanser-classic",
        "beauty-of-joseon-relief-sun-rice-probiotics",
        "banila-co-clean-it-zero-cleansing-balm-original",
        "the-ordinary-the-daily-set",
        "hada-labo-gokujyun-hyaluronic-lotion",
    ];
    let labels: Vec<Label> = ids.iter().map(|id| golden(id)).collect();
    let mut input = String::new();
    for label in &labels {
        let line =
            serde_json::json!({"id": label.id, "name": label.product, "ingredients": label.text});
        input.push_str(&line.to_string());
        input.push('\n');
    }
    (labels, input)
}

/// Runs `glasskin analyze --batch - [extra]` on `input`, which must succeed; one JSON value a line.
fn batch_of(input: &str, extra: &[&str]) -> Vec<Value> {
    let output = glasskin()
        .args(["analyze", "--batch", "-"])
        .args(extra)
        .write_stdin(input)
        .output()
        .expect("glasskin runs");
    assert!(output.status.success(), "failed: {output:?}");
    std::str::from_utf8(&output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// `--full` is the record `--batch` wrote before the lean one: the input's id, name and brand,
/// the first product's step and flags, then exactly what `analyze --json --name` prints (pinned
/// by the `analyze` snapshots), split into `analysis` and `understanding`.
#[test]
fn batch_full_is_the_whole_analysis_of_each_label() {
    let (labels, input) = golden_batch_input();
    let rows = batch_of(&input, &["--full"]);
    assert_eq!(rows.len(), labels.len());
    for (label, row) in labels.iter().zip(&rows) {
        let mut single =
            json_of(glasskin().args(["analyze", "--json", "--name", &label.product, &label.text]));
        let understanding = single
            .as_object_mut()
            .and_then(|o| o.remove("understanding"))
            .expect("an understanding");
        let mut keys: Vec<&str> = row
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "analysis",
                "category",
                "flags",
                "id",
                "name",
                "understanding"
            ],
            "{}",
            label.id
        );
        assert_eq!(row["id"], label.id.as_str());
        assert_eq!(row["name"], label.product.as_str());
        assert_eq!(row["analysis"], single, "{}", label.id);
        assert_eq!(row["understanding"], understanding, "{}", label.id);
        assert_eq!(row["category"], understanding[0]["step"]);
        assert_eq!(row["flags"], understanding[0]["flags"]);
    }
    insta::assert_json_snapshot!("batch_full_toner", rows[1]);
}

/// The lean record is the full one, projected as docs/json.md says, field by field; and its
/// whole shape is pinned for the golden labels.
#[test]
fn batch_lean_is_the_documented_projection_of_the_full_record() {
    let (labels, input) = golden_batch_input();
    let lean = batch_of(&input, &[]);
    let full = batch_of(&input, &["--full"]);
    assert_eq!(lean.len(), labels.len());
    for ((label, lean), full) in labels.iter().zip(&lean).zip(&full) {
        assert_eq!(lean, &project(full), "{}", label.id);
    }
    for (label, row) in labels.iter().zip(&lean) {
        insta::with_settings!({ snapshot_suffix => label.id.as_str() }, {
            insta::assert_json_snapshot!("batch_lean", row);
        });
    }
    // What the documented fields say of a few labels, read by a person.
    let daily_set = &lean[5];
    assert!(daily_set["products"].as_array().expect("lists").len() > 1);
    assert!(daily_set["products"][0]["title"].is_string());
    let sun = &lean[0]["products"][0];
    assert_eq!(lean[0]["category"], "sunscreen");
    assert!(
        sun["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .any(|e| e["flags"]
                .as_array()
                .is_some_and(|f| f.contains(&Value::from("uv_filter")))),
        "a sunscreen's filters carry the uv_filter key"
    );
}

/// The lean record as docs/json.md derives it from the full one.
fn project(full: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for key in ["id", "name", "brand"] {
        if let Some(v) = full.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    out.insert("category".into(), full["category"].clone());
    if let Some(flags) = full.get("flags").and_then(Value::as_object) {
        let mut lean = serde_json::Map::new();
        for (key, value) in flags {
            let empty = value.as_array().is_some_and(Vec::is_empty);
            if key != "eu_compliance" && !empty {
                lean.insert(key.clone(), value.clone());
            }
        }
        out.insert("flags".into(), Value::Object(lean));
    }
    let lists = full["analysis"]["products"].as_array().expect("lists");
    let products: Vec<Value> = lists
        .iter()
        .enumerate()
        .map(|(n, list)| {
            let mut lean = serde_json::Map::new();
            if !list["title"].is_null() {
                lean.insert("title".into(), list["title"].clone());
            }
            lean.insert("step".into(), full["understanding"][n]["step"].clone());
            lean.insert("one_percent_line".into(), list["one_percent_line"].clone());
            if let Some(from) = list.get("alphabetical_from") {
                lean.insert("alphabetical_from".into(), from.clone());
            }
            let entries = list["entries"].as_array().expect("entries");
            let entries: Vec<Value> = entries.iter().map(project_entry).collect();
            lean.insert("entries".into(), Value::Array(entries));
            Value::Object(lean)
        })
        .collect();
    out.insert("products".into(), Value::Array(products));
    Value::Object(out)
}

fn project_entry(entry: &Value) -> Value {
    let mut lean = serde_json::Map::new();
    lean.insert("position".into(), entry["position"].clone());
    lean.insert("inci".into(), entry["inci"].clone());
    if entry["inci"].is_null() {
        lean.insert("raw".into(), entry["raw"].clone());
    }
    lean.insert("matched".into(), entry["matched"].clone());
    if let Some(percent) = entry.get("percent") {
        lean.insert("percent".into(), percent.clone());
    }
    lean.insert("one_percent".into(), entry["one_percent"].clone());
    if let Some(may) = entry.get("may_contain") {
        lean.insert("may_contain".into(), may.clone());
    }
    if entry["classes"].as_array().is_some_and(|c| !c.is_empty()) {
        lean.insert("classes".into(), entry["classes"].clone());
    }
    let flags = entry["flags"].as_object().expect("flags");
    if !flags.is_empty() {
        let order = [
            "eu_allergen",
            "prohibited",
            "restricted",
            "fungal_acne",
            "comedogenic",
            "uv_filter",
        ];
        let keys: Vec<Value> = order
            .iter()
            .filter(|k| flags.contains_key(**k))
            .map(|k| Value::from(*k))
            .collect();
        assert_eq!(
            keys.len(),
            flags.len(),
            "an entry flag not documented: {flags:?}"
        );
        lean.insert("flags".into(), Value::Array(keys));
    }
    Value::Object(lean)
}
