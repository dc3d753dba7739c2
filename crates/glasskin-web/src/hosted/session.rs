//! The session layer: a request's cookie names its account, or the request is refused.
//!
//! A session is a random 256-bit secret in a `__Host-` cookie (`Secure`, `HttpOnly`,
//! `SameSite=Lax`, `Path=/`, no `Domain`: only this host, over HTTPS, never read by scripts, not
//! sent by other sites' posts). PostgreSQL keeps its SHA-256 only, so any node finds it and a
//! copy of the database signs nobody in. A session ends 30 days after its last use, a year after
//! sign-in at the latest, at sign-out, and when its password changes elsewhere.
//!
//! A request's session is looked up before its handler runs, a round trip to the database of
//! its own, but for the writes a person makes every day ([`CHECKED_BY_THE_WRITE`]): when this
//! node looked the session up lately ([`KnownSessions`]) such a write goes straight to its
//! handler, whose store checks the session in the very statement that writes
//! ([`SessionCheck`], migration 0005), and writes nothing if it has ended. An answer that no
//! statement checked (a body refused before anything was written) is sent only once a lookup
//! finds the session live.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_store::{Session, SessionCheck};
use jiff::{SignedDuration, Timestamp};

use super::Accounts;
use crate::access::{cookie, holds_no_data, sha256};
use crate::{Owner, Unchecked};

/// The cookie that names a session.
pub(crate) const COOKIE: &str = "__Host-glasskin_session";

/// How long a session lives after its last use.
pub(crate) const LIFETIME: SignedDuration = SignedDuration::from_hours(30 * 24);

/// The session a request came with, by its secret's hash: what signing out ends and what a
/// password change keeps.
#[derive(Clone, Debug)]
pub(crate) struct SessionToken(pub(crate) [u8; 32]);

/// The `Set-Cookie` value that gives a browser a session's secret.
pub(crate) fn new_session_cookie(secret: &str) -> String {
    format!(
        "{COOKIE}={secret}; Path=/; Max-Age={}; Secure; HttpOnly; SameSite=Lax",
        LIFETIME.as_secs()
    )
}

/// The `Set-Cookie` value that makes a browser forget its session.
pub(crate) fn cleared_cookie() -> String {
    format!("{COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax")
}

/// Routes anyone may open: the pages that make and open an account, the files every page needs
/// (the same for everyone), and the API's description.
fn public(path: &str) -> bool {
    public_file(path) || ["/signin", "/signup", "/signout"].contains(&path)
}

/// A local server's pairing of phones, which a hosted server has not.
fn pairing(path: &str) -> bool {
    ["/devices", "/pair", "/api/devices"]
        .iter()
        .any(|p| path == *p || path.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
}

/// Files compiled into the binary: no session is looked up for them.
fn public_file(path: &str) -> bool {
    holds_no_data(path)
        || path.starts_with("/static/")
        || path == "/sw.js"
        || path == "/api/openapi.json"
}

/// The writes a person makes every day, `POST`ed: a tick, a day of the diary, a day of the
/// lifestyle log. Their handlers reach data through [`Person`](crate::Person) alone, whose store
/// checks the session in each statement when the request is [`Unchecked`].
const CHECKED_BY_THE_WRITE: &[&str] = &["/api/checkoffs", "/api/diary", "/api/lifestyle"];

/// Whose the sessions this node looked up lately are, by their secret's hash, each until a
/// lookup would find it changed (ended, or due to be moved on). Only a hint: the write that
/// uses one checks the session itself.
#[derive(Default)]
pub(crate) struct KnownSessions(Mutex<Known>);

/// Each session's owner and the time until which a lookup finds it as it was, by its hash.
type Known = HashMap<[u8; 32], (Arc<str>, Timestamp)>;

/// At most this many sessions are remembered (some 100 bytes each); past it, all are
/// forgotten and learned again by the next lookups.
const MOST_KNOWN: usize = 100_000;

impl KnownSessions {
    fn map(&self) -> std::sync::MutexGuard<'_, Known> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whose the session is, if this node knows it at `now`.
    fn owner(&self, hash: &[u8; 32], now: Timestamp) -> Option<Arc<str>> {
        let map = self.map();
        let (owner, until) = map.get(hash)?;
        (now < *until).then(|| Arc::clone(owner))
    }

    /// Remembers a session a lookup found.
    fn learn(&self, hash: [u8; 32], session: &Session) {
        let mut map = self.map();
        if map.len() >= MOST_KNOWN {
            map.clear();
        }
        let owner = Arc::from(session.owner.as_str());
        map.insert(hash, (owner, session.steady_until(LIFETIME)));
    }

    /// Forgets a session this node ended or found ended.
    pub(crate) fn forget(&self, hash: &[u8; 32]) {
        self.map().remove(hash);
    }

    /// Forgets every session of an account whose sessions ended here (a password changed,
    /// the account deleted).
    pub(crate) fn forget_owner(&self, owner: &str) {
        self.map().retain(|_, (known, _)| &**known != owner);
    }
}

/// Finds the session a request's cookie names and puts its owner in the request; a request
/// without one gets 401 (a page: the sign-in form; the API: its JSON error), but for the public
/// routes. A write of [`CHECKED_BY_THE_WRITE`] by a session this node knows checks it itself.
pub(crate) async fn guard(
    State(accounts): State<Arc<Accounts>>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if public_file(path) {
        return next.run(request).await;
    }
    if pairing(path) {
        // Pairing is a local server's: here each device signs in, and the account page says so.
        return if path == "/devices" {
            Redirect::to("/account").into_response()
        } else if path.starts_with("/api/") {
            crate::api::ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "a hosted server has no paired devices: each device signs in",
            )
            .into_response()
        } else {
            crate::pages::not_found()
        };
    }
    let secret = cookie(&request, COOKIE).map(str::to_owned);
    let hash = secret.as_deref().map(sha256);
    let now = Timestamp::now();
    if let Some(hash) = hash
        && request.method() == Method::POST
        && CHECKED_BY_THE_WRITE.contains(&path)
        && let Some(owner) = accounts.known.owner(&hash, now)
    {
        return checked_by_the_write(&accounts, request, next, Owner(owner), hash, now).await;
    }
    let session = match hash {
        Some(hash) => {
            let db = accounts.db.clone();
            // A page kept until the data changes needs the owner's revisions: read with the
            // session, in the same round trip. Anything else needs the owner alone.
            let kept = request.method() == Method::GET && crate::cache::kept(path);
            let look_up = move || {
                if kept {
                    db.session_with_revisions(&hash, now, LIFETIME)
                } else {
                    db.session(&hash, now, LIFETIME)
                }
            };
            match crate::blocking(look_up).await {
                Ok(found) => found.map(|s| {
                    accounts.known.learn(hash, &s);
                    (s, hash)
                }),
                Err(e) => {
                    tracing::error!("sessions cannot be read: {e}");
                    return crate::refuse(
                        &request,
                        StatusCode::SERVICE_UNAVAILABLE,
                        "storage",
                        "the accounts cannot be read just now; try again in a minute".into(),
                    );
                }
            }
        }
        None => None,
    };
    let Some((session, hash)) = session else {
        if public(path) {
            let mut response = next.run(request).await;
            if secret.is_some() {
                forget(&mut response);
            }
            return response;
        }
        let mut response = unauthorized(&request);
        if secret.is_some() {
            forget(&mut response);
        }
        return response;
    };
    let page = request.method() == Method::GET;
    request
        .extensions_mut()
        .insert(Owner(Arc::from(session.owner.as_str())));
    request.extensions_mut().insert(SessionToken(hash));
    if let Some(revisions) = session.revisions {
        request.extensions_mut().insert(revisions);
    }
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if html {
        response = with_account_link(response).await;
    }
    // The session was moved on: so is the cookie, on a page (not on a file a cache keeps).
    if session.renewed
        && page
        && html
        && let Some(secret) = secret
        && let Ok(value) = HeaderValue::from_str(&new_session_cookie(&secret))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Runs a write whose store checks its session in every statement, for `owner`, the session's
/// as this node remembers it. Its answer is sent once a statement found the session live; an
/// answer no statement checked (the write was refused before it reached the database) waits
/// for a lookup, and an ended session gets 401 in its place.
async fn checked_by_the_write(
    accounts: &Accounts,
    mut request: Request,
    next: Next,
    owner: Owner,
    hash: [u8; 32],
    now: Timestamp,
) -> Response {
    let check = Arc::new(SessionCheck::new(hash, now));
    // What the answer in its place needs of the request, which the handler takes.
    let mut asked = Request::new(axum::body::Body::empty());
    *asked.method_mut() = request.method().clone();
    *asked.uri_mut() = request.uri().clone();
    request
        .extensions_mut()
        .insert(Unchecked(owner, Arc::clone(&check)));
    let response = next.run(request).await;
    if check.passed() {
        return response;
    }
    let db = accounts.db.clone();
    match crate::blocking(move || db.session(&hash, now, LIFETIME)).await {
        Ok(Some(_)) => response,
        Ok(None) => {
            accounts.known.forget(&hash);
            let mut response = unauthorized(&asked);
            forget(&mut response);
            response
        }
        Err(e) => {
            tracing::error!("sessions cannot be read: {e}");
            crate::refuse(
                &asked,
                StatusCode::SERVICE_UNAVAILABLE,
                "storage",
                "the accounts cannot be read just now; try again in a minute".into(),
            )
        }
    }
}

/// The footer's link of every page, as the pages draw it for a local server.
const PAIRING_LINK: &str = r#"<a href="/devices">Pair a phone</a>"#;
/// A hosted server's instead: each device signs in, and the account page is where to sign out.
const ACCOUNT_LINK: &str = r#"<a href="/account">Your account and sign out</a>"#;

/// A page with its footer's pairing link turned into the account's. The pages are drawn the
/// same for both kinds of server; only this link differs.
async fn with_account_link(response: Response) -> Response {
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, crate::BODY_LIMIT * 8).await {
        Ok(bytes) => {
            let page = String::from_utf8_lossy(&bytes).replacen(PAIRING_LINK, ACCOUNT_LINK, 1);
            let mut parts = parts;
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, axum::body::Body::from(page))
        }
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the page could not be drawn: {e}"),
        )
            .into_response(),
    }
}

/// Tells the browser to drop a cookie that names no live session.
fn forget(response: &mut Response) {
    if let Ok(value) = HeaderValue::from_str(&cleared_cookie()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// 401: the API's JSON error, or the sign-in page that comes back here.
fn unauthorized(request: &Request) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") {
        return crate::api::ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "sign in first: POST /signin with email and password gives a session cookie",
        )
        .into_response();
    }
    // Back to the page asked for after signing in; a form's post cannot be replayed, so its
    // page is opened instead.
    let back = request
        .uri()
        .path_and_query()
        .map_or(path, |p| p.as_str())
        .to_owned();
    let ended = request.method() != Method::GET;
    crate::pages::sign_in_required(&back, ended)
}
