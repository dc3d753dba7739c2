//! The Week page: the plan from the profile and shelf, day by day from today (a kept plan's
//! weeks are 7 days from the day it is kept), what it leaves out and why, whether the kept plan
//! still matches the shelf, and the button that keeps it for the Today page.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_app::plan::{self, Planned};
use glasskin_app::today::{self as routine, Fit};
use glasskin_core::advice::Time;
use glasskin_store::{SavedPlan, Store};
use jiff::civil::Date;

use super::render::{failed, refused_status, render};
use crate::{Person, today};

/// Days with the same routine at the same time of day, drawn as one card: "Mon, Wed, Fri ·
/// evening" and its steps, so a phone shows a few short cards instead of a seven-row table.
struct DayGroup {
    /// "Mon, Wed, Fri", or "Every day".
    days: String,
    /// How many days the card stands for.
    count: usize,
    /// "morning" or "evening".
    time: &'static str,
    /// The steps in order, "Toner ×3" for layers; "Rinse with water" for none.
    steps: Vec<String>,
}

/// Groups a week's sessions of one time of day by their steps, in the order the days are shown.
fn group_days(
    week: &glasskin_core::plan::PlannedWeek,
    days: &[usize],
    time: Time,
) -> Vec<DayGroup> {
    const SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut groups: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    for &day in days {
        let steps: Vec<String> = week
            .sessions
            .iter()
            .find(|s| s.day == day && s.time == time)
            // "Toner ×3" stays on one line: the count belongs to its product.
            .map(|s| {
                s.steps
                    .iter()
                    .map(|st| st.label().replace(" ×", "\u{a0}×"))
                    .collect()
            })
            .unwrap_or_default();
        match groups.iter_mut().find(|(same, _)| *same == steps) {
            Some((_, on)) => on.push(day),
            None => groups.push((steps, vec![day])),
        }
    }
    groups
        .into_iter()
        .map(|(steps, on)| DayGroup {
            days: if on.len() == 7 {
                "Every day".to_owned()
            } else {
                on.iter().map(|&d| SHORT[d]).collect::<Vec<_>>().join(", ")
            },
            count: on.len(),
            time: match time {
                Time::Am => "morning",
                Time::Pm => "evening",
            },
            steps: if steps.is_empty() {
                vec!["Rinse with water".to_owned()]
            } else {
                steps
            },
        })
        .collect()
}

struct WeekView {
    span: String,
    /// The morning cards, then the evening cards.
    groups: Vec<DayGroup>,
    patch_tests: Vec<String>,
    reasons: Vec<String>,
    findings: Vec<String>,
}

#[derive(Template)]
#[template(path = "week.html")]
struct WeekPage {
    nav: &'static str,
    message: Option<String>,
    /// Why there is nothing to plan yet, by the app's error code: `no_profile` or `empty_shelf`,
    /// which the page words with links to the pages that fix it.
    missing: Option<&'static str>,
    weeks: Vec<WeekView>,
    gaps: Vec<String>,
    /// Products the plan leaves out, with why.
    left_out: Vec<String>,
    /// Whether the Today page follows the plan shown.
    kept: String,
    /// What the kept plan no longer matches, one sentence each.
    kept_notes: Vec<String>,
}

impl WeekPage {
    /// Nothing to plan because the profile is missing (else the shelf is empty).
    fn needs_profile(&self) -> bool {
        self.missing == Some("no_profile")
    }
}

/// Whether the app's error code means there is nothing to plan yet: the code, which the
/// template words with links to Profile and Shelf.
fn not_yet(code: &'static str) -> Option<&'static str> {
    matches!(code, "no_profile" | "empty_shelf").then_some(code)
}

/// The page with only a message: nothing to plan yet (`missing`), or why keeping the plan was
/// refused.
fn message_only(
    message: Option<String>,
    missing: Option<&'static str>,
    status: StatusCode,
) -> Response {
    let mut page = render(&WeekPage {
        nav: "week",
        message,
        missing,
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
            Some(code) => return message_only(None, Some(code), StatusCode::OK),
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
    // Week 1 is the 7 days from today, so each week's rows start on today's weekday.
    let first = usize::try_from(today.weekday().to_monday_zero_offset()).unwrap_or(0);
    let days: Vec<usize> = (0..7).map(|d| (first + d) % 7).collect();
    let weeks = plan
        .weeks
        .iter()
        .map(|w| WeekView {
            span: w.title(),
            groups: group_days(w, &days, Time::Am)
                .into_iter()
                .chain(group_days(w, &days, Time::Pm))
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
        missing: None,
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

pub(super) async fn week_page<S: Store + Send + 'static>(person: Person<S>) -> Response {
    person.with_reader(|store| week_view(store)).await
}

/// Plans the week again and keeps it, for the Today page.
pub(super) async fn week_post<S: Store + Send + 'static>(person: Person<S>) -> Response {
    let today = today();
    person
        .with_store(move |store| {
            let kept = plan::plan_saved(store, today)
                .and_then(|planned| plan::keep(store, &planned, today));
            match kept {
                Ok(_) => Redirect::to("/today").into_response(),
                Err(e) => match not_yet(e.code()) {
                    Some(code) => message_only(None, Some(code), refused_status(&e)),
                    None => message_only(
                        Some(super::render::plain(&e.to_string())),
                        None,
                        refused_status(&e),
                    ),
                },
            }
        })
        .await
}
