//! The JSON API through the router: every resource, bad input answered with a clear 4xx and
//! nothing stored, and the OpenAPI document matching the routes.

use serde_json::{Value, json};

use crate::support::{App, CLEANSER, CREAM, SUNSCREEN, error_code, shelve};

#[test]
fn analyze_api_and_its_bad_input() {
    let app = App::start("analyze");
    let (status, body) = app.send(
        "POST",
        "/api/analyze",
        &json!({"text": "Water, Butylene Glycol, Glycolic Acid, Phenoxyethanol", "name": "Glow Toner"}).to_string(),
    );
    assert_eq!(status, 200);
    assert_eq!(body["products"][0]["entries"][2]["inci"], "GLYCOLIC ACID");
    assert_eq!(body["understanding"][0]["step"], "exfoliant");

    let (status, body) = app.send("POST", "/api/analyze", "{not json");
    assert_eq!(status, 400);
    assert_eq!(error_code(&body), "bad_json");
    let (status, body) = app.send("POST", "/api/analyze", &json!({"text": 42}).to_string());
    assert_eq!(status, 422, "wrong type");
    assert_eq!(error_code(&body), "bad_json");
    let (status, body) = app.send(
        "POST",
        "/api/analyze",
        &json!({"text": "Water", "step": "potion"}).to_string(),
    );
    assert_eq!(status, 422);
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("potion"))
    );
    // An oversized body: `server::a_body_over_the_limit_is_refused_before_it_is_read`.
    let (status, body) = app.send("POST", "/api/nothing", "{}");
    assert_eq!(status, 404);
    assert_eq!(error_code(&body), "not_found");
}

#[test]
fn profile_and_products_api() {
    let app = App::start("shelf");
    let (status, body) = app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "shiny"}).to_string(),
    );
    assert_eq!(status, 422);
    assert_eq!(error_code(&body), "invalid");
    let (status, _) = app.get("/api/profile");
    assert_eq!(status, 404, "nothing stored by the bad request");
    let (status, body) = app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "dry", "concerns": ["dehydration"]}).to_string(),
    );
    assert_eq!(status, 200, "{body}");
    let (_, profile) = app.get("/api/profile");
    assert!(profile.contains("dehydration"), "{profile}");

    let (status, created) = app.send(
        "POST",
        "/api/products",
        &json!({"name": "Toner", "label": "Water, Glycerin", "pao_months": 12}).to_string(),
    );
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let (status, _) = app.send(
        "POST",
        "/api/products",
        &json!({"name": "", "label": "Water"}).to_string(),
    );
    assert_eq!(status, 422);
    let (status, list) = app.get("/api/products");
    assert_eq!(status, 200);
    let list: Value = serde_json::from_str(&list).expect("json");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "the bad product was not stored"
    );
    let (status, _) = app.get(&format!("/api/products/{id}"));
    assert_eq!(status, 200);
    let (status, _) = app.get("/api/products/9999");
    assert_eq!(status, 404);
    let (status, _) = app.get("/api/products/not-a-number");
    assert_eq!(status, 400);

    // What happens to a product over its life.
    let path = format!("/api/products/{id}");
    let (status, opened) = app.send("PATCH", &path, r#"{"open": true, "pao_months": 6}"#);
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["status"], "in_use");
    assert_eq!(opened["pao_months"], 6);
    assert!(opened["opened"].is_string());
    for (bad, why) in [
        (
            r#"{"pao_months": 6}"#,
            "pao_months: give the day it was opened",
        ),
        (r#"{"opened": "2999-01-01"}"#, "in the future"),
        (r#"{"open": true, "pao_months": 500}"#, "1 to 120"),
        (r#"{"status": "lost"}"#, "unknown variant"),
    ] {
        let (status, body) = app.send("PATCH", &path, bad);
        assert_eq!(status, 422, "{bad}: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(why)),
            "{body}"
        );
    }
    assert_eq!(
        app.send("PATCH", "/api/products/9999", r#"{"tested": true}"#)
            .0,
        404
    );
    let now: Value = serde_json::from_str(&app.get(&path).1).expect("json");
    assert_eq!(now, opened, "refused updates changed nothing");
    let (status, stopped) = app.send(
        "PATCH",
        &path,
        r#"{"status": "stopped", "reason": "stung around the eyes"}"#,
    );
    assert_eq!(status, 200, "{stopped}");
    assert_eq!(stopped["status"], "stopped");
    assert_eq!(stopped["status_reason"], "stung around the eyes");
    assert!(stopped["status_changed"].is_string(), "dated today");

    assert_eq!(app.delete(&format!("/api/products/{id}")), 204);
    assert_eq!(app.delete(&format!("/api/products/{id}")), 404);
}

#[test]
fn tips_api() {
    let app = App::start("tips");
    let (status, body) = app.get("/api/tips?topic=sleep");
    assert_eq!(status, 200);
    let tips: Value = serde_json::from_str(&body).expect("json");
    assert!(tips.as_array().is_some_and(|t| !t.is_empty()));
    assert!(tips[0]["sources"][0]["citation"].is_string());
    let (status, _) = app.get("/api/tips?topic=astrology");
    assert_eq!(status, 404);
}

#[test]
fn the_journey_through_the_api() {
    let app = App::start("journey");
    let (status, body) = app.send("POST", "/api/plan", "{}");
    assert_eq!(status, 409, "no profile yet: {body}");
    assert_eq!(error_code(&body), "no_profile");
    app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "oily"}).to_string(),
    );
    let (status, body) = app.send("POST", "/api/plan", "{}");
    assert_eq!(status, 409);
    assert_eq!(error_code(&body), "empty_shelf");
    shelve(
        &app,
        &[
            ("Cleanser", CLEANSER),
            ("Cream", CREAM),
            ("Sunscreen SPF 50", SUNSCREEN),
        ],
    );
    let (status, plan) = app.send("POST", "/api/plan", &json!({"save": true}).to_string());
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["saved"], 1);
    assert_eq!(
        plan["weeks"][0]["sessions"].as_array().map(Vec::len),
        Some(14)
    );

    let (status, today) = app.get("/api/today");
    assert_eq!(status, 200);
    let today: Value = serde_json::from_str(&today).expect("json");
    let first = &today[0]["steps"][0];
    assert_eq!(first["done"], false);
    let product_id = first["product_id"].as_i64().expect("id");
    let (status, _) = app.send(
        "POST",
        "/api/checkoffs",
        &json!({"time": "am", "product_id": product_id}).to_string(),
    );
    assert_eq!(status, 204);
    let (_, today) = app.get("/api/today");
    let today: Value = serde_json::from_str(&today).expect("json");
    assert_eq!(today[0]["steps"][0]["done"], true);
    let (status, _) = app.send(
        "POST",
        "/api/checkoffs",
        &json!({"time": "noon", "product_id": product_id}).to_string(),
    );
    assert_eq!(status, 422);

    let (status, _) = app.send(
        "POST",
        "/api/diary",
        &json!({"date": "2026-11-20", "hydration": 4}).to_string(),
    );
    assert_eq!(status, 204);
    let (status, _) = app.send(
        "POST",
        "/api/diary",
        &json!({"date": "2026-11-21", "hydration": 9}).to_string(),
    );
    assert_eq!(status, 422, "out of range");
    let (status, _) = app.send(
        "POST",
        "/api/diary",
        &json!({"date": "2026-13-40"}).to_string(),
    );
    assert_eq!(status, 422, "not a date");
    let (status, _) = app.send(
        "POST",
        "/api/lifestyle",
        &json!({"date": "2026-11-20", "sleep_hours": 7.5}).to_string(),
    );
    assert_eq!(status, 204);
    let (_, diary) = app.get("/api/diary");
    assert!(
        diary.contains("2026-11-20") && !diary.contains("2026-11-21"),
        "{diary}"
    );

    let (status, export) = app.get("/api/export");
    assert_eq!(status, 200);
    let other = App::start("journey-copy");
    let (status, _) = other.send("POST", "/api/import", &export);
    assert_eq!(status, 204);
    let (_, copied) = other.get("/api/export");
    assert_eq!(copied, export, "the round trip is exact");
}

#[test]
fn patch_tests_api() {
    let app = App::start("patch-api");
    let (_, product) = app.send(
        "POST",
        "/api/products",
        &json!({"name": "Serum", "label": "Water, Niacinamide", "new": true}).to_string(),
    );
    let id = product["id"].as_i64().expect("id");
    let (status, _) = app.send(
        "POST",
        "/api/patch-tests",
        &json!({"product_id": 999}).to_string(),
    );
    assert_eq!(status, 404, "unknown product");
    let (status, _) = app.send(
        "POST",
        "/api/patch-tests",
        &json!({"product_id": id}).to_string(),
    );
    assert_eq!(status, 201);
    let (status, body) = app.send(
        "POST",
        "/api/patch-tests",
        &json!({"product_id": id}).to_string(),
    );
    assert_eq!(status, 409, "one at a time");
    assert_eq!(error_code(&body), "conflict");
    let (status, body) = app.send(
        "POST",
        "/api/patch-tests/check",
        &json!({"reaction": "none"}).to_string(),
    );
    assert_eq!(status, 200);
    assert_eq!(body["verdict"]["verdict"], "running");
    let (status, _) = app.send(
        "POST",
        "/api/patch-tests/check",
        &json!({"reaction": "tingles"}).to_string(),
    );
    assert_eq!(status, 422);
    let (status, body) = app.send("POST", "/api/patch-tests/end", "{}");
    assert_eq!(status, 409, "too early");
    assert_eq!(error_code(&body), "conflict");
    let (status, body) = app.send(
        "POST",
        "/api/patch-tests/check",
        &json!({"reaction": "redness"}).to_string(),
    );
    assert_eq!(status, 200);
    assert_eq!(body["verdict"]["verdict"], "failed");
    let (status, body) = app.send("POST", "/api/patch-tests/end", "{}");
    assert_eq!(status, 200);
    assert_eq!(body["result"], "failed");
    let (_, tests) = app.get("/api/patch-tests");
    assert!(tests.contains("redness"), "{tests}");
}

/// The OpenAPI document lists exactly the API's operations, every one of them is routed, and
/// what each answers to bad input is a status the document declares.
#[test]
fn openapi_document_matches_the_routes() {
    let app = App::start("openapi");
    let (status, text) = app.get("/api/openapi.json");
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(&text).expect("the document is JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "glasskin");

    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            documented.push((method.to_uppercase(), path.clone(), operation.clone()));
        }
    }
    let mut names: Vec<String> = documented
        .iter()
        .map(|(m, p, _)| format!("{m} {p}"))
        .collect();
    names.sort();
    let expected = [
        "DELETE /api/devices/{id}",
        "DELETE /api/products/{id}",
        "GET /api/devices",
        "GET /api/diary",
        "GET /api/export",
        "GET /api/insights",
        "GET /api/lifestyle",
        "GET /api/patch-tests",
        "GET /api/plan",
        "GET /api/plan.ics",
        "GET /api/products",
        "GET /api/products/{id}",
        "GET /api/profile",
        "GET /api/tips",
        "GET /api/today",
        "PATCH /api/devices/{id}",
        "PATCH /api/products/{id}",
        "POST /api/analyze",
        "POST /api/analyze/batch",
        "POST /api/check",
        "POST /api/checkoffs",
        "POST /api/devices/pairing",
        "POST /api/diary",
        "POST /api/import",
        "POST /api/lifestyle",
        "POST /api/patch-tests",
        "POST /api/patch-tests/check",
        "POST /api/patch-tests/end",
        "POST /api/plan",
        "POST /api/products",
        "POST /api/scan",
        "PUT /api/profile",
    ];
    assert_eq!(names, expected);

    for (method, path, operation) in &documented {
        let path = path.replace("{id}", "987654");
        let takes_body = operation.get("requestBody").is_some();
        let (status, body) = match (method.as_str(), takes_body) {
            ("GET" | "DELETE", _) => app.call(method, &path),
            (method, true) => app.send(method, &path, "{not json"),
            (method, false) => app.send(method, &path, ""),
        };
        assert_ne!(status, 405, "{method} {path} is documented but not routed");
        assert!(
            !(status == 404
                && error_code(&body) == "not_found"
                && body["error"]["message"] == "no such API route"),
            "{method} {path} is documented but not routed"
        );
        let declared = &operation["responses"][status.to_string()];
        assert!(
            declared.is_object(),
            "{method} {path} answered {status}, which the document does not declare: {body}"
        );
        if status >= 400 {
            assert!(!error_code(&body).is_empty(), "{method} {path}: {body}");
        }
    }
    // Nothing was stored by all that.
    assert_eq!(app.get("/api/products").1, "[]");
    assert_eq!(app.get("/api/diary").1, "[]");
}

#[test]
fn a_product_is_edited_through_patch_and_a_bad_edit_changes_nothing() {
    let app = App::start("edit");
    shelve(&app, &[("Essence", "Water, Glycerin, Niacinamide")]);
    let (status, edited) = app.send(
        "PATCH",
        "/api/products/1",
        r#"{"name": "First Treatment Essence", "step": "essence", "best_before": "2027-06-30"}"#,
    );
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["name"], "First Treatment Essence");
    assert_eq!(edited["step"], "essence");
    assert_eq!(edited["best_before"], "2027-06-30");
    assert_eq!(edited["label"], "Water, Glycerin, Niacinamide");

    let (status, body) = app.send("PATCH", "/api/products/1", r#"{"name": "  "}"#);
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_code(&body), "invalid");
    let (status, body) = app.send("PATCH", "/api/products/1", r#"{"step": "potion"}"#);
    assert_eq!(status, 422, "{body}");
    let (_, kept) = app.call("GET", "/api/products/1");
    assert_eq!(kept, edited, "nothing changed");
}

mod openapi;
mod parity;
