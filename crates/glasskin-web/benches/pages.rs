//! Server time of every web page, and of the heavy JSON routes, with a year of data (see
//! `support/year.rs`) in a real SQLite file. The budget is 50 ms a page (docs/bench.md).
//!
//! Each request goes straight into the router (`oneshot`, no socket), with the body read to the
//! end. Each sample is one request, so "slowest" is the slowest single request.

use std::path::PathBuf;
use std::sync::LazyLock;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use divan::Bencher;
use tokio::runtime::Runtime;
use tower::ServiceExt;

#[path = "support/year.rs"]
mod year;

/// The pages, one bench each (each bench checks for 200 before it is timed).
const PAGES: &[&str] = &[
    "/",
    "/today",
    "/week",
    "/diary",
    "/shelf",
    "/profile",
    "/tips",
    "/insights",
    "/charts/ratings.svg",
    "/charts/adherence.svg",
];

/// The JSON routes that read the whole year.
const API: &[&str] = &["/api/insights", "/api/export"];

fn main() {
    divan::main();
    // The database is only ever made under this folder; nothing is left behind.
    let _ = std::fs::remove_dir_all(temp_dir());
}

/// One page, one request a sample.
#[divan::bench(args = PAGES, sample_size = 1, sample_count = 100)]
fn page(bencher: Bencher, path: &str) {
    bench_get(bencher, path);
}

/// One JSON route, one request a sample.
#[divan::bench(args = API, sample_size = 1, sample_count = 100)]
fn api(bencher: Bencher, path: &str) {
    bench_get(bencher, path);
}

fn bench_get(bencher: Bencher, path: &str) {
    // Once, untimed: a page that fails must not bench as fast.
    let (status, body) = get(path);
    assert_eq!(
        status,
        StatusCode::OK,
        "GET {path}: {}",
        String::from_utf8_lossy(&body)
    );
    assert!(!body.is_empty(), "GET {path}: empty body");
    bencher.bench_local(|| get(path));
}

/// The app over a year of data, and a runtime to drive it.
struct App {
    runtime: Runtime,
    router: Router,
}

static APP: LazyLock<App> = LazyLock::new(|| {
    let db = temp_dir().join("year.db");
    year::seed_year(&db);
    let state = glasskin_web::AppState::open(&db).expect("opens the seeded database");
    App {
        runtime: tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime"),
        router: glasskin_web::router(state),
    }
});

/// A GET through the whole router, body read to the end.
fn get(path: &str) -> (StatusCode, Bytes) {
    let app = &*APP;
    app.runtime.block_on(async {
        let request = Request::get(path).body(Body::empty()).expect("a request");
        let response = app
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails");
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("the body reads");
        (status, body)
    })
}

fn temp_dir() -> PathBuf {
    std::env::temp_dir().join(format!("glasskin-pages-bench-{}", std::process::id()))
}
