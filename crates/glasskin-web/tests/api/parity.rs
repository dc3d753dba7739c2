//! What the README says the API covers, as the CLI and the pages do: the kept plan and its
//! calendar, each product's expiry, and many labels analysed at once.

use serde_json::{Value, json};

use crate::support::{App, CLEANSER, CREAM, SUNSCREEN, error_code, shelve};

/// The property names of a schema of the served OpenAPI document.
fn properties(doc: &Value, schema: &str) -> Vec<String> {
    let mut names: Vec<String> = doc["components"]["schemas"][schema]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{schema} has properties"))
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

fn keys(value: &Value) -> Vec<String> {
    let mut names: Vec<String> = value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

#[test]
fn the_kept_plan_is_read_back_and_matches_its_schema() {
    let app = App::start("kept-plan");
    let (status, body) = app.call("GET", "/api/plan");
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_code(&body), "no_plan");

    app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "dry"}).to_string(),
    );
    shelve(
        &app,
        &[
            ("Cleanser", CLEANSER),
            ("Cream", CREAM),
            ("Sunscreen SPF 50", SUNSCREEN),
        ],
    );
    let (status, planned) = app.send("POST", "/api/plan", "{}");
    assert_eq!(status, 200, "{planned}");
    assert_eq!(app.call("GET", "/api/plan").0, 409, "planned, not kept");
    let (_, planned) = app.send("POST", "/api/plan", &json!({"save": true}).to_string());
    let (status, kept) = app.call("GET", "/api/plan");
    assert_eq!(status, 200, "{kept}");
    assert_eq!(kept["id"], planned["saved"]);
    let step = &kept["weeks"][0]["sessions"][0]["steps"][0];
    assert!(step["product_id"].is_i64(), "{kept}");

    // The schema the document gives the kept plan is its shape, level by level.
    let (_, doc) = app.get("/api/openapi.json");
    let doc: Value = serde_json::from_str(&doc).expect("json");
    assert_eq!(keys(&kept), properties(&doc, "SavedPlan"));
    assert_eq!(keys(&kept["weeks"][0]), properties(&doc, "SavedWeek"));
    assert_eq!(
        keys(&kept["weeks"][0]["sessions"][0]),
        properties(&doc, "SavedSession")
    );
    assert_eq!(keys(step), properties(&doc, "SavedStep"));
}

#[test]
fn the_plan_as_a_calendar() {
    let app = App::start("plan-ics");
    let (status, body) = app.call("GET", "/api/plan.ics");
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_code(&body), "no_profile");
    app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "oily"}).to_string(),
    );
    shelve(
        &app,
        &[("Cleanser", CLEANSER), ("Sunscreen SPF 50", SUNSCREEN)],
    );
    let reply = app.request("GET", "/api/plan.ics", &[], "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.headers["content-type"],
        "text/calendar; charset=utf-8"
    );
    assert!(
        reply.body.starts_with("BEGIN:VCALENDAR\r\n"),
        "{}",
        reply.body
    );
    assert!(reply.body.ends_with("END:VCALENDAR\r\n"));
    assert!(
        reply.body.contains("SUMMARY:Skin care: Mon AM"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("Sunscreen SPF 50"));
}

#[test]
fn every_product_says_where_it_stands_against_its_expiry() {
    let app = App::start("expiry");
    let (status, unopened) = app.send(
        "POST",
        "/api/products",
        &json!({"name": "Toner", "label": "Water, Glycerin", "pao_months": 12}).to_string(),
    );
    assert_eq!(status, 201, "{unopened}");
    assert_eq!(unopened["expiry"]["kind"], "unknown");
    assert_eq!(unopened["expiry"]["sentence"], "12 months once opened");
    assert_eq!(unopened["expiry"]["warns"], false);
    let (status, old) = app.send(
        "POST",
        "/api/products",
        &json!({"name": "Old Cream", "label": CREAM, "opened": "2020-01-01", "pao_months": 6})
            .to_string(),
    );
    assert_eq!(status, 201, "{old}");
    assert_eq!(old["expiry"]["kind"], "expired");
    assert!(old["expiry"]["days_ago"].as_i64().is_some_and(|d| d > 1000));
    assert_eq!(old["expiry"]["warns"], true);

    let (_, list) = app.call("GET", "/api/products");
    assert_eq!(list[0], unopened, "listed as added");
    assert_eq!(list[1], old);
    let id = old["id"].as_i64().expect("id");
    let (_, one) = app.call("GET", &format!("/api/products/{id}"));
    assert_eq!(one, old);
    let (status, fresh) = app.send(
        "PATCH",
        &format!("/api/products/{}", unopened["id"]),
        r#"{"open": true}"#,
    );
    assert_eq!(status, 200, "{fresh}");
    assert_eq!(fresh["expiry"]["kind"], "fine");
    assert!(
        fresh["expiry"]["sentence"]
            .as_str()
            .is_some_and(|s| s.starts_with("good for ")),
        "{fresh}"
    );
}

#[test]
fn many_labels_are_analysed_at_once() {
    let app = App::start("batch");
    let (status, body) = app.send(
        "POST",
        "/api/analyze/batch",
        &json!([CLEANSER, "Water, Glycolic Acid, Phenoxyethanol", ""]).to_string(),
    );
    assert_eq!(status, 200, "{body}");
    let reports = body.as_array().expect("an array");
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[0]["products"][0]["entries"][0]["inci"], "WATER");
    assert_eq!(
        reports[1]["products"][0]["entries"][1]["inci"],
        "GLYCOLIC ACID"
    );
    assert!(reports[1]["understanding"].is_array());
    // Each is what `POST /api/analyze` answers for the same text.
    let (_, single) = app.send(
        "POST",
        "/api/analyze",
        &json!({"text": CLEANSER}).to_string(),
    );
    assert_eq!(reports[0], single);

    let (status, body) = app.send("POST", "/api/analyze/batch", "[]");
    assert_eq!((status, body), (200, json!([])));
    let too_many = vec!["Water"; 1001];
    let (status, body) = app.send("POST", "/api/analyze/batch", &json!(too_many).to_string());
    assert_eq!(status, 413, "{body}");
    assert_eq!(error_code(&body), "too_large");
    let (status, body) = app.send(
        "POST",
        "/api/analyze/batch",
        &json!({"text": "Water"}).to_string(),
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_code(&body), "bad_json");
    let (status, body) = app.send("POST", "/api/analyze/batch", "[1, 2]");
    assert_eq!(status, 422, "{body}");
}

/// `POST /api/check` reads the routine document `glasskin check` reads and answers with the same
/// report: a pregnant person with a retinol serum at night and no sunscreen in the morning is
/// told both, each with its sources; a routine naming a product it does not list is refused
/// with the place named.
#[test]
fn a_routine_is_checked_through_the_api() {
    let app = App::start("check");
    let routine = json!({
        "profile": {"skin_type": "dry", "pregnant": true},
        "product": [
            {"id": "wash", "name": "Gentle Wash", "ingredients": CLEANSER},
            {"id": "serum", "name": "Night Retinol Serum", "ingredients": "Squalane, Caprylic/Capric Triglyceride, Retinol, Tocopherol"},
            {"id": "cream", "name": "Cream", "ingredients": CREAM},
        ],
        "session": [
            {"time": "am", "products": ["wash", "cream"]},
            {"time": "pm", "days": ["mon", "thu"], "products": ["wash", "serum", "cream"]},
        ],
    });
    let (status, report) = app.send("POST", "/api/check", &routine.to_string());
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["products"][1]["name"], "Night Retinol Serum");
    assert_eq!(report["products"][1]["declared"], false);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"]["id"].as_str())
        .collect();
    assert!(
        rules.iter().any(|r| r.contains("pregnan")),
        "the retinoid is named for a pregnant person: {rules:?}"
    );
    assert!(
        rules.iter().any(|r| r.contains("sunscreen")),
        "no morning sunscreen is said: {rules:?}"
    );
    for finding in report["findings"].as_array().expect("findings") {
        assert!(
            finding["rule"]["sources"][0]["citation"].is_string(),
            "{finding}"
        );
    }

    let mut unknown = routine.clone();
    unknown["session"][0]["products"] = json!(["wash", "toner"]);
    let (status, refused) = app.send("POST", "/api/check", &unknown.to_string());
    assert_eq!(status, 422, "{refused}");
    assert_eq!(error_code(&refused), "invalid");
    let message = refused["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("session 1") && message.contains("toner"),
        "{message}"
    );
    let (status, refused) = app.send(
        "POST",
        "/api/check",
        &json!({"profile": {"skin_type": "alien"}}).to_string(),
    );
    assert_eq!(status, 422, "{refused}");
    assert!(refused["error"]["message"].to_string().contains("alien"));
    let many: Vec<Value> = (0..101)
        .map(|n| json!({"id": format!("p{n}"), "ingredients": "Water"}))
        .collect();
    let (status, refused) = app.send("POST", "/api/check", &json!({"product": many}).to_string());
    assert_eq!(status, 422, "{refused}");
}
