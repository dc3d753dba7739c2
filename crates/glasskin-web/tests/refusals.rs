//! Values the app or the store refuses, through every door of the web crate: the API answers
//! 422 naming the field (409 for a step out of turn), the pages show the app's sentence with
//! 422, and nothing is stored.

use serde_json::{Value, json};

use crate::support::{App, CREAM, error_code, shelve};

fn message(body: &Value) -> &str {
    body["error"]["message"].as_str().unwrap_or("")
}

#[test]
fn profile_values_are_refused_naming_the_field() {
    let app = App::start("refuse-profile");
    for (profile, field) in [
        (
            json!({"skin_type": "dry", "concerns": ["wrinkles"]}),
            "concerns",
        ),
        (
            json!({"skin_type": "dry", "makeup_days": [9]}),
            "makeup_days",
        ),
        (json!({"skin_type": "dry", "short_days": [7]}), "short_days"),
        (
            json!({"skin_type": "dry", "retinoid_started": "2999-01-01"}),
            "retinoid_started",
        ),
    ] {
        let (status, body) = app.send("PUT", "/api/profile", &profile.to_string());
        assert_eq!(status, 422, "{profile}: {body}");
        assert_eq!(error_code(&body), "invalid", "{body}");
        assert!(message(&body).contains(field), "{field}: {body}");
    }
    assert_eq!(app.get("/api/profile").0, 404, "nothing saved");

    // The page reads concerns with the app's parser and shows its sentence.
    let origin = format!("http://{}", app.addr);
    let (status, html) = app.form(
        "/profile",
        "skin_type=dry&concern=Fine+lines&concern=wrinkles",
        Some(&origin),
    );
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("concern: unknown value “wrinkles”"), "{html}");
    assert!(html.contains("role=\"alert\""), "shown on the page: {html}");
    assert_eq!(app.get("/api/profile").0, 404, "nothing saved");
    let (status, html) = app.form(
        "/profile",
        "skin_type=dry&concern=Fine+lines",
        Some(&origin),
    );
    assert_eq!(status, 200, "{html}");
    let (_, profile) = app.call("GET", "/api/profile");
    assert_eq!(profile["concerns"], json!(["fine_lines"]));
}

#[test]
fn a_future_opening_is_refused_by_post_and_patch() {
    let app = App::start("refuse-future");
    let future = json!({"name": "Cream", "label": CREAM, "opened": "2999-01-01"});
    let (status, body) = app.send("POST", "/api/products", &future.to_string());
    assert_eq!(status, 422, "{body}");
    assert!(message(&body).contains("opened"), "{body}");
    assert_eq!(app.get("/api/products").1, "[]", "nothing added");

    shelve(&app, &[("Cream", CREAM)]);
    let (status, body) = app.send("PATCH", "/api/products/1", r#"{"opened": "2999-01-01"}"#);
    assert_eq!(status, 422, "{body}");
    assert!(message(&body).contains("in the future"), "{body}");
    let (_, product) = app.call("GET", "/api/products/1");
    assert_eq!(product["opened"], Value::Null, "nothing changed");
}

#[test]
fn a_stop_without_a_reason_is_refused_by_the_api_and_the_page() {
    let app = App::start("refuse-stop");
    let origin = format!("http://{}", app.addr);
    shelve(&app, &[("Cream", CREAM)]);
    for change in [
        r#"{"status": "stopped"}"#,
        r#"{"status": "stopped", "reason": "  "}"#,
    ] {
        let (status, body) = app.send("PATCH", "/api/products/1", change);
        assert_eq!(status, 422, "{change}: {body}");
        assert!(message(&body).starts_with("reason: say why"), "{body}");
    }
    let (status, html) = app.form("/shelf/1", "action=stop", Some(&origin));
    assert_eq!(status, 422);
    assert!(
        html.contains("reason: say why"),
        "the same sentence: {html}"
    );
    let (_, product) = app.call("GET", "/api/products/1");
    assert_eq!(product["status"], "unopened", "nothing changed");
    // A product that is not there is a refusal the page shows (404), not a server error.
    let (status, html) = app.form("/shelf/99", "action=finish", Some(&origin));
    assert_eq!(status, 404);
    assert!(html.contains("no product #99"), "{html}");
}

#[test]
fn vocabularies_are_read_by_the_app_and_named_when_refused() {
    let app = App::start("refuse-words");
    let (status, body) = app.send(
        "POST",
        "/api/checkoffs",
        &json!({"time": "noon", "product_id": 1}).to_string(),
    );
    assert_eq!(status, 422);
    assert_eq!(error_code(&body), "invalid");
    assert!(
        message(&body).starts_with("time: unknown value `noon`"),
        "{body}"
    );
    let (status, body) = app.send(
        "POST",
        "/api/patch-tests/check",
        &json!({"reaction": "tingles"}).to_string(),
    );
    assert_eq!(status, 422);
    assert!(
        message(&body).starts_with("reaction: unknown value"),
        "{body}"
    );
    let (status, body) = app.send("PATCH", "/api/products/1", r#"{"status": "lost"}"#);
    assert_eq!(status, 422);
    assert_eq!(
        error_code(&body),
        "invalid",
        "a value outside its vocabulary"
    );
    assert!(message(&body).contains("status"), "names the field: {body}");
    // A patch check with no test running is out of turn, not a bad value.
    let (status, body) = app.send(
        "POST",
        "/api/patch-tests/check",
        &json!({"reaction": "none"}).to_string(),
    );
    assert_eq!((status, error_code(&body)), (409, "conflict"), "{body}");
    // The Today page's form: a session that is not am or pm.
    let origin = format!("http://{}", app.addr);
    let (status, html) = app.form("/today", "time=noon", Some(&origin));
    assert_eq!(status, 422);
    assert!(html.contains("time: unknown value “noon”"), "{html}");
}

#[test]
fn not_yet_errors_carry_the_api_hint() {
    let app = App::start("refuse-hints");
    let (status, body) = app.send("POST", "/api/plan", "{}");
    assert_eq!((status, error_code(&body)), (409, "no_profile"));
    assert!(message(&body).ends_with("(PUT /api/profile)"), "{body}");
    let (status, body) = app.call("GET", "/api/today");
    assert_eq!((status, error_code(&body)), (409, "no_plan"));
    assert!(
        message(&body).ends_with("(POST /api/plan with save)"),
        "{body}"
    );
}

#[test]
fn a_checkoff_is_only_for_a_step_the_kept_plan_sets() {
    let app = App::start("refuse-ticks");
    shelve(&app, &[("Cream", CREAM)]);
    let tick = |body: Value| app.send("POST", "/api/checkoffs", &body.to_string());
    let (status, body) = tick(json!({"time": "am", "product_id": 1}));
    assert_eq!((status, error_code(&body)), (409, "no_plan"), "{body}");
    let (status, _) = app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "dry"}).to_string(),
    );
    assert_eq!(status, 200);
    let (status, _) = app.send("POST", "/api/plan", &json!({"save": true}).to_string());
    assert_eq!(status, 200);
    let (status, body) = tick(json!({"date": "1999-01-01", "time": "pm", "product_id": 1}));
    assert_eq!(status, 422, "{body}");
    assert!(
        message(&body).contains("is not planned for 1999-01-01"),
        "{body}"
    );
    // A product that is not on the shelf is not there (404), as the product's own route says.
    let (status, body) = tick(json!({"time": "pm", "product_id": 42}));
    assert_eq!((status, error_code(&body)), (404, "not_found"), "{body}");
    let (status, body) = tick(json!({"time": "pm", "product_id": 1}));
    assert_eq!(status, 204, "{body}");
}

#[test]
fn routing_refusals_are_json_with_a_code_and_the_reason() {
    let app = App::start("refuse-routing");
    let (status, body) = app.call("GET", "/api/products/abc");
    assert_eq!((status, error_code(&body)), (400, "invalid"), "{body}");
    assert!(
        message(&body).contains("abc"),
        "says what could not be read: {body}"
    );
    let (status, body) = app.call("DELETE", "/api/profile");
    assert_eq!(
        (status, error_code(&body)),
        (405, "method_not_allowed"),
        "{body}"
    );
    assert!(message(&body).contains("DELETE"), "{body}");
}
