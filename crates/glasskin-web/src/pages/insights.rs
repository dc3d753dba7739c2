//! The Insights page: the week in words, adherence, patterns between the day and the skin, and
//! what each product seems to change.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use glasskin_app::insights;
use glasskin_store::Store;

use super::charts::ADHERENCE_DAYS;
use super::render::{failed, render};
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

fn insights_view<S: Store>(store: &S) -> Response {
    let today = today();
    // Each record is read once: the report and the page's own lines share them.
    let read = (|| {
        Ok::<_, glasskin_app::Error>((
            insights::inputs(store)?,
            insights::daily_adherence(store, today, ADHERENCE_DAYS)?,
        ))
    })();
    let (inputs, daily) = match read {
        Ok(read) => read,
        Err(e) => return failed(&e),
    };
    let week = insights::week_adherence(&daily);
    let report = insights::report_from(&inputs, week, today);
    let empty = inputs.diary.is_empty();
    let associations = report.associations;
    render(&InsightsPage {
        nav: "insights",
        empty,
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

pub(super) async fn insights_page<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> Response {
    state.with_store(|store| insights_view(store)).await
}
