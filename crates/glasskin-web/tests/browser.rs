//! A phone on the home network, in a real browser: the server bound to every address (as
//! `glasskin serve --lan`), this computer's Chromium on 127.0.0.1 and a second Chromium
//! profile, the "phone", on this computer's network address (from its interfaces, as the
//! server finds them), so its requests come from a non-loopback peer. The phone is refused
//! until paired from the Devices page's link, let in after, and refused again once revoked;
//! Today's ticks made while the server is down wait on the phone and reach the store once, when
//! it is back. Every new page is audited (axe-core, overflow at 390 px) and photographed into
//! `target/tmp/screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (or `GLASSKIN_CHROMIUM` and
//! `GLASSKIN_CHROMEDRIVER`) and a network address other than loopback; without either it is
//! skipped with a message, unless `GLASSKIN_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a
//! failure. axe-core is read from `GLASSKIN_AXE`, else `target/tmp/axe-core/axe.min.js`.

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::support::{Background, CLEANSER, CREAM, SUNSCREEN};

fn required() -> bool {
    std::env::var_os("GLASSKIN_REQUIRE_BROWSER").is_some_and(|v| v == "1")
}

/// Says why the test is skipped, or fails when the run requires it.
fn skip(why: &str) {
    assert!(
        !required(),
        "the phone in a real browser: {why}, and GLASSKIN_REQUIRE_BROWSER=1 requires it"
    );
    // Straight to stderr: the harness hides what a passing test prints with eprintln!.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: the phone in a real browser: {why}"
    );
}

/// A child process in its own process group, killed with everything it started when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = Command::new("/bin/sh")
            .args(["-c", "kill -KILL \"-$1\"", "sh", &self.0.id().to_string()])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn find_tool(env: &str, name: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// Chromium and chromedriver, or `None` (the test skipped, or failed when required).
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let tools = find_tool("GLASSKIN_CHROMIUM", "chromium")
        .zip(find_tool("GLASSKIN_CHROMEDRIVER", "chromedriver"));
    if tools.is_none() {
        skip("chromium or chromedriver not found (apt-get install chromium chromium-driver)");
    }
    tools
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The server, bound to every address on `port` (0: any), over the database at `db`; stopped
/// when dropped, as Ctrl-C stops `glasskin serve`.
struct LanServer {
    port: u16,
    _running: Background,
}

impl LanServer {
    fn start(db: &Path, port: u16) -> LanServer {
        let state = glasskin_web::AppState::open(db).expect("opens");
        let running = Background::start(
            SocketAddr::from(([0, 0, 0, 0], port)),
            move |listener, shutdown| async move {
                glasskin_web::serve_on(listener, state, &[], shutdown).await
            },
        );
        LanServer {
            port: running.addr.port(),
            _running: running,
        }
    }
}

/// What a person would notice is wrong with a page: no main landmark or labelled navigation,
/// not one h1, unlabelled controls, a page wider than the screen.
const AUDIT: &str = r#"
const problems = [];
const doc = document.documentElement;
if (!doc.lang) problems.push('the page has no language');
if (!document.querySelector('main')) problems.push('no main landmark');
if (!document.querySelector('nav[aria-label]')) problems.push('no labelled navigation');
if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
if (doc.scrollWidth > window.innerWidth) problems.push(`page is ${doc.scrollWidth}px wide on a ${window.innerWidth}px screen`);
for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label')) problems.push('unlabelled control: ' + el.outerHTML.slice(0, 80));
}
return problems;
"#;

fn axe_source() -> Option<String> {
    let path = std::env::var_os("GLASSKIN_AXE").map_or_else(
        || Path::new(env!("CARGO_TARGET_TMPDIR")).join("axe-core/axe.min.js"),
        PathBuf::from,
    );
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            skip(&format!(
                "axe-core is not readable at {} ({e})",
                path.display()
            ));
            None
        }
    }
}

async fn axe_violations(browser: &Client, axe: &str) -> Value {
    browser
        .execute(&format!("{axe}\n;return true"), vec![])
        .await
        .expect("axe-core loads");
    browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then((r) => done(r.violations
                 .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                 .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)))
               .catch((e) => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .expect("axe runs")
}

/// Audits the page at 390 and 1280 px (axe-core too) and photographs it at both.
async fn audit_and_photograph(browser: &Client, name: &str, axe: Option<&str>) {
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    for (size, width, height) in [("phone", 390, 844), ("desktop", 1280, 900)] {
        browser
            .set_window_size(width, height)
            .await
            .expect("resizes");
        let problems = browser.execute(AUDIT, vec![]).await.expect("audit runs");
        assert_eq!(problems, json!([]), "{name} at {width}px");
        if let Some(axe) = axe {
            let violations = axe_violations(browser, axe).await;
            assert_eq!(violations, json!([]), "{name} at {width}px: axe-core");
        }
        let png = browser.screenshot().await.expect("screenshot");
        std::fs::write(shots.join(format!("{name}-{size}.png")), png).expect("saves");
    }
    browser.set_window_size(390, 844).await.expect("resizes");
}

async fn find(browser: &Client, css: &str) -> fantoccini::elements::Element {
    match browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => element,
        Err(e) => {
            let page = browser.source().await.unwrap_or_default();
            panic!("no `{css}` ({e}) on this page:\n{page}");
        }
    }
}

async fn text_of(browser: &Client, css: &str) -> String {
    find(browser, css).await.text().await.expect("text")
}

async fn click(browser: &Client, css: &str) {
    find(browser, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click `{css}`: {e}"));
}

/// Waits until the script returns true.
async fn wait_until(browser: &Client, script: &str, what: &str, seconds: u64) {
    let start = Instant::now();
    loop {
        let value = browser.execute(script, vec![]).await.expect("script runs");
        if value == Value::Bool(true) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(seconds),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A Chromium session with its own profile; `secure` lets the service worker run on a plain
/// HTTP origin, as it would on the https:// origin of `--tls-cert`.
async fn chromium(driver: &str, chromium: &Path, profile: &Path, secure: Option<&str>) -> Client {
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--hide-scrollbars".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if let Some(origin) = secure {
        args.push(format!(
            "--unsafely-treat-insecure-origin-as-secure={origin}"
        ));
    }
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": chromium, "args": args },
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!("an object literal")
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(driver)
        .await
        .expect("a Chromium session")
}

/// A call to the API from this computer, as a script would make it.
fn api(port: u16, method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("http://127.0.0.1:{port}{path}");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = match (method, body) {
        ("GET", _) => agent.get(&url).call(),
        (_, Some(body)) => agent.post(&url).send_json(body),
        (_, None) => agent.post(&url).send_empty(),
    }
    .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let text = response.body_mut().read_to_string().expect("body");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn put(port: u16, path: &str, body: &Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .put(&format!("http://127.0.0.1:{port}{path}"))
        .send_json(body)
        .expect("answers");
    assert!(response.status().is_success(), "PUT {path}");
}

#[test]
fn a_phone_pairs_ticks_offline_and_is_revoked() {
    let Some((chromium_bin, chromedriver)) = browser_tools() else {
        return;
    };
    // The phone needs an address of this computer that is not loopback, so that its requests
    // come from another peer: the one the server would put in its pairing link.
    let Some(lan) = glasskin_web::reachable_addresses(SocketAddr::from(([0, 0, 0, 0], 0)))
        .into_iter()
        .find(IpAddr::is_ipv4)
    else {
        skip("this computer has no network address other than loopback");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("phone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("glasskin.db");
    let server = LanServer::start(&db, 0);
    let port = server.port;

    // A kept plan, so Today has steps to tick.
    put(port, "/api/profile", &json!({"skin_type": "normal"}));
    for (name, label) in [
        ("Cleanser", CLEANSER),
        ("Cream", CREAM),
        ("Sunscreen", SUNSCREEN),
    ] {
        api(
            port,
            "POST",
            "/api/products",
            Some(json!({"name": name, "label": label})),
        );
    }
    api(port, "POST", "/api/plan", Some(json!({"save": true})));
    assert!(
        api(port, "GET", "/api/today", None).is_array(),
        "a plan is kept"
    );

    let (driver, driver_port) = start_driver(&chromedriver);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let phone_base = format!("http://{lan}:{port}");
    runtime.block_on(journey(
        &format!("http://127.0.0.1:{driver_port}"),
        &chromium_bin,
        &dir,
        server,
        &db,
        &phone_base,
    ));
    drop(driver);
}

/// chromedriver on a free port, killed when the value is dropped; the port.
fn start_driver(chromedriver: &Path) -> (Process, u16) {
    let driver_port = free_port();
    let driver = {
        use std::os::unix::process::CommandExt;
        Process(
            Command::new(chromedriver)
                .arg(format!("--port={driver_port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("chromedriver starts"),
        )
    };
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", driver_port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver listens"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (driver, driver_port)
}

/// A hosted server on a phone: a page asked for without an account is the sign-in form; the
/// person makes an account, lands on the profile, sees the account page, signs out, and signs
/// in again to the page first asked for. The session cookie is one a script cannot read. A tick
/// on Today after the session ended elsewhere says the person was signed out.
#[test]
fn a_person_makes_an_account_and_signs_in_on_a_hosted_server() {
    let Some((chromium_bin, chromedriver)) = browser_tools() else {
        return;
    };
    let Some(hosted) = crate::hosted::Hosted::start(1, 100) else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hosted-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (driver, driver_port) = start_driver(&chromedriver);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let axe = axe_source();
        let axe = axe.as_deref();
        // Chromium counts 127.0.0.1 as secure, so it keeps the `__Host-` cookie over HTTP.
        let base = format!("http://{}", hosted.nodes[0].addr);
        let phone = chromium(
            &format!("http://127.0.0.1:{driver_port}"),
            &chromium_bin,
            &dir.join("phone"),
            None,
        )
        .await;
        phone.set_window_size(390, 844).await.expect("resizes");
        phone.goto(&format!("{base}/week")).await.expect("opens");
        assert_eq!(text_of(&phone, "h1").await, "Sign in");
        audit_and_photograph(&phone, "hosted-sign-in", axe).await;
        click(&phone, "a[href='/signup']").await;
        arrive(&phone, "/signup").await;
        assert_eq!(text_of(&phone, "h1").await, "Make an account");
        find(&phone, "#email")
            .await
            .send_keys("hana@example.com")
            .await
            .expect("types");
        find(&phone, "#password")
            .await
            .send_keys("short")
            .await
            .expect("types");
        audit_and_photograph(&phone, "hosted-sign-up", axe).await;
        // The browser itself holds back a password under 12 characters.
        click(&phone, "form button").await;
        assert_eq!(text_of(&phone, "h1").await, "Make an account");
        let password = find(&phone, "#password").await;
        password.clear().await.expect("clears");
        password
            .send_keys(crate::hosted::PASSWORD)
            .await
            .expect("types");
        click(&phone, "form button").await;
        arrive(&phone, "/profile").await;
        assert_eq!(
            text_of(&phone, "h1").await,
            "About your skin",
            "on the profile"
        );
        let readable = phone
            .execute("return document.cookie", vec![])
            .await
            .expect("reads");
        assert_eq!(readable, json!(""), "no script reads the session");

        click(&phone, "footer a[href='/account']").await;
        arrive(&phone, "/account").await;
        assert!(text_of(&phone, "main").await.contains("hana@example.com"));
        audit_and_photograph(&phone, "hosted-account", axe).await;
        click(&phone, "form[action='/signout'] button").await;
        arrive(&phone, "/signin").await;
        assert_eq!(text_of(&phone, "h1").await, "Sign in");
        phone.goto(&format!("{base}/week")).await.expect("opens");
        assert_eq!(text_of(&phone, "h1").await, "Sign in", "signed out");
        find(&phone, "#email")
            .await
            .send_keys("hana@example.com")
            .await
            .expect("types");
        find(&phone, "#password")
            .await
            .send_keys(crate::hosted::PASSWORD)
            .await
            .expect("types");
        click(&phone, "form button").await;
        // Back to the page first asked for.
        arrive(&phone, "/week").await;

        // Signed out elsewhere while Today is open: a tick is not saved, the page says so in
        // a person's words, and the tick is not kept for whoever signs in next on this phone.
        let secret = phone
            .get_named_cookie("__Host-glasskin_session")
            .await
            .expect("holds the session's cookie");
        let mut elsewhere = crate::hosted::Browser::new(hosted.nodes[0].addr);
        elsewhere.cookie = Some(secret.value().to_owned());
        crate::hosted::fill(&mut elsewhere, "hana");
        phone.goto(&format!("{base}/today")).await.expect("opens");
        let first_step = "form[data-time] li[data-product-id] input[type=checkbox]";
        find(&phone, first_step).await;
        assert_eq!(elsewhere.form("/signout", &[]).status, 303);
        click(&phone, first_step).await;
        wait_until(
            &phone,
            "return document.querySelector('.save-status').textContent.includes('you were signed out')",
            "the tick to be refused",
            15,
        )
        .await;
        let note = text_of(&phone, ".offline-note").await;
        assert!(note.contains("you were signed out"), "said at the top: {note}");
        let queue = phone
            .execute("return localStorage.getItem('glasskin-tick-queue')", vec![])
            .await
            .expect("runs");
        assert_eq!(queue, json!("[]"));
        audit_and_photograph(&phone, "hosted-today-signed-out", axe).await;
        phone.close().await.expect("closes");
    });
    drop(driver);
}

/// Waits until the browser has loaded the page at `path`.
async fn arrive(browser: &Client, path: &str) {
    wait_until(
        browser,
        &format!("return location.pathname === '{path}' && document.readyState === 'complete'"),
        path,
        10,
    )
    .await;
}

async fn journey(
    driver: &str,
    chromium_bin: &Path,
    dir: &Path,
    server: LanServer,
    db: &Path,
    phone_base: &str,
) {
    let axe = axe_source();
    let axe = axe.as_deref();
    let port = server.port;
    let desktop_base = format!("http://127.0.0.1:{port}");
    let desktop = chromium(driver, chromium_bin, &dir.join("desktop"), None).await;
    let phone = chromium(driver, chromium_bin, &dir.join("phone"), Some(phone_base)).await;

    // 1. The phone, not paired: refused with how to pair.
    phone
        .goto(&format!("{phone_base}/today"))
        .await
        .expect("opens");
    assert_eq!(text_of(&phone, "h1").await, "This device is not paired");
    audit_and_photograph(&phone, "phone-not-paired", axe).await;

    // 2. This computer shows a pairing code.
    desktop
        .goto(&format!("{desktop_base}/devices"))
        .await
        .expect("opens");
    assert!(
        text_of(&desktop, "main")
            .await
            .contains("No device is paired")
    );
    audit_and_photograph(&desktop, "devices-empty", axe).await;
    click(&desktop, "form[action='/devices/pair'] button").await;
    let link = text_of(&desktop, ".pair-link a").await;
    assert!(link.starts_with(&format!("{phone_base}/pair/")), "{link}");
    find(&desktop, "svg.qr").await;
    audit_and_photograph(&desktop, "devices-pairing", axe).await;

    // 3. The phone opens the link and pairs.
    phone.goto(&link).await.expect("opens the link");
    assert_eq!(text_of(&phone, "h1").await, "Pair this device");
    audit_and_photograph(&phone, "phone-pair", axe).await;
    click(&phone, "form[action='/pair'] button").await;
    find(&phone, "nav a[href='/today'][aria-current=page]").await;
    assert_eq!(text_of(&phone, "h1").await, "Today");
    // The cookie is out of the page's reach (HttpOnly).
    let cookies = phone
        .execute("return document.cookie", vec![])
        .await
        .expect("runs");
    assert_eq!(cookies, json!(""), "HttpOnly");
    // The link worked once.
    phone.goto(&link).await.expect("opens");
    assert_eq!(
        text_of(&phone, "h1").await,
        "This pairing link no longer works"
    );
    // The phone cannot see the device list.
    phone
        .goto(&format!("{phone_base}/devices"))
        .await
        .expect("opens");
    assert_eq!(text_of(&phone, "h1").await, "Open this on the computer");

    desktop
        .goto(&format!("{desktop_base}/devices"))
        .await
        .expect("opens");
    let listed = text_of(&desktop, ".devices").await;
    assert!(listed.contains("Linux computer, Chrome"), "{listed}");
    audit_and_photograph(&desktop, "devices-paired", axe).await;

    // 3b. A photo of a label from the phone: too large to send as it is, made smaller by
    // photo.js, read, and shown beside the text read, within the phone's width.
    if crate::photo::ocr_ready() {
        let photo = dir.join("big-label.png");
        std::fs::write(&photo, crate::photo::large_photo()).expect("written");
        assert!(
            std::fs::metadata(&photo).expect("written").len() > glasskin_web::BODY_LIMIT as u64,
            "the photo is over the limit as it is"
        );
        phone
            .goto(&format!("{phone_base}/analyze"))
            .await
            .expect("opens");
        find(&phone, "#photo")
            .await
            .send_keys(&photo.display().to_string())
            .await
            .expect("chooses the photo");
        wait_until(
            &phone,
            "return document.querySelector('#photo-status').textContent.startsWith('Ready: 1 photo')",
            "the photo to be made smaller",
            30,
        )
        .await;
        click(&phone, "button[formaction='/analyze/photo']").await;
        find(&phone, ".read-text").await;
        let read = text_of(&phone, "#text").await;
        assert!(read.contains("Glycerin"), "{read}");
        audit_and_photograph(&phone, "phone-analyze-photo", axe).await;
    }

    // 4. Today on the phone, kept for offline use by the service worker.
    phone
        .goto(&format!("{phone_base}/today"))
        .await
        .expect("opens");
    wait_until(
        &phone,
        "return !!navigator.serviceWorker && !!navigator.serviceWorker.controller",
        "the service worker to take over",
        20,
    )
    .await;
    // Opened once more under the worker, so it keeps this page.
    phone.refresh().await.expect("reloads");
    wait_until(
        &phone,
        "return caches.has('glasskin-v1')",
        "the worker's cache",
        10,
    )
    .await;
    let first_step = "form[data-time] li[data-product-id] input[type=checkbox]";
    find(&phone, first_step).await;
    let (time, product) = {
        let v = phone
            .execute(
                "const li = document.querySelector('form[data-time] li[data-product-id]');
                 return [li.closest('form').dataset.time, Number(li.dataset.productId)];",
                vec![],
            )
            .await
            .expect("runs");
        (
            v[0].as_str().expect("a time").to_owned(),
            v[1].as_i64().expect("an id"),
        )
    };

    // 5. The server goes away; the phone ticks (and changes its mind twice) meanwhile.
    drop(server);
    click(&phone, first_step).await;
    click(&phone, first_step).await;
    click(&phone, first_step).await;
    wait_until(
        &phone,
        "return document.querySelector('.save-status').textContent.startsWith('Saved on this phone: 1 tick')",
        "the tick to wait on the phone",
        15,
    )
    .await;
    let note = text_of(&phone, ".offline-note").await;
    assert!(
        note.contains("1 tick waits on this phone"),
        "said at the top: {note}"
    );
    // Opened again with no server: the worker's copy, the waiting tick still shown.
    phone.refresh().await.expect("reloads");
    assert_eq!(text_of(&phone, "h1").await, "Today");
    let checked = phone
        .execute(
            &format!("return document.querySelector('{first_step}').checked"),
            vec![],
        )
        .await
        .expect("runs");
    assert_eq!(checked, json!(true), "the queued tick is shown");
    audit_and_photograph(&phone, "phone-today-offline", axe).await;
    let store = glasskin_store::SqliteStore::open(db, "local").expect("opens");
    let before =
        glasskin_store::Store::checkoffs_since(&store, jiff::civil::Date::MIN).expect("reads");
    assert!(before.is_empty(), "nothing reached the store: {before:?}");

    // 6. The server is back on the same port: the queue is sent, once.
    let server = LanServer::start(db, port);
    wait_until(
        &phone,
        "return localStorage.getItem('glasskin-tick-queue') === '[]'",
        "the queue to be sent",
        20,
    )
    .await;
    let after =
        glasskin_store::Store::checkoffs_since(&store, jiff::civil::Date::MIN).expect("reads");
    assert_eq!(after.len(), 1, "exactly one tick: {after:?}");
    assert_eq!(after[0].product_id, product);
    assert_eq!(after[0].time.id(), time);
    // The queue is sent again on the next load (say it was saved twice): still one tick.
    phone
        .execute(
            &format!(
                "localStorage.setItem('glasskin-tick-queue', JSON.stringify([{{time: '{time}', product_id: {product}, done: true, date: document.querySelector('form[data-date]').dataset.date}}])); return true"
            ),
            vec![],
        )
        .await
        .expect("runs");
    phone.refresh().await.expect("reloads");
    wait_until(
        &phone,
        "return localStorage.getItem('glasskin-tick-queue') === '[]'",
        "the queue to be sent again",
        20,
    )
    .await;
    let again =
        glasskin_store::Store::checkoffs_since(&store, jiff::civil::Date::MIN).expect("reads");
    assert_eq!(again.len(), 1, "none doubled: {again:?}");

    // 7. Revoked on this computer: the phone is refused again.
    desktop
        .goto(&format!("{desktop_base}/devices"))
        .await
        .expect("opens");
    click(&desktop, "button.revoke").await;
    wait_until(
        &desktop,
        "return document.body.textContent.includes('No device is paired')",
        "the device to be revoked",
        10,
    )
    .await;
    // A page not kept by the worker goes to the server, which now refuses it.
    phone
        .goto(&format!("{phone_base}/tips"))
        .await
        .expect("opens");
    assert_eq!(text_of(&phone, "h1").await, "This device is not paired");
    assert!(text_of(&phone, "main").await.contains("revoked"));
    // And it keeps nothing: the worker's copies and the queue are gone (Clear-Site-Data).
    wait_until(
        &phone,
        "return caches.keys().then((keys) => keys.length === 0 && localStorage.length === 0)",
        "the phone's copies to be cleared",
        10,
    )
    .await;
    drop(server);
    let _ = desktop.close().await;
    let _ = phone.close().await;
}
