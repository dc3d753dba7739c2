//! The pages through the router: rendered, with their headers, their forms protected and bad
//! input shown back with a clear error.

use serde_json::{Value, json};

use crate::support::{App, BHA_LIQUID, CLEANSER, CREAM, SUNSCREEN, shelve};

#[test]
fn pages_render_and_forms_are_protected() {
    let app = App::start("pages");
    let origin = format!("http://{}", app.addr);
    for path in ["/", "/tips", "/shelf"] {
        let (status, html) = app.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            html.contains("<main id=\"main\">") && html.contains("aria-current=\"page\""),
            "{path}"
        );
    }
    let (status, css) = app.get("/static/app.css");
    assert_eq!(status, 200);
    assert!(css.contains(":root"));
    let (status, html) = app.get("/nowhere");
    assert_eq!(status, 404);
    assert!(html.contains("Nothing here"));

    let (status, html) = app.form(
        "/analyze",
        "name=Hydrating+Toner&text=Water%2C+Butylene+Glycol%2C+Glycerin%2C+Sodium+Hyaluronate%2C+Panthenol",
        Some(&origin),
    );
    assert_eq!(status, 200);
    assert!(html.contains("fits the 7-skin method"), "{html}");
    assert!(html.contains("SODIUM HYALURONATE"));
    // The pasted text comes back escaped, never as markup.
    let (_, html) = app.form(
        "/analyze",
        "text=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        Some(&origin),
    );
    assert!(!html.contains("<script>alert(1)</script>"));

    let (status, _) = app.form("/shelf", "name=Toner&label=Water%2C+Glycerin", None);
    assert_eq!(status, 403, "no origin: refused");
    let (status, _) = app.form(
        "/shelf",
        "name=Toner&label=Water%2C+Glycerin",
        Some("http://evil.example"),
    );
    assert_eq!(status, 403, "another site: refused");
    let (_, shelf) = app.get("/shelf");
    assert!(shelf.contains("Nothing here yet"), "nothing stored");
    let (status, html) = app.form(
        "/shelf",
        "name=Toner&label=Water%2C+Glycerin&pao=12+weeks",
        Some(&origin),
    );
    assert_eq!(status, 422);
    assert!(html.contains("not months"), "{html}");
    let (status, html) = app.form(
        "/shelf",
        "name=Toner&label=Water%2C+Glycerin%2C+Sodium+Hyaluronate&opened=2026-11-01&pao=12M",
        Some(&origin),
    );
    assert_eq!(status, 200, "followed the redirect back to the shelf");
    assert!(
        html.contains("Toner") && html.contains("good for"),
        "{html}"
    );
}

#[test]
fn responses_carry_security_headers() {
    let app = App::start("headers");
    let response = app.request("GET", "/", &[], "");
    let headers = &response.headers;
    assert_eq!(
        headers.get("x-content-type-options").map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert_eq!(
        headers.get("x-frame-options").map(|v| v.as_bytes()),
        Some(&b"DENY"[..])
    );
    assert!(headers.contains_key("content-security-policy"));
    // The icon browsers ask for by default is there.
    for path in ["/favicon.ico", "/static/icon.svg"] {
        let (status, svg) = app.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(svg.starts_with("<svg"), "{path}");
    }
}

#[test]
fn diary_page_and_chart() {
    let app = App::start("diary-page");
    let origin = format!("http://{}", app.addr);
    let (status, html) = app.get("/diary");
    assert_eq!(status, 200);
    assert!(html.contains("How is your skin today?"));
    let (status, html) = app.form(
        "/diary",
        "hydration=4&glow=3&redness=2&spots=1&sleep=7.5&stress=2&note=windy+day",
        Some(&origin),
    );
    assert_eq!(status, 200);
    assert!(html.contains("Saved."), "{html}");
    assert!(
        html.contains("value=\"4\" checked"),
        "today's rating shows as chosen"
    );
    let (_, diary) = app.get("/api/diary");
    let diary: Value = serde_json::from_str(&diary).expect("json");
    assert_eq!(diary[0]["hydration"], 4);
    assert_eq!(diary[0]["notes"], "windy day");
    let (_, lifestyle) = app.get("/api/lifestyle");
    let lifestyle: Value = serde_json::from_str(&lifestyle).expect("json");
    assert_eq!(lifestyle[0]["sleep_hours"], 7.5);

    let (status, _) = app.form("/diary", "hydration=9", Some(&origin));
    assert_eq!(status, 422);
    let (_, after) = app.get("/api/diary");
    let after: Value = serde_json::from_str(&after).expect("json");
    assert_eq!(after[0]["hydration"], 4, "nothing changed");

    // The rest of the day, in the same form: water, exercise and diet tags.
    let (status, html) = app.form(
        "/diary",
        "hydration=4&sleep=7&water=1%2C5&exercise=30&diet=dairy&diet=alcohol&diet=bogus",
        Some(&origin),
    );
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("value=\"dairy\" checked"),
        "today's tags show as ticked"
    );
    let (_, lifestyle) = app.get("/api/lifestyle");
    let lifestyle: Value = serde_json::from_str(&lifestyle).expect("json");
    assert_eq!(lifestyle[0]["water_litres"], 1.5, "a decimal comma is read");
    assert_eq!(lifestyle[0]["exercise_minutes"], 30);
    assert_eq!(lifestyle[0]["diet_tags"], json!(["dairy", "alcohol"]));

    // A typo is named and shown back; a refused day changes neither log.
    let (status, html) = app.form("/diary", "glow=2&sleep=seven", Some(&origin));
    assert_eq!(status, 422);
    assert!(
        html.contains("hours slept: “seven” is not a number"),
        "{html}"
    );
    assert!(html.contains("value=\"seven\""), "what was typed is kept");
    let (status, html) = app.form("/diary", "glow=2&sleep=30", Some(&origin));
    assert_eq!(status, 422);
    assert!(html.contains("sleep is 0 to 24 hours"), "{html}");
    let (_, after) = app.get("/api/diary");
    let after: Value = serde_json::from_str(&after).expect("json");
    assert_eq!(after[0]["glow"], Value::Null, "the diary is unchanged");
    let (_, life) = app.get("/api/lifestyle");
    assert_eq!(
        serde_json::from_str::<Value>(&life).expect("json"),
        lifestyle
    );

    let (_, narrow) = app.get("/charts/ratings.svg?size=narrow");
    assert!(
        narrow.contains("width=\"340\""),
        "a phone gets the narrow chart: {narrow}"
    );
    assert!(html.contains("srcset=\"/charts/ratings.svg?size=narrow\""));
    let response = app.request("GET", "/charts/ratings.svg", &[], "");
    assert_eq!(
        response.headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"image/svg+xml"[..])
    );
}

/// A past day is shown, logged and corrected from the Diary page, a rating cleared; a day after
/// today or a date that is no date is refused by name and changes nothing.
#[test]
fn a_past_day_is_logged_and_a_rating_cleared() {
    let app = App::start("diary-past-day");
    let origin = format!("http://{}", app.addr);
    let today = jiff::Zoned::now().date();
    let yesterday = today.yesterday().expect("a yesterday");
    let tomorrow = today.tomorrow().expect("a tomorrow");

    let (status, html) = app.get(&format!("/diary?date={yesterday}"));
    assert_eq!(status, 200);
    assert!(html.contains("How was your skin on"), "{html}");
    assert!(html.contains(&format!("name=\"date\" value=\"{yesterday}\"")));

    let (status, html) = app.form(
        "/diary",
        &format!("date={yesterday}&hydration=2&glow=3"),
        Some(&origin),
    );
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Saved."), "{html}");
    let (_, diary) = app.get("/api/diary");
    let diary: Value = serde_json::from_str(&diary).expect("json");
    assert_eq!(diary[0]["date"], yesterday.to_string());
    assert_eq!(diary[0]["hydration"], 2);

    // "–" clears a rating.
    let (status, _) = app.form(
        "/diary",
        &format!("date={yesterday}&hydration=0&glow=3"),
        Some(&origin),
    );
    assert_eq!(status, 200);
    let (_, diary) = app.get("/api/diary");
    let diary: Value = serde_json::from_str(&diary).expect("json");
    assert_eq!(diary[0]["hydration"], Value::Null, "cleared");
    assert_eq!(diary[0]["glow"], 3);

    for (date, why) in [
        (tomorrow.to_string(), "is after today"),
        ("31-12-2024".to_owned(), "is not a date"),
    ] {
        let (status, html) = app.form("/diary", &format!("date={date}&hydration=5"), Some(&origin));
        assert_eq!(status, 422, "{date}");
        assert!(html.contains(why), "{date}: {html}");
        let (status, html) = app.get(&format!("/diary?date={date}"));
        assert_eq!(status, 422, "{date}");
        assert!(html.contains(why), "{date}: {html}");
    }
    let (_, after) = app.get("/api/diary");
    assert_eq!(serde_json::from_str::<Value>(&after).expect("json"), diary);
}

#[test]
fn week_page_shows_and_keeps_the_plan() {
    let app = App::start("week-page");
    let origin = format!("http://{}", app.addr);
    let (_, html) = app.get("/week");
    assert!(
        html.contains("<a href=\"/profile\">Fill in your profile</a>"),
        "{html}"
    );
    app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "normal"}).to_string(),
    );
    shelve(
        &app,
        &[
            ("Cleanser", CLEANSER),
            ("BHA Liquid", BHA_LIQUID),
            ("Cream", CREAM),
        ],
    );
    let (status, html) = app.get("/week");
    assert_eq!(status, 200);
    assert!(
        html.contains("class=\"day-card") && html.contains("BHA Liquid"),
        "{html}"
    );
    assert!(
        html.to_lowercase().contains("no sunscreen"),
        "the gap is shown: {html}"
    );
    assert!(html.contains("Why it is planned this way"));
    assert!(html.contains("Not kept yet"), "{html}");
    let (status, html) = app.form("/week", "", Some(&origin));
    assert_eq!(status, 200, "redirected to Today");
    assert!(html.contains("Cleanser"), "{html}");
    let (_, export) = app.get("/api/export");
    let export: Value = serde_json::from_str(&export).expect("json");
    assert_eq!(export["plans"].as_array().map(Vec::len), Some(1));
    let (_, html) = app.get("/week");
    assert!(html.contains("This is the plan you kept on"), "{html}");
    // A new product changes the plan: the page says Today follows an older one.
    shelve(&app, &[("Sunscreen SPF 50", SUNSCREEN)]);
    let (_, html) = app.get("/week");
    assert!(html.contains("changed since you kept a plan"), "{html}");
}

#[test]
fn insights_page_shows_the_summary_patterns_and_charts() {
    let app = App::start("insights-page");
    let (status, html) = app.get("/insights");
    assert_eq!(status, 200);
    assert!(html.contains("Nothing to look at yet"), "{html}");

    // Four weeks in which short nights come before worse breakouts.
    let today = jiff::Zoned::now().date();
    for back in 1..=28i64 {
        let date = today
            .checked_sub(jiff::Span::new().days(back))
            .expect("date");
        let short_night = back % 3 == 0;
        let life = json!({"date": date.to_string(), "sleep_hours": if short_night { 5.0 } else { 8.0 }, "stress": 2});
        assert_eq!(app.send("POST", "/api/lifestyle", &life.to_string()).0, 204);
        let skin = json!({"date": date.to_string(), "hydration": 3, "breakouts": if (back + 1) % 3 == 0 { 4 } else { 2 }});
        assert_eq!(app.send("POST", "/api/diary", &skin.to_string()).0, 204);
    }
    let (status, html) = app.get("/insights");
    assert_eq!(status, 200);
    assert!(html.contains("aria-current=\"page\">Insights"));
    assert!(html.contains("This week"));
    assert!(html.contains("Patterns"));
    assert!(html.contains("src=\"/charts/ratings.svg\""));
    assert!(html.contains("not causes"));
    let (_, api) = app.get("/api/insights");
    let api: Value = serde_json::from_str(&api).expect("json");
    let summary = api["summary"].as_str().expect("summary");
    assert!(!summary.is_empty());
    // The page says what the API says, a sentence a line.
    for line in summary.lines() {
        let escaped = line.replace('\'', "&#39;").replace('"', "&#34;");
        assert!(
            html.contains(&format!("<li>{escaped}</li>")),
            "{line}\n{html}"
        );
    }

    let (status, svg) = app.get("/charts/adherence.svg");
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg"), "{svg}");
}

#[test]
fn tips_page_has_an_anchor_per_tip() {
    let app = App::start("tips-anchors");
    let (status, html) = app.get("/tips");
    assert_eq!(status, 200);
    for id in ["seven-skin-method", "layering-order"] {
        assert_eq!(
            html.matches(&format!("<article class=\"card\" id=\"{id}\">"))
                .count(),
            1,
            "{id}"
        );
    }
    assert_eq!(
        html.matches("<article class=\"card\" id=\"").count(),
        html.matches("<article").count(),
        "every tip has its anchor"
    );
}

/// Browsers that say where a post comes from (`Sec-Fetch-Site`) are believed; a cross-site
/// post is refused and stores nothing.
#[test]
fn form_posts_are_checked_by_fetch_metadata() {
    let app = App::start("fetch-site");
    let post = |site: &str| {
        app.request(
            "POST",
            "/shelf",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("sec-fetch-site", site),
                ("origin", "null"),
            ],
            "name=Cream&label=Water%2C+Glycerin",
        )
        .status
    };
    assert_eq!(post("cross-site"), 403);
    assert_eq!(post("same-site"), 403);
    assert_eq!(app.get("/api/products").1, "[]");
    assert_eq!(post("same-origin"), 200, "saved, and shown the shelf");
    let (_, products) = app.get("/api/products");
    assert!(products.contains("Cream"), "{products}");
}

/// A server whose shelf holds one cream, added through the Shelf page: the app, its origin and
/// the Shelf page's HTML.
fn shelf_with_a_cream(name: &str) -> (App, String, String) {
    let app = App::start(name);
    let origin = format!("http://{}", app.addr);
    let (status, _) = app.form(
        "/shelf",
        "name=Cream&label=Water%2C+Glycerin%2C+Squalane",
        Some(&origin),
    );
    assert_eq!(status, 200);
    let (_, html) = app.get("/shelf");
    (app, origin, html)
}

/// The first product as the API has it.
fn product(app: &App) -> Value {
    serde_json::from_str(&app.get("/api/products/1").1).expect("json")
}

#[test]
fn shelf_page_marks_products_opened_finished_and_stopped() {
    let (app, origin, html) = shelf_with_a_cream("shelf-actions");
    assert!(html.contains("Opened today"), "{html}");
    let (status, html) = app.form("/shelf/1", "action=open", Some(&origin));
    assert_eq!(status, 200);
    assert!(
        !html.contains("Opened today"),
        "opened products lose the button"
    );
    assert_eq!(product(&app)["status"], "in_use");
    assert!(product(&app)["opened"].is_string());

    // A stop needs a reason; a refused action changes nothing.
    let (status, html) = app.form("/shelf/1", "action=stop&reason=+", Some(&origin));
    assert_eq!(status, 422);
    assert!(html.contains("say why"), "{html}");
    assert_eq!(app.form("/shelf/1", "action=burn", Some(&origin)).0, 422);
    assert_eq!(app.form("/shelf/99", "action=finish", Some(&origin)).0, 404);
    assert_eq!(product(&app)["status"], "in_use");

    let (status, _) = app.form("/shelf/1", "action=stop&reason=stung", Some(&origin));
    assert_eq!(status, 200);
    let stopped = product(&app);
    assert_eq!(stopped["status"], "stopped");
    assert_eq!(stopped["status_reason"], "stung");
    assert!(stopped["status_changed"].is_string());
    // Cross-site posts are refused here too.
    assert_eq!(
        app.form("/shelf/1", "action=open", Some("http://evil.example"))
            .0,
        403
    );
}

/// What the person said of a product is edited from the Shelf page, a bad value refused by
/// name with nothing changed, and the product removed.
#[test]
fn shelf_page_edits_and_removes_a_product() {
    let (app, origin, html) = shelf_with_a_cream("shelf-edit");
    assert!(html.contains("Edit or remove"), "{html}");
    assert!(
        html.contains("Water, Glycerin, Squalane</textarea>"),
        "{html}"
    );
    let (status, html) = app.form(
        "/shelf/1",
        "action=edit&name=Barrier+Cream&brand=Acme&step=moisturizer&best_before=2027-06-30&label=Water%2C+Glycerin%2C+Ceramide+NP",
        Some(&origin),
    );
    assert_eq!(status, 200, "{html}");
    let edited = product(&app);
    assert_eq!(edited["name"], "Barrier Cream");
    assert_eq!(edited["brand"], "Acme");
    assert_eq!(edited["step"], "moisturizer");
    assert_eq!(edited["best_before"], "2027-06-30");
    assert_eq!(edited["label"], "Water, Glycerin, Ceramide NP");

    for (body, why) in [
        ("action=edit&step=lotion-ish", "is not a routine step"),
        ("action=edit&best_before=next+year", "is not a date"),
    ] {
        let (status, html) = app.form("/shelf/1", body, Some(&origin));
        assert_eq!(status, 422, "{body}");
        assert!(html.contains(why), "{body}: {html}");
    }
    assert_eq!(product(&app), edited, "a refused edit changes nothing");

    let (status, html) = app.form("/shelf/1", "action=remove", Some(&origin));
    assert_eq!(status, 200);
    assert!(!html.contains("Barrier Cream"), "{html}");
    assert_eq!(app.get("/api/products").1, "[]");
    assert_eq!(app.form("/shelf/1", "action=remove", Some(&origin)).0, 404);

    // A product new to the person is added as not yet patch tested; a refused form keeps the
    // tick.
    let (status, html) = app.form("/shelf", "name=Serum&label=&new=yes", Some(&origin));
    assert_eq!(status, 422);
    assert!(
        html.contains("name=\"new\" value=\"yes\" checked"),
        "{html}"
    );
    let (status, _) = app.form(
        "/shelf",
        "name=Serum&label=Water%2C+Niacinamide&new=yes",
        Some(&origin),
    );
    assert_eq!(status, 200);
    let (_, products) = app.get("/api/products");
    let products: Value = serde_json::from_str(&products).expect("json");
    assert_eq!(products[0]["new"], true, "{products}");
}

#[test]
fn analyze_page_shows_sun_protection() {
    let app = App::start("analyze-spf");
    let origin = format!("http://{}", app.addr);
    // Filters in the list.
    let (status, html) = app.form(
        "/analyze",
        "name=Mineral+Sunscreen+Fluid&text=Water%2C+Zinc+Oxide%2C+Glycerin%2C+Phenoxyethanol",
        Some(&origin),
    );
    assert_eq!(status, 200);
    assert!(
        html.contains("UV filters: UVB, UVA including long UVA (ZINC OXIDE)"),
        "{html}"
    );
    // A US listing of the inactive ingredients only: the name declares the protection.
    let (status, html) = app.form(
        "/analyze",
        "name=Daily+Sunscreen+Broad+Spectrum+SPF+50&text=Water%2C+Isododecane%2C+Glycerin%2C+Phenoxyethanol",
        Some(&origin),
    );
    assert_eq!(status, 200);
    assert!(html.contains("Sun protection: SPF 50"), "{html}");
    assert!(html.contains("leaves out the active UV filters"), "{html}");
}

#[test]
fn profile_page_sets_the_retinoid_start_the_week_and_a_limit_on_steps() {
    let app = App::start("profile-week");
    let origin = format!("http://{}", app.addr);
    let profile =
        |app: &App| -> Value { serde_json::from_str(&app.get("/api/profile").1).expect("json") };
    // Nothing saved: every day has make-up to remove, no day is short, no limit.
    let (_, html) = app.get("/profile");
    assert!(
        html.contains(r#"name="makeup_day" value="6" checked"#),
        "{html}"
    );
    assert!(!html.contains(r#"name="short_day" value="0" checked"#));

    // As a browser sends the form: each group of days with its empty value.
    let week = "skin_type=oily&retinoid_started=2024-01-15&breastfeeding=true\
        &makeup_day=&makeup_day=0&makeup_day=1&makeup_day=2&makeup_day=3&makeup_day=4\
        &short_day=&short_day=5&max_steps=5";
    let (status, html) = app.form("/profile", week, Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Saved."), "{html}");
    let saved = profile(&app);
    assert_eq!(saved["retinoid_started"], "2024-01-15");
    assert_eq!(saved["makeup_days"], json!([0, 1, 2, 3, 4]));
    assert_eq!(saved["short_days"], json!([5]));
    assert_eq!(saved["max_steps"], 5);
    // Breastfeeding is its own answer, not pregnancy.
    assert_eq!(saved["breastfeeding"], true);
    assert_eq!(saved["pregnant"], false);
    let (_, html) = app.get("/profile");
    assert!(
        html.contains(r#"name="breastfeeding" value="true" checked"#),
        "{html}"
    );
    assert!(html.contains(r#"value="2024-01-15""#), "{html}");
    assert!(html.contains(r#"name="makeup_day" value="4" checked"#));
    assert!(
        html.contains(r#"name="makeup_day" value="5">"#),
        "Saturday unticked"
    );
    assert!(html.contains(r#"name="short_day" value="5" checked"#));
    assert!(
        html.contains(r#"name="short_day" value="4">"#),
        "Friday unticked"
    );
    assert!(html.contains(r#"name="max_steps" class="short" value="5""#));

    // A limit out of range, or not a number, is refused on the page and changes nothing.
    for (limit, says) in [("abc", "“abc” is not a number"), ("1", "3 to 15")] {
        let post = week.replace("max_steps=5", &format!("max_steps={limit}"));
        let post = post.replace("retinoid_started=2024-01-15", "retinoid_started=");
        let (status, html) = app.form("/profile", &post, Some(&origin));
        assert_eq!(status, 422, "{limit}: {html}");
        assert!(html.contains("role=\"alert\""), "{html}");
        assert!(html.contains("max_steps") && html.contains(says), "{html}");
        assert_eq!(profile(&app), saved, "{limit} changed nothing");
    }

    // An empty date clears the start; all days ticked is every day; none ticked, none; an
    // empty limit, none.
    let every_day: String = (0..7).map(|d| format!("&makeup_day={d}")).collect();
    let (status, html) = app.form(
        "/profile",
        &format!("skin_type=oily&retinoid_started={every_day}&short_day=&max_steps="),
        Some(&origin),
    );
    assert_eq!(status, 200, "{html}");
    let cleared = profile(&app);
    assert_eq!(cleared["retinoid_started"], Value::Null);
    assert_eq!(cleared["makeup_days"], Value::Null);
    assert_eq!(cleared["short_days"], json!([]));
    assert_eq!(cleared["max_steps"], Value::Null);
    assert!(html.contains(r#"id="retinoid_started" name="retinoid_started" value="""#));
    let (status, _) = app.form("/profile", "skin_type=oily&makeup_day=", Some(&origin));
    assert_eq!(status, 200);
    assert_eq!(
        profile(&app)["makeup_days"],
        json!([]),
        "no day ticked: never"
    );
    // A post without the new fields (an older page) keeps them.
    let (status, _) = app.form(
        "/profile",
        "skin_type=oily&retinoid_started=2024-01-15&max_steps=4&short_day=&short_day=6",
        Some(&origin),
    );
    assert_eq!(status, 200);
    let (status, _) = app.form("/profile", "skin_type=dry", Some(&origin));
    assert_eq!(status, 200);
    let kept = profile(&app);
    assert_eq!(kept["skin_type"], "dry");
    assert_eq!(kept["retinoid_started"], "2024-01-15");
    assert_eq!(kept["makeup_days"], json!([]));
    assert_eq!(kept["short_days"], json!([6]));
    assert_eq!(kept["max_steps"], 4);
}

#[test]
fn check_page_checks_the_routine_a_person_follows() {
    let app = App::start("check-page");
    let origin = format!("http://{}", app.addr);
    let (status, html) = app.get("/check");
    assert_eq!(status, 200);
    assert!(html.contains("add your products to the shelf"), "{html}");

    shelve(
        &app,
        &[
            ("Gentle Cleanser", CLEANSER),
            (
                "Night Retinol",
                "Water, Squalane, Glycerin, Retinol, Tocopherol",
            ),
            ("Pore Liquid", BHA_LIQUID),
        ],
    );
    let (_, shelf) = app.call("GET", "/api/products");
    let id = |name: &str| {
        shelf
            .as_array()
            .and_then(|all| all.iter().find(|p| p["name"] == name))
            .and_then(|p| p["id"].as_i64())
            .unwrap_or_else(|| panic!("{name} on the shelf: {shelf}"))
    };
    let (status, html) = app.get("/check");
    assert_eq!(status, 200);
    assert!(html.contains("Night Retinol") && html.contains("Every evening"));

    // Every evening the cleanser and the retinol; the BHA too on Monday and Thursday. The
    // mornings have no sunscreen.
    let body = format!(
        "time=am&time=pm&time=pm&time=am{}&product=0:{cleanser}&product=1:{cleanser}&product=1:{retinol}&day=2:0&day=2:3&product=2:{bha}",
        (0..7)
            .map(|d| format!("&day=0:{d}&day=1:{d}"))
            .collect::<String>(),
        cleanser = id("Gentle Cleanser"),
        retinol = id("Night Retinol"),
        bha = id("Pore Liquid"),
    );
    let (status, html) = app.form("/check", &body, Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("3 products, 14 sessions a week, for normal skin."),
        "{html}"
    );
    assert!(
        html.contains("AHA or retinoid without daily sunscreen"),
        "{html}"
    );
    assert!(html.contains("Retinoid and exfoliating acid in one session"));
    // In colour and in words, with its evidence and the tip to read.
    assert!(html.contains("class=\"note warning\"") && html.contains(">Warning<"));
    assert!(html.contains("evidence grade"));
    assert!(html.contains("href=\"/tips#"));
    assert!(html.contains("fill in your profile"), "no profile yet");
    // The form keeps what was ticked.
    assert!(html.contains(&format!("value=\"2:{}\" checked", id("Pore Liquid"))));
    assert!(html.contains("value=\"2:3\" checked") && !html.contains("value=\"2:1\" checked"));

    // A routine with nothing to change says so.
    let body = format!(
        "time=am&time=pm&day=1:0&product=1:{}",
        id("Gentle Cleanser")
    );
    let (status, html) = app.form("/check", &body, Some(&origin));
    assert_eq!(status, 200);
    assert!(html.contains("Nothing to change"), "{html}");

    // What only a forged form sends is refused by name, with nothing checked.
    for (body, why) in [
        ("time=noon", "“noon” is not a time"),
        ("time=pm&day=0:9", "day 9 is not a day of the week"),
        ("time=pm&product=7:1", "“7:1” is not a product of a session"),
        ("time=pm&day=1:0&product=1:9999", "no product 9999"),
    ] {
        let (status, html) = app.form("/check", body, Some(&origin));
        // A product that is not on the shelf is not there (404); the rest is malformed (422).
        let expected = if why.starts_with("no product") {
            404
        } else {
            422
        };
        assert_eq!(status, expected, "{body}");
        assert!(html.contains(why), "{body}: {html}");
        assert!(!html.contains("What the rules find"), "{body}");
    }
    let (status, _) = app.form("/check", "time=pm", Some("http://evil.example"));
    assert_eq!(status, 403, "another site: refused");
}
