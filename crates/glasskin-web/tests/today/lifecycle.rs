//! The kept plan follows the person: what leaves the shelf leaves Today, a stale page still
//! saves, a new product waits for its patch test, an expired one is flagged, and a plan that no
//! longer matches the shelf says so, with a button that plans again.

use serde_json::{Value, json};

use crate::support::{App, CLEANSER, CREAM, SUNSCREEN, shelve};

fn origin(app: &App) -> String {
    format!("http://{}", app.addr)
}

/// Today's sessions as the API lists them.
fn today_sessions(app: &App) -> Vec<Value> {
    let (status, body) = app.get("/api/today");
    assert_eq!(status, 200, "{body}");
    let today: Value = serde_json::from_str(&body).expect("json");
    today.as_array().cloned().expect("sessions")
}

/// The product ids of one session today.
fn session_ids(app: &App, time: &str) -> Vec<i64> {
    today_sessions(app)
        .iter()
        .filter(|s| s["time"] == time)
        .flat_map(|s| s["steps"].as_array().cloned().unwrap_or_default())
        .filter_map(|st| st["product_id"].as_i64())
        .collect()
}

/// The ticked product ids of one session today.
fn ticked(app: &App, time: &str) -> Vec<i64> {
    today_sessions(app)
        .iter()
        .filter(|s| s["time"] == time)
        .flat_map(|s| s["steps"].as_array().cloned().unwrap_or_default())
        .filter(|st| st["done"] == true)
        .filter_map(|st| st["product_id"].as_i64())
        .collect()
}

fn keep_plan(app: &App) {
    let (status, plan) = app.send("POST", "/api/plan", &json!({"save": true}).to_string());
    assert_eq!(status, 200, "{plan}");
}

fn normal_profile(app: &App) {
    let (status, _) = app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "normal"}).to_string(),
    );
    assert_eq!(status, 200);
}

#[test]
fn a_stale_save_evening_keeps_the_other_ticks() {
    let app = App::start("stale-evening");
    normal_profile(&app);
    shelve(&app, &[("Cleanser", CLEANSER), ("Cream", CREAM)]);
    keep_plan(&app);
    let evening = session_ids(&app, "pm");
    assert_eq!(evening, vec![1, 2], "both in the evening");

    // The page was drawn with both; then the cream went (deleted on another tab).
    assert_eq!(app.delete("/api/products/2"), 204);
    let (status, html) = app.form("/today", "time=pm&done=1&done=2", Some(&origin(&app)));
    assert_eq!(status, 200, "the Today page, not an error: {html}");
    assert!(html.contains("<h1>Today</h1>"), "{html}");
    assert_eq!(ticked(&app, "pm"), vec![1], "the cleanser's tick is kept");
    assert_eq!(
        session_ids(&app, "pm"),
        vec![1],
        "the cream is gone from Today"
    );
    assert!(!html.contains("role=\"alert\""), "no error: {html}");
    assert!(
        html.contains("<li>Cream is no longer on your shelf.</li>"),
        "{html}"
    );
}

#[test]
fn a_stale_save_after_a_stop_keeps_the_other_ticks() {
    let app = App::start("stale-stop");
    let origin = origin(&app);
    normal_profile(&app);
    shelve(&app, &[("Cleanser", CLEANSER), ("Cream", CREAM)]);
    keep_plan(&app);
    // Stopped on the Shelf page, then the evening saved from a page drawn before.
    let (status, html) = app.form("/shelf/2", "action=stop&reason=stung", Some(&origin));
    assert_eq!(status, 200, "{html}");
    let (status, html) = app.form("/today", "time=pm&done=2&done=1", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("role=\"alert\""), "no error: {html}");
    assert_eq!(ticked(&app, "pm"), vec![1]);
    assert!(
        !html.contains("value=\"2\""),
        "no box for the cream: {html}"
    );
    assert!(
        html.contains("<li>You stopped Cream (stung).</li>"),
        "{html}"
    );
    // Unticking still works.
    app.form("/today", "time=pm", Some(&origin));
    assert!(ticked(&app, "pm").is_empty());
}

const SERUM: &str = "Water, Glycerin, Niacinamide, Sodium Hyaluronate, Panthenol";

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

fn days_ago(n: i64) -> jiff::civil::Date {
    today()
        .checked_sub(jiff::Span::new().days(n))
        .expect("a date")
}

/// A normal profile, a cleanser, a cream and a sunscreen, and a new serum (#4) that needs a
/// patch test; the plan kept.
fn shelf_with_a_new_serum(app: &App) {
    normal_profile(app);
    shelve(
        app,
        &[
            ("Cleanser", CLEANSER),
            ("Cream", CREAM),
            ("Sunscreen SPF 50", SUNSCREEN),
        ],
    );
    let (status, body) = app.send(
        "POST",
        "/api/products",
        &json!({"name": "Serum", "label": SERUM, "new": true}).to_string(),
    );
    assert_eq!(status, 201, "{body}");
    keep_plan(app);
}

/// Moves the kept plan a week back, as if kept seven days ago (today is in its week 2, when the
/// serum is planned on the face), and the running patch test's start with it, with a clear look
/// logged on each of its days when `clear`.
fn a_week_later(app: &App, clear: bool) {
    let (_, export) = app.get("/api/export");
    let mut export: Value = serde_json::from_str(&export).expect("json");
    let week_ago = days_ago(7).to_string();
    export["plans"][0]["created"] = json!(week_ago);
    export["plans"][0]["starts"] = json!(week_ago);
    for product in export["products"].as_array_mut().expect("products") {
        product["added"] = json!(week_ago);
    }
    if let Some(test) = export["patch_tests"].get_mut(0) {
        let started = days_ago(6);
        test["started"] = json!(started.to_string());
        if clear {
            test["checks"] = (0..7)
                .map(|d| {
                    let day = started
                        .checked_add(jiff::Span::new().days(d))
                        .expect("a date");
                    json!({"date": day.to_string(), "reaction": "none"})
                })
                .collect();
        }
    }
    let (status, body) = app.send("POST", "/api/import", &export.to_string());
    assert_eq!(status, 204, "{body}");
}

fn planned_anywhere(app: &App, id: i64) -> bool {
    today_sessions(app).iter().any(|s| {
        s["steps"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|st| st["product_id"] == id)
    })
}

#[test]
fn a_kept_plan_starts_today_and_follows_each_date_s_weekday() {
    let app = App::start("starts-today");
    normal_profile(&app);
    shelve(&app, &[("Cleanser", CLEANSER), ("Cream", CREAM)]);
    keep_plan(&app);
    let (_, export) = app.get("/api/export");
    let export: Value = serde_json::from_str(&export).expect("json");
    let plan = &export["plans"][0];
    assert_eq!(
        plan["starts"],
        json!(today().to_string()),
        "not last Monday"
    );
    assert_eq!(plan["created"], plan["starts"]);
    let weekday = today().weekday().to_monday_zero_offset();
    let planned: Vec<(String, Vec<i64>)> = plan["weeks"][0]["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .filter(|s| s["day"] == json!(weekday))
        .map(|s| {
            (
                s["time"].as_str().unwrap_or_default().to_owned(),
                s["steps"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|st| st["product_id"].as_i64())
                    .collect(),
            )
        })
        .collect();
    let shown: Vec<(String, Vec<i64>)> = today_sessions(&app)
        .iter()
        .map(|s| {
            (
                s["time"].as_str().unwrap_or_default().to_owned(),
                s["steps"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|st| st["product_id"].as_i64())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(shown, planned, "today's sessions are its weekday's");
    assert_eq!(shown.len(), 2);
    // The Week page's cards start on today too: week 1 is the 7 days from today, so the first
    // card of each time of day names today first (or every day).
    let (_, html) = app.get("/week");
    let today_short = today().strftime("%a").to_string();
    for time in ["morning", "evening"] {
        let first_card = html
            .split(&format!("data-time=\"{time}\""))
            .nth(1)
            .and_then(|card| card.split("<h3").nth(1))
            .and_then(|h3| h3.split('>').nth(1))
            .and_then(|text| text.split(" <span").next())
            .unwrap_or_default();
        assert!(
            first_card == "Every day" || first_card.starts_with(&today_short),
            "{time}: {first_card}: {html}"
        );
    }
}

#[test]
fn a_new_product_stays_off_today_until_its_patch_test_passes() {
    let app = App::start("patch-gate");
    let origin = origin(&app);
    shelf_with_a_new_serum(&app);
    let (_, html) = app.get("/today");
    assert!(html.contains("Patch tests first"), "{html}");
    assert!(
        html.contains("Patch test Serum on your inner arm first: not started."),
        "{html}"
    );
    assert!(html.contains("href=\"/tips#patch-test\""), "{html}");
    assert!(!planned_anywhere(&app, 4), "week 1 is its patch test");

    // Started from the Today page, with a look logged.
    let (status, html) = app.form("/today", "action=patch_start&product=4", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("first: 6 days left"), "{html}");
    assert!(html.contains("Log today"), "{html}");
    let (status, html) = app.form("/today", "action=patch_check&reaction=none", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("look is logged"), "{html}");
    let (_, tests) = app.get("/api/patch-tests");
    let tests: Value = serde_json::from_str(&tests).expect("json");
    assert_eq!(tests[0]["product_id"], 4);
    assert_eq!(tests[0]["checks"][0]["reaction"], "none");
    // Starting another one is refused on the page, in words.
    let (status, html) = app.form("/today", "action=patch_start&product=2", Some(&origin));
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("one new product at a time"), "{html}");

    // A week on, the serum is planned on the face, but its test is not ended yet: still off.
    a_week_later(&app, true);
    assert!(!planned_anywhere(&app, 4));
    let (_, html) = app.get("/today");
    assert!(html.contains("patch test is clear"), "{html}");
    let (status, html) = app.form("/today", "action=patch_end", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("Patch tests first"), "{html}");
    assert!(planned_anywhere(&app, 4), "passed: on the face");
    assert!(
        html.contains(" data-product-id=\"4\" data-layers="),
        "a step to tick: {html}"
    );
}

#[test]
fn a_product_whose_patch_test_failed_leaves_today() {
    let app = App::start("patch-failed");
    let origin = origin(&app);
    shelf_with_a_new_serum(&app);
    app.form("/today", "action=patch_start&product=4", Some(&origin));
    a_week_later(&app, false);
    let (status, html) = app.form(
        "/today",
        "action=patch_check&reaction=itching",
        Some(&origin),
    );
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("patch test shows itching: keep it off your face"),
        "{html}"
    );
    assert!(html.contains("End the test and stop Serum"), "{html}");
    assert!(!planned_anywhere(&app, 4));
    let (status, html) = app.form("/today", "action=patch_end", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("Patch tests first"), "{html}");
    assert!(!planned_anywhere(&app, 4));
    assert!(
        html.contains("Serum failed its patch test (itching)."),
        "the kept plan still names it: {html}"
    );
    let (_, serum) = app.get("/api/products/4");
    assert!(serum.contains("\"status\":\"stopped\""), "{serum}");

    // Planned again: no longer in the plan, and the Week page says why.
    let (status, html) = app.form("/week", "", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("no longer matches"), "{html}");
    let (_, html) = app.get("/week");
    assert!(html.contains("<h2>Left out</h2>"), "{html}");
    assert!(
        html.contains("Serum: its patch test failed (itching): keep it off your face"),
        "{html}"
    );
}

#[test]
fn an_expired_product_is_flagged_on_today_and_week() {
    let app = App::start("expired");
    normal_profile(&app);
    shelve(
        &app,
        &[
            ("Cleanser", CLEANSER),
            ("Cream", CREAM),
            ("Sunscreen SPF 50", SUNSCREEN),
        ],
    );
    keep_plan(&app);
    // Opened two months ago, good for one: the kept plan is older than its expiry.
    let (status, body) = app.send(
        "PATCH",
        "/api/products/3",
        &json!({"opened": days_ago(60).to_string(), "pao_months": 1}).to_string(),
    );
    assert_eq!(status, 200, "{body}");
    let (_, html) = app.get("/today");
    assert!(
        html.contains(
            "<p class=\"card warn expired\">Your sunscreen Sunscreen SPF 50 is past its 1 month after opening (opened "
        ),
        "{html}"
    );
    assert!(html.contains("): replace it.</p>"), "{html}");
    assert!(
        planned_anywhere(&app, 3),
        "still there to tick, but flagged"
    );
    assert!(html.contains("Past its date: replace it"), "{html}");
    let (_, html) = app.get("/week");
    assert!(
        html.contains("replace your sunscreen: Sunscreen SPF 50 is past its 1 month after opening"),
        "the gap: {html}"
    );
    assert!(
        html.contains("<li>Sunscreen SPF 50: past its 1 month after opening"),
        "left out: {html}"
    );
    assert!(
        html.contains("<li>Your sunscreen Sunscreen SPF 50 is past its"),
        "the kept plan's note: {html}"
    );
    let table = html.split("<h2>Left out</h2>").next().unwrap_or_default();
    assert!(
        !table.contains("<td>Sunscreen SPF 50") && !table.contains("→ Sunscreen SPF 50"),
        "not planned: {table}"
    );
}

#[test]
fn a_plan_that_no_longer_matches_the_shelf_says_so_and_plans_again() {
    let app = App::start("mismatch");
    let origin = origin(&app);
    normal_profile(&app);
    shelve(&app, &[("Cleanser", CLEANSER), ("Cream", CREAM)]);
    keep_plan(&app);
    let (_, html) = app.get("/today");
    assert!(!html.contains("no longer matches"), "{html}");

    shelve(&app, &[("Sunscreen SPF 50", SUNSCREEN)]);
    let (_, html) = app.get("/today");
    assert!(
        html.contains("<form method=\"post\" action=\"/week\" class=\"card replan\">"),
        "{html}"
    );
    assert!(
        html.contains("Your plan no longer matches your shelf"),
        "{html}"
    );
    assert!(
        html.contains("<li>Sunscreen SPF 50 is new on your shelf.</li>"),
        "{html}"
    );
    assert!(html.contains("Plan again and use it"), "{html}");
    let (_, week) = app.get("/week");
    assert!(week.contains("changed since you kept a plan"), "{week}");
    assert!(
        week.contains("<li>Sunscreen SPF 50 is new on your shelf.</li>"),
        "{week}"
    );
    // A finished product is said too.
    let (status, _) = app.form("/shelf/2", "action=finish", Some(&origin));
    assert_eq!(status, 200);
    let (_, html) = app.get("/today");
    assert!(html.contains("<li>You finished Cream.</li>"), "{html}");
    assert!(!planned_anywhere(&app, 2), "gone from Today");

    // The button plans again and keeps it: Today follows the shelf again.
    let (status, html) = app.form("/week", "", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1>Today</h1>"), "{html}");
    assert!(!html.contains("no longer matches"), "{html}");
    assert!(
        planned_anywhere(&app, 3),
        "the sunscreen is in the new plan"
    );
    let (_, week) = app.get("/week");
    assert!(week.contains("This is the plan you kept on"), "{week}");
}

#[test]
fn what_the_today_page_refuses_is_said_on_the_page() {
    let app = App::start("today-refusals");
    let origin = origin(&app);
    shelf_with_a_new_serum(&app);
    for (body, why) in [
        (
            "action=patch_check&reaction=none",
            "no patch test is running",
        ),
        ("action=patch_end", "no patch test is running"),
        (
            "action=patch_start&product=x",
            "product: “x” is not a product number",
        ),
        (
            "action=patch_start&product=99",
            "no product #99 on the shelf",
        ),
        ("action=dance", "action: unknown value “dance”"),
        ("time=pm&done=99", ""),
    ] {
        let (status, html) = app.form("/today", body, Some(&origin));
        assert!(html.contains("<h1>Today</h1>"), "{body}: {html}");
        if why.is_empty() {
            assert_eq!(status, 200, "an id not planned is ignored: {html}");
        } else {
            // A product that is not there is 404; anything else sent wrong, 422.
            let expected = if why.starts_with("no product") {
                404
            } else {
                422
            };
            assert_eq!(status, expected, "{body}: {html}");
            assert!(html.contains(why), "{body}: {html}");
        }
    }
    // Started, then a reaction that is not one.
    app.form("/today", "action=patch_start&product=4", Some(&origin));
    let (status, html) = app.form(
        "/today",
        "action=patch_check&reaction=sneezing",
        Some(&origin),
    );
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("reaction: unknown value “sneezing”"),
        "{html}"
    );
    // A body that is not a form is refused on the page too, not in plain text.
    let reply = app.request(
        "POST",
        "/today",
        &[("content-type", "application/json"), ("origin", &origin)],
        "{}",
    );
    assert_eq!(reply.status, 415, "{}", reply.body);
    assert!(reply.body.contains("<h1>Today</h1>"), "{}", reply.body);
    let (_, tests) = app.get("/api/patch-tests");
    let tests: Value = serde_json::from_str(&tests).expect("json");
    assert_eq!(
        tests.as_array().map(Vec::len),
        Some(1),
        "nothing else changed"
    );
}
