//! Another site's page reaching the server on 127.0.0.1, through a real socket: by a name of its
//! own pointed at this computer (DNS rebinding: a foreign `Host`), or by posting across sites
//! (a foreign `Origin`, `Sec-Fetch-Site: cross-site`). Every state-changing route, enumerated
//! from the OpenAPI document, and every form post is refused each way, and nothing changes.

use std::io::{Read, Write};
use std::net::SocketAddr;

use serde_json::{Value, json};

use crate::server::Server;
use crate::support::{CLEANSER, CREAM, SUNSCREEN};

/// An answer read off the socket.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// Sends one request exactly as written: `head` holds the request line's version and every
/// header (so a test decides the `Host`, or leaves it out), and the connection is closed after.
fn exchange(
    addr: SocketAddr,
    method: &str,
    path: &str,
    version: &str,
    head: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut stream = std::net::TcpStream::connect(addr).expect("connects");
    let mut request = format!("{method} {path} {version}\r\n");
    for (name, value) in head {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    stream.write_all(request.as_bytes()).expect("writes");
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).expect("reads");
    let reply = String::from_utf8(reply).expect("UTF-8 answer");
    let (head, body) = reply.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let head = head.to_ascii_lowercase();
    let body = if head.contains("transfer-encoding: chunked") {
        unchunk(body)
    } else {
        body.to_owned()
    };
    Answer { status, head, body }
}

fn unchunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).expect("a chunk size");
        if size == 0 {
            break;
        }
        body.push_str(&after[..size]);
        rest = &after[size + 2..];
    }
    body
}

/// A request naming `host`, with `headers`.
fn call(
    server: &Server,
    host: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut head = vec![("Host", host)];
    head.extend_from_slice(headers);
    exchange(server.addr, method, path, "HTTP/1.1", &head, body)
}

/// A request as curl or a script sends it: our own `Host`, no `Origin`, no fetch metadata.
fn local(server: &Server, method: &str, path: &str, body: &str) -> Answer {
    let host = server.addr.to_string();
    call(
        server,
        &host,
        method,
        path,
        &[("Content-Type", "application/json")],
        body,
    )
}

fn export(server: &Server) -> String {
    let answer = local(server, "GET", "/api/export", "");
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

/// A profile, a shelf, a kept plan, a tick, a diary day, a lifestyle day and a running patch
/// test: something for every route to change. Sent as a script would, which is allowed.
fn fill(server: &Server) {
    let calls = [
        ("PUT", "/api/profile", json!({"skin_type": "oily"})),
        (
            "POST",
            "/api/products",
            json!({"name": "Cleanser", "label": CLEANSER}),
        ),
        (
            "POST",
            "/api/products",
            json!({"name": "Cream", "label": CREAM}),
        ),
        (
            "POST",
            "/api/products",
            json!({"name": "Sunscreen", "label": SUNSCREEN}),
        ),
        ("POST", "/api/plan", json!({"save": true})),
        (
            "POST",
            "/api/diary",
            json!({"date": "2025-06-01", "hydration": 4}),
        ),
        (
            "POST",
            "/api/lifestyle",
            json!({"date": "2025-06-01", "sleep_hours": 7.5}),
        ),
        (
            "POST",
            "/api/products",
            json!({"name": "New serum", "label": "Water, Niacinamide"}),
        ),
        ("POST", "/api/patch-tests", json!({"product_id": 4})),
    ];
    for (method, path, body) in calls {
        let answer = local(server, method, path, &body.to_string());
        assert!(
            (200..300).contains(&answer.status),
            "{method} {path}: {} {}",
            answer.status,
            answer.body
        );
    }
}

/// A body each route would act on, were the request let through.
fn body_for(method: &str, path: &str) -> Value {
    match (method, path) {
        ("POST", "/api/analyze") => json!({"text": "Water, Glycerin"}),
        ("POST", "/api/check") => json!({"product": [{"name": "Toner", "ingredients": "Water"}]}),
        ("PUT", "/api/profile") => json!({"skin_type": "dry"}),
        ("POST", "/api/products") => json!({"name": "Intruder", "label": "Water"}),
        ("PATCH", "/api/products/1") => json!({"status": "stopped", "reason": "forged"}),
        ("POST", "/api/plan") => json!({"save": true}),
        ("POST", "/api/checkoffs") => json!({"time": "am", "product_id": 1}),
        ("POST", "/api/diary") => json!({"date": "2025-06-02", "hydration": 1}),
        ("POST", "/api/lifestyle") => json!({"date": "2025-06-02", "sleep_hours": 3}),
        ("POST", "/api/patch-tests") => json!({"product_id": 1}),
        ("POST", "/api/patch-tests/check") => json!({"reaction": "redness"}),
        ("POST", "/api/import") => json!({"schema_version": 5, "products": []}),
        _ => json!({}),
    }
}

/// Every path × method of the OpenAPI document that may change something, its parameters
/// filled with the first record's id.
fn state_changing_routes(server: &Server) -> Vec<(String, String)> {
    let doc = local(server, "GET", "/api/openapi.json", "").json();
    let paths = doc["paths"].as_object().expect("paths");
    let mut routes = Vec::new();
    for (path, item) in paths {
        let mut concrete = String::new();
        let mut in_param = false;
        for c in path.chars() {
            match c {
                '{' => in_param = true,
                '}' => {
                    in_param = false;
                    concrete.push('1');
                }
                _ if !in_param => concrete.push(c),
                _ => {}
            }
        }
        for method in ["post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                routes.push((method.to_ascii_uppercase(), concrete.clone()));
            }
        }
    }
    routes
}

/// The pages' form posts, as `pages::routes` lists them, with a body each would act on.
const FORM_POSTS: [(&str, &str); 11] = [
    ("/", "text=Water%2C+Glycerin"),
    ("/analyze", "text=Water%2C+Glycerin"),
    ("/shelf", "name=Intruder&label=Water"),
    ("/shelf/1", "action=stop&reason=forged"),
    ("/today", "action=tick"),
    ("/profile", "skin_type=dry"),
    ("/diary", "hydration=1&oiliness=1&breakouts=1"),
    ("/week", ""),
    ("/devices/pair", ""),
    ("/devices/1", "action=revoke"),
    ("/pair", "token=00&name=Intruder"),
];

/// One way in: the `Host` a request names, the headers it carries, and the status and API
/// error code it must be refused with.
struct Attack {
    name: &'static str,
    host: String,
    headers: Vec<(&'static str, &'static str)>,
    status: u16,
    code: &'static str,
}

/// The three ways in: DNS rebinding, a cross-site post from an older browser (`Origin` only),
/// and one from a browser with fetch metadata.
fn attacks(server: &Server) -> [Attack; 3] {
    let ours = server.addr.to_string();
    [
        Attack {
            name: "foreign Host",
            host: format!("evil.example:{}", server.addr.port()),
            headers: vec![],
            status: 421,
            code: "host_not_allowed",
        },
        Attack {
            name: "foreign Origin",
            host: ours.clone(),
            headers: vec![("Origin", "http://evil.example")],
            status: 403,
            code: "cross_site",
        },
        Attack {
            name: "cross-site fetch",
            host: ours,
            headers: vec![("Sec-Fetch-Site", "cross-site")],
            status: 403,
            code: "cross_site",
        },
    ]
}

#[test]
fn every_state_changing_api_route_refuses_other_sites_and_changes_nothing() {
    let server = Server::start("abuse-api");
    fill(&server);
    let before = export(&server);
    let routes = state_changing_routes(&server);
    for expected in [
        "POST /api/patch-tests/end",
        "DELETE /api/products/1",
        "POST /api/import",
        "PUT /api/profile",
    ] {
        assert!(
            routes.iter().any(|(m, p)| format!("{m} {p}") == expected),
            "{expected} is in the document: {routes:?}"
        );
    }
    for (method, path) in &routes {
        let body = body_for(method, path).to_string();
        for Attack {
            name: attack,
            host,
            mut headers,
            status,
            code,
        } in attacks(&server)
        {
            headers.push(("Content-Type", "application/json"));
            let answer = call(&server, &host, method, path, &headers, &body);
            assert_eq!(
                answer.status, status,
                "{attack}: {method} {path}: {}",
                answer.body
            );
            assert_eq!(
                answer.code(),
                code,
                "{attack}: {method} {path}: {}",
                answer.body
            );
            let message = answer.json()["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let advice = if code == "host_not_allowed" {
                "--allow-host"
            } else {
                "own pages"
            };
            assert!(
                message.contains(advice),
                "{attack}: says what to do: {message}"
            );
            assert_eq!(
                export(&server),
                before,
                "{attack}: {method} {path} changed nothing"
            );
        }
    }
    // The same request from our own page, as a browser sends it, goes through, and shows up.
    let ours = format!("http://{}", server.addr);
    let host = server.addr.to_string();
    let answer = call(
        &server,
        &host,
        "DELETE",
        "/api/products/1",
        &[("Origin", &ours), ("Sec-Fetch-Site", "same-origin")],
        "",
    );
    assert_eq!(answer.status, 204, "{}", answer.body);
    assert_ne!(
        export(&server),
        before,
        "the check of nothing changing would see a change"
    );
}

#[test]
fn every_form_post_refuses_other_sites_and_changes_nothing() {
    let server = Server::start("abuse-forms");
    fill(&server);
    let before = export(&server);
    for (path, body) in FORM_POSTS {
        for Attack {
            name: attack,
            host,
            mut headers,
            status,
            ..
        } in attacks(&server)
        {
            headers.push(("Content-Type", "application/x-www-form-urlencoded"));
            let answer = call(&server, &host, "POST", path, &headers, body);
            assert_eq!(
                answer.status, status,
                "{attack}: POST {path}: {}",
                answer.body
            );
            assert!(
                answer.head.contains("content-type: text/plain"),
                "{attack}: {}",
                answer.head
            );
            assert!(
                answer.body.contains("--allow-host") || answer.body.contains("own page"),
                "{attack}: {}",
                answer.body
            );
            assert_eq!(
                export(&server),
                before,
                "{attack}: POST {path} changed nothing"
            );
        }
    }
    // From our own page, the post goes through.
    let ours = format!("http://{}", server.addr);
    let host = server.addr.to_string();
    let answer = call(
        &server,
        &host,
        "POST",
        "/shelf/1",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &ours),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        "action=stop&reason=stung",
    );
    assert!(answer.status < 400, "{}: {}", answer.status, answer.body);
    assert_ne!(export(&server), before);
}

#[test]
fn only_our_own_names_are_answered() {
    let server = Server::start("abuse-hosts");
    fill(&server);
    let port = server.addr.port();
    let get = |host: &str, path: &str| call(&server, host, "GET", path, &[], "");

    // DNS rebinding: the other site's name is refused, with what to do, and nothing is read.
    let answer = get(&format!("evil.example:{port}"), "/api/export");
    assert_eq!(answer.status, 421, "{}", answer.body);
    assert_eq!(answer.code(), "host_not_allowed");
    let message = answer.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
    assert!(message.contains(&format!("localhost:{port}")), "{message}");
    assert!(message.contains("--allow-host NAME"), "{message}");
    assert!(!answer.body.contains("Cleanser"), "{}", answer.body);
    for path in ["/", "/shelf", "/static/app.css", "/nowhere"] {
        let answer = get("evil.example", path);
        assert_eq!(answer.status, 421, "{path}: {}", answer.body);
        assert!(
            answer.head.contains("content-type: text/plain"),
            "{}",
            answer.head
        );
        assert!(
            answer.head.contains("x-content-type-options: nosniff"),
            "{}",
            answer.head
        );
        assert!(answer.body.contains("--allow-host"), "{}", answer.body);
    }

    // Our names, on our port, in any case.
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let answer = get(&host, "/api/export");
        assert_eq!(answer.status, 200, "{host}: {}", answer.body);
        assert!(answer.body.contains("Cleanser"), "{host}");
    }
    // Not on another port (no port is port 80), not a name that merely starts like ours.
    for host in [
        format!("localhost:{}", port.wrapping_add(1)),
        "localhost".to_owned(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("127.0.0.1:{port}:{port}"),
        String::new(),
    ] {
        assert_eq!(
            get(&host, "/api/export").status,
            if host.is_empty() { 400 } else { 421 },
            "{host:?}"
        );
    }
    // Two Hosts, or none (HTTP/1.0): refused.
    let ours = server.addr.to_string();
    let answer = exchange(
        server.addr,
        "GET",
        "/api/export",
        "HTTP/1.1",
        &[("Host", &ours), ("Host", "evil.example")],
        "",
    );
    assert!(answer.status >= 400, "{}", answer.status);
    let answer = exchange(server.addr, "GET", "/api/export", "HTTP/1.0", &[], "");
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(answer.code(), "host_not_allowed");
    // A target naming another host than the Host header: refused.
    let answer = exchange(
        server.addr,
        "GET",
        "http://evil.example/api/export",
        "HTTP/1.1",
        &[("Host", &ours)],
        "",
    );
    assert!(answer.status >= 400, "{}", answer.status);
    assert!(!answer.body.contains("Cleanser"));
}

#[test]
fn names_given_with_allow_host_are_answered() {
    let server = Server::answering("abuse-allowed", &["skin.example", "Lan.Example:7000"]);
    fill(&server);
    let get = |host: &str| call(&server, host, "GET", "/api/export", &[], "");
    for host in [
        "skin.example",
        "skin.example:443",
        "SKIN.example:8443",
        "lan.example:7000",
    ] {
        let answer = get(host);
        assert_eq!(answer.status, 200, "{host}: {}", answer.body);
    }
    for host in [
        "lan.example",
        "lan.example:7001",
        "evil.example",
        "www.skin.example",
    ] {
        let answer = get(host);
        assert_eq!(answer.status, 421, "{host}: {}", answer.body);
        assert!(
            answer.body.contains("skin.example"),
            "names the allowed ones: {}",
            answer.body
        );
    }
    // Behind a proxy that speaks HTTPS, our own page's post names the proxy's origin.
    let answer = call(
        &server,
        "skin.example",
        "PATCH",
        "/api/products/1",
        &[
            ("Content-Type", "application/json"),
            ("Origin", "https://skin.example"),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        r#"{"open": true}"#,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    // And another allowed name's page is still another site.
    let answer = call(
        &server,
        "skin.example",
        "POST",
        "/api/patch-tests/end",
        &[("Origin", "http://lan.example:7000")],
        "",
    );
    assert_eq!(answer.status, 403, "{}", answer.body);
    assert_eq!(answer.code(), "cross_site");
}

/// The API stays open to programs: no `Origin`, no fetch metadata, any content type.
#[test]
fn scripts_without_browser_headers_may_still_change_things() {
    let server = Server::start("abuse-scripts");
    fill(&server);
    let host = server.addr.to_string();
    let answer = call(
        &server,
        &host,
        "POST",
        "/api/products",
        &[("Content-Type", "application/json")],
        &json!({"name": "Toner", "label": "Water"}).to_string(),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    // `Sec-Fetch-Site: none` is a page the person opened themselves: fine for a GET only.
    let answer = call(
        &server,
        &host,
        "GET",
        "/api/export",
        &[("Sec-Fetch-Site", "none")],
        "",
    );
    assert_eq!(answer.status, 200);
    // A delete with one header each: refused unless that header vouches for this server.
    let referer = format!("http://{host}/shelf");
    let deletes: [(&str, &str, u16); 5] = [
        ("Sec-Fetch-Site", "none", 403),
        ("Sec-Fetch-Site", "same-site", 403),
        // A sandboxed page's `Origin: null` without the browser vouching.
        ("Origin", "null", 403),
        // A Referer from elsewhere, with nothing else; then one from here.
        ("Referer", "http://evil.example/page", 403),
        ("Referer", &referer, 204),
    ];
    for (name, value, status) in deletes {
        let answer = call(
            &server,
            &host,
            "DELETE",
            "/api/products/5",
            &[(name, value)],
            "",
        );
        assert_eq!(answer.status, status, "{name}: {value}: {}", answer.body);
    }
}

/// Bodies no write route can act on: a field no route has, a field of the wrong type, the wrong
/// shape, text that is not JSON, and a NUL in every string.
fn bad_bodies(method: &str, path: &str) -> Vec<String> {
    let mut bodies = vec![
        json!({"no_such_field": 1}).to_string(),
        json!({"name": 5, "skin_type": 5, "date": 5, "time": 5, "product_id": "x"}).to_string(),
        json!([1, 2, 3]).to_string(),
        "{not json".to_owned(),
    ];
    let mut with_nul = body_for(method, path);
    if let Some(fields) = with_nul.as_object_mut() {
        let strings: Vec<&mut Value> = fields.values_mut().filter(|v| v.is_string()).collect();
        if !strings.is_empty() {
            for value in strings {
                *value = json!("\u{0}x");
            }
            bodies.push(with_nul.to_string());
        }
    }
    bodies
}

#[test]
fn every_write_route_refuses_bad_values_as_json_and_changes_nothing() {
    let server = Server::start("abuse-values");
    fill(&server);
    let before = export(&server);
    let doc = local(&server, "GET", "/api/openapi.json", "").json();
    // The routes that read a body (a DELETE or ending a patch test takes none).
    let takes_body = |method: &str, path: &str| {
        doc["paths"].as_object().is_some_and(|paths| {
            paths.iter().any(|(template, item)| {
                let concrete = template
                    .split('/')
                    .map(|part| if part.starts_with('{') { "1" } else { part })
                    .collect::<Vec<_>>()
                    .join("/");
                concrete == path
                    && item[method.to_ascii_lowercase()]
                        .get("requestBody")
                        .is_some()
            })
        })
    };
    let mut checked = Vec::new();
    for (method, path) in state_changing_routes(&server) {
        if !takes_body(&method, &path) {
            continue;
        }
        checked.push(format!("{method} {path}"));
        for body in bad_bodies(&method, &path) {
            let answer = local(&server, &method, &path, &body);
            let what = format!("{method} {path} {body}: {} {}", answer.status, answer.body);
            assert!(
                answer.status < 500,
                "a value a person sent is never a 500: {what}"
            );
            if answer.status >= 400 {
                assert!(
                    !answer.code().is_empty(),
                    "refused as JSON with a code: {what}"
                );
                assert!(
                    !answer.json()["error"]["message"]
                        .as_str()
                        .unwrap_or("")
                        .is_empty(),
                    "with a message: {what}"
                );
            }
            // Reading routes (analysis) may answer 200; nothing is stored either way.
            assert_eq!(export(&server), before, "nothing changed: {what}");
        }
    }
    assert!(
        checked.len() >= 10,
        "the write routes were found: {checked:?}"
    );
}
