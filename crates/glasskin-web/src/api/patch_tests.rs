//! Patch tests: `/api/patch-tests` lists and starts them, `/check` records a day's reaction and
//! `/end` ends the running one.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_app::patch;
use glasskin_store::{PatchTest, Store};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{Person, today};

/// Every patch test, newest last.
#[utoipa::path(get, path = "/patch-tests", tag = "patch tests", responses((status = 200, description = "Every patch test, oldest first", body = Vec<PatchTest>)))]
pub(super) async fn patch_tests<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<Vec<PatchTest>> {
    Ok(Json(person.with_reader(|store| patch::list(store)).await?))
}

/// A patch test to start.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct StartPatchTest {
    product_id: i64,
    /// Where on the body (for example `inner arm`).
    #[serde(default)]
    area: String,
}

/// Starts a patch test of a product (one at a time).
#[utoipa::path(
    post,
    path = "/patch-tests",
    tag = "patch tests",
    request_body = StartPatchTest,
    responses(
        (status = 201, description = "Started"),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 409, description = "A test is already running", body = ErrorBody),
        (status = 422, description = "Malformed request", body = ErrorBody),
    )
)]
pub(super) async fn start_patch_test<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<StartPatchTest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(request) = body?;
    let today = today();
    person
        .with_store(move |store| patch::start(store, request.product_id, &request.area, today))
        .await?;
    Ok(StatusCode::CREATED)
}

/// A day's look at the patch-test area.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct PatchCheckRequest {
    /// The day; today when left out.
    #[serde(default)]
    date: Option<jiff::civil::Date>,
    /// `none`, `itching`, `redness`, `burning`, `swelling` or `bumps`.
    reaction: String,
}

/// Records a day's reaction in the running patch test and returns the verdict so far.
#[utoipa::path(
    post,
    path = "/patch-tests/check",
    tag = "patch tests",
    request_body = PatchCheckRequest,
    responses(
        (status = 200, description = "`test` and `verdict`", body = Object),
        (status = 409, description = "No test running", body = ErrorBody),
        (status = 422, description = "Malformed request, an unknown reaction, or a day before the test or after today", body = ErrorBody),
    )
)]
pub(super) async fn check_patch<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<PatchCheckRequest>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let Json(request) = body?;
    let reaction = patch::parse_reaction(&request.reaction)?;
    let day = today();
    let (test, verdict) = person
        .with_store(move |store| patch::check(store, request.date.unwrap_or(day), reaction, day))
        .await?;
    Ok(Json(json!({"test": test, "verdict": verdict})))
}

/// Ends the running patch test.
#[utoipa::path(
    post,
    path = "/patch-tests/end",
    tag = "patch tests",
    responses(
        (status = 200, description = "The ended test, with its result", body = PatchTest),
        (status = 409, description = "No test running, or too early to pass", body = ErrorBody),
    )
)]
pub(super) async fn end_patch_test<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<PatchTest> {
    let day = today();
    Ok(Json(
        person
            .with_store(move |store| patch::end(store, day))
            .await?,
    ))
}
