//! The OpenAPI document checked by a real validator: `openapi-spec-validator` (PyPI), which
//! `.ci/run` installs. Without it the test is skipped with a note, unless the run requires it:
//! `GLASSKIN_REQUIRE_OPENAPI_VALIDATOR=1` (set by `.ci/run`) or `CI` set, as on a CI machine.
//! `GLASSKIN_KEEP_OPENAPI=FILE` keeps a copy of the document checked.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;

use crate::support::App;

/// The validator's program: `GLASSKIN_OPENAPI_VALIDATOR`, or `openapi-spec-validator` on the
/// `PATH`.
fn find_validator() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("GLASSKIN_OPENAPI_VALIDATOR") {
        return Some(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("openapi-spec-validator"))
        .find(|path| path.is_file())
}

/// The validator, or `None` when it is missing and the run does not require it: a machine with
/// only Rust still passes `cargo test --workspace`, and CI can never skip the check.
fn validator() -> Option<PathBuf> {
    if let Some(found) = find_validator() {
        return Some(found);
    }
    let required = std::env::var_os("GLASSKIN_REQUIRE_OPENAPI_VALIDATOR").is_some_and(|v| v == "1")
        || std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    assert!(
        !required,
        "openapi-spec-validator not found, and this run requires it (CI or \
         GLASSKIN_REQUIRE_OPENAPI_VALIDATOR=1): pip install openapi-spec-validator, as .ci/run \
         does, or set GLASSKIN_OPENAPI_VALIDATOR to the program"
    );
    // Straight to stderr: the test harness hides what a passing test prints with eprintln!.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: OpenAPI validation: openapi-spec-validator not found; pip install \
         openapi-spec-validator, or set CI or GLASSKIN_REQUIRE_OPENAPI_VALIDATOR=1 to make this \
         a failure"
    );
    None
}

/// The document `/api/openapi.json` serves is valid OpenAPI 3.1 by an independent validator:
/// every response described, parameters where they are, every `$ref` resolved.
#[test]
fn the_openapi_document_passes_a_real_validator() {
    let Some(validator) = validator() else {
        return;
    };
    let app = App::start("openapi-validator");
    let (status, text) = app.get("/api/openapi.json");
    assert_eq!(status, 200);
    let path = std::env::temp_dir().join(format!("glasskin-openapi-{}.json", std::process::id()));
    std::fs::write(&path, &text).expect("writes the document");
    if let Some(keep) = std::env::var_os("GLASSKIN_KEEP_OPENAPI") {
        std::fs::write(keep, &text).expect("keeps the document");
    }
    let output = Command::new(&validator)
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", validator.display()));
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "openapi-spec-validator refuses /api/openapi.json:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
