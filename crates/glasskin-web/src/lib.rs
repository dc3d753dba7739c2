//! glasskin's local web app and JSON API.
//!
//! One axum router serves server-rendered pages (askama templates, one stylesheet, no scripts
//! needed) and a JSON API. Both only read the request, call one `glasskin_app` use case and
//! render its answer, so they do what the CLI does. Only this crate knows HTTP and HTML.
//!
//! The router is generic over the [`Store`]; only the entry points that open a database file
//! ([`AppState::open`], [`serve`], [`Config`]) name [`SqliteStore`].

mod api;
mod pages;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use glasskin_store::{SqliteStore, Store};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Largest request body accepted: a long label is a few kilobytes; an import may be larger.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Where to listen and which database to use.
pub struct Config {
    /// The address; loopback unless the person says otherwise.
    pub addr: SocketAddr,
    /// The database file.
    pub db: PathBuf,
}

/// What every handler shares: one store, behind a lock.
pub struct AppState<S> {
    store: Arc<Mutex<S>>,
}

// Derived `Clone` would ask for `S: Clone`; only the `Arc` is cloned.
impl<S> Clone for AppState<S> {
    fn clone(&self) -> Self {
        AppState {
            store: Arc::clone(&self.store),
        }
    }
}

impl AppState<SqliteStore> {
    /// Opens the database (creating it on first run) for the local owner.
    pub fn open(db: &std::path::Path) -> anyhow::Result<AppState<SqliteStore>> {
        Ok(AppState::new(SqliteStore::open(db, "local")?))
    }
}

impl<S: Store + Send + 'static> AppState<S> {
    /// Serves an open store.
    pub fn new(store: S) -> AppState<S> {
        AppState {
            store: Arc::new(Mutex::new(store)),
        }
    }

    /// Runs store work on tokio's blocking pool, so a blocking store never stalls the async
    /// workers. A panic elsewhere while holding the store does not lock everyone out.
    async fn with_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut S) -> T + Send + 'static,
    ) -> T {
        let store = Arc::clone(&self.store);
        let task = tokio::task::spawn_blocking(move || {
            let mut store = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut store)
        });
        match task.await {
            Ok(value) => value,
            Err(failed) => std::panic::resume_unwind(failed.into_panic()),
        }
    }
}

/// Today on the local calendar: the web layer reads the clock, the core never does.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// The whole app: pages, API, limits and headers.
pub fn router<S: Store + Send + 'static>(state: AppState<S>) -> Router {
    let security = [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        // Not `no-referrer`: that makes browsers send `Origin: null` on our own form posts.
        ("referrer-policy", "same-origin"),
        (
            "content-security-policy",
            "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
        ),
    ];
    let (api, doc) = api::routes();
    // Serialised once: the document is fixed for the life of the binary.
    let doc = doc.to_json().unwrap_or_default();
    let mut app = Router::new()
        .merge(pages::routes::<S>())
        .nest("/api", api)
        .route(
            "/api/openapi.json",
            axum::routing::get(move || async move {
                ([(header::CONTENT_TYPE, "application/json")], doc)
            }),
        )
        .fallback(not_found)
        .with_state(state)
        .layer(middleware::from_fn(same_origin_forms))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(10),
        ))
        .layer(middleware::from_fn(api_errors_as_json))
        // One log line per request, with its method, path, status and time.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        );
    for (name, value) in security {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    app
}

/// The limit layers answer in plain text; API callers get the API's JSON error shape instead.
async fn api_errors_as_json(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if !is_api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "too_large",
            format!("the body is over the limit of {} MB", BODY_LIMIT >> 20),
        ),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long".to_owned()),
        _ => (
            "error",
            status
                .canonical_reason()
                .unwrap_or("the request failed")
                .to_owned(),
        ),
    };
    api::ApiError::new(status, code, message).into_response()
}

async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        api::ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such API route").into_response()
    } else {
        pages::not_found().into_response()
    }
}

/// Cross-site request forgery: a form post must come from one of our own pages. Browsers say
/// where a post comes from in `Sec-Fetch-Site`, and older ones in `Origin` (or at least
/// `Referer`); a post from another site is refused. JSON API calls need a JSON content type,
/// which a cross-site form cannot send without a preflight.
async fn same_origin_forms(request: Request, next: Next) -> Response {
    let is_form_post = request.method() != Method::GET
        && request.method() != Method::HEAD
        && !request.uri().path().starts_with("/api/");
    if is_form_post {
        let headers = request.headers();
        let fetch_site = headers.get("sec-fetch-site").and_then(|h| h.to_str().ok());
        if let Some(site) = fetch_site {
            if site != "same-origin" {
                return forbidden_form();
            }
            return next.run(request).await;
        }
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let origin = headers
            .get(header::ORIGIN)
            .or_else(|| headers.get(header::REFERER))
            .and_then(|h| h.to_str().ok());
        let same = match (host, origin) {
            (Some(host), Some(origin)) => {
                let rest = origin
                    .strip_prefix("http://")
                    .or_else(|| origin.strip_prefix("https://"))
                    .unwrap_or(origin);
                rest == host || rest.starts_with(&format!("{host}/"))
            }
            _ => false,
        };
        if !same {
            return forbidden_form();
        }
    }
    next.run(request).await
}

fn forbidden_form() -> Response {
    (
        StatusCode::FORBIDDEN,
        "This form must be sent from glasskin's own page.",
    )
        .into_response()
}

/// Serves until Ctrl-C, then finishes the requests in flight.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let state = AppState::open(&config.db)?;
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    serve_on(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Serves on a bound listener until `shutdown` completes (tests bind port 0 and stop it).
pub async fn serve_on<S: Store + Send + 'static>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let addr = listener.local_addr()?;
    if addr.ip().is_loopback() {
        eprintln!("glasskin is running at http://{addr}/ (this computer only); Ctrl-C stops it");
    } else {
        eprintln!(
            "glasskin is running at http://{addr}/ and is reachable from OTHER computers on your network; it has no login. Ctrl-C stops it"
        );
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
