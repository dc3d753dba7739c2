//! Patch tests: `/api/patch-tests` lists and starts them, `/check` records a day's reaction and
//! `/end` ends the running one.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_store::{PatchTest, Store};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{AppState, today};

/// Every patch test, newest last.
#[utoipa::path(get, path = "/patch-tests", tag = "patch tests", responses((status = 200, body = Vec<PatchTest>)))]
pub(super) async fn patch_tests(State(state): State<AppState>) -> ApiResult<Vec<PatchTest>> {
    Ok(Json(state.with_store(|store| store.patch_tests()).await?))
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
        (status = 422, description = "Malformed request, or a test is already running", body = ErrorBody),
    )
)]
pub(super) async fn start_patch_test(
    State(state): State<AppState>,
    body: Result<Json<StartPatchTest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(request) = body?;
    let today = today();
    state
        .with_store(move |store| store.start_patch_test(request.product_id, &request.area, today))
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
    /// `none`, `mild` or `strong`.
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
        (status = 422, description = "Malformed request, an unknown reaction, or no test running", body = ErrorBody),
    )
)]
pub(super) async fn check_patch(
    State(state): State<AppState>,
    body: Result<Json<PatchCheckRequest>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let Json(request) = body?;
    let day = today();
    let test = state
        .with_store(move |store| {
            store.check_patch(request.date.unwrap_or(day), &request.reaction, day)
        })
        .await?;
    Ok(Json(json!({"test": test, "verdict": test.verdict(day)})))
}

/// Ends the running patch test.
#[utoipa::path(
    post,
    path = "/patch-tests/end",
    tag = "patch tests",
    responses(
        (status = 200, body = PatchTest),
        (status = 422, description = "No test running", body = ErrorBody),
    )
)]
pub(super) async fn end_patch_test(State(state): State<AppState>) -> ApiResult<PatchTest> {
    let day = today();
    Ok(Json(
        state
            .with_store(move |store| store.end_patch_test(day))
            .await?,
    ))
}
