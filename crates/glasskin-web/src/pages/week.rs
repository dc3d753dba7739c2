//! The Week page: the plan from the profile and shelf, day by day, and the button that keeps it
//! for the Today page.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_store::{SqliteStore, Store};

use super::render::render;
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
    /// Whether the Today page follows the plan shown.
    kept: String,
}

/// The plan from the saved profile and shelf (changing little from the last saved plan), with
/// the shelf ids of its products.
fn current_plan(store: &SqliteStore) -> Result<(glasskin_core::plan::Plan, Vec<i64>), String> {
    use glasskin_store::planning;
    let today = today();
    let profile = store
        .profile()
        .map_err(|e| e.to_string())?
        .ok_or("Fill in your Profile first, then add your products on the Shelf.".to_owned())?;
    let mut profile = planning::plan_profile(&profile, today).map_err(|e| e.to_string())?;
    if let Ok(Some(last)) = store.latest_plan() {
        profile.previous = planning::previous_days(&last);
    }
    let (shelf, ids) = planning::plan_shelf(store, glasskin_kb::kb()).map_err(|e| e.to_string())?;
    if shelf.is_empty() {
        return Err("Add your products on the Shelf first.".to_owned());
    }
    Ok((
        glasskin_core::plan::plan(&profile, &shelf, glasskin_kb::kb()),
        ids,
    ))
}

fn week_view(store: &SqliteStore, message: Option<String>) -> Response {
    const NAMES: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let (plan, ids) = match current_plan(store) {
        Ok(plan) => plan,
        Err(why) => {
            return render(&WeekPage {
                nav: "week",
                message: Some(why),
                weeks: Vec::new(),
                gaps: Vec::new(),
                kept: String::new(),
            });
        }
    };
    // Whether Today already follows this plan, or an older one.
    let shown = glasskin_store::planning::saved_plan(&plan, &ids, today());
    let kept = match store.latest_plan().ok().flatten() {
        None => "Not kept yet: use it, and the Today page and your reminders follow it.".to_owned(),
        Some(kept) if kept.weeks == shown.weeks => format!(
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
            .map(|s| {
                let names: Vec<String> = s
                    .steps
                    .iter()
                    .map(|st| {
                        if st.layers > 1 {
                            format!("{} ×{}", st.name, st.layers)
                        } else {
                            st.name.clone()
                        }
                    })
                    .collect();
                if names.is_empty() {
                    "rinse with water".to_owned()
                } else {
                    names.join(" → ")
                }
            })
            .unwrap_or_default()
    };
    let weeks = plan
        .weeks
        .iter()
        .map(|w| WeekView {
            span: match (w.from_week, w.to_week) {
                (1, None) => "Every week".to_owned(),
                (from, None) => format!("From week {from} on"),
                (from, Some(to)) if from == to => format!("Week {from}"),
                (from, Some(to)) => format!("Weeks {from}–{to}"),
            },
            days: (0..7)
                .map(|d| DayRow {
                    name: NAMES[d],
                    am: steps(w, d, glasskin_core::advice::Time::Am),
                    pm: steps(w, d, glasskin_core::advice::Time::Pm),
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
    render(&WeekPage {
        nav: "week",
        message,
        weeks,
        gaps: plan.gaps.iter().map(|g| g.message.clone()).collect(),
        kept,
    })
}

pub(super) async fn week_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| week_view(store, None)).await
}

/// Saves the week shown, for the Today page.
pub(super) async fn week_post(State(state): State<AppState>) -> Response {
    let today = today();
    state
        .with_store(move |store| {
            let saved = current_plan(store).and_then(|(plan, ids)| {
                let saved = glasskin_store::planning::saved_plan(&plan, &ids, today);
                store.save_plan(&saved).map_err(|e| e.to_string())
            });
            match saved {
                Ok(_) => Redirect::to("/today").into_response(),
                Err(why) => week_view(store, Some(why)),
            }
        })
        .await
}
