//! `POST /api/plan`: the week planned from the saved profile and shelf, and kept when asked.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_store::Store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{AppState, today};

#[derive(Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(super) struct PlanRequest {
    /// Keep the plan for `today` and check-offs.
    save: bool,
}

#[derive(Serialize)]
pub(super) struct PlanResponse {
    #[serde(flatten)]
    plan: glasskin_core::plan::Plan,
    /// The saved plan's id, when saved.
    saved: Option<i64>,
}

/// Plans the week from the saved profile and shelf, changing little from the last saved plan.
#[utoipa::path(
    post,
    path = "/plan",
    tag = "plan",
    request_body = PlanRequest,
    responses(
        (status = 200, description = "The week's plan (see docs/plan.md), with `saved`: the saved plan's id when `save` was asked", body = Object),
        (status = 409, description = "No profile or an empty shelf", body = ErrorBody),
        (status = 422, description = "Malformed request", body = ErrorBody),
    )
)]
pub(super) async fn plan(
    State(state): State<AppState>,
    body: Result<Json<PlanRequest>, JsonRejection>,
) -> ApiResult<PlanResponse> {
    use glasskin_store::planning;
    let Json(request) = body?;
    let today = today();
    state
        .with_store(move |store| {
            let kb = glasskin_kb::kb();
            let saved_profile = store.profile()?.ok_or_else(|| {
                ApiError::new(
                    StatusCode::CONFLICT,
                    "no_profile",
                    "save a profile first (PUT /api/profile)",
                )
            })?;
            let mut profile = planning::plan_profile(&saved_profile, today)?;
            if let Some(last) = store.latest_plan()? {
                profile.previous = planning::previous_days(&last);
            }
            let (shelf, ids) = planning::plan_shelf(&*store, kb)?;
            if shelf.is_empty() {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "empty_shelf",
                    "add products first (POST /api/products)",
                ));
            }
            let plan = glasskin_core::plan::plan(&profile, &shelf, kb);
            let saved = if request.save {
                Some(store.save_plan(&planning::saved_plan(&plan, &ids, today))?)
            } else {
                None
            };
            Ok(Json(PlanResponse { plan, saved }))
        })
        .await
}
