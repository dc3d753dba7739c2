//! The JSON API: the CLI's commands as resources. Each handler reads the request, calls one
//! `glasskin_app` use case and answers with its result. Errors are
//! `{"error": {"code", "message"}}` with the matching status code.
//!
//! Every handler carries its OpenAPI description (`#[utoipa::path]`), and [`routes()`] registers
//! handlers and descriptions together, so `/api/openapi.json` cannot drift from the routes.
//! One module per resource; `error` holds the error shape, `openapi` the document's assembly.

mod analyze;
mod check;
mod devices;
mod diary;
mod error;
mod export;
mod insights;
mod lifestyle;
mod openapi;
mod patch_tests;
mod plan;
mod products;
mod profile;
mod scan;
mod tips;
mod today;

use utoipa::openapi::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use glasskin_store::Store;

use crate::AppState;

pub(crate) use error::ApiError;

/// The API's routes and their OpenAPI document, built from the same list.
pub(crate) fn routes<S: Store + Send + 'static>() -> (axum::Router<AppState<S>>, OpenApi) {
    // The order is the document's: keep it, and `/api/openapi.json` stays the same.
    let (router, doc) = OpenApiRouter::with_openapi(openapi::document())
        .routes(routes!(analyze::analyze))
        .routes(routes!(analyze::analyze_batch))
        .routes(routes!(scan::scan))
        .routes(routes!(tips::tips))
        .routes(routes!(check::check))
        .routes(routes!(profile::profile, profile::set_profile))
        .routes(routes!(products::products, products::add_product))
        .routes(routes!(
            products::product,
            products::update_product,
            products::remove_product
        ))
        .routes(routes!(plan::plan, plan::kept_plan))
        .routes(routes!(plan::plan_ics))
        .routes(routes!(today::today_steps))
        .routes(routes!(today::check_off))
        .routes(routes!(diary::diary, diary::log_diary))
        .routes(routes!(lifestyle::lifestyle, lifestyle::log_lifestyle))
        .routes(routes!(insights::insights))
        .routes(routes!(
            patch_tests::patch_tests,
            patch_tests::start_patch_test
        ))
        .routes(routes!(patch_tests::check_patch))
        .routes(routes!(patch_tests::end_patch_test))
        .routes(routes!(export::export))
        .routes(routes!(export::import))
        .routes(routes!(devices::devices))
        .routes(routes!(devices::start_pairing))
        .routes(routes!(devices::rename_device, devices::revoke_device))
        .split_for_parts();
    (router, openapi::under_api(doc))
}
