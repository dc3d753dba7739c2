//! Server-rendered pages. Each page reads its form, calls one `glasskin_app` use case and
//! draws the answer; templates get plain view models, worked out here, so they stay simple.
//!
//! `/` is Today once a plan is kept and Analyze before. One module per page; `render` draws templates and serves the static files, `form` reads
//! posted forms.

#[cfg(feature = "hosted")]
mod account;
mod analyze;
mod charts;
mod check;
mod devices;
mod diary;
mod form;
mod insights;
mod photo;
mod profile;
mod render;
mod shelf;
mod tips;
mod today;
mod week;
mod words;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use glasskin_store::Store;

use crate::{AppState, Person};

#[cfg(feature = "hosted")]
pub(crate) use account::{routes as account_routes, sign_in_required};
pub(crate) use devices::refused_device;
pub(crate) use render::{not_found, too_large};

/// The home page: Today once a plan is kept, since that is what a person opens the app for
/// every morning and evening; Analyze before that (and when the store cannot say, since Analyze
/// needs no store).
async fn home<S: Store + Send + 'static>(person: Person<S>) -> Response {
    let kept = person
        .with_reader(|store| glasskin_app::plan::latest(store).is_ok())
        .await;
    if kept {
        Redirect::to("/today").into_response()
    } else {
        analyze::analyze_page().await
    }
}

pub(crate) fn routes<S: Store + Send + 'static>() -> Router<AppState<S>> {
    Router::new()
        .route("/", get(home::<S>).post(analyze::analyze_post))
        .route(
            "/analyze",
            get(analyze::analyze_page).post(analyze::analyze_post),
        )
        .route(
            "/analyze/photo",
            axum::routing::post(analyze::analyze_photo),
        )
        .route("/shelf", get(shelf::shelf_page).post(shelf::shelf_post))
        .route("/shelf/photo", axum::routing::post(shelf::shelf_photo))
        .route("/shelf/{id}", axum::routing::post(shelf::shelf_action))
        .route("/tips", get(tips::tips_page))
        .route("/check", get(check::check_page).post(check::check_post))
        .route("/today", get(today::today_page).post(today::today_post))
        .route(
            "/profile",
            get(profile::profile_page).post(profile::profile_post),
        )
        .route("/diary", get(diary::diary_page).post(diary::diary_post))
        .route("/week", get(week::week_page).post(week::week_post))
        .route("/insights", get(insights::insights_page))
        .route("/devices", get(devices::devices_page))
        .route("/devices/pair", axum::routing::post(devices::devices_pair))
        .route("/devices/{id}", axum::routing::post(devices::device_action))
        .route("/pair", axum::routing::post(devices::pair_post))
        .route("/pair/{token}", get(devices::pair_page))
        .route("/charts/ratings.svg", get(charts::ratings_chart))
        .route("/charts/adherence.svg", get(charts::adherence_chart))
        .route(
            "/static/app.css",
            get(|| render::asset("text/css; charset=utf-8", render::CSS)),
        )
        .route(
            "/static/nav.js",
            get(|| render::asset("text/javascript; charset=utf-8", render::NAV_JS)),
        )
        .route(
            "/static/photo.js",
            get(|| render::asset("text/javascript; charset=utf-8", render::PHOTO_JS)),
        )
        .route(
            "/static/today.js",
            get(|| render::asset("text/javascript; charset=utf-8", render::TODAY_JS)),
        )
        // A drop of glass-clear skin, so the browser tab has an icon and no request goes
        // unanswered.
        .route(
            "/static/icon.svg",
            get(|| render::asset("image/svg+xml", render::ICON)),
        )
        .route("/sw.js", get(render::service_worker))
        .route(
            "/manifest.webmanifest",
            get(|| render::asset("application/manifest+json", render::MANIFEST)),
        )
        .route(
            "/static/app-icon.svg",
            get(|| render::asset("image/svg+xml", render::APP_ICON)),
        )
        .route(
            "/static/icon-192.png",
            get(|| render::asset_bytes("image/png", render::ICON_192)),
        )
        .route(
            "/static/icon-512.png",
            get(|| render::asset_bytes("image/png", render::ICON_512)),
        )
        .route(
            "/favicon.ico",
            get(|| render::asset("image/svg+xml", render::ICON)),
        )
}
