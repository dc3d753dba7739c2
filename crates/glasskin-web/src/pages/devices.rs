//! Pairing a phone: the Devices page on this computer (a one-time pairing link as a QR code,
//! the paired devices, rename and revoke), the page a phone opens from the link, and the page
//! an unpaired device gets instead of the app. The guard in `access` keeps the Devices page to
//! this computer.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_app::{Error, devices};
use glasskin_store::{Device, DeviceId, Store};
use serde::Deserialize;

use super::form::{self, Form, FormRejection, trimmed};
use super::render::{plain, render};
use crate::access::{self, PAIRING_MINUTES};
use crate::{AppState, Person};

struct DeviceView {
    id: DeviceId,
    name: String,
    paired: String,
    seen: String,
}

/// A time as a person reads it on this computer's clock: `2026-12-07 08:15`.
fn local_time(at: jiff::Timestamp) -> String {
    at.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

impl DeviceView {
    fn of(d: Device) -> DeviceView {
        DeviceView {
            id: d.id,
            name: d.name,
            paired: local_time(d.created),
            seen: local_time(d.last_seen),
        }
    }
}

struct PairingView {
    url: String,
    qr: String,
    expires: String,
}

#[derive(Template)]
#[template(path = "devices.html")]
struct DevicesPage {
    nav: &'static str,
    devices: Vec<DeviceView>,
    /// Where phones reach this server; empty on loopback only.
    links: Vec<String>,
    secure: bool,
    pairing: Option<PairingView>,
    error: Option<String>,
    minutes: u64,
}

fn devices_view<S: Store>(
    store: &S,
    state_links: Vec<String>,
    secure: bool,
    pairing: Option<PairingView>,
    error: Option<&Error>,
) -> Response {
    let devices = match devices::list(store) {
        Ok(list) => list.into_iter().map(DeviceView::of).collect(),
        Err(e) => return super::render::failed(&e),
    };
    let mut page = render(&DevicesPage {
        nav: "",
        devices,
        links: state_links,
        secure,
        pairing,
        error: error.map(|e| plain(e.message())),
        minutes: PAIRING_MINUTES,
    });
    if let Some(e) = error {
        *page.status_mut() = super::render::refused_status(e);
    }
    page
}

async fn show<S: Store + Send + 'static>(
    state: &AppState<S>,
    pairing: Option<PairingView>,
    error: Option<Error>,
) -> Response {
    let links = state.access.links.clone();
    let secure = state.access.secure;
    let Some(person) = Person::local(state) else {
        return super::not_found().into_response();
    };
    person
        .with_store(move |store| devices_view(store, links, secure, pairing, error.as_ref()))
        .await
}

/// `GET /devices`: pair a phone, and the paired devices.
pub(super) async fn devices_page<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> Response {
    show(&state, None, None).await
}

/// `POST /devices/pair`: the page again, with a fresh one-time pairing link and its QR code.
pub(super) async fn devices_pair<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> Response {
    match state.access.start_pairing() {
        Ok(pairing) => {
            let qr =
                access::qr_svg(&pairing.url, "QR code of the pairing link").unwrap_or_default();
            let view = PairingView {
                expires: local_time(pairing.expires),
                url: pairing.url,
                qr,
            };
            let mut page = show(&state, Some(view), None).await;
            // The link is a key for a few minutes: not for any cache.
            page.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            page
        }
        Err(why) => show(&state, None, Some(Error::conflict("not_on_lan", why))).await,
    }
}

#[derive(Deserialize)]
pub(super) struct DeviceForm {
    #[serde(default, deserialize_with = "trimmed")]
    action: String,
    #[serde(default, deserialize_with = "trimmed")]
    name: String,
}

/// `POST /devices/{id}`: rename (`action=rename`, `name`) or revoke (`action=revoke`).
pub(super) async fn device_action<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<DeviceId>,
    form: Result<Form<DeviceForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => {
            let (status, why) = form::unreadable(&rejection);
            let page = show(&state, None, Some(Error::invalid(why))).await;
            return form::with_status(page, status);
        }
    };
    let Some(person) = Person::local(&state) else {
        return super::not_found().into_response();
    };
    let done = person
        .with_store(move |store| match form.action.as_str() {
            "revoke" => devices::revoke(store, id),
            "rename" => devices::rename(store, id, &form.name).map_err(|e| match e.kind() {
                glasskin_app::ErrorKind::NotFound => e,
                _ => Error::invalid(e.message().to_owned()),
            }),
            other => Err(Error::invalid(format!(
                "unknown action {other:?}; a device can be renamed or revoked"
            ))),
        })
        .await;
    match done {
        Ok(()) => Redirect::to("/devices").into_response(),
        Err(e) => show(&state, None, Some(e)).await,
    }
}

#[derive(Template)]
#[template(path = "pair.html")]
struct PairPage {
    nav: &'static str,
    token: String,
    name: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "pair_gone.html")]
struct PairGone {
    nav: &'static str,
}

/// A pairing link that was used, expired or never made.
fn gone() -> Response {
    let mut page = render(&PairGone { nav: "" });
    *page.status_mut() = StatusCode::GONE;
    page
}

fn user_agent(headers: &HeaderMap) -> &str {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// `GET /pair/{token}`: what the phone opens from the QR code: a name for it and a Pair button.
/// Looking does not use the link; pressing Pair does.
pub(super) async fn pair_page<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !state.access.is_pending(&token) {
        return gone();
    }
    let mut page = render(&PairPage {
        nav: "",
        token,
        name: devices::name_from_user_agent(user_agent(&headers)),
        error: None,
    });
    page.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    page
}

#[derive(Deserialize)]
pub(super) struct PairForm {
    #[serde(default, deserialize_with = "trimmed")]
    token: String,
    #[serde(default, deserialize_with = "trimmed")]
    name: String,
}

/// `POST /pair`: uses the link and gives this browser its device cookie, then opens the app.
pub(super) async fn pair_post<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    form: Result<Form<PairForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => {
            let (status, why) = form::unreadable(&rejection);
            return (status, why).into_response();
        }
    };
    let name = if form.name.is_empty() {
        devices::name_from_user_agent(user_agent(&headers))
    } else {
        form.name
    };
    // The name is checked before the link is used, so a typo does not cost the link.
    if let Err(e) = Device::check_name(&name) {
        let mut page = render(&PairPage {
            nav: "",
            token: form.token,
            name,
            error: Some(e.to_string()),
        });
        *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return page;
    }
    if !state.access.redeem(&form.token) {
        return gone();
    }
    let secret = match access::random_hex::<32>() {
        Ok(secret) => secret,
        Err(why) => return (StatusCode::INTERNAL_SERVER_ERROR, why).into_response(),
    };
    let hash = access::sha256(&secret);
    let now = jiff::Timestamp::now();
    let Some(person) = Person::local(&state) else {
        return super::not_found().into_response();
    };
    let paired = person
        .with_store(move |store| devices::pair(store, &name, &hash, now))
        .await;
    match paired {
        Ok(device) => {
            tracing::info!(device = device.id, "paired a device");
            let mut response = Redirect::to("/").into_response();
            if let Ok(cookie) = HeaderValue::from_str(&state.access.device_cookie(&secret)) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(e) => super::render::failed(&e),
    }
}

#[derive(Template)]
#[template(path = "not_paired.html")]
struct NotPaired<'a> {
    nav: &'static str,
    local_only: bool,
    message: &'a str,
}

/// The page another device gets instead of the app: 403, and how to pair.
pub(crate) fn refused_device(code: &str, message: &str) -> Response {
    let mut page = render(&NotPaired {
        nav: "",
        local_only: code == "local_only",
        message,
    });
    *page.status_mut() = StatusCode::FORBIDDEN;
    page
}
