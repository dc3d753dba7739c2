//! The session layer: a request's cookie names its account, or the request is refused.
//!
//! A session is a random 256-bit secret in a `__Host-` cookie (`Secure`, `HttpOnly`,
//! `SameSite=Lax`, `Path=/`, no `Domain`: only this host, over HTTPS, never read by scripts, not
//! sent by other sites' posts). PostgreSQL keeps its SHA-256 only, so any node finds it and a
//! copy of the database signs nobody in. A session ends 30 days after its last use, a year after
//! sign-in at the latest, at sign-out, and when its password changes elsewhere.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::SignedDuration;

use super::Accounts;
use crate::Owner;
use crate::access::{cookie, holds_no_data, sha256};

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

/// Finds the session a request's cookie names and puts its owner in the request; a request
/// without one gets 401 (a page: the sign-in form; the API: its JSON error), but for the public
/// routes.
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
    let session = match &secret {
        Some(secret) => {
            let hash = sha256(secret);
            let db = accounts.db.clone();
            let now = jiff::Timestamp::now();
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
                Ok(found) => found.map(|s| (s, hash)),
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
