//! The Today page: today's planned steps by session, ticked off with a plain form (and, with the
//! optional script, one tick at a time through the API).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_store::{SqliteStore, Store};
use serde::Deserialize;

use super::form::{self, Form};
use super::render::render;
use crate::{AppState, today};

/// The optional settle timer between steps. Waits are hints, never rules: letting a layer settle
/// for up to a minute is plenty (tip `layering-order`).
const SETTLE_SECONDS: u32 = 30;

struct StepView {
    product_id: i64,
    name: String,
    layers: u8,
    done: bool,
}

struct SessionView {
    title: &'static str,
    time: String,
    steps: Vec<StepView>,
}

#[derive(Template)]
#[template(path = "today.html")]
struct TodayPage {
    nav: &'static str,
    message: Option<String>,
    sessions: Vec<SessionView>,
    settle_seconds: u32,
}

fn today_view(store: &SqliteStore) -> Response {
    let day = today();
    let plan = match store.latest_plan() {
        Ok(plan) => plan,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let Some(plan) = plan else {
        return render(&TodayPage {
            nav: "today",
            message: Some("No plan yet: add your products on the Shelf, fill in your Profile, then plan your week (glasskin plan --save, or POST /api/plan).".into()),
            sessions: Vec::new(),
            settle_seconds: SETTLE_SECONDS,
        });
    };
    let checkoffs = store.checkoffs_since(day).unwrap_or_default();
    let sessions = plan
        .sessions_on(day)
        .into_iter()
        .map(|s| SessionView {
            title: if s.time == "am" { "Morning" } else { "Evening" },
            time: s.time.clone(),
            steps: s
                .steps
                .iter()
                .map(|st| StepView {
                    product_id: st.product_id,
                    name: st.name.clone(),
                    layers: st.layers,
                    done: glasskin_store::ticked(&checkoffs, day, s, st),
                })
                .collect(),
        })
        .collect();
    render(&TodayPage {
        nav: "today",
        message: None,
        sessions,
        settle_seconds: SETTLE_SECONDS,
    })
}

pub(super) async fn today_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| today_view(store)).await
}

/// One session's form: its time and the boxes ticked.
#[derive(Deserialize)]
pub(super) struct TicksForm {
    /// `am` or `pm`.
    #[serde(default, deserialize_with = "form::first")]
    time: Option<String>,
    /// The product ids ticked, one key per box.
    #[serde(default)]
    done: Vec<String>,
}

/// Saves one session's ticks: the boxes sent are done, the others not. A body that is not a
/// form is refused in plain text by the extractor, as a post without a session is here.
pub(super) async fn today_post(
    State(state): State<AppState>,
    Form(form): Form<TicksForm>,
) -> Response {
    let Some(time) = form.time else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "which session?").into_response();
    };
    let done: Vec<i64> = form.done.iter().filter_map(|v| v.parse().ok()).collect();
    let day = today();
    state
        .with_store(move |store| {
            let Ok(Some(plan)) = store.latest_plan() else {
                return Redirect::to("/today").into_response();
            };
            let planned: Vec<i64> = plan
                .sessions_on(day)
                .into_iter()
                .filter(|s| s.time == time)
                .flat_map(|s| s.steps.iter().map(|st| st.product_id))
                .collect();
            for id in planned {
                let checkoff = glasskin_store::Checkoff {
                    date: day,
                    time: time.clone(),
                    product_id: id,
                };
                if let Err(e) = store.check_off(&checkoff, done.contains(&id), day) {
                    return (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response();
                }
            }
            Redirect::to("/today").into_response()
        })
        .await
}
