//! The Today page: today's planned steps by session, ticked off with a plain form (and, with the
//! optional script, one tick at a time through the API); above them, what the kept plan no
//! longer matches (with a button that plans again), the products past their date, and the patch
//! tests to do before new products reach the face, each a tap away.

use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_app::today::{self as routine, Day, PatchNote, PatchStage, Session};
use glasskin_app::{Error, patch, shelf};
use glasskin_core::advice::Time;
use glasskin_store::{ProductId, Reaction, Store};
use serde::Deserialize;

use super::form::{self, Form, FormRejection};
use super::render::{failed, plain, refused_status, render};
use crate::{Person, today};

/// The optional settle timer between steps. Waits are hints, never rules: letting a layer settle
/// for up to a minute is plenty (tip `layering-order`).
const SETTLE_SECONDS: u32 = 30;

struct StepView {
    product_id: i64,
    name: String,
    layers: u8,
    done: bool,
    /// Past its date: flagged on its row.
    expired: bool,
}

struct SessionView {
    title: &'static str,
    time: &'static str,
    steps: Vec<StepView>,
}

impl SessionView {
    fn new(s: Session, expired: &[ProductId]) -> SessionView {
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
                    expired: expired.contains(&st.product_id),
                    name: st.name,
                    layers: st.layers,
                    done: st.done,
                })
                .collect(),
        }
    }
}

/// What a patch test's row offers.
enum PatchAction {
    /// Start it (or say it was already done).
    Start,
    /// Log the day's look.
    Check,
    /// End it.
    End,
    /// Nothing today: another test runs, or the day's look is logged.
    Wait,
}

struct PatchView {
    product_id: ProductId,
    name: String,
    line: String,
    action: PatchAction,
    /// The End button's words.
    end: String,
}

impl From<PatchNote> for PatchView {
    fn from(note: PatchNote) -> PatchView {
        let action = match &note.stage {
            PatchStage::NotStarted { after: None } => PatchAction::Start,
            PatchStage::NotStarted { after: Some(_) } => PatchAction::Wait,
            PatchStage::Running {
                checked_today: false,
                ..
            } => PatchAction::Check,
            PatchStage::Running { .. } => PatchAction::Wait,
            PatchStage::Clear | PatchStage::Reacted { .. } => PatchAction::End,
        };
        let end = match &note.stage {
            PatchStage::Reacted { .. } => format!("End the test and stop {}", note.name),
            _ => format!("End the test and start {}", note.name),
        };
        PatchView {
            product_id: note.product_id,
            line: note.sentence(),
            name: note.name,
            action,
            end,
        }
    }
}

/// A reaction to pick from: its id and words.
struct ReactionView {
    id: &'static str,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "today.html")]
struct TodayPage {
    nav: &'static str,
    /// No plan kept yet: the page says which pages to open, with links.
    no_plan: bool,
    error: Option<String>,
    /// How the kept plan no longer matches the shelf, one sentence each.
    drift: Vec<String>,
    /// Products the plan uses that are past their date.
    expired: Vec<String>,
    patch_tests: Vec<PatchView>,
    reactions: Vec<ReactionView>,
    sessions: Vec<SessionView>,
    settle_seconds: u32,
    /// "Monday 7 December · week 2 of your plan".
    date_line: Option<String>,
    /// "This week so far: 9 of 12 steps (75%), a 2-day streak", as `glasskin today` says it.
    so_far: Option<String>,
    /// The day the steps are for (`2026-12-07`), so a tick queued offline is saved for it.
    date: String,
}

/// Today's steps, with why the last post was refused, if it was.
fn today_view<S: Store>(
    store: &S,
    day: glasskin_app::Result<Day>,
    refused: Option<&Error>,
) -> Response {
    let (no_plan, day) = match day {
        Ok(day) => (false, Some(day)),
        Err(e) if e.code() == "no_plan" => (true, None),
        Err(e) => return failed(&e),
    };
    // How the week is going is a nicety: a failure to read it leaves the steps on the page.
    let so_far = day
        .as_ref()
        .and_then(|d| routine::week_so_far(store, d.date).ok());
    let mut page = render(&page(no_plan, day, so_far, refused));
    if let Some(e) = refused {
        *page.status_mut() = refused_status(e);
    }
    page
}

fn page(
    no_plan: bool,
    day: Option<Day>,
    so_far: Option<glasskin_store::Adherence>,
    refused: Option<&Error>,
) -> TodayPage {
    let mut page = TodayPage {
        nav: "today",
        no_plan,
        error: refused.map(|e| plain(&e.to_string())),
        drift: Vec::new(),
        expired: Vec::new(),
        patch_tests: Vec::new(),
        reactions: Reaction::ALL
            .iter()
            .map(|r| ReactionView {
                id: r.id(),
                label: r.label(),
            })
            .collect(),
        sessions: Vec::new(),
        settle_seconds: SETTLE_SECONDS,
        date_line: None,
        so_far: so_far.as_ref().and_then(routine::so_far_sentence),
        date: String::new(),
    };
    if let Some(day) = day {
        page.date = day.date.to_string();
        page.date_line = Some(format!(
            "{} · week {} of your plan",
            day.date.strftime("%A %-d %B"),
            day.week
        ));
        let expired: Vec<ProductId> = day.expired.iter().map(|e| e.product_id).collect();
        page.drift = day.drift.iter().map(|d| d.sentence()).collect();
        page.expired = day.expired.iter().map(|e| e.sentence()).collect();
        page.patch_tests = day.patch_tests.into_iter().map(PatchView::from).collect();
        page.sessions = day
            .sessions
            .into_iter()
            .map(|s| SessionView::new(s, &expired))
            .collect();
    }
    page
}

pub(super) async fn today_page<S: Store + Send + 'static>(person: Person<S>) -> Response {
    let days = person.days();
    person
        .with_reader(move |store| today_view(store, days.day(store, today()), None))
        .await
}

/// What the page's forms send: a session's ticks, or a patch test's button.
#[derive(Deserialize)]
pub(super) struct TodayForm {
    /// `patch_start`, `patch_tested`, `patch_check` or `patch_end`; a session's ticks when left
    /// out.
    #[serde(default, deserialize_with = "form::first")]
    action: Option<String>,
    /// `am` or `pm`, for a session's ticks.
    #[serde(default, deserialize_with = "form::first")]
    time: Option<String>,
    /// The product ids ticked, one key per box.
    #[serde(default)]
    done: Vec<String>,
    /// The product a patch test button is about.
    #[serde(default, deserialize_with = "form::first")]
    product: Option<String>,
    /// What the patch showed today.
    #[serde(default, deserialize_with = "form::first")]
    reaction: Option<String>,
}

impl TodayForm {
    /// The product number a patch test button sent.
    fn product(&self) -> glasskin_app::Result<ProductId> {
        let text = self.product.as_deref().unwrap_or_default().trim();
        text.parse()
            .map_err(|_| Error::invalid(format!("product: `{text}` is not a product number")))
    }
}

/// Saves one session's ticks (the boxes sent are done, the others not), or does what a patch
/// test button asks. What the app refuses, and a body that cannot be read as the form, is shown
/// on the page.
pub(super) async fn today_post<S: Store + Send + 'static>(
    person: Person<S>,
    form: Result<Form<TodayForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => {
            let (status, why) = form::unreadable(&rejection);
            let why = Error::invalid(why);
            let page = person
                .with_store(move |store| {
                    today_view(store, routine::day(store, today()), Some(&why))
                })
                .await;
            return form::with_status(page, status);
        }
    };
    let day = today();
    person
        .with_store(move |store| match act(store, &form, day) {
            Ok(()) => Redirect::to("/today").into_response(),
            Err(e) => today_view(store, routine::day(store, today()), Some(&e)),
        })
        .await
}

/// The one use case a form asks for.
fn act<S: Store>(
    store: &mut S,
    form: &TodayForm,
    day: jiff::civil::Date,
) -> glasskin_app::Result<()> {
    match form.action.as_deref().map(str::trim) {
        None | Some("") => {
            let time = routine::parse_time(form.time.as_deref().unwrap_or_default())?;
            // The boxes' values are product numbers this page wrote; anything else ticks nothing.
            let done: Vec<ProductId> = form.done.iter().filter_map(|v| v.parse().ok()).collect();
            routine::set_session(store, day, time, &done, day)
        }
        Some("patch_start") => patch::start(store, form.product()?, "inner arm", day).map(|_| ()),
        Some("patch_tested") => {
            let tested = shelf::Change {
                tested: true,
                ..shelf::Change::default()
            };
            shelf::change(store, form.product()?, tested, day).map(|_| ())
        }
        Some("patch_check") => {
            let reaction = patch::parse_reaction(form.reaction.as_deref().unwrap_or("none"))?;
            patch::check(store, day, reaction, day).map(|_| ())
        }
        Some("patch_end") => patch::end(store, day).map(|_| ()),
        Some(other) => Err(Error::invalid(format!(
            "action: unknown value `{other}`; use one of: patch_start, patch_tested, patch_check, patch_end"
        ))),
    }
}
