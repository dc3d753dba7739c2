//! The OpenAPI document checked by real validators: `openapi-spec-validator` (PyPI), which
//! `.ci/run` installs, checks the document, and the JSON Schema validator it is built on
//! (Python's `jsonschema`) checks what the API answers against the schemas the document gives.
//! Without them the tests are skipped with a note, unless the run requires them:
//! `GLASSKIN_REQUIRE_OPENAPI_VALIDATOR=1` (set by `.ci/run`) or `CI` set, as on a CI machine.
//! `GLASSKIN_KEEP_OPENAPI=FILE` keeps a copy of the document checked.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

use crate::support::{
    App, BHA_LIQUID, CLEANSER, CREAM, HYDRATING_TONER, SUNSCREEN, error_code, shelve,
};

/// Whether this run must not skip the checks.
fn required() -> bool {
    std::env::var_os("GLASSKIN_REQUIRE_OPENAPI_VALIDATOR").is_some_and(|v| v == "1")
        || std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Fails a run that requires the tool, and otherwise says the check was skipped: a machine with
/// only Rust still passes `cargo test --workspace`, and CI can never skip the check.
fn missing(what: &str) {
    assert!(
        !required(),
        "{what} not found, and this run requires it (CI or \
         GLASSKIN_REQUIRE_OPENAPI_VALIDATOR=1): pip install openapi-spec-validator, as .ci/run \
         does, or set GLASSKIN_OPENAPI_VALIDATOR to the program"
    );
    // Straight to stderr: the test harness hides what a passing test prints with eprintln!.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: OpenAPI validation: {what} not found; pip install openapi-spec-validator, or \
         set CI or GLASSKIN_REQUIRE_OPENAPI_VALIDATOR=1 to make this a failure"
    );
}

/// The validator's program: `GLASSKIN_OPENAPI_VALIDATOR`, or `openapi-spec-validator` on the
/// `PATH`.
fn validator() -> Option<PathBuf> {
    let found = match std::env::var_os("GLASSKIN_OPENAPI_VALIDATOR") {
        Some(path) => Some(PathBuf::from(path)),
        None => std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|dir| dir.join("openapi-spec-validator"))
            .find(|path| path.is_file()),
    };
    if found.is_none() {
        missing("openapi-spec-validator");
    }
    found
}

/// `python3`, when it has `jsonschema` (which `openapi-spec-validator` installs).
fn python_with_jsonschema() -> Option<&'static str> {
    let has = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !has {
        missing("python3 with jsonschema");
    }
    has.then_some("python3")
}

/// The document the app serves, also kept where `GLASSKIN_KEEP_OPENAPI` says.
fn document(app: &App) -> String {
    let (status, text) = app.get("/api/openapi.json");
    assert_eq!(status, 200);
    if let Some(keep) = std::env::var_os("GLASSKIN_KEEP_OPENAPI") {
        std::fs::write(keep, &text).expect("keeps the document");
    }
    text
}

/// A file of this test run's in the temporary directory.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("glasskin-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("writes a temporary file");
    path
}

fn run(command: &mut Command, files: &[&Path]) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    for file in files {
        let _ = std::fs::remove_file(file);
    }
    output
}

/// The document `/api/openapi.json` serves is valid OpenAPI 3.1 by an independent validator:
/// every response described, parameters where they are, every `$ref` resolved.
#[test]
fn the_openapi_document_passes_a_real_validator() {
    let Some(validator) = validator() else {
        return;
    };
    let app = App::start("openapi-validator");
    let path = temp_file("openapi.json", &document(&app));
    let output = run(Command::new(&validator).arg(&path), &[&path]);
    assert!(
        output.status.success(),
        "openapi-spec-validator refuses /api/openapi.json:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Checks each answer against the schema named beside it, as JSON Schema 2020-12 (OpenAPI 3.1's
/// dialect), printing each error; exits 1 on any.
const CHECK_ANSWERS: &str = r##"
import json, sys, jsonschema
doc = json.load(open(sys.argv[1]))
answers = json.load(open(sys.argv[2]))
defs = json.loads(json.dumps(doc["components"]["schemas"]).replace("#/components/schemas/", "#/$defs/"))
failed = False
for schema, answer in answers:
    check = jsonschema.Draft202012Validator({"$defs": defs, "$ref": "#/$defs/" + schema})
    for error in check.iter_errors(answer):
        failed = True
        print(f"{schema}: {error.message} at {list(error.absolute_path)}")
sys.exit(1 if failed else 0)
"##;

/// What the API answers is what its schemas say, for the analysis, the plan (made and kept),
/// the insights, the shelf and the tips: a client generated from the document reads them.
#[test]
fn what_the_api_answers_matches_the_documented_schemas() {
    let Some(python) = python_with_jsonschema() else {
        return;
    };
    let app = App::start("openapi-answers");
    let mut answers: Vec<(&str, Value)> = Vec::new();
    let label = "Ingredients: Water, Zinc Oxide 14%, Glycolic Acid, Retinol, Limonene, Parfum. \
                 May contain: CI 77491. Free from parabens.";
    let (status, analysis) = app.send(
        "POST",
        "/api/analyze",
        &json!({"text": label, "name": "Sun Fluid SPF 50"}).to_string(),
    );
    assert_eq!(status, 200, "{analysis}");
    answers.push(("AnalysisReport", analysis));
    let (_, batch) = app.send(
        "POST",
        "/api/analyze/batch",
        &json!([label, ""]).to_string(),
    );
    for report in batch.as_array().expect("an array") {
        answers.push(("AnalysisReport", report.clone()));
    }

    app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "oily", "concerns": ["acne"]}).to_string(),
    );
    shelve(
        &app,
        &[
            ("Cleanser", CLEANSER),
            ("Cream", CREAM),
            ("Sunscreen SPF 50", SUNSCREEN),
            ("BHA Liquid", BHA_LIQUID),
            ("Hydrating Toner", HYDRATING_TONER),
            ("Retinol Serum", "Water, Retinol, Glycerin"),
        ],
    );
    let (status, plan) = app.send("POST", "/api/plan", &json!({"save": true}).to_string());
    assert_eq!(status, 200, "{plan}");
    answers.push(("PlanResponse", plan));
    let (_, kept) = app.call("GET", "/api/plan");
    answers.push(("SavedPlan", kept));
    let (_, products) = app.call("GET", "/api/products");
    for product in products.as_array().expect("an array") {
        answers.push(("ProductOnShelf", product.clone()));
    }
    for day in 1..=20 {
        let date = format!("2026-11-{day:02}");
        app.send(
            "POST",
            "/api/diary",
            &json!({"date": date, "hydration": day % 5 + 1, "oiliness": 3}).to_string(),
        );
        app.send(
            "POST",
            "/api/lifestyle",
            &json!({"date": date, "sleep_hours": 5 + day % 4}).to_string(),
        );
    }
    let (_, insights) = app.call("GET", "/api/insights");
    answers.push(("InsightsReport", insights));
    let routine = json!({
        "profile": {"pregnant": true},
        "product": [
            {"id": "serum", "ingredients": "Squalane, Retinol"},
            {"id": "cream", "ingredients": CREAM},
        ],
        "session": [{"time": "pm", "products": ["serum", "cream"]}],
    });
    let (status, check) = app.send("POST", "/api/check", &routine.to_string());
    assert_eq!(status, 200, "{check}");
    answers.push(("CheckReport", check));
    let (_, tips) = app.call("GET", "/api/tips?topic=sleep");
    answers.push(("Tip", tips[0].clone()));
    let (_, refused) = app.call("GET", "/api/products/999");
    assert_eq!(error_code(&refused), "not_found");
    answers.push(("ErrorBody", refused));

    let doc = temp_file("openapi-answers.json", &document(&app));
    let answers = temp_file(
        "answers.json",
        &serde_json::to_string(&answers).expect("JSON"),
    );
    let output = run(
        Command::new(python)
            .args(["-c", CHECK_ANSWERS])
            .arg(&doc)
            .arg(&answers),
        &[&doc, &answers],
    );
    assert!(
        output.status.success(),
        "answers that do not match their schemas:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
