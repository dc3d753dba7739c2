//! The Insights page: the week in words, adherence, patterns between the day and the skin, and
//! what each product seems to change.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use glasskin_store::SqliteStore;

use super::charts::ADHERENCE_DAYS;
use super::render::render;
use crate::{AppState, today};

#[derive(Template)]
#[template(path = "insights.html")]
struct InsightsPage {
    nav: &'static str,
    empty: bool,
    summary: String,
    has_adherence: bool,
    adherence: String,
    patterns: String,
    findings: Vec<String>,
    missing: Vec<String>,
    products: Vec<String>,
}

fn insights_view(store: &SqliteStore) -> Response {
    use glasskin_core::insights;
    let today = today();
    let read = glasskin_store::insight_inputs(store).and_then(|inputs| {
        Ok((
            inputs,
            glasskin_store::daily_adherence(store, today, ADHERENCE_DAYS)?,
        ))
    });
    let (inputs, daily) = match read {
        Ok(read) => read,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let week = glasskin_store::week_adherence(&daily);
    let report = insights::report(
        &inputs.diary,
        &inputs.lifestyle,
        &inputs.changes,
        week,
        today,
    );
    let associations = report.associations;
    render(&InsightsPage {
        nav: "insights",
        empty: inputs.diary.is_empty(),
        summary: report.summary,
        has_adherence: !daily.is_empty(),
        adherence: week.map_or_else(
            || "nothing planned".to_owned(),
            |share| format!("{:.0}% of steps done", share * 100.0),
        ),
        patterns: associations.summary,
        findings: associations
            .findings
            .into_iter()
            .map(|f| f.sentence)
            .collect(),
        missing: associations
            .not_enough_data
            .into_iter()
            .map(|m| m.message)
            .collect(),
        products: report
            .product_effects
            .into_iter()
            .map(|e| e.summary)
            .collect(),
    })
}

pub(super) async fn insights_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| insights_view(store)).await
}
