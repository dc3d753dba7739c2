//! The web app and API against a real server on 127.0.0.1, with a real SQLite file: every route,
//! bad input answered with a clear 4xx and nothing stored, pages rendered, forms protected.

use std::net::SocketAddr;

use serde_json::{Value, json};

/// A server on a free port, stopped when dropped.
struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(name: &str) -> Server {
        let dir = std::env::temp_dir().join(format!("glasskin-web-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let state = glasskin_web::AppState::open(&dir.join("glasskin.db")).expect("opens");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, addr) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("binds");
                ready
                    .send(listener.local_addr().expect("addr"))
                    .expect("sends");
                glasskin_web::serve_on(listener, state, async {
                    let _ = stopped.await;
                })
                .await
                .expect("serves");
            });
        });
        Server {
            addr: addr.recv().expect("ready"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut response = Server::agent()
            .get(&self.url(path))
            .call()
            .expect("responds");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body"))
    }

    fn send(&self, method: &str, path: &str, body: &str) -> (u16, Value) {
        let agent = Server::agent();
        let url = self.url(path);
        let request = match method {
            "POST" => agent.post(&url),
            "PUT" => agent.put(&url),
            "PATCH" => agent.patch(&url),
            other => panic!("method {other}"),
        };
        let mut response = request
            .header("content-type", "application/json")
            .send(body)
            .expect("responds");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    fn delete(&self, path: &str) -> u16 {
        Server::agent()
            .delete(&self.url(path))
            .call()
            .expect("responds")
            .status()
            .as_u16()
    }

    /// A GET or DELETE, with the JSON answer.
    fn call(&self, method: &str, path: &str) -> (u16, Value) {
        let agent = Server::agent();
        let url = self.url(path);
        let request = match method {
            "GET" => agent.get(&url),
            "DELETE" => agent.delete(&url),
            other => panic!("method {other}"),
        };
        let mut response = request.call().expect("responds");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    fn form(&self, path: &str, body: &str, origin: Option<&str>) -> (u16, String) {
        let mut request = Server::agent()
            .post(&self.url(path))
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        let mut response = request.send(body).expect("responds");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Labels the tests put on shelves, from real products (abbreviated).
const CLEANSER: &str = "Water, Cocamidopropyl Betaine, Glycerin, Sodium Lauroyl Methyl Isethionate";
const CREAM: &str =
    "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Phenoxyethanol";
const HYDRATING_TONER: &str = "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Panthenol";
const SUNSCREEN: &str = "Water, Zinc Oxide, Glycerin, Phenoxyethanol";
const BHA_LIQUID: &str =
    "Water, Methylpropanediol, Butylene Glycol, Salicylic Acid, Polysorbate 20";

/// Puts products on the shelf through the API.
fn shelve(server: &Server, products: &[(&str, &str)]) {
    for (name, label) in products {
        let (status, body) = server.send(
            "POST",
            "/api/products",
            &json!({"name": name, "label": label}).to_string(),
        );
        assert_eq!(status, 201, "{body}");
    }
}

fn error_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

#[test]
fn analyze_api_and_its_bad_input() {
    let server = Server::start("analyze");
    let (status, body) = server.send(
        "POST",
        "/api/analyze",
        &json!({"text": "Water, Butylene Glycol, Glycolic Acid, Phenoxyethanol", "name": "Glow Toner"}).to_string(),
    );
    assert_eq!(status, 200);
    assert_eq!(body["products"][0]["entries"][2]["inci"], "GLYCOLIC ACID");
    assert_eq!(body["understanding"][0]["step"], "exfoliant");

    let (status, body) = server.send("POST", "/api/analyze", "{not json");
    assert_eq!(status, 400);
    assert_eq!(error_code(&body), "bad_json");
    let (status, body) = server.send("POST", "/api/analyze", &json!({"text": 42}).to_string());
    assert_eq!(status, 422, "wrong type");
    assert_eq!(error_code(&body), "bad_json");
    let (status, body) = server.send(
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
    // An oversized body is refused from its length alone, before it is read.
    {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(server.addr).expect("connects");
        write!(
            stream,
            "POST /api/analyze HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            server.addr,
            glasskin_web::BODY_LIMIT + 1
        )
        .expect("writes");
        let mut reply = [0u8; 1024];
        let n = stream.read(&mut reply).expect("reads");
        let reply = String::from_utf8_lossy(&reply[..n]);
        assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
        assert!(reply.contains("\"code\":\"too_large\""), "{reply}");
    }
    let (status, body) = server.send("POST", "/api/nothing", "{}");
    assert_eq!(status, 404);
    assert_eq!(error_code(&body), "not_found");
}

#[test]
fn profile_and_products_api() {
    let server = Server::start("shelf");
    let (status, body) = server.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "shiny"}).to_string(),
    );
    assert_eq!(status, 422);
    assert_eq!(error_code(&body), "invalid");
    let (status, _) = server.get("/api/profile");
    assert_eq!(status, 404, "nothing stored by the bad request");
    let (status, body) = server.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "dry", "concerns": ["dehydration"]}).to_string(),
    );
    assert_eq!(status, 200, "{body}");
    let (_, profile) = server.get("/api/profile");
    assert!(profile.contains("dehydration"), "{profile}");

    let (status, created) = server.send(
        "POST",
        "/api/products",
        &json!({"name": "Toner", "label": "Water, Glycerin", "pao_months": 12}).to_string(),
    );
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let (status, _) = server.send(
        "POST",
        "/api/products",
        &json!({"name": "", "label": "Water"}).to_string(),
    );
    assert_eq!(status, 422);
    let (status, list) = server.get("/api/products");
    assert_eq!(status, 200);
    let list: Value = serde_json::from_str(&list).expect("json");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "the bad product was not stored"
    );
    let (status, _) = server.get(&format!("/api/products/{id}"));
    assert_eq!(status, 200);
    let (status, _) = server.get("/api/products/9999");
    assert_eq!(status, 404);
    let (status, _) = server.get("/api/products/not-a-number");
    assert_eq!(status, 400);

    // What happens to a product over its life.
    let path = format!("/api/products/{id}");
    let (status, opened) = server.send("PATCH", &path, r#"{"open": true, "pao_months": 6}"#);
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["status"], "in_use");
    assert_eq!(opened["pao_months"], 6);
    assert!(opened["opened"].is_string());
    for (bad, why) in [
        (r#"{"pao_months": 6}"#, "with `pao_months`"),
        (r#"{"opened": "2999-01-01"}"#, "in the future"),
        (r#"{"open": true, "pao_months": 500}"#, "1 to 120"),
        (r#"{"status": "lost"}"#, "unknown variant"),
    ] {
        let (status, body) = server.send("PATCH", &path, bad);
        assert_eq!(status, 422, "{bad}: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(why)),
            "{body}"
        );
    }
    assert_eq!(
        server
            .send("PATCH", "/api/products/9999", r#"{"tested": true}"#)
            .0,
        404
    );
    let now: Value = serde_json::from_str(&server.get(&path).1).expect("json");
    assert_eq!(now, opened, "refused updates changed nothing");
    let (status, stopped) = server.send(
        "PATCH",
        &path,
        r#"{"status": "stopped", "reason": "stung around the eyes"}"#,
    );
    assert_eq!(status, 200, "{stopped}");
    assert_eq!(stopped["status"], "stopped");
    assert_eq!(stopped["status_reason"], "stung around the eyes");
    assert!(stopped["status_changed"].is_string(), "dated today");

    assert_eq!(server.delete(&format!("/api/products/{id}")), 204);
    assert_eq!(server.delete(&format!("/api/products/{id}")), 404);
}

#[test]
fn tips_api() {
    let server = Server::start("tips");
    let (status, body) = server.get("/api/tips?topic=sleep");
    assert_eq!(status, 200);
    let tips: Value = serde_json::from_str(&body).expect("json");
    assert!(tips.as_array().is_some_and(|t| !t.is_empty()));
    assert!(tips[0]["sources"][0]["citation"].is_string());
    let (status, _) = server.get("/api/tips?topic=astrology");
    assert_eq!(status, 404);
}

#[test]
fn pages_render_and_forms_are_protected() {
    let server = Server::start("pages");
    let origin = format!("http://{}", server.addr);
    for path in ["/", "/tips", "/shelf"] {
        let (status, html) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            html.contains("<main id=\"main\">") && html.contains("aria-current=\"page\""),
            "{path}"
        );
    }
    let (status, css) = server.get("/static/app.css");
    assert_eq!(status, 200);
    assert!(css.contains(":root"));
    let (status, html) = server.get("/nowhere");
    assert_eq!(status, 404);
    assert!(html.contains("Nothing here"));

    let (status, html) = server.form(
        "/analyze",
        "name=Hydrating+Toner&text=Water%2C+Butylene+Glycol%2C+Glycerin%2C+Sodium+Hyaluronate%2C+Panthenol",
        Some(&origin),
    );
    assert_eq!(status, 200);
    assert!(html.contains("fits the 7-skin method"), "{html}");
    assert!(html.contains("SODIUM HYALURONATE"));
    // The pasted text comes back escaped, never as markup.
    let (_, html) = server.form(
        "/analyze",
        "text=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        Some(&origin),
    );
    assert!(!html.contains("<script>alert(1)</script>"));

    let (status, _) = server.form("/shelf", "name=Toner&label=Water%2C+Glycerin", None);
    assert_eq!(status, 403, "no origin: refused");
    let (status, _) = server.form(
        "/shelf",
        "name=Toner&label=Water%2C+Glycerin",
        Some("http://evil.example"),
    );
    assert_eq!(status, 403, "another site: refused");
    let (_, shelf) = server.get("/shelf");
    assert!(shelf.contains("Nothing here yet"), "nothing stored");
    let (status, html) = server.form(
        "/shelf",
        "name=Toner&label=Water%2C+Glycerin&pao=12+weeks",
        Some(&origin),
    );
    assert_eq!(status, 422);
    assert!(html.contains("not months"), "{html}");
    let (status, html) = server.form(
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
    let server = Server::start("headers");
    let response = Server::agent()
        .get(&server.url("/"))
        .call()
        .expect("responds");
    let headers = response.headers();
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
        let (status, svg) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(svg.starts_with("<svg"), "{path}");
    }
}

#[test]
fn the_journey_through_the_api() {
    let server = Server::start("journey");
    let (status, body) = server.send("POST", "/api/plan", "{}");
    assert_eq!(status, 409, "no profile yet: {body}");
    assert_eq!(error_code(&body), "no_profile");
    server.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "oily"}).to_string(),
    );
    let (status, body) = server.send("POST", "/api/plan", "{}");
    assert_eq!(status, 409);
    assert_eq!(error_code(&body), "empty_shelf");
    shelve(
        &server,
        &[
            ("Cleanser", CLEANSER),
            ("Cream", CREAM),
            ("Sunscreen SPF 50", SUNSCREEN),
        ],
    );
    let (status, plan) = server.send("POST", "/api/plan", &json!({"save": true}).to_string());
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["saved"], 1);
    assert_eq!(
        plan["weeks"][0]["sessions"].as_array().map(Vec::len),
        Some(14)
    );

    let (status, today) = server.get("/api/today");
    assert_eq!(status, 200);
    let today: Value = serde_json::from_str(&today).expect("json");
    let first = &today[0]["steps"][0];
    assert_eq!(first["done"], false);
    let product_id = first["product_id"].as_i64().expect("id");
    let (status, _) = server.send(
        "POST",
        "/api/checkoffs",
        &json!({"time": "am", "product_id": product_id}).to_string(),
    );
    assert_eq!(status, 204);
    let (_, today) = server.get("/api/today");
    let today: Value = serde_json::from_str(&today).expect("json");
    assert_eq!(today[0]["steps"][0]["done"], true);
    let (status, _) = server.send(
        "POST",
        "/api/checkoffs",
        &json!({"time": "noon", "product_id": product_id}).to_string(),
    );
    assert_eq!(status, 422);

    let (status, _) = server.send(
        "POST",
        "/api/diary",
        &json!({"date": "2026-11-20", "hydration": 4}).to_string(),
    );
    assert_eq!(status, 204);
    let (status, _) = server.send(
        "POST",
        "/api/diary",
        &json!({"date": "2026-11-21", "hydration": 9}).to_string(),
    );
    assert_eq!(status, 422, "out of range");
    let (status, _) = server.send(
        "POST",
        "/api/diary",
        &json!({"date": "2026-13-40"}).to_string(),
    );
    assert_eq!(status, 422, "not a date");
    let (status, _) = server.send(
        "POST",
        "/api/lifestyle",
        &json!({"date": "2026-11-20", "sleep_hours": 7.5}).to_string(),
    );
    assert_eq!(status, 204);
    let (_, diary) = server.get("/api/diary");
    assert!(
        diary.contains("2026-11-20") && !diary.contains("2026-11-21"),
        "{diary}"
    );

    let (status, export) = server.get("/api/export");
    assert_eq!(status, 200);
    let other = Server::start("journey-copy");
    let (status, _) = other.send("POST", "/api/import", &export);
    assert_eq!(status, 204);
    let (_, copied) = other.get("/api/export");
    assert_eq!(copied, export, "the round trip is exact");
}

#[test]
fn profile_and_today_pages() {
    let server = Server::start("today-page");
    let origin = format!("http://{}", server.addr);
    let (status, html) = server.get("/today");
    assert_eq!(status, 200);
    assert!(html.contains("No plan yet"), "{html}");
    let (status, html) = server.form(
        "/profile",
        "skin_type=dry&concern=dehydration&concern=redness&sensitive=true",
        Some(&origin),
    );
    assert_eq!(status, 200);
    assert!(html.contains("Saved."), "{html}");
    let (_, profile) = server.get("/api/profile");
    let profile: Value = serde_json::from_str(&profile).expect("json");
    assert_eq!(profile["skin_type"], "dry");
    assert_eq!(profile["concerns"], json!(["dehydration", "redness"]));
    assert_eq!(profile["sensitive"], true);
    let (status, _) = server.form("/profile", "skin_type=shiny", Some(&origin));
    assert_eq!(status, 422, "an unknown skin type changes nothing");

    shelve(&server, &[("Cleanser", CLEANSER), ("Cream", CREAM)]);
    server.send("POST", "/api/plan", &json!({"save": true}).to_string());
    let (_, html) = server.get("/today");
    assert!(html.contains("Evening") && html.contains("Cream"), "{html}");
    let (status, html) = server.form("/today", "time=pm&done=1&done=2", Some(&origin));
    assert_eq!(status, 200, "back to the page after saving");
    assert_eq!(html.matches(" checked").count(), 2, "{html}");
    let (_, html) = server.form("/today", "time=pm&done=2", Some(&origin));
    assert_eq!(html.matches(" checked").count(), 1, "unticked the cleanser");
}

#[test]
fn diary_page_and_chart() {
    let server = Server::start("diary-page");
    let origin = format!("http://{}", server.addr);
    let (status, html) = server.get("/diary");
    assert_eq!(status, 200);
    assert!(html.contains("How is your skin today?"));
    let (status, html) = server.form(
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
    let (_, diary) = server.get("/api/diary");
    let diary: Value = serde_json::from_str(&diary).expect("json");
    assert_eq!(diary[0]["hydration"], 4);
    assert_eq!(diary[0]["notes"], "windy day");
    let (_, lifestyle) = server.get("/api/lifestyle");
    let lifestyle: Value = serde_json::from_str(&lifestyle).expect("json");
    assert_eq!(lifestyle[0]["sleep_hours"], 7.5);

    let (status, _) = server.form("/diary", "hydration=9", Some(&origin));
    assert_eq!(status, 422);
    let (_, after) = server.get("/api/diary");
    let after: Value = serde_json::from_str(&after).expect("json");
    assert_eq!(after[0]["hydration"], 4, "nothing changed");

    // The rest of the day, in the same form: water, exercise and diet tags.
    let (status, html) = server.form(
        "/diary",
        "hydration=4&sleep=7&water=1%2C5&exercise=30&diet=dairy&diet=alcohol&diet=bogus",
        Some(&origin),
    );
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("value=\"dairy\" checked"),
        "today's tags show as ticked"
    );
    let (_, lifestyle) = server.get("/api/lifestyle");
    let lifestyle: Value = serde_json::from_str(&lifestyle).expect("json");
    assert_eq!(lifestyle[0]["water_litres"], 1.5, "a decimal comma is read");
    assert_eq!(lifestyle[0]["exercise_minutes"], 30);
    assert_eq!(lifestyle[0]["diet_tags"], json!(["dairy", "alcohol"]));

    // A typo is named and shown back; a refused day changes neither log.
    let (status, html) = server.form("/diary", "glow=2&sleep=seven", Some(&origin));
    assert_eq!(status, 422);
    assert!(
        html.contains("hours slept: `seven` is not a number"),
        "{html}"
    );
    assert!(html.contains("value=\"seven\""), "what was typed is kept");
    let (status, html) = server.form("/diary", "glow=2&sleep=30", Some(&origin));
    assert_eq!(status, 422);
    assert!(html.contains("sleep is 0 to 24 hours"), "{html}");
    let (_, after) = server.get("/api/diary");
    let after: Value = serde_json::from_str(&after).expect("json");
    assert_eq!(after[0]["glow"], Value::Null, "the diary is unchanged");
    let (_, life) = server.get("/api/lifestyle");
    assert_eq!(
        serde_json::from_str::<Value>(&life).expect("json"),
        lifestyle
    );

    let (_, narrow) = server.get("/charts/ratings.svg?size=narrow");
    assert!(
        narrow.contains("width=\"360\""),
        "a phone gets the narrow chart: {narrow}"
    );
    assert!(html.contains("srcset=\"/charts/ratings.svg?size=narrow\""));
    let response = Server::agent()
        .get(&server.url("/charts/ratings.svg"))
        .call()
        .expect("responds");
    assert_eq!(
        response.headers().get("content-type").map(|v| v.as_bytes()),
        Some(&b"image/svg+xml"[..])
    );
}

#[test]
fn week_page_shows_and_keeps_the_plan() {
    let server = Server::start("week-page");
    let origin = format!("http://{}", server.addr);
    let (_, html) = server.get("/week");
    assert!(html.contains("Fill in your Profile first"), "{html}");
    server.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "normal"}).to_string(),
    );
    shelve(
        &server,
        &[
            ("Cleanser", CLEANSER),
            ("BHA Liquid", BHA_LIQUID),
            ("Cream", CREAM),
        ],
    );
    let (status, html) = server.get("/week");
    assert_eq!(status, 200);
    assert!(
        html.contains("Monday") && html.contains("BHA Liquid"),
        "{html}"
    );
    assert!(html.contains("no sunscreen"), "the gap is shown: {html}");
    assert!(html.contains("Why it is planned this way"));
    assert!(html.contains("Not kept yet"), "{html}");
    let (status, html) = server.form("/week", "", Some(&origin));
    assert_eq!(status, 200, "redirected to Today");
    assert!(html.contains("Cleanser"), "{html}");
    let (_, export) = server.get("/api/export");
    let export: Value = serde_json::from_str(&export).expect("json");
    assert_eq!(export["plans"].as_array().map(Vec::len), Some(1));
    let (_, html) = server.get("/week");
    assert!(html.contains("This is the plan you kept on"), "{html}");
    // A new product changes the plan: the page says Today follows an older one.
    shelve(&server, &[("Sunscreen SPF 50", SUNSCREEN)]);
    let (_, html) = server.get("/week");
    assert!(html.contains("changed since you kept a plan"), "{html}");
}

#[test]
fn patch_tests_api() {
    let server = Server::start("patch-api");
    let (_, product) = server.send(
        "POST",
        "/api/products",
        &json!({"name": "Serum", "label": "Water, Niacinamide", "new": true}).to_string(),
    );
    let id = product["id"].as_i64().expect("id");
    let (status, _) = server.send(
        "POST",
        "/api/patch-tests",
        &json!({"product_id": 999}).to_string(),
    );
    assert_eq!(status, 404, "unknown product");
    let (status, _) = server.send(
        "POST",
        "/api/patch-tests",
        &json!({"product_id": id}).to_string(),
    );
    assert_eq!(status, 201);
    let (status, _) = server.send(
        "POST",
        "/api/patch-tests",
        &json!({"product_id": id}).to_string(),
    );
    assert_eq!(status, 422, "one at a time");
    let (status, body) = server.send(
        "POST",
        "/api/patch-tests/check",
        &json!({"reaction": "none"}).to_string(),
    );
    assert_eq!(status, 200);
    assert_eq!(body["verdict"]["verdict"], "running");
    let (status, _) = server.send(
        "POST",
        "/api/patch-tests/check",
        &json!({"reaction": "tingles"}).to_string(),
    );
    assert_eq!(status, 422);
    let (status, _) = server.send("POST", "/api/patch-tests/end", "{}");
    assert_eq!(status, 422, "too early");
    let (status, body) = server.send(
        "POST",
        "/api/patch-tests/check",
        &json!({"reaction": "redness"}).to_string(),
    );
    assert_eq!(status, 200);
    assert_eq!(body["verdict"]["verdict"], "failed");
    let (status, body) = server.send("POST", "/api/patch-tests/end", "{}");
    assert_eq!(status, 200);
    assert_eq!(body["result"], "failed");
    let (_, tests) = server.get("/api/patch-tests");
    assert!(tests.contains("redness"), "{tests}");
}

/// The OpenAPI document lists exactly the API's operations, every one of them is routed, and
/// what each answers to bad input is a status the document declares.
#[test]
fn openapi_document_matches_the_routes() {
    let server = Server::start("openapi");
    let (status, text) = server.get("/api/openapi.json");
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
        "DELETE /api/products/{id}",
        "GET /api/diary",
        "GET /api/export",
        "GET /api/insights",
        "GET /api/lifestyle",
        "GET /api/patch-tests",
        "GET /api/products",
        "GET /api/products/{id}",
        "GET /api/profile",
        "GET /api/tips",
        "GET /api/today",
        "PATCH /api/products/{id}",
        "POST /api/analyze",
        "POST /api/checkoffs",
        "POST /api/diary",
        "POST /api/import",
        "POST /api/lifestyle",
        "POST /api/patch-tests",
        "POST /api/patch-tests/check",
        "POST /api/patch-tests/end",
        "POST /api/plan",
        "POST /api/products",
        "PUT /api/profile",
    ];
    assert_eq!(names, expected);

    for (method, path, operation) in &documented {
        let path = path.replace("{id}", "987654");
        let takes_body = operation.get("requestBody").is_some();
        let (status, body) = match (method.as_str(), takes_body) {
            ("GET" | "DELETE", _) => server.call(method, &path),
            (method, true) => server.send(method, &path, "{not json"),
            (method, false) => server.send(method, &path, ""),
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
    assert_eq!(server.get("/api/products").1, "[]");
    assert_eq!(server.get("/api/diary").1, "[]");
}

#[test]
fn insights_page_shows_the_summary_patterns_and_charts() {
    let server = Server::start("insights-page");
    let (status, html) = server.get("/insights");
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
        assert_eq!(
            server.send("POST", "/api/lifestyle", &life.to_string()).0,
            204
        );
        let skin = json!({"date": date.to_string(), "hydration": 3, "breakouts": if (back + 1) % 3 == 0 { 4 } else { 2 }});
        assert_eq!(server.send("POST", "/api/diary", &skin.to_string()).0, 204);
    }
    let (status, html) = server.get("/insights");
    assert_eq!(status, 200);
    assert!(html.contains("aria-current=\"page\">Insights"));
    assert!(html.contains("This week"));
    assert!(html.contains("Patterns"));
    assert!(html.contains("src=\"/charts/ratings.svg\""));
    assert!(html.contains("not causes"));
    let (_, api) = server.get("/api/insights");
    let api: Value = serde_json::from_str(&api).expect("json");
    let summary = api["summary"].as_str().expect("summary");
    assert!(!summary.is_empty());
    // The page says what the API says.
    let escaped = summary.replace('\'', "&#39;").replace('"', "&#34;");
    assert!(html.contains(&escaped), "{summary}\n{html}");

    let (status, svg) = server.get("/charts/adherence.svg");
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg"), "{svg}");
}

/// A dry, dehydrated profile and a shelf with a hydrating toner, planned and saved: the toner is
/// layered (the 7-skin method). Returns today's sessions as the API lists them.
fn layered_toner_plan(server: &Server) -> Vec<Value> {
    let (status, _) = server.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "dry", "concerns": ["dehydration"]}).to_string(),
    );
    assert_eq!(status, 200);
    shelve(
        server,
        &[
            ("Cleanser", CLEANSER),
            ("Hydrating Toner", HYDRATING_TONER),
            ("Cream", CREAM),
        ],
    );
    let (status, plan) = server.send("POST", "/api/plan", &json!({"save": true}).to_string());
    assert_eq!(status, 200, "{plan}");
    let (status, today) = server.get("/api/today");
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
    let server = Server::start("today-tools");
    let origin = format!("http://{}", server.addr);
    let sessions = layered_toner_plan(&server);
    let (status, html) = server.get("/today");
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
        1,
        "only the external script: {html}"
    );
    assert!(html.contains("<script src=\"/static/today.js\" defer></script>"));
    assert!(
        !html.contains(" style=") && !html.contains(" onclick=") && !html.contains(" onchange=")
    );
    let (_, tips) = server.get("/tips");
    assert!(!tips.contains("today.js"), "other pages load no script");

    // Every hook the script looks for is on the page.
    let (_, script) = server.get("/static/today.js");
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
        let (status, _) = server.send(
            "POST",
            "/api/checkoffs",
            &json!({"time": time, "product_id": id, "done": done}).to_string(),
        );
        assert_eq!(status, 204);
        let (_, today) = server.get("/api/today");
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
    let (_, html) = server.get("/today");
    let row = toner_row(&html);
    assert!(row.contains(" checked>"), "{row}");
    assert!(
        row.contains(&format!(">Layer {layers} of {layers}</span>")),
        "{row}"
    );
    let (status, html) = server.form("/today", &format!("time={time}"), Some(&origin));
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
    let server = Server::start("today-js");
    let mut response = Server::agent()
        .get(&server.url("/static/today.js"))
        .call()
        .expect("responds");
    assert_eq!(response.status().as_u16(), 200);
    let headers = response.headers();
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
    let script = response.body_mut().read_to_string().expect("body");
    assert!(script.contains("fetch('/api/checkoffs'"), "{script}");
    assert!(script.contains("'content-type': 'application/json'"));
    assert!(script.contains("JSON.stringify({ time, product_id, done })"));
    assert!(!script.contains("innerHTML"), "text only, never markup");
}

#[test]
fn tips_page_has_an_anchor_per_tip() {
    let server = Server::start("tips-anchors");
    let (status, html) = server.get("/tips");
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
    let server = Server::start("fetch-site");
    let post = |site: &str| {
        Server::agent()
            .post(&server.url("/shelf"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", site)
            .header("origin", "null")
            .send("name=Cream&label=Water%2C+Glycerin")
            .expect("responds")
            .status()
            .as_u16()
    };
    assert_eq!(post("cross-site"), 403);
    assert_eq!(post("same-site"), 403);
    assert_eq!(server.get("/api/products").1, "[]");
    assert_eq!(post("same-origin"), 200, "saved, and shown the shelf");
    let (_, products) = server.get("/api/products");
    assert!(products.contains("Cream"), "{products}");
}

#[test]
fn shelf_page_marks_products_opened_finished_and_stopped() {
    let server = Server::start("shelf-actions");
    let origin = format!("http://{}", server.addr);
    let (status, _) = server.form(
        "/shelf",
        "name=Cream&label=Water%2C+Glycerin%2C+Squalane",
        Some(&origin),
    );
    assert_eq!(status, 200);
    let (_, html) = server.get("/shelf");
    assert!(html.contains("Opened today"), "{html}");

    let product = |server: &Server| -> Value {
        serde_json::from_str(&server.get("/api/products/1").1).expect("json")
    };
    let (status, html) = server.form("/shelf/1", "action=open", Some(&origin));
    assert_eq!(status, 200);
    assert!(
        !html.contains("Opened today"),
        "opened products lose the button"
    );
    assert_eq!(product(&server)["status"], "in_use");
    assert!(product(&server)["opened"].is_string());

    // A stop needs a reason; a refused action changes nothing.
    let (status, html) = server.form("/shelf/1", "action=stop&reason=+", Some(&origin));
    assert_eq!(status, 422);
    assert!(html.contains("say why"), "{html}");
    assert_eq!(server.form("/shelf/1", "action=burn", Some(&origin)).0, 422);
    assert_eq!(
        server.form("/shelf/99", "action=finish", Some(&origin)).0,
        422
    );
    assert_eq!(product(&server)["status"], "in_use");

    let (status, _) = server.form("/shelf/1", "action=stop&reason=stung", Some(&origin));
    assert_eq!(status, 200);
    let stopped = product(&server);
    assert_eq!(stopped["status"], "stopped");
    assert_eq!(stopped["status_reason"], "stung");
    assert!(stopped["status_changed"].is_string());
    // Cross-site posts are refused here too.
    assert_eq!(
        server
            .form("/shelf/1", "action=open", Some("http://evil.example"))
            .0,
        403
    );
}

#[test]
fn analyze_page_shows_sun_protection() {
    let server = Server::start("analyze-spf");
    let origin = format!("http://{}", server.addr);
    // Filters in the list.
    let (status, html) = server.form(
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
    let (status, html) = server.form(
        "/analyze",
        "name=Daily+Sunscreen+Broad+Spectrum+SPF+50&text=Water%2C+Isododecane%2C+Glycerin%2C+Phenoxyethanol",
        Some(&origin),
    );
    assert_eq!(status, 200);
    assert!(html.contains("Sun protection: SPF 50"), "{html}");
    assert!(html.contains("leaves out the active UV filters"), "{html}");
}
