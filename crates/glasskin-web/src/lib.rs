//! glasskin's local web app and JSON API.
//!
//! One axum router serves server-rendered pages (askama templates, one stylesheet, no scripts
//! needed) and a JSON API. Both only read the request, call one `glasskin_app` use case and
//! render its answer, so they do what the CLI does. Only this crate knows HTTP and HTML.
//!
//! The router is generic over the [`Store`]; only the entry points that open a database file
//! ([`AppState::open`], [`serve`], [`Config`]) name [`SqliteStore`].

mod access;
mod api;
mod cache;
#[cfg(feature = "hosted")]
mod hosted;
mod pages;
mod photos;

pub use access::{PAIRING_MINUTES, Pairing, qr_terminal};
#[cfg(feature = "hosted")]
pub use hosted::{
    ATTEMPTS_PER_MINUTE, HostedAccounts, HostedConfig, hosted_router, hosted_state, origin_host,
    serve_hosted, serve_hosted_on,
};

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use glasskin_store::{SessionCheck, SqliteStore, Store};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Largest request body accepted: a long label is a few kilobytes; an import may be larger.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Where to listen and which database to use.
pub struct Config {
    /// The address; loopback unless the person says otherwise.
    pub addr: SocketAddr,
    /// The database file.
    pub db: PathBuf,
    /// Host names the server answers to besides its own address and the loopback names (see
    /// [`AllowedHosts`]): the public name of a proxy in front of it, or this computer's name
    /// on the network. Each is a name, optionally with `:PORT`.
    pub allow_hosts: Vec<String>,
    /// A certificate and its key to serve over TLS (HTTPS), when the person gives them.
    pub tls: Option<TlsFiles>,
}

/// The PEM files of a certificate (chain) and its private key.
#[derive(Clone, Debug)]
pub struct TlsFiles {
    /// The certificate, then any intermediates.
    pub cert: PathBuf,
    /// Its private key (PKCS#8, PKCS#1 or SEC1), not encrypted.
    pub key: PathBuf,
}

/// A certificate and key, read and checked, ready to serve HTTPS with (rustls).
#[derive(Clone)]
pub struct Tls(axum_server::tls_rustls::RustlsConfig);

impl Tls {
    /// Reads the certificate and key; refused with the file at fault and what to give.
    pub async fn from_files(files: &TlsFiles) -> anyhow::Result<Tls> {
        for (what, path) in [("certificate", &files.cert), ("key", &files.key)] {
            if !path.is_file() {
                anyhow::bail!(
                    "the TLS {what} {} is not a readable file; give the PEM file's path",
                    path.display()
                );
            }
        }
        // rustls says "peer sent no certificates" of a file with none: say it plainly.
        let cert = std::fs::read_to_string(&files.cert).unwrap_or_default();
        if !cert.contains("-----BEGIN CERTIFICATE-----") {
            anyhow::bail!(
                "{} holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the certificate's file to --tls-cert and its key's to --tls-key",
                files.cert.display()
            );
        }
        axum_server::tls_rustls::RustlsConfig::from_pem_file(&files.cert, &files.key)
            .await
            .map(Tls)
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot serve TLS with {} and {}: {e}; give a PEM certificate (with any intermediates) and its unencrypted PEM private key",
                    files.cert.display(),
                    files.key.display()
                )
            })
    }
}

/// The names a request's `Host` may give, so that a page on another site whose name was made
/// to resolve to 127.0.0.1 (DNS rebinding) cannot read or change anything: its requests name
/// that site, not us.
///
/// A `Host` is a name and a port, the port being 80 when it has none (HTTP's default). It is
/// allowed when
/// - its name is `localhost`, `127.0.0.1` or `[::1]`, or the address the server is bound to
///   (unless that is `0.0.0.0` or `[::]`, which no request names), and its port is the bound
///   port; or
/// - it is one of the extra names ([`Config::allow_hosts`], `glasskin serve --allow-host`): a
///   name given without a port allows that name on any port (a proxy's public name on 443, say);
///   a name with a port allows that port only.
///
/// Names compare without regard to case. A request with no `Host` (HTTP/1.0) or with several is
/// refused too: every browser sends exactly one.
#[derive(Clone, Debug)]
pub struct AllowedHosts {
    port: u16,
    /// The bound address as a `Host` names it (`192.168.1.5`, `[::1]`), when it can be named.
    bound: Option<String>,
    /// Extra names, lowercase, each with its port if it was given one.
    extra: Vec<(String, Option<u16>)>,
}

impl AllowedHosts {
    /// The names a server bound to `addr` answers to, with the `extra` names; an extra name
    /// that is not a host name (optionally with `:PORT`) is refused with a sentence saying why.
    pub fn new(
        addr: SocketAddr,
        extra: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Result<AllowedHosts, String> {
        let bound = (!addr.ip().is_unspecified()).then(|| match addr.ip() {
            std::net::IpAddr::V4(ip) => ip.to_string(),
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        });
        let extra = extra
            .into_iter()
            .map(|name| parse_host_name(name.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(AllowedHosts {
            port: addr.port(),
            bound,
            extra,
        })
    }

    /// The same names, and `addresses` on `port`: this computer's network addresses, which
    /// other devices name when the server is bound to every address.
    pub fn with_addresses(mut self, addresses: &[std::net::IpAddr], port: u16) -> AllowedHosts {
        for ip in addresses {
            let name = match ip {
                std::net::IpAddr::V4(ip) => ip.to_string(),
                std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            };
            if self.bound.as_deref() != Some(name.as_str()) {
                self.extra.push((name, Some(port)));
            }
        }
        self
    }

    /// Whether a `Host` header's value names this server.
    pub fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        let ours = ["localhost", "127.0.0.1", "[::1]"].contains(&name.as_str())
            || self.bound.as_deref() == Some(name.as_str());
        (ours && port.unwrap_or(80) == self.port)
            || self.extra.iter().any(|(extra, extra_port)| {
                *extra == name && extra_port.is_none_or(|p| p == port.unwrap_or(80))
            })
    }

    /// The names it answers to, for people: `127.0.0.1:7878, localhost:7878 and proxy.example`.
    pub fn describe(&self) -> String {
        let names = self.names();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// The names it answers to, the bound address first.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .bound
            .iter()
            .map(|b| format!("{b}:{}", self.port))
            .collect();
        names.push(format!("localhost:{}", self.port));
        for (name, port) in &self.extra {
            names.push(match port {
                Some(port) => format!("{name}:{port}"),
                None => name.clone(),
            });
        }
        names.dedup();
        names
    }
}

/// A `Host` value's name (lowercase; an IPv6 address keeps its brackets) and port, if it is
/// one: `name`, `name:port`, `[v6]` or `[v6]:port`.
fn split_host(host: &str) -> Option<(String, Option<u16>)> {
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        match rest {
            "" => (name, None),
            _ => (name, Some(rest.strip_prefix(':')?)),
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        Some(port) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            Some(port.parse().ok()?)
        }
        Some(_) => return None,
        None => None,
    };
    let inner = name.trim_start_matches('[').trim_end_matches(']');
    let valid = !inner.is_empty()
        && inner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._:".contains(&b))
        && (name.starts_with('[') || !inner.contains(':'));
    valid.then(|| (name.to_ascii_lowercase(), port))
}

/// An extra name as a person gives it (`--allow-host`): a host name or address, optionally
/// with `:PORT`; not a URL.
pub fn parse_host_name(name: &str) -> Result<(String, Option<u16>), String> {
    let name = name.trim();
    if name.contains("://") || name.contains('/') {
        return Err(format!(
            "{name:?} is a URL; give the host name alone, optionally with :PORT (proxy.example or proxy.example:8443)"
        ));
    }
    split_host(name).ok_or_else(|| {
        format!(
            "{name:?} is not a host name; give a name or address, optionally with :PORT (proxy.example, 192.168.1.5:7878, [fe80::1])"
        )
    })
}

/// What every handler shares: where the data is, who may reach the server from other devices,
/// and the pages kept until the data changes.
pub struct AppState<S> {
    stores: Stores<S>,
    access: Arc<access::Access>,
    /// The slow pages, kept until the data changes.
    pages: Arc<cache::Pages>,
}

/// Where a request's data is.
enum Stores<S> {
    /// One person's database.
    Local(Arc<Local<S>>),
    /// Many accounts in one database (hosted): each request's store is its account's, opened
    /// per request (cheap: a pool's handle and an owner).
    PerOwner(Arc<OpenStore<S>>),
}

/// Opens the store of one owner's data; with a session to check in each of its statements,
/// when the session layer took the owner from its memory instead of looking the session up.
type OpenStore<S> = dyn Fn(&str, Option<Arc<SessionCheck>>) -> S + Send + Sync;

/// One person's database: one store that writes, behind a lock, and stores for reading only,
/// so pages are drawn on every core at once while writes go one at a time. With no readers,
/// reads use the writer too.
struct Local<S> {
    writer: Mutex<S>,
    readers: Vec<Mutex<S>>,
    /// The reader to wait for when none is free, taken in turn.
    next: std::sync::atomic::AtomicUsize,
}

// Derived `Clone` would ask for `S: Clone`; only the `Arc`s are cloned.
impl<S> Clone for Stores<S> {
    fn clone(&self) -> Self {
        match self {
            Stores::Local(local) => Stores::Local(Arc::clone(local)),
            Stores::PerOwner(open) => Stores::PerOwner(Arc::clone(open)),
        }
    }
}

impl<S> Clone for AppState<S> {
    fn clone(&self) -> Self {
        AppState {
            stores: self.stores.clone(),
            access: Arc::clone(&self.access),
            pages: Arc::clone(&self.pages),
        }
    }
}

impl AppState<SqliteStore> {
    /// Opens the database (creating it on first run) for the local owner, with a reader per
    /// core beside the one connection that writes.
    pub fn open(db: &std::path::Path) -> anyhow::Result<AppState<SqliteStore>> {
        let store = SqliteStore::open(db, "local")?;
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        // A file that can only be read as it lies (a read-only directory) has no readers: the
        // one connection serves everything, as it can.
        let readers = (0..cores)
            .map(|_| store.reader())
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| {
                tracing::warn!("reading on one connection only: {e}");
                Vec::new()
            });
        Ok(AppState::with_readers(store, readers))
    }
}

impl<S: Store + Send + 'static> AppState<S> {
    /// Serves one person's open store.
    pub fn new(store: S) -> AppState<S> {
        AppState::with_readers(store, Vec::new())
    }

    /// Serves one person's open store, drawing pages on `readers` (read-only stores of the
    /// same data).
    pub fn with_readers(store: S, readers: Vec<S>) -> AppState<S> {
        AppState::with_stores(Stores::Local(Arc::new(Local {
            writer: Mutex::new(store),
            readers: readers.into_iter().map(Mutex::new).collect(),
            next: Default::default(),
        })))
    }

    /// Serves many accounts, each request on the store `open` gives for its account's owner
    /// (and the session that store is to check, if any).
    pub fn per_owner(
        open: impl Fn(&str, Option<Arc<SessionCheck>>) -> S + Send + Sync + 'static,
    ) -> AppState<S> {
        AppState::with_stores(Stores::PerOwner(Arc::new(open)))
    }

    fn with_stores(stores: Stores<S>) -> AppState<S> {
        AppState {
            stores,
            access: Arc::new(access::Access::new(Vec::new(), false)),
            pages: Arc::default(),
        }
    }

    /// The same store, reachable from other devices at `links` (`http://192.168.1.5:7878`,
    /// the best first), which pairing links point to; `secure` when served over TLS.
    pub fn reachable_at(self, links: Vec<String>, secure: bool) -> AppState<S> {
        AppState {
            access: Arc::new(access::Access::new(links, secure)),
            ..self
        }
    }

    /// A new one-time pairing link for a phone, or why there can be none (the server listens
    /// on this computer only).
    pub fn start_pairing(&self) -> Result<Pairing, String> {
        self.access.start_pairing()
    }

    /// Whether it serves many accounts, each signed in.
    fn is_hosted(&self) -> bool {
        matches!(self.stores, Stores::PerOwner(_))
    }
}

/// The owner a hosted server's session names, put in the request's extensions by the session
/// layer before any handler runs.
#[derive(Clone, Debug)]
pub(crate) struct Owner(pub(crate) Arc<str>);

/// The owner a hosted server's session layer remembered for a request's session without
/// looking it up, for a write that checks the session in its own statement. Only [`Person`]
/// takes it, and its store checks the session in every statement it sends; handlers that ask
/// for an [`Owner`] do not see it.
#[derive(Clone, Debug)]
pub(crate) struct Unchecked(pub(crate) Owner, pub(crate) Arc<SessionCheck>);

/// Who a request is from, and so whose data it reads and writes: the one person of a local
/// database, or the account a hosted server's session names. Every handler that touches data
/// takes one, so no handler reaches data but its sender's.
pub(crate) struct Person<S> {
    whose: Whose<S>,
    /// What is kept of their drawing.
    pages: Arc<cache::Pages>,
}

/// Whose data a [`Person`] reaches.
enum Whose<S> {
    /// The local database's one person.
    Local(Arc<Local<S>>),
    /// A hosted account's, with the session its store checks, if any.
    Owner(Arc<OpenStore<S>>, Owner, Option<Arc<SessionCheck>>),
}

impl<S: Store + Send + 'static> axum::extract::FromRequestParts<AppState<S>> for Person<S> {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState<S>,
    ) -> Result<Person<S>, Response> {
        let (owner, check) = match parts.extensions.get::<Owner>() {
            Some(owner) => (Some(owner.clone()), None),
            None => match parts.extensions.get::<Unchecked>() {
                Some(Unchecked(owner, check)) => (Some(owner.clone()), Some(Arc::clone(check))),
                None => (None, None),
            },
        };
        Person::of(state, owner, check).ok_or_else(|| {
            // The session layer answers before a handler runs; this is the backstop.
            (StatusCode::UNAUTHORIZED, "sign in first\n").into_response()
        })
    }
}

impl<S: Store + Send + 'static> Person<S> {
    /// The person whose data `owner` names on this server: the local person, whatever the
    /// owner, on a local server; a hosted server needs the owner (and the session to `check`
    /// in every statement, if the session layer did not look it up).
    fn of(
        state: &AppState<S>,
        owner: Option<Owner>,
        check: Option<Arc<SessionCheck>>,
    ) -> Option<Person<S>> {
        let whose = match (&state.stores, owner) {
            (Stores::Local(local), _) => Whose::Local(Arc::clone(local)),
            (Stores::PerOwner(open), Some(owner)) => Whose::Owner(Arc::clone(open), owner, check),
            (Stores::PerOwner(_), None) => return None,
        };
        Some(Person {
            whose,
            pages: Arc::clone(&state.pages),
        })
    }

    /// The one person of a local server; `None` on a hosted one.
    fn local(state: &AppState<S>) -> Option<Person<S>> {
        match &state.stores {
            Stores::Local(local) => Some(Person {
                whose: Whose::Local(Arc::clone(local)),
                pages: Arc::clone(&state.pages),
            }),
            Stores::PerOwner(_) => None,
        }
    }

    /// Their days as Today draws them, with what is kept across ticks ([`cache::Days`]).
    fn days(&self) -> cache::Days {
        let whose = match &self.whose {
            Whose::Local(_) => None,
            Whose::Owner(_, owner, _) => Some(Arc::clone(&owner.0)),
        };
        cache::Days::new(Arc::clone(&self.pages), whose)
    }

    /// Runs work that only reads on tokio's blocking pool, its reads in one snapshot: locally
    /// on a reader that is free (else the next in turn), so pages are drawn in parallel; with
    /// no readers, on the store.
    async fn with_reader<T: Send + 'static>(
        &self,
        work: impl FnOnce(&S) -> T + Send + 'static,
    ) -> T {
        match &self.whose {
            Whose::Local(local) if !local.readers.is_empty() => {
                let local = Arc::clone(local);
                blocking(move || {
                    let pool = &local.readers;
                    let free = pool.iter().find_map(|r| r.try_lock().ok());
                    let reader = free.unwrap_or_else(|| {
                        let turn = local
                            .next
                            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        pool[turn % pool.len()]
                            .lock()
                            .unwrap_or_else(|poisoned| poisoned.into_inner())
                    });
                    glasskin_store::snapshot(&*reader, work)
                })
                .await
            }
            _ => {
                self.with_store(move |store| glasskin_store::snapshot(store, work))
                    .await
            }
        }
    }

    /// Runs store work on tokio's blocking pool, so a blocking store never stalls the async
    /// workers. Locally, a panic elsewhere while holding the store does not lock everyone out.
    async fn with_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut S) -> T + Send + 'static,
    ) -> T {
        match &self.whose {
            Whose::Local(local) => {
                let local = Arc::clone(local);
                blocking(move || {
                    let mut store = local
                        .writer
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                    work(&mut store)
                })
                .await
            }
            Whose::Owner(open, owner, check) => {
                let (open, owner, check) = (Arc::clone(open), owner.clone(), check.clone());
                blocking(move || work(&mut open(&owner.0, check))).await
            }
        }
    }
}

/// Runs blocking work on tokio's blocking pool, passing on its panic.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(failed) => std::panic::resume_unwind(failed.into_panic()),
    }
}

/// Today on the local calendar: the web layer reads the clock, the core never does.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// The whole app: pages, API, limits and headers, answering whatever `Host` a request names
/// (for the tests and benchmarks that call it without a socket). A server on a socket serves
/// [`router_for`] instead, as [`serve_on`] does.
pub fn router<S: Store + Send + 'static>(state: AppState<S>) -> Router {
    app(state, None, None)
}

/// The whole app as a server on a socket serves it: [`router`], refusing every request (page,
/// API or static file) whose `Host` is not one of `hosts`, and every request from another
/// computer that is not a paired device's. It reads the peer's address from
/// [`ConnectInfo`](axum::extract::ConnectInfo), so it must be served with
/// `into_make_service_with_connect_info::<SocketAddr>()`, as [`serve_on`] does; without it
/// every request is refused.
pub fn router_for<S: Store + Send + 'static>(state: AppState<S>, hosts: AllowedHosts) -> Router {
    app(state, Some(hosts), None)
}

/// Who may reach a server: on a local one, this computer and the phones it paired; on a hosted
/// one, whoever is signed in to an account.
#[cfg(feature = "hosted")]
type Accounts = Option<Arc<hosted::Accounts>>;
#[cfg(not(feature = "hosted"))]
type Accounts = Option<std::convert::Infallible>;

fn app<S: Store + Send + 'static>(
    state: AppState<S>,
    hosts: Option<AllowedHosts>,
    accounts: Accounts,
) -> Router {
    let guard_state = state.clone();
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
    let mut app: Router = Router::new()
        .merge(pages::routes::<S>())
        .nest("/api", api)
        .route(
            "/api/openapi.json",
            axum::routing::get(move || async move {
                ([(header::CONTENT_TYPE, "application/json")], doc)
            }),
        )
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cache::keep::<S>,
        ))
        .with_state(state);
    #[cfg(feature = "hosted")]
    if let Some(accounts) = &accounts {
        app = app.merge(pages::account_routes(Arc::clone(accounts)));
    }
    app = app
        .layer(middleware::from_fn(same_origin))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(10),
        ))
        .layer(middleware::from_fn(api_errors_as_json))
        .layer(middleware::from_fn(pages::too_large));
    #[cfg(feature = "hosted")]
    if let Some(accounts) = accounts {
        // Every route but signing in needs a session; it names the request's owner.
        app = app.layer(middleware::from_fn_with_state(
            accounts,
            hosted::session_guard,
        ));
    }
    #[cfg(not(feature = "hosted"))]
    let _: Accounts = accounts;
    if let Some(hosts) = hosts {
        // Locally, another device (not this computer) needs a paired browser, for every route
        // but the pairing page; this runs after the check of the host, before anything else.
        if !guard_state.is_hosted() {
            app = app.layer(middleware::from_fn_with_state(
                guard_state,
                access::guard::<S>,
            ));
        }
        // Before anything else reads the request, but inside the log and the security headers.
        app = app.layer(middleware::from_fn_with_state(
            Arc::new(hosts),
            allowed_host,
        ));
    }
    // One log line per request, with its method, path, status and time.
    app = app.layer(
        TraceLayer::new_for_http()
            .make_span_with(|request: &Request| {
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    uri = %logged_uri(request.uri()),
                    version = ?request.version(),
                )
            })
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

/// A request's target as the log shows it: a pairing link's token is a secret for its ten
/// minutes, so it is left out.
fn logged_uri(uri: &axum::http::Uri) -> std::borrow::Cow<'_, str> {
    let path = uri.path();
    if path.starts_with("/pair/") {
        "/pair/(token)".into()
    } else {
        uri.path_and_query().map_or(path, |p| p.as_str()).into()
    }
}

/// The limit layers answer in plain text; API callers get the API's JSON error shape instead.
async fn api_errors_as_json(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if !is_api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let allow = response
        .headers()
        .get(header::ALLOW)
        .and_then(|a| a.to_str().ok())
        .map(str::to_owned);
    // An extractor's rejection says what was wrong ("Cannot parse `abc` to a `i64`"): keep it.
    let said = axum::body::to_bytes(response.into_body(), 4096)
        .await
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .filter(|text| !text.is_empty());
    let reason = status.canonical_reason().unwrap_or("the request failed");
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "too_large",
            format!("the body is over the limit of {} MB", BODY_LIMIT >> 20),
        ),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long".to_owned()),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            match &allow {
                Some(allow) => format!("this route takes {allow}, not {method}"),
                None => format!("this route does not take {method}"),
            },
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            said.unwrap_or_else(|| "send JSON with content-type: application/json".to_owned()),
        ),
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => {
            ("invalid", said.unwrap_or_else(|| reason.to_owned()))
        }
        _ => ("error", said.unwrap_or_else(|| reason.to_owned())),
    };
    let mut json = api::ApiError::new(status, code, message).into_response();
    if let Some(allow) = allow.and_then(|a| header::HeaderValue::from_str(&a).ok()) {
        json.headers_mut().insert(header::ALLOW, allow);
    }
    json
}

async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        api::ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such API route").into_response()
    } else {
        pages::not_found().into_response()
    }
}

/// The host a request names: its `Host` header, or the authority of its target when it has no
/// `Host` (HTTP/2). `None` when it names none, several, or two different ones.
fn request_host(request: &Request) -> Option<&str> {
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let host = match (hosts.next(), hosts.next()) {
        (Some(host), None) => Some(host.to_str().ok().filter(|host| !host.is_empty())?),
        (None, _) => None,
        (Some(_), Some(_)) => return None,
    };
    let authority = request.uri().authority().map(|a| a.as_str());
    match (host, authority) {
        (Some(host), Some(authority)) if !host.eq_ignore_ascii_case(authority) => None,
        (Some(host), _) => Some(host),
        (None, authority) => authority,
    }
}

/// DNS rebinding: a request naming a host that is not ours is refused, whatever its path, with
/// 421 Misdirected Request and what to do; one naming no host at all, with 400.
async fn allowed_host(
    axum::extract::State(hosts): axum::extract::State<Arc<AllowedHosts>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request_host(&request);
    if host.is_some_and(|host| hosts.allows(host)) {
        return next.run(request).await;
    }
    let ours = hosts.describe();
    let (status, message) = match host {
        Some(host) => (
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "this server answers to {ours}, not to {host}; open it at one of those, or start it with --allow-host NAME (or GLASSKIN_ALLOW_HOSTS=NAME) to serve NAME"
            ),
        ),
        None => (
            StatusCode::BAD_REQUEST,
            format!(
                "the request must name exactly one host, as in Host: {}; this server answers to {ours}",
                hosts.names()[0]
            ),
        ),
    };
    tracing::warn!(host = host.unwrap_or("(none)"), "refused: {message}");
    refuse(&request, status, "host_not_allowed", message)
}

/// A refusal: the API's JSON error under `/api/`, plain text elsewhere.
fn refuse(request: &Request, status: StatusCode, code: &'static str, message: String) -> Response {
    if request.uri().path().starts_with("/api/") {
        api::ApiError::new(status, code, message).into_response()
    } else {
        let mut text = message;
        if let Some(first) = text.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        text.push_str(".\n");
        (status, text).into_response()
    }
}

/// Cross-site request forgery: a request that may change something (any method but GET, HEAD
/// and OPTIONS), page or API, must not come from another site's page. Browsers say where a
/// request comes from in `Sec-Fetch-Site` and `Origin`, which pages cannot forge:
/// - `Sec-Fetch-Site`, when sent, must be `same-origin` (`same-site`, `cross-site` and `none`,
///   a request the person typed, are refused);
/// - `Origin`, when sent, must be this server as the request names it (`Host`); `null` (a
///   sandboxed frame, a `data:` page) only passes with `Sec-Fetch-Site: same-origin`;
/// - with neither, a `Referer`, when sent, must be on this server.
///
/// A request with none of them is what curl, scripts and other programs send, not a browser
/// (every browser sends `Origin` on a cross-site POST): the API accepts it. A form post to a
/// page must show one of them, as every browser's does. A JSON content type proves nothing.
async fn same_origin(request: Request, next: Next) -> Response {
    let method = request.method();
    if [Method::GET, Method::HEAD, Method::OPTIONS].contains(method) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let get = |name: HeaderName| {
        headers
            .get(name)
            .map(|value| value.to_str().unwrap_or("(unreadable)"))
    };
    let fetch_site = get(HeaderName::from_static("sec-fetch-site"));
    let origin = get(header::ORIGIN);
    let referer = get(header::REFERER);
    let host = request_host(&request);
    let is_api = request.uri().path().starts_with("/api/");
    let ours = |url: &str| host.is_some_and(|host| same_authority(url, host));
    // An opaque origin (`null`) the browser itself says is this server's own page.
    let vouched = |origin: &str| origin == "null" && fetch_site == Some("same-origin");
    let refusal = if let Some(site) = fetch_site.filter(|site| *site != "same-origin") {
        Some(format!(
            "the browser says it was sent from a page on another site (Sec-Fetch-Site: {site})"
        ))
    } else if let Some(origin) = origin.filter(|origin| !(ours(origin) || vouched(origin))) {
        Some(format!(
            "it was sent from {origin}, not from this server's own pages"
        ))
    } else if let Some(referer) =
        referer.filter(|referer| fetch_site.is_none() && origin.is_none() && !ours(referer))
    {
        Some(format!(
            "it was sent from {referer}, not from this server's own pages"
        ))
    } else if !is_api && fetch_site.is_none() && origin.is_none() && referer.is_none() {
        Some("it does not say which page it was sent from, as browsers do".to_owned())
    } else {
        None
    };
    let Some(why) = refusal else {
        return next.run(request).await;
    };
    let message = if is_api {
        format!(
            "refused {method} {}: {why}; call the API from this server's own pages or from a program (curl, a script), not from another site",
            request.uri().path()
        )
    } else {
        format!("this form must be sent from glasskin's own page: {why}; open it and send it again")
    };
    tracing::warn!("{message}");
    refuse(&request, StatusCode::FORBIDDEN, "cross_site", message)
}

/// Whether a URL (an `Origin` or a `Referer`) is on `host` (a `Host` header's value). The scheme
/// gives the port when the URL has none (80 or 443); a proxy in front may have changed the
/// scheme, so it is not compared.
fn same_authority(url: &str, host: &str) -> bool {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let default = if scheme.eq_ignore_ascii_case("https") {
        443
    } else {
        80
    };
    match (split_host(authority), split_host(host)) {
        (Some((name, port)), Some((host_name, host_port))) => {
            name == host_name && port.unwrap_or(default) == host_port.unwrap_or(default)
        }
        _ => false,
    }
}

/// Serves until Ctrl-C, then finishes the requests in flight.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    // The names and the certificate are checked before the database is opened or the port
    // taken.
    AllowedHosts::new(config.addr, &config.allow_hosts).map_err(anyhow::Error::msg)?;
    let tls = match &config.tls {
        Some(files) => Some(Tls::from_files(files).await?),
        None => None,
    };
    let state = AppState::open(&config.db)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| listen_error(config.addr, &e))?;
    serve_with(listener, state, &config.allow_hosts, tls, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Why a server could not listen, with what to do.
fn listen_error(addr: std::net::SocketAddr, e: &std::io::Error) -> anyhow::Error {
    let hint = match e.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "another program (another glasskin serve?) listens on port {}; stop it, or choose another port with --addr {}:PORT",
            addr.port(),
            addr.ip()
        ),
        std::io::ErrorKind::PermissionDenied => {
            "ports below 1024 need extra rights; choose one above 1024 with --addr".to_owned()
        }
        std::io::ErrorKind::AddrNotAvailable => {
            "this computer has no such address; 127.0.0.1 is this computer".to_owned()
        }
        _ => "check --addr".to_owned(),
    };
    anyhow::anyhow!("cannot listen on {addr}: {e}; {hint}")
}

/// Serves on a bound listener until `shutdown` completes (tests bind port 0 and stop it),
/// answering to the names [`AllowedHosts`] allows for its address and `allow_hosts`. Bound to
/// an address other devices reach (`0.0.0.0`, a LAN address), it also answers to this
/// computer's network addresses on its port, lets paired devices in (see [`Pairing`]), and
/// prints a first pairing link with its QR code.
pub async fn serve_on<S: Store + Send + 'static>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    allow_hosts: &[String],
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    serve_with(listener, state, allow_hosts, None, shutdown).await
}

/// [`serve_on`], over TLS when given a certificate: HTTPS only on that port, pairing links on
/// `https://`, and the device cookie `Secure`.
pub async fn serve_with<S: Store + Send + 'static>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    allow_hosts: &[String],
    tls: Option<Tls>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let addr = listener.local_addr()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let lan = reachable_addresses(addr);
    let hosts = AllowedHosts::new(addr, allow_hosts)
        .map_err(anyhow::Error::msg)?
        .with_addresses(&lan, addr.port());
    let links: Vec<String> = lan
        .iter()
        .map(|ip| format!("{scheme}://{}", SocketAddr::new(*ip, addr.port())))
        .collect();
    let state = state.reachable_at(links.clone(), tls.is_some());
    announce(addr, scheme, &links, &hosts, &state);
    serve_app(listener, router_for(state, hosts), tls, shutdown).await
}

/// Serves `app` on a bound listener, over TLS when given a certificate, until `shutdown`
/// completes; each request knows its peer's address.
async fn serve_app(
    listener: tokio::net::TcpListener,
    app: Router,
    tls: Option<Tls>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
    match tls {
        None => {
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await?;
        }
        Some(Tls(config)) => {
            let handle = axum_server::Handle::new();
            let stop = handle.clone();
            tokio::spawn(async move {
                shutdown.await;
                stop.graceful_shutdown(Some(Duration::from_secs(10)));
            });
            axum_server::from_tcp_rustls(listener.into_std()?, config)?
                .handle(handle)
                .serve(app)
                .await?;
        }
    }
    Ok(())
}

/// What the person needs to know at start: where it runs, who may reach it, and a first
/// pairing link for a phone.
fn announce<S: Store + Send + 'static>(
    addr: SocketAddr,
    scheme: &str,
    links: &[String],
    hosts: &AllowedHosts,
    state: &AppState<S>,
) {
    let local = SocketAddr::new(
        if addr.is_ipv6() {
            std::net::Ipv6Addr::LOCALHOST.into()
        } else {
            std::net::Ipv4Addr::LOCALHOST.into()
        },
        addr.port(),
    );
    if addr.ip().is_loopback() {
        eprintln!(
            "glasskin is running at {scheme}://{addr}/ (this computer only; `glasskin serve --lan` opens it to your phone); Ctrl-C stops it"
        );
        eprintln!(
            "it answers to {}; --allow-host NAME adds a name",
            hosts.describe()
        );
        return;
    }
    eprintln!(
        "glasskin is running at {scheme}://{local}/ on this computer; Ctrl-C stops it. Other devices on your network reach it only once paired."
    );
    eprintln!("it answers to {}", hosts.describe());
    if scheme == "http" {
        eprintln!(
            "plain HTTP: others on your network could watch what a paired phone sends and receives; serve over TLS with --tls-cert and --tls-key where that matters"
        );
    }
    match state.start_pairing() {
        Ok(pairing) => {
            eprintln!(
                "\nTo pair a phone, scan this code or open the link on it (works once, for {PAIRING_MINUTES} minutes; {scheme}://{local}/devices gives a new one and lists paired devices):\n  {}",
                pairing.url
            );
            if let Some(code) = qr_terminal(&pairing.url) {
                eprintln!("{code}");
            }
        }
        Err(why) => eprintln!("no pairing link: {why}"),
    }
    if links.is_empty() {
        eprintln!(
            "this computer has no network address other devices can reach; --allow-host NAME adds a name"
        );
    }
}

/// The addresses other devices reach a server bound to `addr` at: none on loopback; the
/// address itself when it is one; this computer's network addresses (private IPv4 first)
/// when it is bound to every address (`0.0.0.0`, `[::]`).
pub fn reachable_addresses(addr: SocketAddr) -> Vec<std::net::IpAddr> {
    let ip = addr.ip();
    if ip.is_loopback() {
        return Vec::new();
    }
    if !ip.is_unspecified() {
        return vec![ip];
    }
    let mut found: Vec<std::net::IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|interface| interface.ip())
        .filter(|ip| {
            !ip.is_loopback()
                && match ip {
                    // A link-local IPv6 address needs its interface named: no link can.
                    std::net::IpAddr::V6(v6) => addr.is_ipv6() && !v6.is_unicast_link_local(),
                    std::net::IpAddr::V4(_) => true,
                }
        })
        .collect();
    let rank = |ip: &std::net::IpAddr| match ip {
        std::net::IpAddr::V4(v4) if v4.is_private() => 0,
        std::net::IpAddr::V4(v4) if v4.is_link_local() => 2,
        std::net::IpAddr::V4(_) => 1,
        std::net::IpAddr::V6(_) => 3,
    };
    found.sort_by_key(|ip| (rank(ip), *ip));
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_as_a_name_and_a_port() {
        assert_eq!(
            split_host("LocalHost:7878"),
            Some(("localhost".into(), Some(7878)))
        );
        assert_eq!(split_host("[::1]"), Some(("[::1]".into(), None)));
        assert_eq!(split_host("[::1]:80"), Some(("[::1]".into(), Some(80))));
        for bad in [
            "", ":80", "a:", "a:b", "a:1:2", "::1", "[::1", "[::1]x", "a b", "a:99999",
        ] {
            assert_eq!(split_host(bad), None, "{bad:?}");
        }
        assert!(parse_host_name("http://proxy.example").is_err());
        assert!(parse_host_name("proxy.example/").is_err());
        assert!(parse_host_name(" proxy.example:8443 ").is_ok());
    }

    #[test]
    fn the_bound_port_and_names_are_ours() {
        let addr = SocketAddr::from(([127, 0, 0, 1], 7878));
        let hosts = AllowedHosts::new(addr, ["proxy.example", "lan:81"]).expect("names");
        for ok in [
            "127.0.0.1:7878",
            "localhost:7878",
            "[::1]:7878",
            "proxy.example",
            "PROXY.example:443",
            "lan:81",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for no in [
            "127.0.0.1",
            "localhost:7879",
            "evil.example:7878",
            "lan",
            "lan:82",
            "127.0.0.2:7878",
        ] {
            assert!(!hosts.allows(no), "{no}");
        }
        assert_eq!(
            hosts.describe(),
            "127.0.0.1:7878, localhost:7878, proxy.example and lan:81"
        );
        let anywhere =
            AllowedHosts::new(SocketAddr::from(([0, 0, 0, 0], 80)), [""; 0]).expect("none");
        assert!(anywhere.allows("localhost"));
        assert!(!anywhere.allows("0.0.0.0"));
        assert_eq!(anywhere.describe(), "localhost:80");
        // Bound to every address, it answers to this computer's network addresses on its port.
        let lan = anywhere.with_addresses(&["192.168.1.5".parse().expect("ip")], 80);
        assert!(lan.allows("192.168.1.5") && lan.allows("192.168.1.5:80"));
        assert!(!lan.allows("192.168.1.5:81") && !lan.allows("192.168.1.6"));
    }

    #[test]
    fn a_pairing_token_never_reaches_the_log() {
        let uri: axum::http::Uri = "/pair/0123456789abcdef".parse().expect("uri");
        assert_eq!(logged_uri(&uri), "/pair/(token)");
        let uri: axum::http::Uri = "/tips?topic=sleep".parse().expect("uri");
        assert_eq!(logged_uri(&uri), "/tips?topic=sleep");
    }

    #[test]
    fn other_devices_reach_the_address_it_is_bound_to() {
        let at = |text: &str| reachable_addresses(text.parse().expect("addr"));
        assert!(at("127.0.0.1:7878").is_empty());
        assert!(at("[::1]:7878").is_empty());
        assert_eq!(
            at("192.168.1.5:7878"),
            vec![std::net::IpAddr::from([192, 168, 1, 5])]
        );
        // Every address: this computer's own, none of them loopback.
        assert!(
            at("0.0.0.0:7878")
                .iter()
                .all(|ip| !ip.is_loopback() && ip.is_ipv4())
        );
    }

    #[test]
    fn an_origin_is_on_a_host_when_name_and_port_match() {
        assert!(same_authority("http://127.0.0.1:7878", "127.0.0.1:7878"));
        assert!(same_authority(
            "http://127.0.0.1:7878/shelf?x",
            "127.0.0.1:7878"
        ));
        assert!(same_authority("https://proxy.example", "proxy.example"));
        assert!(same_authority("https://proxy.example", "proxy.example:443"));
        assert!(!same_authority("http://proxy.example", "proxy.example:443"));
        assert!(!same_authority(
            "http://127.0.0.1:7878.evil.example",
            "127.0.0.1:7878"
        ));
        assert!(!same_authority("http://evil.example", "127.0.0.1:7878"));
        assert!(!same_authority("null", "127.0.0.1:7878"));
    }
}
