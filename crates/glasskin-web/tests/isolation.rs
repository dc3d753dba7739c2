//! Isolation on a hosted server: every operation of the OpenAPI document and every page form,
//! sent by account A with account B's ids, finds nothing (404), shows none of B's text, and
//! leaves B's export byte-identical; without a session, every one but the public routes
//! answers 401.

use serde_json::Value;

use crate::hosted::{Browser, Hosted, fill};

/// What B types everywhere: seen in any answer to A, it leaked.
const CANARY: &str = "CANARY-B-7f3a";

/// Every page a signed-in person opens.
const PAGES: [&str; 14] = [
    "/",
    "/today",
    "/week",
    "/diary",
    "/shelf",
    "/insights",
    "/profile",
    "/check",
    "/analyze",
    "/tips",
    "/account",
    "/charts/ratings.svg",
    "/charts/adherence.svg",
    "/api/plan.ics",
];

/// Every (method, path) of the API's OpenAPI document.
fn operations(doc: &str) -> Vec<(String, String)> {
    let doc: Value = serde_json::from_str(doc).expect("the OpenAPI document");
    let mut ops = Vec::new();
    for (path, methods) in doc["paths"].as_object().expect("paths") {
        for method in methods.as_object().expect("methods").keys() {
            ops.push((method.to_uppercase(), path.clone()));
        }
    }
    assert!(ops.len() >= 30, "{ops:?}");
    ops
}

/// A request body for an operation, naming `theirs` (one of B's products) wherever a product
/// is named; whether it names one.
fn body_for(method: &str, path: &str, theirs: i64, today: &str) -> (String, bool) {
    let json = |v: Value| v.to_string();
    match (method, path) {
        ("POST", "/api/checkoffs") => (
            json(
                serde_json::json!({"date": today, "time": "am", "product_id": theirs, "done": true}),
            ),
            true,
        ),
        ("POST", "/api/patch-tests") => (
            json(serde_json::json!({"product_id": theirs, "area": "inner arm"})),
            true,
        ),
        ("PATCH", "/api/products/{id}") => (json(serde_json::json!({"name": "mine now"})), true),
        (_, "/api/products/{id}") => (String::new(), true),
        ("POST", "/api/analyze") => (json(serde_json::json!({"label": "Water, Glycerin"})), false),
        ("POST", "/api/analyze/batch") => (json(serde_json::json!({"labels": ["Water"]})), false),
        ("POST", "/api/diary") => (
            json(serde_json::json!({"date": today, "hydration": 2})),
            false,
        ),
        ("POST", "/api/lifestyle") => {
            (json(serde_json::json!({"date": today, "stress": 2})), false)
        }
        ("PUT", "/api/profile") => (json(serde_json::json!({"skin_type": "oily"})), false),
        ("POST", "/api/patch-tests/check") => (
            json(serde_json::json!({"date": today, "reaction": "none"})),
            false,
        ),
        _ => ("{}".to_owned(), false),
    }
}

#[test]
fn one_account_never_reaches_anothers_data_by_any_operation_or_form() {
    let Some(hosted) = Hosted::start(1, 1000) else {
        return;
    };
    let mut b = hosted.signed_up("b@example.com");
    let theirs = fill(&mut b, CANARY);
    let before = b.get("/api/export").body;
    assert!(before.contains(CANARY));
    let mut a = hosted.signed_up("a@example.com");
    let mine = fill(&mut a, "alice");
    assert!(mine.iter().all(|id| !theirs.contains(id)), "ids differ");
    let today = jiff::Zoned::now().date().to_string();

    let doc = a.get("/api/openapi.json").body;
    let mut seen = Vec::new();
    for (method, path) in operations(&doc) {
        for &id in &theirs {
            let (body, names_theirs) = body_for(&method, &path, id, &today);
            let url = path.replace("{id}", &id.to_string());
            let reply = a.json(&method, &url, &body);
            assert!(
                reply.status < 500,
                "{method} {url}: {} {}",
                reply.status,
                reply.body
            );
            assert!(
                !reply.body.contains(CANARY),
                "{method} {url} leaked: {}",
                reply.body
            );
            if names_theirs || path.starts_with("/api/devices") {
                assert_eq!(reply.status, 404, "{method} {url}: {}", reply.body);
            }
            seen.push(format!("{method} {path} {}", reply.status));
        }
    }
    // The pages, and their forms with B's ids.
    for page in PAGES {
        let reply = a.get(page);
        assert!(reply.status < 500, "{page}: {}", reply.status);
        assert!(!reply.body.contains(CANARY), "{page} leaked");
    }
    for &id in &theirs {
        for action in ["open", "finish", "stop", "edit", "remove"] {
            let reply = a.form(
                &format!("/shelf/{id}"),
                &[
                    ("action", action),
                    ("reason", "stung"),
                    ("name", "mine now"),
                    ("label", "Water"),
                ],
            );
            assert_eq!(reply.status, 404, "/shelf/{id} {action}: {}", reply.body);
            assert!(!reply.body.contains(CANARY));
        }
        let id = id.to_string();
        let first_session = format!("0:{id}");
        // Ticks of ids the page did not show are ignored (a page left open after a product was
        // removed elsewhere): nothing is written, as B's export below shows.
        let ticked = a.form("/today", &[("time", "am"), ("done", id.as_str())]);
        assert!(ticked.status < 500 && !ticked.body.contains(CANARY));
        for (page, fields) in [
            (
                "/today",
                vec![("action", "patch_start"), ("product", id.as_str())],
            ),
            (
                "/check",
                vec![("time", "am"), ("product", first_session.as_str())],
            ),
        ] {
            let reply = a.form(page, &fields);
            assert_eq!(reply.status, 404, "{page} {fields:?}: {}", reply.body);
            assert!(!reply.body.contains(CANARY));
        }
    }
    assert_eq!(b.get("/api/export").body, before, "B's data is as it was");
    // A's own requests did work: the sweep reached real handlers, not only refusals.
    assert!(seen.iter().any(|s| s == "GET /api/export 200"), "{seen:?}");
}

#[test]
fn without_a_session_every_operation_but_the_public_ones_answers_401() {
    let Some(hosted) = Hosted::start(1, 1000) else {
        return;
    };
    let mut nobody: Browser = hosted.browser(0);
    let doc = nobody.get("/api/openapi.json");
    assert_eq!(doc.status, 200, "the API's description is public");
    for (method, path) in operations(&doc.body) {
        let url = path.replace("{id}", "1");
        let reply = nobody.json(&method, &url, "{}");
        let expected = if path.starts_with("/api/devices") {
            404
        } else {
            401
        };
        assert_eq!(reply.status, expected, "{method} {url}: {}", reply.body);
    }
    for page in PAGES {
        let reply = nobody.get(page);
        assert_eq!(reply.status, 401, "{page}");
        let form = reply.body.contains("action=\"/signin\"");
        assert!(
            form || page.starts_with("/api/"),
            "{page}: the sign-in form"
        );
    }
    for page in [
        "/diary",
        "/shelf",
        "/today",
        "/profile",
        "/shelf/1",
        "/account/password",
        "/account/delete",
    ] {
        let reply = nobody.form(page, &[("x", "1")]);
        assert_eq!(reply.status, 401, "POST {page}");
        assert!(reply.body.contains("You were signed out"), "POST {page}");
    }
    for public in [
        "/signin",
        "/signup",
        "/static/app.css",
        "/manifest.webmanifest",
    ] {
        assert_eq!(nobody.get(public).status, 200, "{public}");
    }
}
