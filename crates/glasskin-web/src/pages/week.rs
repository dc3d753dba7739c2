//! The Week page: the plan from the profile and shelf, day by day from today (a kept plan's
//! weeks are 7 days from the day it is kept), what it leaves out and why, whether the kept plan
//! still matches the shelf, and the button that keeps it for the Today page.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_app::plan::{self, Planned};
use glasskin_app::today::{self as routine, Fit};
use glasskin_core::advice::Time;
use glasskin_store::{SavedPlan, Store};
use jiff::civil::Date;

use super::render::{failed, refused_status, render};
use crate::{AppState, today};

struct DayRow {
    name: &'static str,
    am: String,
    pm: String,
}

struct WeekView {
    span: String,
    days: Vec<DayRow>,
    patch_tests: Vec<String>,
    reasons: Vec<String>,
    findings: Vec<String>,
}

#[derive(Template)]
#[template(path = "week.html")]
struct WeekPage {
    nav: &'static str,
    message: Option<String>,
    weeks: Vec<WeekView>,
    gaps: Vec<String>,
    /// Products the plan leaves out, with why.
    left_out: Vec<String>,
    /// Whether the Today page follows the plan shown.
    kept: String,
    /// What the kept plan no longer matches, one sentence each.
    kept_notes: Vec<String>,
}

/// What the page says when there is nothing to plan yet, by the app's error code.
fn not_yet(code: &str) -> Option<&'static str> {
    match code {
        "no_profile" => Some("Fill in your Profile first, then add your products on the Shelf."),
        "empty_shelf" => Some("Add your products on the Shelf first."),
        _ => None,
    }
}

/// The page with only a message: nothing to plan yet, or why keeping the plan was refused.
fn message_only(message: String, status: StatusCode) -> Response {
    let mut page = render(&WeekPage {
        nav: "week",
        message: Some(message),
        weeks: Vec::new(),
        gaps: Vec::new(),
        left_out: Vec::new(),
        kept: String::new(),
        kept_notes: Vec::new(),
    });
    *page.status_mut() = status;
    page
}

/// The week planned from the saved profile and shelf, and whether Today follows it.
fn week_view<S: Store>(store: &S) -> Response {
    let today = today();
    let planned = match plan::plan_saved(store, today) {
        Ok(planned) => planned,
        Err(e) => match not_yet(e.code()) {
            Some(why) => return message_only(why.to_owned(), StatusCode::OK),
            None => return failed(&e),
        },
    };
    let kept = match plan::latest(store) {
        Ok(kept) => Some(kept),
        Err(e) if e.code() == "no_plan" => None,
        Err(e) => return failed(&e),
    };
    let fit = match &kept {
        Some(kept) => match routine::fit(store, kept, Some(&planned), today) {
            Ok(fit) => fit,
            Err(e) => return failed(&e),
        },
        None => Fit::default(),
    };
    render(&plan_view(&planned, kept.as_ref(), &fit, today))
}

fn plan_view(planned: &Planned, kept: Option<&SavedPlan>, fit: &Fit, today: Date) -> WeekPage {
    const NAMES: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let plan = &planned.plan;
    // Whether Today already follows this plan, or an older one.
    let shown = plan::saved_plan(plan, &planned.ids, today);
    let kept = match kept {
        None => "Not kept yet: use it, and the Today page and your reminders follow it.".to_owned(),
        Some(kept) if !fit.drift.is_empty() => format!(
            "Your shelf changed since you kept a plan on {}, and that plan no longer matches it: this is the plan for now. Use it to update the Today page.",
            kept.created
        ),
        Some(kept) if kept.weeks == shown.weeks && fit.expired.is_empty() => format!(
            "This is the plan you kept on {}; the Today page follows it.",
            kept.created
        ),
        Some(kept) => format!(
            "Your profile or shelf changed since you kept a plan on {}: this is the plan for now. Use it to update the Today page.",
            kept.created
        ),
    };
    let steps = |week: &glasskin_core::plan::PlannedWeek, day: usize, time| -> String {
        week.sessions
            .iter()
            .find(|s| s.day == day && s.time == time)
            .map(|s| s.line())
            .unwrap_or_default()
    };
    // Week 1 is the 7 days from today, so each week's rows start on today's weekday.
    let first = usize::try_from(today.weekday().to_monday_zero_offset()).unwrap_or(0);
    let weeks = plan
        .weeks
        .iter()
        .map(|w| WeekView {
            span: w.title(),
            days: (0..7)
                .map(|d| (first + d) % 7)
                .map(|d| DayRow {
                    name: NAMES[d],
                    am: steps(w, d, Time::Am),
                    pm: steps(w, d, Time::Pm),
                })
                .collect(),
            patch_tests: w
                .patch_tests
                .iter()
                .map(|t| format!("{}: {}", t.name, t.how))
                .collect(),
            reasons: w.reasons.clone(),
            findings: w
                .findings
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} — {}",
                        f.rule.severity.label(),
                        f.rule.title,
                        f.message
                    )
                })
                .collect(),
        })
        .collect();
    WeekPage {
        nav: "week",
        message: None,
        weeks,
        gaps: plan.gaps.iter().map(|g| g.message.clone()).collect(),
        left_out: plan.left_out.clone(),
        kept,
        kept_notes: fit
            .drift
            .iter()
            .map(|d| d.sentence())
            .chain(fit.expired.iter().map(|e| e.sentence()))
            .collect(),
    }
}

pub(super) async fn week_page<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> Response {
    state.with_store(|store| week_view(store)).await
}

/// Plans the week again and keeps it, for the Today page.
pub(super) async fn week_post<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> Response {
    let today = today();
    state
        .with_store(move |store| {
            let kept = plan::plan_saved(store, today)
                .and_then(|planned| plan::keep(store, &planned, today));
            match kept {
                Ok(_) => Redirect::to("/today").into_response(),
                Err(e) => {
                    let why = not_yet(e.code()).map_or_else(|| e.to_string(), str::to_owned);
                    message_only(why, refused_status(&e))
                }
            }
        })
        .await
}
