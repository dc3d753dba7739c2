//! The week's plan: `POST /api/plan` plans it from the saved profile and shelf (and keeps it when
//! asked), `GET /api/plan` reads the kept plan, and `GET /api/plan.ics` is the week planned now,
//! as a calendar.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::header;
use axum::response::IntoResponse;
use glasskin_app::plan;
use glasskin_store::{SavedPlan, Store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{Person, today};

#[derive(Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(super) struct PlanRequest {
    /// Keep the plan for `today` and check-offs; it starts today (its weeks are 7 days from
    /// today). With no retinoid start in the profile, the day the plan first puts a retinoid
    /// on the face is saved as the start once that day has come.
    save: bool,
}

/// The week's plan (see docs/plan.md), and the kept plan's id when it was kept.
#[derive(Serialize, ToSchema)]
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
        (status = 200, description = "The week's plan (see docs/plan.md), with `saved`: the saved plan's id when `save` was asked", body = PlanResponse),
        (status = 409, description = "No profile or an empty shelf", body = ErrorBody),
        (status = 422, description = "Malformed request", body = ErrorBody),
    )
)]
pub(super) async fn plan<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<PlanRequest>, JsonRejection>,
) -> ApiResult<PlanResponse> {
    let Json(request) = body?;
    let today = today();
    let (planned, saved) = person
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

/// The kept plan, as `glasskin_store::SavedPlan` serializes it. The store's types derive no
/// schema, so these describe them here; `kept_plan_matches_its_schema` in the tests holds the
/// two to the same fields.
#[derive(ToSchema)]
#[schema(as = SavedPlan)]
#[allow(dead_code)]
pub(super) struct SavedPlanSchema {
    /// Its id (versions count up).
    id: i64,
    /// When it was kept.
    #[schema(value_type = String, format = Date)]
    created: String,
    /// The day its week 1 starts on: the day it was kept. Its weeks are 7 days counted from it.
    #[schema(value_type = String, format = Date)]
    starts: String,
    /// The weeks, in order; the last one repeats.
    weeks: Vec<SavedWeekSchema>,
}

/// One block of identical weeks of a kept plan.
#[derive(ToSchema)]
#[schema(as = SavedWeek)]
#[allow(dead_code)]
pub(super) struct SavedWeekSchema {
    /// First week (1-based).
    from_week: u32,
    /// Last week; `null` for "and from then on".
    to_week: Option<u32>,
    /// Its sessions.
    sessions: Vec<SavedSessionSchema>,
}

/// One session of a kept plan's week.
#[derive(ToSchema)]
#[schema(as = SavedSession)]
#[allow(dead_code)]
pub(super) struct SavedSessionSchema {
    /// Day of the week, 0 = Monday.
    day: usize,
    /// `am` or `pm`.
    time: glasskin_core::advice::Time,
    /// The steps, in order.
    steps: Vec<SavedStepSchema>,
}

/// One step of a kept plan's session.
#[derive(ToSchema)]
#[schema(as = SavedStep)]
#[allow(dead_code)]
pub(super) struct SavedStepSchema {
    /// The shelf product's id.
    product_id: i64,
    /// Its name when the plan was kept.
    name: String,
    /// Its routine step.
    step: glasskin_core::Step,
    /// How many layers (toners are layered).
    layers: u8,
}

/// The kept plan: the one `GET /api/today` and check-offs follow.
#[utoipa::path(
    get,
    path = "/plan",
    tag = "plan",
    responses(
        (status = 200, description = "The latest kept plan: its weeks, with steps naming shelf products by id", body = SavedPlanSchema),
        (status = 409, description = "No plan kept yet (`no_plan`)", body = ErrorBody),
    )
)]
pub(super) async fn kept_plan<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<SavedPlan> {
    Ok(Json(person.with_reader(|store| plan::latest(store)).await?))
}

/// The week planned now from the saved profile and shelf, as an iCalendar file: each session a
/// weekly event at 07:30 or 21:30 with a reminder, from next Monday (as `glasskin plan --ics`).
#[utoipa::path(
    get,
    path = "/plan.ics",
    tag = "plan",
    responses(
        (status = 200, description = "The plan as an iCalendar file (RFC 5545)", content_type = "text/calendar", body = String),
        (status = 409, description = "No profile or an empty shelf", body = ErrorBody),
    )
)]
pub(super) async fn plan_ics<S: Store + Send + 'static>(
    person: Person<S>,
) -> Result<impl IntoResponse, ApiError> {
    let today = today();
    let planned = person
        .with_reader(move |store| plan::plan_saved(store, today))
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"glasskin-plan.ics\"",
            ),
        ],
        plan::ics(&planned.plan, today),
    ))
}
