//! Today's routine: `GET /api/today` lists the steps planned for today, and
//! `POST /api/checkoffs` ticks one off (or unticks it).

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_store::Store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{AppState, today};

/// One session of today's routine.
#[derive(Serialize, ToSchema)]
pub(super) struct TodaySession {
    /// `am` or `pm`.
    time: String,
    steps: Vec<TodayStep>,
}

/// One step of today's routine.
#[derive(Serialize, ToSchema)]
pub(super) struct TodayStep {
    product_id: i64,
    name: String,
    step: String,
    /// Thin layers to pat in (more than one for the 7-skin method).
    layers: u8,
    /// Ticked off today.
    done: bool,
}

/// Today's planned steps from the latest saved plan, with what is ticked off.
#[utoipa::path(
    get,
    path = "/today",
    tag = "routine",
    responses(
        (status = 200, body = Vec<TodaySession>),
        (status = 409, description = "No saved plan yet", body = ErrorBody),
    )
)]
pub(super) async fn today_steps(State(state): State<AppState>) -> ApiResult<Vec<TodaySession>> {
    let day = today();
    state
        .with_store(move |store| {
            let plan = store.latest_plan()?.ok_or_else(|| {
                ApiError::new(
                    StatusCode::CONFLICT,
                    "no_plan",
                    "save a plan first (POST /api/plan with save)",
                )
            })?;
            let checkoffs = store.checkoffs_since(day)?;
            Ok(Json(
                plan.sessions_on(day)
                    .into_iter()
                    .map(|s| TodaySession {
                        time: s.time.clone(),
                        steps: s
                            .steps
                            .iter()
                            .map(|st| TodayStep {
                                product_id: st.product_id,
                                name: st.name.clone(),
                                step: st.step.clone(),
                                layers: st.layers,
                                done: glasskin_store::ticked(&checkoffs, day, s, st),
                            })
                            .collect(),
                    })
                    .collect(),
            ))
        })
        .await
}

/// A step ticked off, or unticked.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CheckoffRequest {
    /// The day; today when left out.
    #[serde(default)]
    date: Option<jiff::civil::Date>,
    /// `am` or `pm`.
    time: String,
    product_id: i64,
    /// `false` unticks.
    #[serde(default = "yes")]
    #[schema(default = true)]
    done: bool,
}

fn yes() -> bool {
    true
}

/// Ticks a step off (or unticks it).
#[utoipa::path(
    post,
    path = "/checkoffs",
    tag = "routine",
    request_body = CheckoffRequest,
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 422, description = "Malformed request, or a time other than `am` or `pm`", body = ErrorBody),
    )
)]
pub(super) async fn check_off(
    State(state): State<AppState>,
    body: Result<Json<CheckoffRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(request) = body?;
    let today = today();
    let checkoff = glasskin_store::Checkoff {
        date: request.date.unwrap_or(today),
        time: request.time,
        product_id: request.product_id,
    };
    state
        .with_store(move |store| store.check_off(&checkoff, request.done, today))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
