//! The charts the Diary and Insights pages show: ratings over time and the adherence calendar,
//! drawn as SVG by the core.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use glasskin_app::insights;
use glasskin_store::Store;
use serde::Deserialize;

use crate::{Person, today};

#[derive(Deserialize)]
pub(super) struct ChartQuery {
    /// `narrow` for phones.
    size: Option<String>,
}

pub(super) async fn ratings_chart<S: Store + Send + 'static>(
    person: Person<S>,
    axum::extract::Query(query): axum::extract::Query<ChartQuery>,
) -> Response {
    use glasskin_core::chart::{Width, ratings_over_time};
    let size = match query.size.as_deref() {
        Some("narrow") => Width::Narrow,
        _ => Width::Wide,
    };
    let inputs = person
        .with_reader(|store| insights::inputs(store))
        .await
        .unwrap_or_default();
    let svg = ratings_over_time(&inputs.diary, &inputs.changes, today(), 90, size);
    ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
}

/// Weeks of adherence the calendar shows.
pub(super) const ADHERENCE_WEEKS: i64 = 12;

pub(super) async fn adherence_chart<S: Store + Send + 'static>(person: Person<S>) -> Response {
    let today = today();
    let daily = person
        .with_reader(move |store| insights::daily_adherence(store, today, 7 * ADHERENCE_WEEKS))
        .await
        .unwrap_or_default();
    let svg = glasskin_core::chart::adherence_calendar(&daily, today, ADHERENCE_WEEKS);
    ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
}
