//! `POST /api/plan`: the week planned from the saved profile and shelf, and kept when asked.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use glasskin_app::plan;
use glasskin_store::Store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiResult, ErrorBody};
use crate::{AppState, today};

#[derive(Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(super) struct PlanRequest {
    /// Keep the plan for `today` and check-offs; it starts today (its weeks are 7 days from
    /// today). With no retinoid start in the profile, the day the plan first puts a retinoid
    /// on the face is saved as the start once that day has come.
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
pub(super) async fn plan<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    body: Result<Json<PlanRequest>, JsonRejection>,
) -> ApiResult<PlanResponse> {
    let Json(request) = body?;
    let today = today();
    let (planned, saved) = state
        .with_store(move |store| {
            let planned = plan::plan_saved(store, today)?;
            let saved = if request.save {
                Some(plan::keep(store, &planned, today)?)
            } else {
                None
            };
            Ok::<_, glasskin_app::Error>((planned, saved))
        })
        .await?;
    Ok(Json(PlanResponse {
        plan: planned.plan,
        saved,
    }))
}
