//! End to end in a real browser: `glasskin serve` on a temporary database, driven in headless
//! Chromium through chromedriver, along the main journey: paste a label, keep it on the shelf,
//! set a profile, plan the week, tick today's steps, log the diary, see the insights.
//!
//! Every page is checked at a phone width and a desktop width (nothing wider than the screen:
//! `document.documentElement.scrollWidth <= window.innerWidth`, labelled controls, landmarks,
//! text contrast, keyboard access, and axe-core's audit with no serious or critical violation)
//! and photographed into `target/tmp/screenshots/`. At the end, with a profile, products and a
//! kept plan, every page is visited again full, the Analyze page with a real sunscreen's
//! longest INCI names. Needs Debian's `chromium` and `chromium-driver` (`.ci/run`
//! installs them), found on the PATH; `GLASSKIN_CHROMIUM` and `GLASSKIN_CHROMEDRIVER` point
//! elsewhere. Without them the journey is skipped with a message on stderr, unless
//! `GLASSKIN_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure. axe-core (from the npm
//! registry; `.ci/run` unpacks it) is read from `GLASSKIN_AXE`, else
//! `target/tmp/axe-core/axe.min.js`; without it the axe audit is skipped with a message, unless
//! `GLASSKIN_REQUIRE_BROWSER=1`.

use std::io::Write as _;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// The labels the journey pastes, abbreviated from real products' published lists (the same
/// as the planner tests' in glasskin-kb).
const TONER: &str = "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Panthenol, Allantoin";
const GENTLE_CLEANSER: &str = "Water, Cocamidopropyl Betaine, Sodium Lauroyl Methyl Isethionate, Polysorbate 20, Butylene Glycol, Allantoin, Citric Acid, Disodium EDTA";
const CREAM: &str = "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Squalane, Glyceryl Stearate, Phenoxyethanol";
/// A Korean toner's back panel: heading, Hangul names, a strength in ppm, a footer.
const KOREAN_TONER: &str = "[전성분]\n정제수, 부틸렌글라이콜, 글리세린, 펜틸렌글라이콜, 병풀추출물(10,000ppm), 카프릴릭/카프릭트라이글리세라이드, 1,2-헥산다이올, 판테놀, 소듐하이알루로네이트, 알란토인, 다이소듐이디티에이\n제조번호·사용기한: 용기 하단 별도 표기";

/// A sunscreen with the longest INCI names of UV filters, the label that overflowed a phone.
const LONG_SUNSCREEN: &str = "Water, Homosalate, Ethylhexyl Salicylate, Butyl Methoxydibenzoylmethane, Methylene Bis-Benzotriazolyl Tetramethylbutylphenol, Diethylamino Hydroxybenzoyl Hexyl Benzoate, Bis-Ethylhexyloxyphenol Methoxyphenyl Triazine, Glycerin, Alcohol Denat., Niacinamide, Limonene, Linalool, Parfum, Decyl Glucoside, Xanthan Gum, Phenoxyethanol, Tocopherol";
const SUNSCREEN: &str = "Water, Oryza Sativa (Rice) Extract, Dibutyl Adipate, Propanediol, Diethylamino Hydroxybenzoyl Hexyl Benzoate, Ethylhexyl Triazone, Methylene Bis-Benzotriazolyl Tetramethylbutylphenol, Niacinamide, Glycerin, Phenoxyethanol";

/// Phone (a common 6-inch phone in CSS pixels) and desktop widths.
const SIZES: [(&str, u32, u32); 2] = [("phone", 390, 844), ("desktop", 1280, 900)];

/// A child process in its own process group, killed with everything it started (chromedriver's
/// Chromium) when dropped, so a failing test leaves nothing running.
struct Process(Child);

impl Process {
    fn spawn(command: &mut Command, what: &str) -> Process {
        use std::os::unix::process::CommandExt;
        let child = command
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("{what} does not start: {e}"));
        Process(child)
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // The group's id is the leader's pid; `kill -KILL -PGID` reaches every member. The
        // shell's own kill, since procps's `kill` binary is not on every machine.
        let _ = Command::new("/bin/sh")
            .args(["-c", "kill -KILL \"-$1\"", "sh", &self.0.id().to_string()])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(addr: SocketAddr, what: &str, process: &mut Process) {
    let start = Instant::now();
    while TcpStream::connect(addr).is_err() {
        if let Ok(Some(status)) = process.0.try_wait() {
            panic!("{what} exited early with {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what} did not start listening on {addr}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A browser tool: the file `env` names if it is set (it must exist), else `name` on the PATH.
fn find_tool(env: &str, name: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "{env} is set to {}, which is missing",
            path.display()
        );
        return Some(path);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// Chromium and chromedriver, or `None` when either is missing and the run does not require
/// them: a machine with only Rust still passes `cargo test --workspace`, and CI, which sets
/// `GLASSKIN_REQUIRE_BROWSER=1`, can never skip the journey.
fn browser_tools() -> Option<Tools> {
    let chromium = find_tool("GLASSKIN_CHROMIUM", "chromium");
    let chromedriver = find_tool("GLASSKIN_CHROMEDRIVER", "chromedriver");
    if let (Some(chromium), Some(chromedriver)) = (&chromium, &chromedriver) {
        return Some(Tools {
            chromium: chromium.clone(),
            chromedriver: chromedriver.clone(),
        });
    }
    let missing = match (chromium, chromedriver) {
        (None, None) => "chromium/chromedriver",
        (None, Some(_)) => "chromium",
        _ => "chromedriver",
    };
    let required = std::env::var_os("GLASSKIN_REQUIRE_BROWSER").is_some_and(|v| v == "1");
    assert!(
        !required,
        "browser journey: {missing} not found, and GLASSKIN_REQUIRE_BROWSER=1 requires it: \
         install Debian's chromium and chromium-driver (apt-get install chromium \
         chromium-driver, as .ci/run does) or set GLASSKIN_CHROMIUM and GLASSKIN_CHROMEDRIVER"
    );
    // Straight to stderr: the test harness hides what a passing test prints with eprintln!.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: browser journey: {missing} not found; install Debian's chromium and \
         chromium-driver or set GLASSKIN_REQUIRE_BROWSER=1 to make this a failure"
    );
    None
}

/// Where Chromium and its driver are.
struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
}

/// `glasskin serve` on a fresh database, and a chromedriver beside it.
struct Setup {
    chromium: PathBuf,
    _server: Process,
    _driver: Process,
    base: String,
    driver_url: String,
    dir: PathBuf,
}

impl Setup {
    fn start(tools: Tools) -> Setup {
        let dir =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");

        let addr: SocketAddr = format!("127.0.0.1:{}", free_port())
            .parse()
            .expect("address");
        let log = std::fs::File::create(dir.join("serve.log")).expect("log file");
        let mut server = Process::spawn(
            Command::new(env!("CARGO_BIN_EXE_glasskin"))
                .arg("--db")
                .arg(dir.join("glasskin.db"))
                .args(["serve", "--addr", &addr.to_string()])
                .stdout(Stdio::null())
                .stderr(log),
            "glasskin serve",
        );
        wait_for_port(addr, "glasskin serve", &mut server);

        let driver_port = free_port();
        let mut driver = Process::spawn(
            Command::new(&tools.chromedriver)
                .arg(format!("--port={driver_port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
            "chromedriver",
        );
        wait_for_port(
            SocketAddr::from(([127, 0, 0, 1], driver_port)),
            "chromedriver",
            &mut driver,
        );
        Setup {
            chromium: tools.chromium,
            _server: server,
            _driver: driver,
            base: format!("http://{addr}"),
            driver_url: format!("http://127.0.0.1:{driver_port}"),
            dir,
        }
    }

    async fn browser(&self) -> Client {
        let profile = self.dir.join("chromium-profile");
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": self.chromium,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("an object literal")
        };
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.driver_url)
            .await
            .expect("a Chromium session")
    }
}

/// What a person would notice is wrong with the page: controls without labels, images without
/// text, missing landmarks, text too faint to read (WCAG AA), or a page wider than the screen.
const AUDIT: &str = r#"
const problems = [];
const doc = document.documentElement;
if (!doc.lang) problems.push('the page has no language');
if (!document.querySelector('main')) problems.push('no main landmark');
if (!document.querySelector('nav[aria-label]')) problems.push('no labelled navigation');
if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
if (doc.scrollWidth > window.innerWidth) {
  // Wide content inside a scrolling box (a table card) is fine; the culprits are outside one.
  const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) { if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
  const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !scrolls(e));
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '');
  problems.push(`page is ${doc.scrollWidth}px wide on a ${window.innerWidth}px screen: ${wide.slice(0, 3).map(name).join(', ')}`);
}
for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    problems.push('unlabelled control: ' + el.outerHTML.slice(0, 80));
}
for (const img of document.querySelectorAll('img')) if (!img.alt) problems.push('image without text: ' + img.src);
for (const b of document.querySelectorAll('button, a')) {
  if (b.offsetParent && !b.textContent.trim() && !b.getAttribute('aria-label')) problems.push('control without a name: ' + b.outerHTML.slice(0, 80));
}
const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const background = (el) => {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
for (const el of document.querySelectorAll('body *')) {
  if (!el.offsetParent || el.closest('.sr, [hidden]')) continue;
  const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
  if (!text) continue;
  const style = getComputedStyle(el);
  const fg = rgb(style.color).slice(0, 3);
  const [a, b] = [lum(fg), lum(background(el))];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)} for "${text.slice(0, 40)}"`);
}
return problems;
"#;

/// axe-core's source, or `None` (with a message) when it is not installed and not required.
fn axe_source() -> Option<String> {
    let path = std::env::var_os("GLASSKIN_AXE").map_or_else(
        || Path::new(env!("CARGO_TARGET_TMPDIR")).join("axe-core/axe.min.js"),
        PathBuf::from,
    );
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            let required = std::env::var_os("GLASSKIN_REQUIRE_BROWSER").is_some_and(|v| v == "1");
            assert!(
                !required,
                "axe-core not readable at {} ({e}), and GLASSKIN_REQUIRE_BROWSER=1 requires it: \
                 `npm pack axe-core` and unpack package/axe.min.js there, as .ci/run does",
                path.display()
            );
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: the axe-core audit: {} not readable ({e})",
                path.display()
            );
            None
        }
    }
}

/// axe-core's serious and critical violations on the page, one line each.
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

/// The height of the page's header at this width: one row of navigation, not two.
async fn header_height(browser: &Client) -> f64 {
    browser
        .execute(
            "return document.querySelector('header.top').getBoundingClientRect().height",
            vec![],
        )
        .await
        .expect("measures")
        .as_f64()
        .expect("a number")
}

async fn audit_and_photograph(browser: &Client, name: &str) {
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let axe = axe_source();
    for (size, width, height) in SIZES {
        browser
            .set_window_size(width, height)
            .await
            .expect("resizes");
        let problems = browser.execute(AUDIT, vec![]).await.expect("audit runs");
        assert_eq!(
            problems,
            json!([]),
            "{name} at {size} width ({width}px) has problems"
        );
        // The check the issue names, on its own: nothing wider than the screen.
        let fits = browser
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth",
                vec![],
            )
            .await
            .expect("measures");
        assert_eq!(fits, Value::Bool(true), "{name} is wider than {width}px");
        // The navigation is one row: under 60px high even on a phone.
        let header = header_height(browser).await;
        assert!(
            header < 60.0,
            "{name}: the header is {header}px high at {width}px"
        );
        if let Some(axe) = &axe {
            let violations = axe_violations(browser, axe).await;
            assert_eq!(
                violations,
                json!([]),
                "{name} at {size} width: axe-core finds serious or critical violations"
            );
        }
        // The whole page, not just the first screen.
        let full = browser
            .execute("return document.documentElement.scrollHeight", vec![])
            .await
            .expect("height");
        let full = full.as_u64().unwrap_or(u64::from(height)).clamp(400, 6000);
        browser
            .set_window_size(width, u32::try_from(full).unwrap_or(height))
            .await
            .expect("resizes");
        let png = browser.screenshot().await.expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(shots.join(format!("{name}-{size}.png")), png).expect("saves");
    }
    browser
        .set_window_size(SIZES[1].1, SIZES[1].2)
        .await
        .expect("resizes");
}

/// The window at phone size, once the page is laid out for it (a busy machine lays it out after
/// the resize returns).
async fn to_phone(browser: &Client) {
    let (_, width, height) = SIZES[0];
    browser
        .set_window_size(width, height)
        .await
        .expect("resizes");
    wait_until(
        browser,
        &format!("return window.innerWidth <= {width}"),
        "the phone's width",
    )
    .await;
}

/// The element, once the page has it (a click that submits a form returns before the next page
/// has loaded).
async fn find(browser: &Client, css: &str) -> fantoccini::elements::Element {
    let found = browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await;
    match found {
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

async fn fill(browser: &Client, css: &str, text: &str) {
    let field = find(browser, css).await;
    field.clear().await.expect("clears");
    field.send_keys(text).await.expect("types");
}

async fn click(browser: &Client, css: &str) {
    find(browser, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click `{css}`: {e}"));
}

/// Waits for the Shelf page to list the product.
async fn on_shelf(browser: &Client, name: &str) {
    let script = format!(
        "return document.querySelector('h1')?.textContent === 'Your shelf' && \
         (document.querySelector('.shelf')?.textContent.includes({}) ?? false)",
        json!(name)
    );
    wait_until(browser, &script, name).await;
}

/// Follows a link of the main navigation and waits for the page it opens.
async fn open_page(browser: &Client, href: &str) {
    click(browser, &format!("nav a[href='{href}']")).await;
    find(browser, &format!("nav a[href='{href}'][aria-current=page]")).await;
}

/// Waits until the script returns true (the page's own scripts work asynchronously).
async fn wait_until(browser: &Client, script: &str, what: &str) {
    let start = Instant::now();
    loop {
        let value = browser.execute(script, vec![]).await.expect("script runs");
        if value == Value::Bool(true) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        // Nothing else runs on this runtime while the page works.
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn api(setup: &Setup, path: &str) -> Value {
    let text = ureq::get(&format!("{}{path}", setup.base))
        .call()
        .expect("answers")
        .body_mut()
        .read_to_string()
        .expect("body");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn the_main_journey_in_a_real_browser() {
    let Some(tools) = browser_tools() else {
        return;
    };
    let setup = Setup::start(tools);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(journey(&setup));
}

async fn journey(setup: &Setup) {
    let browser = setup.browser().await;
    let base = &setup.base;

    // 1. Paste a label and read what the product is.
    browser.goto(&format!("{base}/")).await.expect("opens");
    browser
        .set_window_size(SIZES[1].1, SIZES[1].2)
        .await
        .expect("resizes");
    // The keyboard reaches the skip link first.
    browser
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .send_keys("\u{E004}")
        .await
        .expect("tab");
    let focused = browser.active_element().await.expect("focus");
    assert_eq!(focused.text().await.expect("text"), "Skip to content");
    audit_and_photograph(&browser, "analyze-empty").await;
    fill(&browser, "#name", "Supple Hydrating Toner").await;
    fill(&browser, "#text", TONER).await;
    click(&browser, "form[action='/analyze'] button[type=submit]").await;
    let step = text_of(&browser, "h2.step").await;
    assert!(step.starts_with("Toner"), "{step}");
    let rows = browser
        .find_all(Locator::Css("tbody tr"))
        .await
        .expect("rows");
    assert_eq!(rows.len(), 6, "one row per ingredient");
    let glycerin = rows[2].text().await.expect("text");
    assert!(glycerin.contains("Glycerin"), "{glycerin}");
    audit_and_photograph(&browser, "analyze-result").await;

    // 2. Keep it on the shelf, then add the rest of the routine on the Shelf page.
    click(&browser, "form[action='/shelf'] button[type=submit]").await;
    on_shelf(&browser, "Supple Hydrating Toner").await;
    for (name, label) in [
        ("Low pH Gentle Cleanser", GENTLE_CLEANSER),
        ("Barrier Cream", CREAM),
        ("Light Fluid Sunscreen SPF 50", SUNSCREEN),
    ] {
        fill(&browser, "#name", name).await;
        fill(&browser, "#label", label).await;
        fill(&browser, "#pao", "12M").await;
        click(&browser, "form[action='/shelf'] button[type=submit]").await;
        on_shelf(&browser, name).await;
    }
    let shelf = api(setup, "/api/products");
    assert_eq!(shelf.as_array().map(Vec::len), Some(4), "{shelf}");
    // Opened the toner today: one tap.
    click(
        &browser,
        "button[aria-label='Opened today: Supple Hydrating Toner']",
    )
    .await;
    wait_until(
        &browser,
        "return document.querySelectorAll(\"button[aria-label^='Opened']\").length === 3",
        "the toner to be marked opened",
    )
    .await;
    assert!(api(setup, "/api/products/1")["opened"].is_string());
    audit_and_photograph(&browser, "shelf").await;

    // 3. The profile: dry, dehydrated skin.
    open_page(&browser, "/profile").await;
    find(&browser, "#skin_type")
        .await
        .select_by_value("dry")
        .await
        .expect("selects");
    click(&browser, "input[name=concern][value=dehydration]").await;
    click(&browser, "form[action='/profile'] button[type=submit]").await;
    assert_eq!(text_of(&browser, "[role=status]").await, "Saved.");
    assert_eq!(api(setup, "/api/profile")["skin_type"], "dry");
    audit_and_photograph(&browser, "profile").await;

    // 4. The week: seven days planned, the reasons on demand; keep it.
    open_page(&browser, "/week").await;
    // Day cards, identical days together: each week's morning cards stand for its 7 days.
    let counted = browser
        .execute(
            "const weeks = document.querySelectorAll('.day-cards').length; \
             const days = (t) => [...document.querySelectorAll(`.day-card[data-time=${t}]`)] \
               .reduce((n, c) => n + Number(c.dataset.days), 0); \
             return [weeks, days('morning'), days('evening'), document.querySelectorAll('.day-card').length]",
            vec![],
        )
        .await
        .expect("counts");
    let weeks = counted[0].as_u64().expect("weeks");
    assert!(weeks >= 1, "{counted}");
    assert_eq!(counted[1].as_u64(), Some(7 * weeks), "{counted}");
    assert_eq!(counted[2].as_u64(), Some(7 * weeks), "{counted}");
    assert!(
        counted[3].as_u64() < Some(14 * weeks),
        "identical days share a card: {counted}"
    );
    let week = text_of(&browser, "main").await;
    assert!(week.contains("Supple Hydrating Toner"), "{week}");
    click(&browser, "details summary").await;
    let reasons = text_of(&browser, "details ul").await;
    assert!(!reasons.is_empty(), "the reasons open");
    audit_and_photograph(&browser, "week").await;
    click(&browser, "form[action='/week'] button[type=submit]").await;

    // 5. Today: pat in the toner's layers, time a settle, tick the rest.
    find(&browser, "form[data-time]").await;
    let today = api(setup, "/api/today");
    let session = today
        .as_array()
        .and_then(|s| s.first())
        .expect("a session today");
    let time = session["time"].as_str().expect("time").to_owned();
    let form = format!("form[data-time='{time}']");
    let toner = session["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["layers"].as_u64() > Some(1)))
        .expect("the toner is layered (the 7-skin method)");
    let layers = toner["layers"].as_u64().expect("layers");
    let row = format!("{form} li[data-product-id='{}']", toner["product_id"]);
    assert_eq!(
        text_of(&browser, &format!("{row} .layer-count")).await,
        format!("Layer 0 of {layers}")
    );
    for _ in 0..layers {
        click(&browser, &format!("{row} .layer-button")).await;
    }
    wait_until(
        &browser,
        &format!("return document.querySelector(\"{row} input[type=checkbox]\").checked"),
        "the last layer ticks the toner",
    )
    .await;
    // The settle timer, shortened so the test does not wait half a minute.
    browser
        .execute(
            &format!(
                "document.querySelector(\"{form} .settle\").dataset.seconds = '1'; return true"
            ),
            vec![],
        )
        .await
        .expect("shortens the timer");
    click(&browser, &format!("{form} .settle-button")).await;
    wait_until(
        &browser,
        &format!("return document.querySelector(\"{form}\").textContent.includes('Settled')"),
        "the timer to finish",
    )
    .await;
    // Tick every other step; each tick is saved at once.
    for checkbox in browser
        .find_all(Locator::Css(&format!("{form} input[type=checkbox]")))
        .await
        .expect("boxes")
    {
        if !checkbox.is_selected().await.expect("state") {
            checkbox.click().await.expect("ticks");
        }
    }
    let all_done = format!(
        "return (async () => {{ const r = await fetch('/api/today'); const s = await r.json(); \
         return s.find((x) => x.time === '{time}').steps.every((st) => st.done); }})()"
    );
    wait_until(&browser, &all_done, "every tick to be saved").await;
    audit_and_photograph(&browser, "today").await;

    // 6. The diary, in a few taps.
    open_page(&browser, "/diary").await;
    for metric in [
        "hydration",
        "oiliness",
        "breakouts",
        "redness",
        "texture",
        "glow",
    ] {
        click(&browser, &format!("input[name={metric}][value='3']")).await;
    }
    fill(&browser, "#sleep", "7.5").await;
    fill(&browser, "#stress", "2").await;
    click(
        &browser,
        "form[method=post][action='/diary'] button[type=submit]",
    )
    .await;
    assert!(
        text_of(&browser, "[role=status]")
            .await
            .starts_with("Saved.")
    );
    let diary = api(setup, "/api/diary");
    assert_eq!(diary[0]["glow"], 3, "{diary}");
    assert_eq!(api(setup, "/api/lifestyle")[0]["sleep_hours"], 7.5);
    audit_and_photograph(&browser, "diary").await;

    // 7. The insights: the summary and the charts, drawn.
    open_page(&browser, "/insights").await;
    assert!(text_of(&browser, "main").await.contains("This week"));
    wait_until(
        &browser,
        "return [...document.images].length >= 2 && [...document.images].every((i) => i.complete && i.naturalWidth > 0)",
        "the charts to load",
    )
    .await;
    audit_and_photograph(&browser, "insights").await;

    // 8. The advice library, with its citations.
    open_page(&browser, "/tips").await;
    find(&browser, "#seven-skin-method").await;
    // The index links to each tip.
    click(&browser, "details.tip-index summary").await;
    click(&browser, ".tip-index a[href='#seven-skin-method']").await;
    wait_until(
        &browser,
        "return location.hash === '#seven-skin-method'",
        "the index link",
    )
    .await;
    audit_and_photograph(&browser, "tips").await;
    // The topic filter is a plain form: pick a topic, show.
    find(&browser, "#topic")
        .await
        .select_by_value("sunscreen")
        .await
        .expect("selects");
    click(&browser, "form.topic-filter button[type=submit]").await;
    wait_until(
        &browser,
        "return location.search === '?topic=sunscreen' && document.querySelectorAll('article').length > 0",
        "the sunscreen tips",
    )
    .await;
    let shown = browser
        .find_all(Locator::Css("main article"))
        .await
        .expect("tips")
        .len();
    let api_tips = api(setup, "/api/tips?topic=sunscreen");
    assert_eq!(api_tips.as_array().map(Vec::len), Some(shown));
    audit_and_photograph(&browser, "tips-sunscreen").await;

    full_pages(setup, &browser).await;

    browser.close().await.expect("closes");
}

/// Every page again, now full (a profile, products, a kept plan, a diary day), at both widths:
/// `/` is Today; Analyze with the longest real INCI names; a refused shelf form keeps its work.
async fn full_pages(setup: &Setup, browser: &Client) {
    let base = &setup.base;
    browser.goto(&format!("{base}/")).await.expect("opens");
    assert_eq!(
        text_of(browser, "h1").await,
        "Today",
        "home is Today once a plan is kept"
    );
    find(browser, "nav a[href='/today'][aria-current=page]").await;
    audit_and_photograph(browser, "home").await;

    browser
        .goto(&format!("{base}/analyze"))
        .await
        .expect("opens");
    fill(browser, "#name", "Sun Fluid SPF 50").await;
    fill(browser, "#text", LONG_SUNSCREEN).await;
    click(browser, "form[action='/analyze'] button[type=submit]").await;
    let step = text_of(browser, "h2.step").await;
    assert!(step.starts_with("Sunscreen"), "{step}");
    let levels = text_of(browser, "ul.levelled").await;
    assert!(
        levels.contains("INFORMATION"),
        "the level in words: {levels}"
    );
    audit_and_photograph(browser, "analyze-sunscreen").await;
    // On a phone the long names wrap inside the screen, each row a card.
    to_phone(browser).await;
    let widest = browser
        .execute(
            "return Math.max(...[...document.querySelectorAll('.ingredients .inci')].map((e) => e.getBoundingClientRect().right))",
            vec![],
        )
        .await
        .expect("measures");
    assert!(
        widest.as_f64().expect("a number") <= f64::from(SIZES[0].1),
        "an ingredient name runs off a phone: {widest}"
    );
    browser
        .set_window_size(SIZES[1].1, SIZES[1].2)
        .await
        .expect("resizes");

    // A Korean label, as its back panel prints it: Hangul names, read to their INCI names, and
    // nothing wider than a phone.
    browser
        .goto(&format!("{base}/analyze"))
        .await
        .expect("opens");
    fill(browser, "#name", "독도 토너").await;
    fill(browser, "#text", KOREAN_TONER).await;
    click(browser, "form[action='/analyze'] button[type=submit]").await;
    let step = text_of(browser, "h2.step").await;
    assert!(step.starts_with("Toner"), "{step}");
    let table = text_of(browser, ".ingredients").await;
    for name in [
        "부틸렌글라이콜",
        "BUTYLENE GLYCOL",
        "CENTELLA ASIATICA EXTRACT",
    ] {
        assert!(table.contains(name), "{name} in {table}");
    }
    assert!(
        !table.contains("제조번호"),
        "the footer is no ingredient: {table}"
    );
    audit_and_photograph(browser, "analyze-korean").await;

    for (path, name) in [
        ("/today", "today-full"),
        ("/week", "week-full"),
        ("/diary", "diary-full"),
        ("/insights", "insights-full"),
        ("/shelf", "shelf-full"),
        ("/profile", "profile-full"),
        ("/tips", "tips-full"),
    ] {
        browser.goto(&format!("{base}{path}")).await.expect("opens");
        find(browser, "main h1").await;
        audit_and_photograph(browser, name).await;
    }
    // A routine of one's own, checked: every product every evening, and what the rules say.
    browser.goto(&format!("{base}/check")).await.expect("opens");
    audit_and_photograph(browser, "check-empty").await;
    let evening = browser
        .find_all(Locator::Css("input[name=product][value^='1:']"))
        .await
        .expect("the evening's products");
    assert!(evening.len() >= 3, "the shelf's products to tick");
    for product in evening {
        product.click().await.expect("ticks");
    }
    click(browser, "form[action='/check'] button[type=submit]").await;
    let found = text_of(browser, "#findings").await;
    assert!(found.contains("sessions a week"), "{found}");
    audit_and_photograph(browser, "check").await;

    // The shelf with every product's edit and remove forms open.
    browser.goto(&format!("{base}/shelf")).await.expect("opens");
    browser
        .execute(
            "document.querySelectorAll('details').forEach((d) => { d.open = true; })",
            vec![],
        )
        .await
        .expect("opens the details");
    find(browser, "select[name=step]").await;
    audit_and_photograph(browser, "shelf-edit").await;

    // A refused shelf form, on a phone: the name and pasted label are kept, and the error is
    // under its field, on screen with it.
    to_phone(browser).await;
    browser.goto(&format!("{base}/shelf")).await.expect("opens");
    fill(browser, "#name", "Sun Fluid SPF 50").await;
    fill(browser, "#label", LONG_SUNSCREEN).await;
    fill(browser, "#pao", "12 weeks").await;
    click(browser, "form[action='/shelf'] button[type=submit]").await;
    let error = text_of(browser, "#pao-error").await;
    assert!(
        error.contains("“12 weeks”") && !error.contains('`'),
        "{error}"
    );
    let kept = browser
        .execute(
            "return [document.querySelector('#name').value, document.querySelector('#label').value, \
             document.querySelector('#pao-error').getBoundingClientRect().top - document.querySelector('#pao').getBoundingClientRect().bottom, \
             document.activeElement.id]",
            vec![],
        )
        .await
        .expect("reads");
    assert_eq!(kept[0], "Sun Fluid SPF 50");
    assert_eq!(kept[1], LONG_SUNSCREEN);
    let gap = kept[2].as_f64().expect("a number");
    assert!(
        (0.0..40.0).contains(&gap),
        "the error is next to its field: {gap}px"
    );
    assert_eq!(kept[3], "pao", "the field to fix has the focus");
    audit_and_photograph(browser, "shelf-refused").await;
}
