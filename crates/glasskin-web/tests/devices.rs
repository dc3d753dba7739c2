//! Another computer on the network (a phone) reaching the server: refused until paired, let in
//! with a paired device's cookie, refused again once revoked; pairing and the device list open
//! only on this computer. The peer's address is injected as a socket would give it.

use std::net::SocketAddr;

use serde_json::{Value, json};

use crate::support::{App, Reply};

const PHONE_UA: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

/// This computer and a phone on the network, over one database, as a server bound to every
/// address (reached at 192.168.1.5) serves them.
fn desktop_and_phone(name: &str) -> (App, App) {
    let state = App::state(name).reachable_at(vec!["http://192.168.1.5:8080".into()], false);
    let desktop = App::over(
        state.clone(),
        SocketAddr::from(([127, 0, 0, 1], 8080)),
        SocketAddr::from(([127, 0, 0, 1], 50001)),
    );
    let phone = App::over(
        state,
        SocketAddr::from(([192, 168, 1, 5], 8080)),
        SocketAddr::from(([192, 168, 1, 20], 50002)),
    );
    (desktop, phone)
}

fn json_of(reply: &Reply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or(Value::Null)
}

/// A fresh pairing link's token, asked for on this computer.
fn pairing_token(desktop: &App) -> String {
    let reply = desktop.once("POST", "/api/devices/pairing", &[], "");
    assert_eq!(reply.status, 201, "{}", reply.body);
    let url = json_of(&reply)["url"].as_str().expect("a url").to_owned();
    url.strip_prefix("http://192.168.1.5:8080/pair/")
        .unwrap_or_else(|| panic!("a link on the LAN address: {url}"))
        .to_owned()
}

/// Pairs the phone with the link's token, and returns its cookie (`glasskin_device=…`).
fn pair(phone: &App, token: &str, name: &str) -> String {
    let origin = format!("http://{}", phone.addr);
    let reply = phone.once(
        "POST",
        "/pair",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", &origin),
            ("user-agent", PHONE_UA),
        ],
        &format!("token={token}&name={name}"),
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let cookie = reply
        .headers
        .get("set-cookie")
        .and_then(|c| c.to_str().ok())
        .expect("a device cookie")
        .to_owned();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
    cookie.split(';').next().expect("name=value").to_owned()
}

#[test]
fn another_computer_is_refused_until_paired() {
    let (desktop, phone) = desktop_and_phone("lan-refused");
    let reply = phone.once("GET", "/today", &[], "");
    assert_eq!(reply.status, 403);
    assert!(
        reply.body.contains("This device is not paired"),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("Pair a phone"),
        "says how: {}",
        reply.body
    );
    let reply = phone.once("GET", "/api/profile", &[], "");
    assert_eq!(reply.status, 403);
    assert_eq!(json_of(&reply)["error"]["code"], "not_paired");
    // Nothing is written from it either, and a made-up cookie opens nothing.
    let forged = format!("glasskin_device={}", "ab".repeat(32));
    let reply = phone.once(
        "POST",
        "/api/products",
        &[("content-type", "application/json"), ("cookie", &forged)],
        &json!({"name": "Intruder", "label": "Water"}).to_string(),
    );
    assert_eq!(reply.status, 403, "{}", reply.body);
    let (status, products) = desktop.call("GET", "/api/products");
    assert_eq!((status, products), (200, json!([])));
    // The pairing page's stylesheet is open to it; the device list is not, even paired.
    assert_eq!(phone.once("GET", "/static/app.css", &[], "").status, 200);
    let reply = phone.once("GET", "/devices", &[], "");
    assert_eq!(reply.status, 403);
    assert!(
        reply.body.contains("only on the computer"),
        "{}",
        reply.body
    );
    // This computer is let in as before.
    assert_eq!(desktop.get("/tips").0, 200);
    // But not what a proxy on it forwards for someone else: that needs pairing too.
    for header in ["x-forwarded-for", "forwarded", "x-real-ip"] {
        let reply = desktop.once("GET", "/api/profile", &[(header, "192.168.1.30")], "");
        assert_eq!(reply.status, 403, "{header}: {}", reply.body);
        assert_eq!(
            desktop
                .once("GET", "/devices", &[(header, "192.168.1.30")], "")
                .status,
            403
        );
    }
}

#[test]
fn a_paired_phone_is_let_in_until_revoked() {
    let (desktop, phone) = desktop_and_phone("lan-paired");
    let token = pairing_token(&desktop);
    // Opening the link shows a name from the browser and a Pair button; it uses nothing.
    let reply = phone.once(
        "GET",
        &format!("/pair/{token}"),
        &[("user-agent", PHONE_UA)],
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply.body.contains("value=\"Android phone, Chrome\""),
        "{}",
        reply.body
    );
    assert_eq!(
        reply
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let cookie = pair(&phone, &token, "Bathroom+phone");

    // Let in, page and API.
    let reply = phone.once("GET", "/tips", &[("cookie", &cookie)], "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    // A page renews the cookie's 400 days, so a phone in daily use stays paired; a file the
    // browser caches does not carry it.
    let renewed = reply
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        renewed.starts_with(&format!("{cookie};")) && renewed.contains("Max-Age=34560000"),
        "{renewed}"
    );
    let css = phone.once("GET", "/static/app.css", &[("cookie", &cookie)], "");
    assert_eq!(css.status, 200);
    assert!(css.headers.get("set-cookie").is_none());
    let reply = phone.once(
        "PUT",
        "/api/profile",
        &[("content-type", "application/json"), ("cookie", &cookie)],
        &json!({"skin_type": "dry"}).to_string(),
    );
    assert!(reply.status < 300, "{} {}", reply.status, reply.body);
    // But not to pairing others or the device list.
    for (method, path) in [
        ("GET", "/api/devices"),
        ("POST", "/api/devices/pairing"),
        ("DELETE", "/api/devices/1"),
    ] {
        let reply = phone.once(method, path, &[("cookie", &cookie)], "");
        assert_eq!(reply.status, 403, "{method} {path}");
        assert_eq!(json_of(&reply)["error"]["code"], "local_only");
    }

    // The link worked once.
    let origin = format!("http://{}", phone.addr);
    let again = phone.once(
        "POST",
        "/pair",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", &origin),
        ],
        &format!("token={token}&name=Second"),
    );
    assert_eq!(again.status, 410, "{}", again.body);
    assert!(again.body.contains("no longer works"), "{}", again.body);
    assert!(again.headers.get("set-cookie").is_none());
    assert_eq!(
        phone.once("GET", &format!("/pair/{token}"), &[], "").status,
        410
    );

    // This computer lists it, renames it and revokes it.
    let (status, devices) = desktop.call("GET", "/api/devices");
    assert_eq!(status, 200);
    assert_eq!(devices.as_array().map(Vec::len), Some(1), "{devices}");
    assert_eq!(devices[0]["name"], "Bathroom phone");
    let id = devices[0]["id"].as_i64().expect("an id");
    let (status, _) = desktop.send(
        "PATCH",
        &format!("/api/devices/{id}"),
        &json!({"name": ""}).to_string(),
    );
    assert_eq!(status, 422);
    let (_, html) = desktop.get("/devices");
    assert!(html.contains("Bathroom phone"), "{html}");
    assert!(
        html.contains("Plain HTTP"),
        "the known limit is said: {html}"
    );
    assert_eq!(desktop.delete(&format!("/api/devices/{id}")), 204);
    assert_eq!(desktop.delete(&format!("/api/devices/{id}")), 404);

    // Revoked: refused, and told to forget the cookie.
    let reply = phone.once("GET", "/tips", &[("cookie", &cookie)], "");
    assert_eq!(reply.status, 403);
    assert!(reply.body.contains("revoked"), "{}", reply.body);
    let cleared = reply
        .headers
        .get("set-cookie")
        .and_then(|c| c.to_str().ok())
        .unwrap_or_default();
    assert!(
        cleared.starts_with("glasskin_device=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    assert_eq!(
        reply
            .headers
            .get("clear-site-data")
            .and_then(|v| v.to_str().ok()),
        Some("\"cache\", \"cookies\", \"storage\""),
        "and what its worker kept"
    );
}

#[test]
fn the_devices_page_pairs_and_revokes_with_forms() {
    let (desktop, phone) = desktop_and_phone("lan-page");
    let origin = format!("http://{}", desktop.addr);
    let (status, html) = desktop.form("/devices/pair", "", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<svg class=\"qr\""), "a QR code: {html}");
    let start = html
        .find("http://192.168.1.5:8080/pair/")
        .expect("the link");
    let token: String = html[start + "http://192.168.1.5:8080/pair/".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 32);
    // A bad name keeps the link for another try.
    let phone_origin = format!("http://{}", phone.addr);
    let long = "x".repeat(61);
    let (status, html) = phone.form(
        "/pair",
        &format!("token={token}&name={long}"),
        Some(&phone_origin),
    );
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("at most 60 characters"), "{html}");
    let cookie = pair(&phone, &token, "");
    let (_, html) = desktop.get("/devices");
    assert!(
        html.contains("Android phone, Chrome"),
        "named from the browser: {html}"
    );
    let (status, html) = desktop.form("/devices/1", "action=rename&name=Pixel", Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Pixel"), "{html}");
    let (status, html) = desktop.form("/devices/1", "action=explode", Some(&origin));
    assert_eq!(status, 422);
    assert!(html.contains("renamed or revoked"), "{html}");
    let (status, html) = desktop.form("/devices/1", "action=revoke", Some(&origin));
    assert_eq!(status, 200);
    assert!(html.contains("No device is paired"), "{html}");
    assert_eq!(
        phone.once("GET", "/", &[("cookie", &cookie)], "").status,
        403
    );
    let (status, html) = desktop.form("/devices/1", "action=revoke", Some(&origin));
    assert_eq!(status, 404, "{html}");
    assert!(html.contains("no paired device #1"), "{html}");
}

#[test]
fn a_server_on_this_computer_only_has_no_pairing_link() {
    let desktop = App::start("lan-none");
    let (status, body) = desktop.call("POST", "/api/devices/pairing");
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "not_on_lan");
    let (status, html) = desktop.get("/devices");
    assert_eq!(status, 200);
    assert!(html.contains("glasskin serve --lan"), "{html}");
    assert!(!html.contains("<svg class=\"qr\""));
}

#[test]
fn a_request_with_no_known_peer_is_refused() {
    // `router_for` served without the peer's address: nothing can tell it is this computer.
    let state = App::state("lan-no-peer");
    let hosts = glasskin_web::AllowedHosts::new(SocketAddr::from(([127, 0, 0, 1], 8080)), [""; 0])
        .expect("names");
    let router = glasskin_web::router_for(state, hosts);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let status = runtime.block_on(async {
        use tower::ServiceExt;
        let request = axum::http::Request::get("/api/profile")
            .header("host", "127.0.0.1:8080")
            .body(axum::body::Body::empty())
            .expect("request");
        router.oneshot(request).await.expect("answers").status()
    });
    assert_eq!(status, 403);
}
