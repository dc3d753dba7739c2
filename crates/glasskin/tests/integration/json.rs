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
