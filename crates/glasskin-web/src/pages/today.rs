//! The Today page: today's planned steps by session, ticked off with a plain form (and, with the
//! optional script, one tick at a time through the API).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_app::Error;
use glasskin_app::today::{self as routine, Session};
use glasskin_core::advice::Time;
use glasskin_store::{ProductId, Store};
use serde::Deserialize;

use super::form::{self, Form};
use super::render::{failed, refused_status, render};
use crate::{AppState, today};

/// The optional settle timer between steps. Waits are hints, never rules: letting a layer settle
/// for up to a minute is plenty (tip `layering-order`).
const SETTLE_SECONDS: u32 = 30;

/// What the page says before a plan is kept.
const NO_PLAN: &str = "No plan yet: add your products on the Shelf, fill in your Profile, then plan your week (glasskin plan --save, or POST /api/plan).";

struct StepView {
    product_id: i64,
    name: String,
    layers: u8,
    done: bool,
}

struct SessionView {
    title: &'static str,
    time: &'static str,
    steps: Vec<StepView>,
}

impl From<Session> for SessionView {
    fn from(s: Session) -> SessionView {
        SessionView {
            title: match s.time {
                Time::Am => "Morning",
                Time::Pm => "Evening",
            },
            time: s.time.id(),
            steps: s
                .steps
                .into_iter()
                .map(|st| StepView {
                    product_id: st.product_id,
                    name: st.name,
                    layers: st.layers,
                    done: st.done,
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "today.html")]
struct TodayPage {
    nav: &'static str,
    message: Option<&'static str>,
    error: Option<String>,
    sessions: Vec<SessionView>,
    settle_seconds: u32,
}

/// Today's steps, with why the last post was refused, if it was.
fn today_view<S: Store>(store: &S, refused: Option<&Error>) -> Response {
    let (message, sessions) = match routine::day(store, today()) {
        Ok(day) => (None, day.sessions),
        Err(e) if e.code() == "no_plan" => (Some(NO_PLAN), Vec::new()),
        Err(e) => return failed(&e),
    };
    let mut page = render(&TodayPage {
        nav: "today",
        message,
        error: refused.map(ToString::to_string),
        sessions: sessions.into_iter().map(SessionView::from).collect(),
        settle_seconds: SETTLE_SECONDS,
    });
    if let Some(e) = refused {
        *page.status_mut() = refused_status(e);
    }
    page
}

pub(super) async fn today_page<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> Response {
    state.with_store(|store| today_view(store, None)).await
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
/// form is refused in plain text by the extractor; a session the app refuses is shown on the
/// page.
pub(super) async fn today_post<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Form(form): Form<TicksForm>,
) -> Response {
    let time = routine::parse_time(form.time.as_deref().unwrap_or_default());
    // The boxes' values are product numbers this page wrote; anything else ticks nothing.
    let done: Vec<ProductId> = form.done.iter().filter_map(|v| v.parse().ok()).collect();
    let day = today();
    state
        .with_store(move |store| {
            match time.and_then(|t| routine::set_session(store, day, t, &done, day)) {
                Ok(()) => Redirect::to("/today").into_response(),
                Err(e) => today_view(store, Some(&e)),
            }
        })
        .await
}
