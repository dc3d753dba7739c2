//! Hosted glasskin on a real PostgreSQL (`GLASSKIN_TEST_DATABASE_URL`, `.ci/postgres.sh`): real
//! servers on 127.0.0.1, each node with its own pool on one database, and browsers that keep
//! their own cookies. The account rules: sign-up, sign-in and sign-out, session ids that change,
//! identical failures, the limit on attempts, cookie attributes, password changes, deletion,
//! and a local export carried into an account. `isolation` sweeps every operation for one
//! account reaching another's data.

use std::net::SocketAddr;

use glasskin_store::testing::TestDatabase;

use crate::support::Background;

/// Nodes of one hosted deployment on one fresh database, stopped when dropped.
pub struct Hosted {
    pub db: TestDatabase,
    pub nodes: Vec<Node>,
}

/// One `glasskin serve --database` process's worth: a server with its own pool.
pub struct Node {
    pub addr: SocketAddr,
    _running: Background,
}

impl Hosted {
    /// `nodes` servers on a fresh database, allowing `attempts` sign-ins a minute per address;
    /// `None` when there is no test server (and none is required).
    pub fn start(nodes: usize, attempts: u32) -> Option<Hosted> {
        let db = TestDatabase::fresh()?;
        let url = db.url(Some(glasskin_store::testing::APP_ROLE));
        let nodes = (0..nodes).map(|_| Node::start(&url, attempts)).collect();
        Some(Hosted { db, nodes })
    }

    /// A browser with no cookie, on node `n`.
    pub fn browser(&self, n: usize) -> Browser {
        Browser::new(self.nodes[n].addr)
    }

    /// A browser signed up as `email` on node 0.
    pub fn signed_up(&self, email: &str) -> Browser {
        let mut browser = self.browser(0);
        let reply = browser.form("/signup", &[("email", email), ("password", PASSWORD)]);
        assert_eq!(reply.status, 303, "{}", reply.body);
        assert!(browser.cookie.is_some(), "signed up and in");
        browser
    }
}

impl Node {
    fn start(url: &str, attempts: u32) -> Node {
        let db = glasskin_store::PgDatabase::open(url).expect("opens as the application role");
        let (state, accounts) = glasskin_web::hosted_state(db, Vec::new(), attempts);
        let running = Background::start(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            move |listener, shutdown| async move {
                glasskin_web::serve_hosted_on(listener, state, accounts, &[], None, shutdown).await
            },
        );
        Node {
            addr: running.addr,
            _running: running,
        }
    }
}

/// A good password for the tests' accounts.
pub const PASSWORD: &str = "glass skin every morning";

/// An answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// Every value of a header, lowercase name.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.all(name).first().copied()
    }
}

/// A browser: it keeps the session cookie it is given, sends it back, and says where its posts
/// come from (`Origin`), as every browser does. Redirects are not followed.
pub struct Browser {
    pub addr: SocketAddr,
    pub cookie: Option<String>,
    agent: ureq::Agent,
}

impl Browser {
    pub fn new(addr: SocketAddr) -> Browser {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            // A fresh connection each request: a kept one the server closed after a refusal
            // it answered unread would fail the next request, which no browser would see.
            .max_idle_connections(0)
            .build()
            .into();
        Browser {
            addr,
            cookie: None,
            agent,
        }
    }

    /// The same cookie, sent to node `addr` instead.
    pub fn on(&self, addr: SocketAddr) -> Browser {
        Browser {
            cookie: self.cookie.clone(),
            ..Browser::new(addr)
        }
    }

    /// A request; `headers` come on top of the cookie and, for anything but GET, `Origin`.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Reply {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("http://{}{path}", self.addr));
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", format!("__Host-glasskin_session={cookie}"));
        }
        if method != "GET"
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("origin"))
        {
            request = request.header("origin", format!("http://{}", self.addr));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = if method == "GET" || method == "DELETE" {
            self.agent.run(request.body(()).expect("request"))
        } else {
            self.agent
                .run(request.body(body.to_owned()).expect("request"))
        }
        .expect("the server answers");
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .unwrap_or_default();
        let reply = Reply {
            status,
            headers,
            body,
        };
        for set in reply.all("set-cookie") {
            if let Some(value) = set
                .split(';')
                .next()
                .and_then(|pair| pair.strip_prefix("__Host-glasskin_session="))
            {
                self.cookie = (!value.is_empty()).then(|| value.to_owned());
            }
        }
        reply
    }

    pub fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, &[], "")
    }

    /// A form post, as a page sends it.
    pub fn form(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body: String = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            "POST",
            path,
            &[("content-type", "application/x-www-form-urlencoded")],
            &body,
        )
    }

    /// A JSON request to the API.
    pub fn json(&mut self, method: &str, path: &str, body: &str) -> Reply {
        self.send(method, path, &[("content-type", "application/json")], body)
    }
}

/// Form encoding of a value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn an_account_signs_up_in_and_out_and_each_sign_in_is_a_new_session() {
    let Some(hosted) = Hosted::start(1, 100) else {
        return;
    };
    let mut minji = hosted.browser(0);
    // Nothing opens without an account: a page is the sign-in form, the API says 401.
    let today = minji.get("/today");
    assert_eq!(today.status, 401);
    assert!(today.body.contains("action=\"/signin\""), "{}", today.body);
    assert_eq!(minji.get("/api/diary").status, 401);

    let made = minji.form(
        "/signup",
        &[("email", " Min-Ji@Example.com "), ("password", PASSWORD)],
    );
    assert_eq!(made.status, 303);
    assert_eq!(made.header("location"), Some("/profile"));
    // The cookie: only this host, over HTTPS, out of scripts' reach, not on other sites' posts,
    // and not forever.
    let cookie = made.header("set-cookie").expect("a session cookie");
    assert!(cookie.starts_with("__Host-glasskin_session="), "{cookie}");
    for attribute in [
        "Path=/",
        "Secure",
        "HttpOnly",
        "SameSite=Lax",
        "Max-Age=2592000",
    ] {
        assert!(
            cookie.split("; ").any(|a| a == attribute),
            "{attribute}: {cookie}"
        );
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let first = minji.cookie.clone().expect("kept");
    assert_eq!(first.len(), 64, "256 random bits");
    assert_eq!(minji.get("/today").status, 200);

    // Only an argon2id hash at OWASP's parameters is kept, and the session's hash, not it.
    let mut sql = hosted.db.app_client();
    let row = sql
        .query_one("SELECT email, password_hash FROM account", &[])
        .expect("one account");
    let (email, hash): (String, String) = (row.get(0), row.get(1));
    assert_eq!(email, "min-ji@example.com");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains(PASSWORD));
    let kept: Vec<u8> = sql
        .query_one("SELECT token_hash FROM session", &[])
        .expect("one session")
        .get(0);
    assert_ne!(kept, first.as_bytes());
    assert_eq!(kept.len(), 32);

    // The same email cannot make a second account.
    let mut other = hosted.browser(0);
    let taken = other.form(
        "/signup",
        &[("email", "min-ji@example.com"), ("password", PASSWORD)],
    );
    assert_eq!(taken.status, 409);
    assert!(other.cookie.is_none());

    // Signing out ends the session: the old cookie opens nothing, even if kept.
    let out = minji.form("/signout", &[]);
    assert_eq!(out.status, 303);
    assert!(minji.cookie.is_none(), "the cookie is cleared");
    assert_eq!(
        out.header("clear-site-data"),
        Some("\"cache\", \"storage\"")
    );
    let mut stolen = Browser::new(minji.addr);
    stolen.cookie = Some(first.clone());
    assert_eq!(stolen.get("/api/diary").status, 401);

    // Signing in gives a new session id; signing in again over a live one ends that one.
    let back = minji.form(
        "/signin",
        &[
            ("email", "MIN-JI@example.com"),
            ("password", PASSWORD),
            ("next", "/week"),
        ],
    );
    assert_eq!(back.status, 303);
    assert_eq!(back.header("location"), Some("/week"));
    let second = minji.cookie.clone().expect("signed in");
    assert_ne!(second, first);
    let again = minji.form(
        "/signin",
        &[("email", "min-ji@example.com"), ("password", PASSWORD)],
    );
    assert_eq!(again.status, 303);
    let third = minji.cookie.clone().expect("signed in");
    assert_ne!(third, second);
    let mut old = Browser::new(minji.addr);
    old.cookie = Some(second);
    assert_eq!(
        old.get("/api/diary").status,
        401,
        "the replaced session ended"
    );
    assert_eq!(minji.get("/api/diary").status, 200);
    // After signing in, a page of this server only.
    let mut away = hosted.browser(0);
    let landed = away.form(
        "/signin",
        &[
            ("email", "min-ji@example.com"),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ],
    );
    assert_eq!(landed.header("location"), Some("/"));
}

#[test]
fn an_unknown_email_and_a_wrong_password_are_refused_alike() {
    let Some(hosted) = Hosted::start(1, 100) else {
        return;
    };
    hosted.signed_up("jiwoo@example.com");
    let attempt = |email: &str, password: &str| {
        let mut browser = hosted.browser(0);
        let started = std::time::Instant::now();
        let reply = browser.form("/signin", &[("email", email), ("password", password)]);
        assert!(browser.cookie.is_none());
        // The form keeps the email typed; everything else must be the same.
        (
            reply.status,
            reply.body.replace(email, "EMAIL"),
            started.elapsed(),
        )
    };
    let (wrong_status, wrong_body, wrong_time) =
        attempt("jiwoo@example.com", "not the password at all");
    let (unknown_status, unknown_body, unknown_time) =
        attempt("nobody@example.com", "not the password at all");
    assert_eq!(wrong_status, 401);
    assert_eq!(unknown_status, 401);
    assert_eq!(wrong_body, unknown_body);
    assert!(wrong_body.contains("That email and password do not match an account."));
    // Both verify an argon2id hash (a decoy for the unknown email): neither is much quicker.
    let (short, long) = if wrong_time < unknown_time {
        (wrong_time, unknown_time)
    } else {
        (unknown_time, wrong_time)
    };
    assert!(
        short * 3 > long,
        "an unknown email answers in {unknown_time:?}, a wrong password in {wrong_time:?}"
    );
}

#[test]
fn sign_in_and_sign_up_are_limited_per_address_across_nodes() {
    let Some(hosted) = Hosted::start(2, 4) else {
        return;
    };
    let mut statuses = Vec::new();
    for n in 0..6 {
        let mut browser = hosted.browser(n % 2);
        let reply = if n == 3 {
            browser.form(
                "/signup",
                &[("email", "new@example.com"), ("password", PASSWORD)],
            )
        } else {
            browser.form(
                "/signin",
                &[
                    ("email", "x@example.com"),
                    ("password", "wrong password here"),
                ],
            )
        };
        if reply.status == 429 {
            assert_eq!(reply.header("retry-after"), Some("60"));
            assert!(reply.body.contains("Too many attempts"), "{}", reply.body);
        }
        statuses.push(reply.status);
    }
    assert_eq!(
        statuses,
        [401, 401, 401, 303, 429, 429],
        "four a minute, on both nodes together"
    );
}

#[test]
fn a_password_change_needs_the_current_one_and_ends_every_other_session() {
    let Some(hosted) = Hosted::start(1, 100) else {
        return;
    };
    let mut phone = hosted.signed_up("soo@example.com");
    let mut laptop = hosted.browser(0);
    assert_eq!(
        laptop
            .form(
                "/signin",
                &[("email", "soo@example.com"), ("password", PASSWORD)]
            )
            .status,
        303
    );
    let account = phone.get("/account");
    assert!(
        account.body.contains("Signed in on 2 devices"),
        "{}",
        account.body
    );

    let wrong = phone.form(
        "/account/password",
        &[
            ("current", "not my password at all"),
            ("password", "a brand new passphrase"),
        ],
    );
    assert_eq!(wrong.status, 403);
    assert!(wrong.body.contains("nothing was changed"));
    let short = phone.form(
        "/account/password",
        &[("current", PASSWORD), ("password", "short")],
    );
    assert_eq!(short.status, 422);
    assert_eq!(laptop.get("/api/diary").status, 200, "nothing changed yet");

    let changed = phone.form(
        "/account/password",
        &[
            ("current", PASSWORD),
            ("password", "a brand new passphrase"),
        ],
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert!(
        changed.body.contains("Signed in on 1 device."),
        "{}",
        changed.body
    );
    assert_eq!(phone.get("/api/diary").status, 200, "this session stays");
    assert_eq!(laptop.get("/api/diary").status, 401, "the other ended");
    let mut old = hosted.browser(0);
    assert_eq!(
        old.form(
            "/signin",
            &[("email", "soo@example.com"), ("password", PASSWORD)]
        )
        .status,
        401
    );
    assert_eq!(
        old.form(
            "/signin",
            &[
                ("email", "soo@example.com"),
                ("password", "a brand new passphrase")
            ]
        )
        .status,
        303
    );
}

/// Gives an account something in every table: profile, shelf, plan, ticks, a patch test,
/// diary and lifestyle; `canary` in every text a person types. Its products' ids.
pub fn fill(browser: &mut Browser, canary: &str) -> Vec<i64> {
    let today = jiff::Zoned::now().date();
    let ok = |reply: Reply| {
        assert!(reply.status < 300, "{} {}", reply.status, reply.body);
        reply
    };
    ok(browser.json(
        "PUT",
        "/api/profile",
        r#"{"skin_type":"combination","concerns":["dehydration"]}"#,
    ));
    let mut ids = Vec::new();
    for (name, label, new) in [
        (
            "Cleanser",
            "Water, Glycerin, Cocamidopropyl Betaine, Sodium Chloride",
            false,
        ),
        (
            "Toner",
            "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Panthenol",
            false,
        ),
        (
            "Cream",
            "Water, Glycerin, Squalane, Ceramide NP, Cetearyl Alcohol",
            false,
        ),
        (
            "Sunscreen",
            "Water, Zinc Oxide, Glycerin, Phenoxyethanol",
            false,
        ),
        ("Serum", "Water, Niacinamide, Glycerin, Panthenol", true),
    ] {
        let body = serde_json::json!({
            "name": format!("{canary} {name}"),
            "brand": canary,
            "label": label,
            "opened": today.to_string(),
            "new": new,
        });
        let made = ok(browser.json("POST", "/api/products", &body.to_string()));
        let made: serde_json::Value = serde_json::from_str(&made.body).expect("json");
        ids.push(made["id"].as_i64().expect("an id"));
    }
    ok(browser.json("POST", "/api/plan", r#"{"save":true}"#));
    ok(browser.json(
        "POST",
        "/api/checkoffs",
        &serde_json::json!({"date": today.to_string(), "time": "am", "product_id": ids[0], "done": true}).to_string(),
    ));
    ok(browser.json(
        "POST",
        "/api/patch-tests",
        &serde_json::json!({"product_id": ids[4], "area": canary}).to_string(),
    ));
    ok(browser.json(
        "POST",
        "/api/diary",
        &serde_json::json!({"date": today.to_string(), "hydration": 3, "notes": canary, "tags": [canary]}).to_string(),
    ));
    ok(browser.json(
        "POST",
        "/api/lifestyle",
        &serde_json::json!({"date": today.to_string(), "sleep_hours": 7.5, "tags": [canary]})
            .to_string(),
    ));
    ids
}

#[test]
fn deleting_an_account_leaves_no_row_of_it_in_any_table_and_others_untouched() {
    let Some(hosted) = Hosted::start(1, 100) else {
        return;
    };
    let mut keep = hosted.signed_up("keep@example.com");
    fill(&mut keep, "KEEP-CANARY");
    let kept = keep.get("/api/export").body;
    let mut gone = hosted.signed_up("gone@example.com");
    fill(&mut gone, "GONE-CANARY");
    let owner: String = hosted
        .db
        .app_client()
        .query_one(
            "SELECT owner FROM account WHERE email = 'gone@example.com'",
            &[],
        )
        .expect("the account")
        .get(0);

    let unconfirmed = gone.form(
        "/account/delete",
        &[("password", PASSWORD), ("confirm", "")],
    );
    assert_eq!(unconfirmed.status, 422);
    let wrong = gone.form(
        "/account/delete",
        &[
            ("password", "not my password at all"),
            ("confirm", "delete"),
        ],
    );
    assert_eq!(wrong.status, 403);
    assert_eq!(gone.get("/api/diary").status, 200, "nothing deleted yet");

    let deleted = gone.form(
        "/account/delete",
        &[("password", PASSWORD), ("confirm", "delete")],
    );
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert!(deleted.body.contains("Your account is deleted"));
    assert!(gone.cookie.is_none());

    // Every table with an owner column, found from the schema, so a table added later is
    // counted too; the owner named, as row level security asks.
    let mut sql = hosted.db.app_client();
    let tables: Vec<String> = sql
        .query(
            "SELECT table_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND column_name = 'owner' ORDER BY 1",
            &[],
        )
        .expect("lists tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(tables.len() >= 12, "{tables:?}");
    let mut tx = sql.transaction().expect("begins");
    tx.execute("SELECT set_config('glasskin.owner', $1, true)", &[&owner])
        .expect("names the owner");
    for table in &tables {
        let left: i64 = tx
            .query_one(
                &format!("SELECT count(*) FROM {table} WHERE owner = $1"),
                &[&owner],
            )
            .expect("counts")
            .get(0);
        assert_eq!(left, 0, "{table}");
    }
    drop(tx);
    assert_eq!(
        keep.get("/api/export").body,
        kept,
        "the other account is untouched"
    );
    let mut again = hosted.browser(0);
    assert_eq!(
        again
            .form(
                "/signin",
                &[("email", "gone@example.com"), ("password", PASSWORD)]
            )
            .status,
        401
    );
}

#[test]
fn a_local_export_imports_into_an_account_and_exports_byte_identical() {
    let Some(hosted) = Hosted::start(1, 100) else {
        return;
    };
    // A person's local glasskin, with a bit of everything.
    let local = crate::support::App::start("hosted-import");
    crate::support::shelve(
        &local,
        &[
            ("Gentle cleanser", crate::support::CLEANSER),
            ("Barrier cream", crate::support::CREAM),
            ("Daily sunscreen", crate::support::SUNSCREEN),
        ],
    );
    let today = jiff::Zoned::now().date().to_string();
    assert_eq!(
        local
            .send("PUT", "/api/profile", r#"{"skin_type":"dry"}"#)
            .0,
        200
    );
    let planned = local.send("POST", "/api/plan", r#"{"save":true}"#);
    assert!(planned.0 < 300, "{planned:?}");
    let diary = format!(r#"{{"date":"{today}","hydration":4,"notes":"dewy","tags":["travel"]}}"#);
    assert_eq!(local.send("POST", "/api/diary", &diary).0, 204);
    let exported = local.request("GET", "/api/export", &[], "").body;

    let mut account = hosted.signed_up("local@example.com");
    let imported = account.json("POST", "/api/import", &exported);
    assert!(
        imported.status < 300,
        "{} {}",
        imported.status,
        imported.body
    );
    let again = account.get("/api/export");
    assert_eq!(again.status, 200);
    assert_eq!(again.body, exported, "byte for byte");

    // The same file through the account page's form, as a person uploads it.
    let mut other = hosted.signed_up("upload@example.com");
    let upload = |replace: bool| {
        let mut body = String::from(
            "--b0und\r\nContent-Disposition: form-data; name=\"export\"; filename=\"glasskin-export.json\"\r\nContent-Type: application/json\r\n\r\n",
        );
        body.push_str(&exported);
        body.push_str("\r\n");
        if replace {
            body.push_str(
                "--b0und\r\nContent-Disposition: form-data; name=\"replace\"\r\n\r\nyes\r\n",
            );
        }
        body.push_str("--b0und--\r\n");
        body
    };
    let multipart = [("content-type", "multipart/form-data; boundary=b0und")];
    let unticked = other.send("POST", "/account/import", &multipart, &upload(false));
    assert_eq!(unticked.status, 422);
    assert!(
        unticked.body.contains("nothing was changed"),
        "{}",
        unticked.body
    );
    assert_eq!(other.get("/api/diary").body, "[]");
    let uploaded = other.send("POST", "/account/import", &multipart, &upload(true));
    assert_eq!(uploaded.status, 200, "{}", uploaded.body);
    assert!(
        uploaded.body.contains("Imported: 3 products and 1 days"),
        "{}",
        uploaded.body
    );
    assert_eq!(other.get("/api/export").body, exported, "byte for byte");
    let broken = other.send(
        "POST",
        "/account/import",
        &multipart,
        &upload(true).replace("\"schema_version\"", "\"schema\""),
    );
    assert_eq!(broken.status, 422);
    assert!(
        broken.body.contains("Not a glasskin export"),
        "{}",
        broken.body
    );
    assert_eq!(
        other.get("/api/export").body,
        exported,
        "a refused file changes nothing"
    );
}

#[test]
fn a_session_made_on_one_node_works_on_the_other() {
    let Some(hosted) = Hosted::start(2, 100) else {
        return;
    };
    let mut first = hosted.signed_up("nodes@example.com");
    let mut second = first.on(hosted.nodes[1].addr);
    let today = jiff::Zoned::now().date();
    let entry = format!(r#"{{"date":"{today}","hydration":2,"notes":"written on node two"}}"#);
    assert_eq!(second.json("POST", "/api/diary", &entry).status, 204);
    assert!(first.get("/api/diary").body.contains("written on node two"));
    // A page kept on node one is drawn again once node two wrote (the revision is the
    // database's, not a node's).
    let before = first.get("/diary").body;
    let later = format!(r#"{{"date":"{today}","hydration":5,"notes":"changed on node two"}}"#);
    assert_eq!(second.json("POST", "/api/diary", &later).status, 204);
    let after = first.get("/diary").body;
    assert_ne!(before, after);
    assert!(after.contains("changed on node two"), "{after}");
    // Signing out on one ends it on both.
    assert_eq!(first.form("/signout", &[]).status, 303);
    assert_eq!(second.get("/api/diary").status, 401);
}

#[test]
fn a_session_ended_on_one_node_writes_nothing_on_a_node_that_knew_it() {
    let Some(hosted) = Hosted::start(2, 100) else {
        return;
    };
    let mut first = hosted.signed_up("known@example.com");
    let ids = fill(&mut first, "kept");
    let mut second = first.on(hosted.nodes[1].addr);
    let today = jiff::Zoned::now().date();
    let tick = |done: bool| {
        serde_json::json!({"date": today.to_string(), "time": "am", "product_id": ids[0], "done": done})
            .to_string()
    };
    let diary = |notes: &str| format!(r#"{{"date":"{today}","hydration":4,"notes":"{notes}"}}"#);
    let lifestyle = format!(r#"{{"date":"{today}","sleep_hours":6.0}}"#);
    // Node two looks the session up once, then knows it: its writes check the session in the
    // statement that writes. A body refused before any statement is refused as usual.
    assert_eq!(second.get("/api/today").status, 200);
    for _ in 0..2 {
        assert_eq!(
            second.json("POST", "/api/checkoffs", &tick(false)).status,
            204
        );
        assert_eq!(
            second.json("POST", "/api/checkoffs", &tick(true)).status,
            204
        );
        let written = second.json("POST", "/api/diary", &diary("from node two"));
        assert_eq!(written.status, 204, "{}", written.body);
        assert_eq!(
            second.json("POST", "/api/lifestyle", &lifestyle).status,
            204
        );
    }
    assert_eq!(second.json("POST", "/api/diary", "{not json").status, 400);
    let before = first.get("/api/export").body;
    assert!(before.contains("from node two"));

    // Signed out on node one: node two still remembers whose the session was, and every
    // write it is sent, good or malformed, is refused as without a session, writing nothing.
    let cookie = first.cookie.clone();
    assert_eq!(first.form("/signout", &[]).status, 303);
    for (path, body) in [
        ("/api/checkoffs", tick(false)),
        ("/api/diary", diary("after signing out")),
        ("/api/lifestyle", lifestyle.clone()),
        ("/api/diary", "{not json".to_owned()),
        (
            "/api/checkoffs",
            r#"{"time":"noon","product_id":1}"#.to_owned(),
        ),
    ] {
        second.cookie.clone_from(&cookie);
        let refused = second.json("POST", path, &body);
        assert_eq!(refused.status, 401, "{path} {body}: {}", refused.body);
        assert!(refused.body.contains("sign in first"), "{}", refused.body);
        assert_eq!(second.cookie, None, "told to forget the cookie");
    }
    let mut again = hosted.browser(0);
    let signed_in = again.form(
        "/signin",
        &[("email", "known@example.com"), ("password", PASSWORD)],
    );
    assert_eq!(signed_in.status, 303);
    let after = again.get("/api/export").body;
    assert!(before == after, "something was written after signing out");

    // A password changed on node one ends the other sessions node two knows.
    let mut laptop = again.on(hosted.nodes[1].addr);
    assert_eq!(
        laptop.json("POST", "/api/diary", &diary("laptop")).status,
        204
    );
    let mut phone = hosted.browser(0);
    phone.form(
        "/signin",
        &[("email", "known@example.com"), ("password", PASSWORD)],
    );
    let changed = phone.form(
        "/account/password",
        &[
            ("current", PASSWORD),
            ("password", "a brand new passphrase"),
        ],
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let refused = laptop.json("POST", "/api/diary", &diary("after the change"));
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert!(!phone.get("/api/diary").body.contains("after the change"));
}

#[test]
fn posts_from_other_sites_are_refused_on_pages_and_api() {
    let Some(hosted) = Hosted::start(1, 100) else {
        return;
    };
    let mut browser = hosted.signed_up("csrf@example.com");
    let evil = [("origin", "https://evil.example")];
    let page = browser.send(
        "POST",
        "/diary",
        &[
            evil[0],
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        "hydration=1",
    );
    assert_eq!(page.status, 403);
    let api = browser.send(
        "POST",
        "/api/diary",
        &[evil[0], ("content-type", "application/json")],
        r#"{"date":"2026-12-01","hydration":1}"#,
    );
    assert_eq!(api.status, 403);
    let fetched = browser.send(
        "POST",
        "/api/diary",
        &[
            ("sec-fetch-site", "cross-site"),
            ("content-type", "application/json"),
        ],
        r#"{"date":"2026-12-01","hydration":1}"#,
    );
    assert_eq!(fetched.status, 403);
    let signout = browser.send("POST", "/signout", &evil, "");
    assert_eq!(signout.status, 403);
    assert_eq!(browser.get("/api/diary").body, "[]", "nothing was written");
    // Nor can another site's page sign a browser in to the attacker's account.
    let mut victim = hosted.browser(0);
    let forced = victim.send(
        "POST",
        "/signin",
        &[
            evil[0],
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        "email=csrf%40example.com&password=glass+skin+every+morning",
    );
    assert_eq!(forced.status, 403);
    assert!(victim.cookie.is_none());
}
