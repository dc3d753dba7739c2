//! Today's routine: `GET /api/today` lists the steps planned for today, and
//! `POST /api/checkoffs` ticks one off (or unticks it).

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_app::today::{self as routine, Session};
use glasskin_store::{Checkoff, Store};
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{Person, today};

/// Today's planned steps from the latest saved plan, with what is ticked off. Only the steps
/// whose product is still on the shelf (in use or unopened) and may go on the face: a new
/// product is listed once its patch test has passed.
#[utoipa::path(
    get,
    path = "/today",
    tag = "routine",
    responses(
        (status = 200, description = "Today's sessions, morning then evening, each step with whether it is ticked off", body = Vec<Session>),
        (status = 409, description = "No saved plan yet", body = ErrorBody),
    )
)]
pub(super) async fn today_steps<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<Vec<Session>> {
    let day = today();
    let days = person.days();
    let day = person
        .with_reader(move |store| days.day(store, day))
        .await?;
    Ok(Json(day.sessions))
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
pub(super) async fn check_off<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<CheckoffRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(request) = body?;
    let today = today();
    let checkoff = Checkoff {
        date: request.date.unwrap_or(today),
        time: routine::parse_time(&request.time)?,
        product_id: request.product_id,
    };
    person
        .with_store(move |store| routine::check_off(store, &checkoff, request.done, today))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
