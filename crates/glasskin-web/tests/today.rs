//! The Profile and Today pages through the router: a profile saved from its form, the day's
//! steps ticked off, and the optional script's layer counters and settle timers.

use serde_json::{Value, json};

use crate::support::{App, CLEANSER, CREAM, HYDRATING_TONER, shelve};

#[test]
fn profile_and_today_pages() {
    let app = App::start("today-page");
    let origin = format!("http://{}", app.addr);
    let (status, html) = app.get("/today");
    assert_eq!(status, 200);
    assert!(html.contains("No plan yet"), "{html}");
    let (status, html) = app.form(
        "/profile",
        "skin_type=dry&concern=dehydration&concern=redness&sensitive=true",
        Some(&origin),
    );
    assert_eq!(status, 200);
    assert!(html.contains("Saved."), "{html}");
    let (_, profile) = app.get("/api/profile");
    let profile: Value = serde_json::from_str(&profile).expect("json");
    assert_eq!(profile["skin_type"], "dry");
    assert_eq!(profile["concerns"], json!(["dehydration", "redness"]));
    assert_eq!(profile["sensitive"], true);
    let (status, _) = app.form("/profile", "skin_type=shiny", Some(&origin));
    assert_eq!(status, 422, "an unknown skin type changes nothing");

    shelve(&app, &[("Cleanser", CLEANSER), ("Cream", CREAM)]);
    app.send("POST", "/api/plan", &json!({"save": true}).to_string());
    let (_, html) = app.get("/today");
    assert!(html.contains("Evening") && html.contains("Cream"), "{html}");
    let (status, html) = app.form("/today", "time=pm&done=1&done=2", Some(&origin));
    assert_eq!(status, 200, "back to the page after saving");
    assert_eq!(html.matches(" checked").count(), 2, "{html}");
    let (_, html) = app.form("/today", "time=pm&done=2", Some(&origin));
    assert_eq!(html.matches(" checked").count(), 1, "unticked the cleanser");
}

/// A dry, dehydrated profile and a shelf with a hydrating toner, planned and saved: the toner is
/// layered (the 7-skin method). Returns today's sessions as the API lists them.
fn layered_toner_plan(app: &App) -> Vec<Value> {
    let (status, _) = app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "dry", "concerns": ["dehydration"]}).to_string(),
    );
    assert_eq!(status, 200);
    shelve(
        app,
        &[
            ("Cleanser", CLEANSER),
            ("Hydrating Toner", HYDRATING_TONER),
            ("Cream", CREAM),
        ],
    );
    let (status, plan) = app.send("POST", "/api/plan", &json!({"save": true}).to_string());
    assert_eq!(status, 200, "{plan}");
    let (status, today) = app.get("/api/today");
    assert_eq!(status, 200);
    let today: Value = serde_json::from_str(&today).expect("json");
    today.as_array().cloned().expect("sessions")
}

/// The session forms of the Today page, by their `data-time`.
fn session_forms(html: &str) -> Vec<(String, String)> {
    html.split("<form method=\"post\" action=\"/today\"")
        .skip(1)
        .map(|form| {
            let form = form.split("</form>").next().unwrap_or_default();
            let time = form
                .split("data-time=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default();
            (time.to_owned(), form.to_owned())
        })
        .collect()
}

#[test]
fn today_page_counts_layers_and_offers_settle_timers() {
    let app = App::start("today-tools");
    let origin = format!("http://{}", app.addr);
    let sessions = layered_toner_plan(&app);
    let (status, html) = app.get("/today");
    assert_eq!(status, 200);

    let forms = session_forms(&html);
    assert_eq!(forms.len(), sessions.len(), "one form per session: {html}");
    let mut layered = 0;
    for (session, (time, form)) in sessions.iter().zip(&forms) {
        assert_eq!(session["time"].as_str(), Some(time.as_str()), "{form}");
        let steps = session["steps"].as_array().expect("steps");
        let rows: Vec<&str> = form.split("<li class=\"step-row\"").skip(1).collect();
        assert_eq!(rows.len(), steps.len(), "{form}");
        for (i, (step, row)) in steps.iter().zip(&rows).enumerate() {
            let id = step["product_id"].as_i64().expect("id");
            let layers = step["layers"].as_u64().expect("layers");
            assert!(
                row.starts_with(&format!(
                    " data-product-id=\"{id}\" data-layers=\"{layers}\">"
                )),
                "{row}"
            );
            if layers > 1 {
                layered += 1;
                assert!(row.contains(&format!("{layers} thin layers")), "{row}");
                assert!(
                    row.contains(
                        "<button type=\"button\" class=\"quiet layer-button\">Pat in a layer"
                    ),
                    "{row}"
                );
                assert!(
                    row.contains(&format!(
                        "<span class=\"tool-status layer-count\" aria-live=\"polite\">Layer 0 of {layers}</span>"
                    )),
                    "{row}"
                );
                assert!(row.contains("href=\"/tips#seven-skin-method\""), "{row}");
            } else {
                assert!(
                    !row.contains("layer-button"),
                    "one layer, no counter: {row}"
                );
            }
            let last = i + 1 == steps.len();
            assert_eq!(
                row.contains(
                    "<button type=\"button\" class=\"quiet settle-button\"><span class=\"settle-label\">Let it settle · 30 s</span>"
                ),
                !last,
                "a timer after every step but the last: {row}"
            );
            if !last {
                assert!(row.contains("data-seconds=\"30\""), "{row}");
                assert!(
                    row.contains("<span class=\"sr settle-said\" aria-live=\"polite\"></span>"),
                    "{row}"
                );
            }
        }
        assert_eq!(
            form.matches("href=\"/tips#layering-order\"").count(),
            usize::from(steps.len() > 1),
            "the waiting hint once per session: {form}"
        );
        assert!(
            form.contains("class=\"save-status\" role=\"status\""),
            "{form}"
        );
    }
    assert!(layered >= 1, "the hydrating toner is layered: {sessions:?}");

    // Without the script the tools stay hidden, and nothing inline would trip the CSP.
    assert_eq!(
        html.matches("<div class=\"step-tools\" hidden>").count(),
        html.matches("class=\"step-tools\"").count()
    );
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script src=\"/static/").count(),
        "only external scripts: {html}"
    );
    assert!(html.contains("<script src=\"/static/nav.js\" defer></script>"));
    assert!(html.contains("<script src=\"/static/today.js\" defer></script>"));
    assert!(
        !html.contains(" style=") && !html.contains(" onclick=") && !html.contains(" onchange=")
    );
    let (_, tips) = app.get("/tips");
    assert!(!tips.contains("today.js"), "other pages load no script");

    // Every hook the script looks for is on the page.
    let (_, script) = app.get("/static/today.js");
    for hook in [
        "form[data-time]",
        "li[data-product-id]",
        ".save-status",
        ".layer-button",
        ".layer-count",
        ".step-tools",
        ".settle",
        ".settle-button",
        ".settle-label",
        ".settle-left",
        ".settle-said",
    ] {
        assert!(
            script.contains(&format!("'{hook}'")),
            "the script uses {hook}"
        );
        let class = hook.trim_start_matches('.');
        let on_page = if hook.starts_with('.') {
            html.contains(&format!("class=\"{class}\""))
                || html.contains(&format!(" {class}\""))
                || html.contains(&format!(" {class} "))
                || html.contains(&format!("\"{class} "))
        } else {
            html.contains(
                hook.split('[')
                    .nth(1)
                    .unwrap_or_default()
                    .trim_end_matches(']'),
            )
        };
        assert!(on_page, "the page has {hook}");
    }

    // The tick the script sends, {time, product_id, done}, saves and unsaves at once.
    let toner = sessions
        .iter()
        .flat_map(|s| {
            s["steps"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |st| (s, st))
        })
        .find(|(_, st)| st["layers"].as_u64() > Some(1))
        .expect("a layered step");
    let (time, id) = (
        toner.0["time"].as_str().expect("time"),
        toner.1["product_id"].as_i64().expect("id"),
    );
    let layers = toner.1["layers"].as_u64().expect("layers");
    for done in [true, false, true] {
        let (status, _) = app.send(
            "POST",
            "/api/checkoffs",
            &json!({"time": time, "product_id": id, "done": done}).to_string(),
        );
        assert_eq!(status, 204);
        let (_, today) = app.get("/api/today");
        let today: Value = serde_json::from_str(&today).expect("json");
        let step = today
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| s["time"] == time)
            .flat_map(|s| s["steps"].as_array().into_iter().flatten())
            .find(|st| st["product_id"] == id)
            .cloned()
            .expect("still planned");
        assert_eq!(step["done"], done);
    }
    // A done step's counter starts full; the plain form still saves with the script off.
    let toner_row = |html: &str| -> String {
        let (_, form) = session_forms(html)
            .into_iter()
            .find(|(t, _)| t == time)
            .expect("the session");
        form.split("<li class=\"step-row\"")
            .find(|row| row.starts_with(&format!(" data-product-id=\"{id}\"")))
            .expect("the toner's row")
            .to_owned()
    };
    let (_, html) = app.get("/today");
    let row = toner_row(&html);
    assert!(row.contains(" checked>"), "{row}");
    assert!(
        row.contains(&format!(">Layer {layers} of {layers}</span>")),
        "{row}"
    );
    let (status, html) = app.form("/today", &format!("time={time}"), Some(&origin));
    assert_eq!(status, 200);
    let row = toner_row(&html);
    assert!(!row.contains(" checked>"), "unticked by the form: {row}");
    assert!(
        row.contains(&format!(">Layer 0 of {layers}</span>")),
        "{row}"
    );
}

#[test]
fn today_script_is_served_as_javascript() {
    let app = App::start("today-js");
    let response = app.request("GET", "/static/today.js", &[], "");
    assert_eq!(response.status, 200);
    let headers = &response.headers;
    assert_eq!(
        headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"text/javascript; charset=utf-8"[..])
    );
    assert_eq!(
        headers.get("cache-control").map(|v| v.as_bytes()),
        Some(&b"max-age=3600"[..])
    );
    assert_eq!(
        headers.get("x-content-type-options").map(|v| v.as_bytes()),
        Some(&b"nosniff"[..]),
        "so the type must be right for the browser to run it"
    );
    let script = response.body;
    assert!(script.contains("fetch('/api/checkoffs'"), "{script}");
    assert!(script.contains("'content-type': 'application/json'"));
    assert!(script.contains("body: JSON.stringify(tick)"));
    // Ticks wait in a queue on the phone while the server cannot be reached.
    assert!(script.contains("localStorage.setItem(QUEUE_KEY"));
    assert!(!script.contains("innerHTML"), "text only, never markup");
}

#[test]
fn the_app_installs_and_its_worker_keeps_the_shell() {
    let app = App::start("installable");
    let manifest = app.request("GET", "/manifest.webmanifest", &[], "");
    assert_eq!(manifest.status, 200);
    assert_eq!(
        manifest.headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/manifest+json"[..])
    );
    let manifest: serde_json::Value = serde_json::from_str(&manifest.body).expect("JSON");
    assert_eq!(manifest["start_url"], "/today");
    assert_eq!(manifest["display"], "standalone");
    for icon in manifest["icons"].as_array().expect("icons") {
        let src = icon["src"].as_str().expect("a src");
        let reply = app.request("GET", src, &[], "");
        assert_eq!(reply.status, 200, "{src}");
        if src.ends_with(".png") {
            let size: u32 = icon["sizes"]
                .as_str()
                .and_then(|s| s.split('x').next())
                .and_then(|s| s.parse().ok())
                .expect("a size");
            // The PNG's own header holds its width (bytes 16..20), which must match the manifest.
            assert!(reply.raw.starts_with(b"\x89PNG"), "{src} is a PNG");
            let width = u32::from_be_bytes(reply.raw[16..20].try_into().expect("4 bytes"));
            assert_eq!(width, size, "{src}");
        }
    }
    let (_, page) = app.get("/tips");
    assert!(page.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"));
    let worker = app.request("GET", "/sw.js", &[], "");
    assert_eq!(worker.status, 200);
    assert_eq!(
        worker.headers.get("cache-control").map(|v| v.as_bytes()),
        Some(&b"no-cache"[..]),
        "a new worker is picked up at once"
    );
    assert!(worker.body.contains("'/today'") && worker.body.contains("/api/"));
}

/// What happens to the kept plan as the shelf changes: products stopped, finished, deleted,
/// past their date or still being patch tested.
mod lifecycle;
