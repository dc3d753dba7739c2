//! A hosted server's account pages: sign up, sign in, sign out, and the account itself (its
//! email, its sessions, a new password, everything exported, the account deleted).
//!
//! Every form is refused the same way whatever was wrong with an email or password, so the
//! pages never say whether an email has an account on sign-in; sign-up says an email is taken,
//! as it must, behind the same limit on attempts.

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{ConnectInfo, Multipart, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Router};
use glasskin_app::transfer;
use glasskin_store::SignUpError;
use serde::Deserialize;

use super::form::{Form, FormRejection, trimmed};
use super::render::render;
use crate::Owner;
use crate::hosted::{
    Accounts, SessionToken, check_new_password, cleared_cookie, client_address, hash_password,
    new_session_cookie, normalise_email, verify_password,
};
use crate::{access, blocking};

/// The account routes, on their own state: the accounts' database.
pub(crate) fn routes(accounts: Arc<Accounts>) -> Router {
    Router::new()
        .route(
            "/signin",
            axum::routing::get(sign_in_page).post(sign_in_post),
        )
        .route(
            "/signup",
            axum::routing::get(sign_up_page).post(sign_up_post),
        )
        .route("/signout", axum::routing::post(sign_out))
        .route("/account", axum::routing::get(account_page))
        .route("/account/password", axum::routing::post(change_password))
        .route("/account/delete", axum::routing::post(delete_account))
        .route("/account/import", axum::routing::post(import_export))
        .with_state(accounts)
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    nav: &'static str,
    /// `signin` or `signup`.
    mode: &'static str,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<&'static str>,
}

impl SignInPage {
    fn new(mode: &'static str, next: &str) -> SignInPage {
        SignInPage {
            nav: "",
            mode,
            email: String::new(),
            next: safe_next(next).to_owned(),
            error: None,
            notice: None,
        }
    }

    fn with_status(&self, status: StatusCode) -> Response {
        let mut page = render(self);
        *page.status_mut() = status;
        no_store(&mut page);
        page
    }
}

/// The sign-in page in place of a page that needs an account (401), coming back to `back`
/// after; `ended` when a form was sent without a live session.
pub(crate) fn sign_in_required(back: &str, ended: bool) -> Response {
    let mut page = SignInPage::new("signin", back);
    if ended {
        page.notice =
            Some("You were signed out, so that was not saved. Sign in and send it again.");
        // A post cannot be replayed by a redirect: come back to its page instead.
        page.next = safe_next(back.split('?').next().unwrap_or("/")).to_owned();
    }
    page.with_status(StatusCode::UNAUTHORIZED)
}

/// Where to go after signing in: a path on this server, never another site (`//evil`, a URL).
fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains(['\r', '\n'])
        && !["/signin", "/signup", "/signout"]
            .iter()
            .any(|p| next.split('?').next() == Some(p));
    if local { next } else { "/" }
}

/// Account pages hold secrets in flight (a form's email): never kept by a cache.
fn no_store(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

#[derive(Deserialize)]
pub(crate) struct Next {
    #[serde(default)]
    next: String,
}

async fn sign_in_page(owner: Option<Extension<Owner>>, Query(q): Query<Next>) -> Response {
    if owner.is_some() {
        return Redirect::to(safe_next(&q.next)).into_response();
    }
    SignInPage::new("signin", &q.next).with_status(StatusCode::OK)
}

async fn sign_up_page(owner: Option<Extension<Owner>>) -> Response {
    if owner.is_some() {
        return Redirect::to("/").into_response();
    }
    SignInPage::new("signup", "/profile").with_status(StatusCode::OK)
}

#[derive(Deserialize)]
pub(crate) struct Credentials {
    #[serde(default, deserialize_with = "trimmed")]
    email: String,
    // Not trimmed: a space is part of a passphrase.
    #[serde(default)]
    password: String,
    #[serde(default, deserialize_with = "trimmed")]
    next: String,
}

/// The one answer to every failed sign-in, whatever was wrong.
const NO_MATCH: &str = "That email and password do not match an account.";

/// Counts an attempt from this request's client; past the limit, the 429 page to answer with.
async fn over_the_limit(
    accounts: &Arc<Accounts>,
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    page: &SignInPage,
) -> Option<Response> {
    let address = client_address(peer, headers, &accounts.trusted_proxies)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let db = accounts.db.clone();
    let now = jiff::Timestamp::now();
    let counted = blocking(move || db.count_attempt(&address, now)).await;
    let limit = i64::from(accounts.attempts_per_minute);
    match counted {
        Ok(n) if n <= limit => None,
        Ok(_) => {
            let mut refused = SignInPage {
                error: Some(
                    "Too many attempts from your network. Wait a minute, then try again.".into(),
                ),
                ..SignInPage::new(page.mode, &page.next)
            };
            refused.email.clone_from(&page.email);
            let mut response = refused.with_status(StatusCode::TOO_MANY_REQUESTS);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            Some(response)
        }
        Err(e) => Some(storage_failed(&e)),
    }
}

fn storage_failed(e: &glasskin_store::StoreError) -> Response {
    tracing::error!("accounts: {e}");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "The accounts cannot be reached just now; try again in a minute.\n",
    )
        .into_response()
}

/// A new session for `owner`, ending `replaced` (the session the browser came with, if any),
/// and the answer that gives its cookie and goes on to `next`.
async fn signed_in(
    accounts: &Arc<Accounts>,
    owner: String,
    replaced: Option<[u8; 32]>,
    next: &str,
) -> Response {
    let secret = match access::random_hex::<32>() {
        Ok(secret) => secret,
        Err(why) => return (StatusCode::INTERNAL_SERVER_ERROR, why).into_response(),
    };
    let hash = access::sha256(&secret);
    if let Some(old) = &replaced {
        accounts.known.forget(old);
    }
    let db = accounts.db.clone();
    let now = jiff::Timestamp::now();
    let started = blocking(move || {
        if let Some(old) = replaced {
            db.end_session(&old)?;
        }
        db.start_session(&owner, &hash, now, crate::hosted::LIFETIME)
    })
    .await;
    if let Err(e) = started {
        return storage_failed(&e);
    }
    let mut response = Redirect::to(safe_next(next)).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&new_session_cookie(&secret)) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

async fn sign_in_post(
    State(accounts): State<Arc<Accounts>>,
    token: Option<Extension<SessionToken>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    form: Result<Form<Credentials>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return unreadable("signin", "/", NO_MATCH);
    };
    let mut page = SignInPage::new("signin", &form.next);
    page.email.clone_from(&form.email);
    if let Some(limited) = over_the_limit(&accounts, peer.map(|c| c.0.0), &headers, &page).await {
        return limited;
    }
    let email = normalise_email(&form.email).unwrap_or_default();
    let db = accounts.db.clone();
    let password = form.password;
    // The hash is looked up and checked (against a decoy when there is no account) off the
    // async workers: argon2id takes tens of milliseconds by design.
    let matched = blocking(move || {
        let found = db.password_hash(&email)?;
        let ok = verify_password(&password, found.as_ref().map(|(_, h)| h.as_str()));
        Ok::<_, glasskin_store::StoreError>(found.filter(|_| ok).map(|(owner, _)| owner))
    })
    .await;
    match matched {
        Ok(Some(owner)) => {
            tracing::info!("signed in");
            signed_in(&accounts, owner, token.map(|t| t.0.0), &form.next).await
        }
        Ok(None) => {
            page.error = Some(NO_MATCH.into());
            page.with_status(StatusCode::UNAUTHORIZED)
        }
        Err(e) => storage_failed(&e),
    }
}

/// A form refused before it could be read (422), with nothing of it kept.
fn unreadable(mode: &'static str, next: &str, why: &str) -> Response {
    let mut page = SignInPage::new(mode, next);
    page.error = Some(why.to_owned());
    page.with_status(UNPROCESSABLE)
}

async fn sign_up_post(
    State(accounts): State<Arc<Accounts>>,
    token: Option<Extension<SessionToken>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    form: Result<Form<Credentials>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return unreadable(
            "signup",
            "/profile",
            "Give an email address and a password.",
        );
    };
    let mut page = SignInPage::new("signup", "/profile");
    page.email.clone_from(&form.email);
    if let Some(limited) = over_the_limit(&accounts, peer.map(|c| c.0.0), &headers, &page).await {
        return limited;
    }
    let checked = normalise_email(&form.email)
        .and_then(|email| check_new_password(&form.password).map(|()| email));
    let email = match checked {
        Ok(email) => email,
        Err(why) => {
            page.error = Some(capitalised(&why));
            return page.with_status(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let db = accounts.db.clone();
    let password = form.password;
    let made = blocking(move || {
        let hash = hash_password(&password)
            .map_err(|e| SignUpError::Store(glasskin_store::StoreError::Database(e)))?;
        db.create_account(&email, &hash, jiff::Timestamp::now())
    })
    .await;
    match made {
        Ok(account) => {
            tracing::info!("an account was made");
            signed_in(&accounts, account.owner, token.map(|t| t.0.0), "/profile").await
        }
        Err(SignUpError::Taken) => {
            page.error = Some(
                "An account with this email exists. Sign in instead, or use another email.".into(),
            );
            page.with_status(StatusCode::CONFLICT)
        }
        Err(SignUpError::Store(e)) => storage_failed(&e),
    }
}

fn capitalised(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// Ends the session and makes the browser forget it, with everything this site kept offline.
async fn sign_out(
    State(accounts): State<Arc<Accounts>>,
    token: Option<Extension<SessionToken>>,
) -> Response {
    if let Some(Extension(SessionToken(hash))) = token {
        accounts.known.forget(&hash);
        let db = accounts.db.clone();
        if let Err(e) = blocking(move || db.end_session(&hash)).await {
            return storage_failed(&e);
        }
    }
    forgotten(Redirect::to("/signin").into_response())
}

/// A response that makes the browser drop the session cookie and what the service worker kept
/// of the pages (a shared phone shows nothing of the last person offline).
fn forgotten(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&cleared_cookie()) {
        headers.append(header::SET_COOKIE, value);
    }
    headers.insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    response
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    nav: &'static str,
    email: String,
    since: String,
    sessions: i64,
    error: Option<String>,
    /// Which form the error is about: `password`, `import` or `delete`.
    error_for: &'static str,
    notice: Option<String>,
}

async fn account_page(
    State(accounts): State<Arc<Accounts>>,
    Extension(owner): Extension<Owner>,
) -> Response {
    show_account(&accounts, &owner, Said::Nothing).await
}

/// What the account page says above its forms.
enum Said {
    Nothing,
    /// A form (`password`, `import` or `delete`) was refused: why, and the status to answer
    /// with.
    Refused(&'static str, String, StatusCode),
    /// Something was done.
    Done(String),
}

/// A form of the account page refused: 422 for what was sent wrong, 403 for a password that
/// is not the account's.
fn refused_form(form: &'static str, why: impl Into<String>, status: StatusCode) -> Said {
    Said::Refused(form, why.into(), status)
}

async fn show_account(accounts: &Arc<Accounts>, owner: &Owner, said: Said) -> Response {
    let db = accounts.db.clone();
    let who = Arc::clone(&owner.0);
    let now = jiff::Timestamp::now();
    let read = blocking(move || {
        Ok::<_, glasskin_store::StoreError>((db.account(&who)?, db.session_count(&who, now)?))
    })
    .await;
    let (account, sessions) = match read {
        Ok((Some(account), sessions)) => (account, sessions),
        Ok((None, _)) => return forgotten(Redirect::to("/signin").into_response()),
        Err(e) => return storage_failed(&e),
    };
    let (error, error_for, notice, status) = match said {
        Said::Nothing => (None, "", None, StatusCode::OK),
        Said::Refused(form, why, status) => (Some(why), form, None, status),
        Said::Done(notice) => (None, "", Some(notice), StatusCode::OK),
    };
    let mut page = render(&AccountPage {
        nav: "",
        email: account.email,
        since: account.created.strftime("%Y-%m-%d").to_string(),
        sessions,
        error,
        error_for,
        notice,
    });
    *page.status_mut() = status;
    no_store(&mut page);
    page
}

#[derive(Deserialize)]
pub(crate) struct NewPassword {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
}

/// Checks the account's current password, off the async workers.
async fn password_matches(
    accounts: &Arc<Accounts>,
    owner: &Owner,
    password: String,
) -> Result<bool, glasskin_store::StoreError> {
    let db = accounts.db.clone();
    let who = Arc::clone(&owner.0);
    blocking(move || {
        let hash = db.owner_password_hash(&who)?;
        Ok(verify_password(&password, hash.as_deref()))
    })
    .await
}

/// A new password; every other session ends, this one stays.
async fn change_password(
    State(accounts): State<Arc<Accounts>>,
    Extension(owner): Extension<Owner>,
    Extension(token): Extension<SessionToken>,
    form: Result<Form<NewPassword>, FormRejection>,
) -> Response {
    let said = |why: &str, status| refused_form("password", why, status);
    let Ok(Form(form)) = form else {
        let why = said("Give your current password and a new one.", UNPROCESSABLE);
        return show_account(&accounts, &owner, why).await;
    };
    if let Err(why) = check_new_password(&form.password) {
        let why = said(&capitalised(&why), UNPROCESSABLE);
        return show_account(&accounts, &owner, why).await;
    }
    match password_matches(&accounts, &owner, form.current).await {
        Ok(true) => {}
        Ok(false) => {
            let why = "Your current password is not that one; nothing was changed.";
            return show_account(&accounts, &owner, said(why, StatusCode::FORBIDDEN)).await;
        }
        Err(e) => return storage_failed(&e),
    }
    let db = accounts.db.clone();
    let who = Arc::clone(&owner.0);
    let password = form.password;
    let changed = blocking(move || {
        let hash = hash_password(&password).map_err(glasskin_store::StoreError::Database)?;
        db.set_password_hash(&who, &hash, &token.0)
    })
    .await;
    match changed {
        Ok(()) => {
            accounts.known.forget_owner(&owner.0);
            tracing::info!("a password was changed");
            let done = "Your password was changed, and every other device was signed out.";
            show_account(&accounts, &owner, Said::Done(done.into())).await
        }
        Err(e) => storage_failed(&e),
    }
}

/// A form sent wrong.
const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

/// Replaces everything in the account with an export (from a local glasskin's `glasskin
/// export`, or an account's download), all or nothing, once the person ticked that it replaces.
async fn import_export(
    State(accounts): State<Arc<Accounts>>,
    Extension(owner): Extension<Owner>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let said = |why: &str, status| refused_form("import", why, status);
    let (mut text, mut replace) = (None, false);
    if let Ok(mut multipart) = multipart {
        loop {
            match multipart.next_field().await {
                Ok(Some(field)) => match field.name() {
                    Some("export") => text = field.text().await.ok(),
                    Some("replace") => replace = true,
                    _ => {}
                },
                Ok(None) => break,
                Err(e) => {
                    let why = format!("The file could not be read: {}.", e.body_text());
                    return show_account(&accounts, &owner, said(&why, e.status())).await;
                }
            }
        }
    }
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        let why = said("Choose the export file to import.", UNPROCESSABLE);
        return show_account(&accounts, &owner, why).await;
    };
    if !replace {
        let why = "Tick that the import replaces everything in this account; nothing was changed.";
        return show_account(&accounts, &owner, said(why, UNPROCESSABLE)).await;
    }
    let export = match transfer::parse(&text) {
        Ok(export) => export,
        Err(e) => {
            let why = format!(
                "{}; nothing was changed.",
                capitalised(e.message()).trim_end_matches('.')
            );
            return show_account(&accounts, &owner, said(&why, UNPROCESSABLE)).await;
        }
    };
    let db = accounts.db.clone();
    let who = Arc::clone(&owner.0);
    let today = crate::today();
    let counts = (export.products.len(), export.diary.len());
    let imported = blocking(move || transfer::import(&mut db.store(&who), &export, today)).await;
    match imported {
        Ok(()) => {
            let (products, days) = counts;
            let done = format!(
                "Imported: {products} products and {days} days of the diary, in place of what was here."
            );
            show_account(&accounts, &owner, Said::Done(done)).await
        }
        Err(e) if e.kind() == glasskin_app::ErrorKind::Storage => {
            storage_failed(&glasskin_store::StoreError::Database(e.to_string()))
        }
        Err(e) => {
            let why = format!(
                "{}; nothing was changed.",
                capitalised(e.message()).trim_end_matches('.')
            );
            show_account(&accounts, &owner, said(&why, UNPROCESSABLE)).await
        }
    }
}

#[derive(Template)]
#[template(path = "account_deleted.html")]
struct Deleted {
    nav: &'static str,
}

#[derive(Deserialize)]
pub(crate) struct Deletion {
    #[serde(default)]
    password: String,
    #[serde(default, deserialize_with = "trimmed")]
    confirm: String,
}

/// Deletes the account and everything it holds, in one transaction, after its password and
/// the word "delete".
async fn delete_account(
    State(accounts): State<Arc<Accounts>>,
    Extension(owner): Extension<Owner>,
    form: Result<Form<Deletion>, FormRejection>,
) -> Response {
    let said = |why: &str, status| refused_form("delete", why, status);
    let form = match form {
        Ok(Form(form)) if form.confirm.eq_ignore_ascii_case("delete") => form,
        _ => {
            let why = said(
                "Type delete in the box to confirm; nothing was deleted.",
                UNPROCESSABLE,
            );
            return show_account(&accounts, &owner, why).await;
        }
    };
    match password_matches(&accounts, &owner, form.password).await {
        Ok(true) => {}
        Ok(false) => {
            let why = "That is not your password; nothing was deleted.";
            return show_account(&accounts, &owner, said(why, StatusCode::FORBIDDEN)).await;
        }
        Err(e) => return storage_failed(&e),
    }
    let db = accounts.db.clone();
    let who = Arc::clone(&owner.0);
    match blocking(move || db.delete_account(&who)).await {
        Ok(()) => {
            accounts.known.forget_owner(&owner.0);
            tracing::info!("an account was deleted");
            let mut page = render(&Deleted { nav: "" });
            no_store(&mut page);
            forgotten(page)
        }
        Err(e) => storage_failed(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn after_signing_in_only_a_page_of_this_server_is_opened() {
        assert_eq!(safe_next("/week?w=2"), "/week?w=2");
        for away in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "week",
            "",
            "/signout",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(safe_next(away), "/", "{away:?}");
        }
    }
}
