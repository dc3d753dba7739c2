//! The Check page: the routine a person already follows, put together from their shelf (a
//! morning, an evening, and up to two sessions on some days only: "retinol on Monday and
//! Thursday"), checked against the evidence-graded rules as `glasskin check` checks a routine
//! file. It changes nothing: the findings come back under the form, which keeps what was ticked.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use glasskin_app::advice::{self, ShelfSession};
use glasskin_core::advice::{Finding, Severity, Time};
use glasskin_core::kb::Grade;
use glasskin_store::{ProductId, Store};
use serde::Deserialize;

use super::form::{self, Form};
use super::render::{failed, plain, refused_status, render};
use super::words;
use crate::{Person, today};

/// Sessions the form offers: every morning, every evening, and two more for some days only.
const SESSIONS: usize = 4;

/// What was ticked, as posted: a session's time (`time`, one per session, in order), and its
/// days and products as `session:value` (`day=2:0` is Monday in the third session).
#[derive(Deserialize, Default)]
pub(super) struct CheckForm {
    #[serde(default)]
    time: Vec<String>,
    #[serde(default)]
    day: Vec<String>,
    #[serde(default)]
    product: Vec<String>,
}

/// A session of the form as drawn: its number, time, and which days and products are ticked.
struct SessionView {
    index: usize,
    /// "Every morning", "Every evening" or "Some days only": the session's heading.
    heading: &'static str,
    morning: bool,
    /// Anything ticked: a session for some days only is shown open then, folded away else.
    used: bool,
    days: Vec<words::DayView>,
    products: Vec<ProductView>,
}

struct ProductView {
    id: ProductId,
    name: String,
    step: &'static str,
    on: bool,
}

/// A finding as the page shows it: its level in colour and words, and its evidence.
struct FindingView {
    /// CSS class: `warning`, `caution` or `information`.
    class: &'static str,
    /// "Warning", "Caution", "Note" or "Myth".
    word: &'static str,
    title: &'static str,
    grade: String,
    message: String,
    when: String,
    ingredients: String,
    myth: Option<&'static str>,
    why: &'static str,
    fixes: Vec<&'static str>,
    sources: Vec<String>,
    tips: Vec<(&'static str, &'static str)>,
}

impl FindingView {
    fn of(finding: &Finding) -> FindingView {
        let rule = finding.rule;
        let (class, word) = match (rule.grade, rule.severity) {
            (Grade::M, _) => ("information", "Myth"),
            (_, Severity::Warning) => ("warning", "Warning"),
            (_, Severity::Caution) => ("caution", "Caution"),
            (_, Severity::Info) => ("information", "Note"),
        };
        FindingView {
            class,
            word,
            title: rule.title,
            grade: format!("{:?}", rule.grade),
            message: finding.message.clone(),
            when: finding
                .when
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            ingredients: finding.ingredients.join(", "),
            myth: rule.myth,
            why: rule.why,
            fixes: finding.fixes.iter().map(|f| f.label()).collect(),
            sources: rule.sources.iter().map(|s| words::source(s)).collect(),
            tips: finding.tips.iter().map(|t| (t.id, t.title)).collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "check.html")]
struct CheckPage {
    nav: &'static str,
    sessions: Vec<SessionView>,
    /// Nothing on the shelf to put in a routine.
    empty_shelf: bool,
    /// Why the form was refused, shown at its top.
    error: Option<String>,
    /// The status that refusal answers with: 404 for a product not on the shelf, else 422.
    refused: StatusCode,
    /// The findings, once a routine was checked.
    findings: Option<Vec<FindingView>>,
    /// "3 products, 14 sessions a week, for oily skin."
    summary: String,
    /// No profile yet: the check took normal skin, and the rules about the person were not
    /// asked.
    no_profile: bool,
}

/// The empty form's sessions: every morning, every evening, and two for some days only.
fn empty_form() -> Vec<ShelfSession> {
    (0..SESSIONS)
        .map(|i| ShelfSession {
            time: if i == 0 { Time::Am } else { Time::Pm },
            days: if i < 2 { (0..7).collect() } else { Vec::new() },
            products: Vec::new(),
        })
        .collect()
}

/// The sessions as ticked, or why the form cannot be read (only a form not drawn by the page
/// sends a bad time, day or session).
fn ticked(form: &CheckForm) -> Result<Vec<ShelfSession>, String> {
    let mut sessions = (0..SESSIONS)
        .map(|i| {
            Ok(ShelfSession {
                time: match form.time.get(i).map(String::as_str) {
                    Some("am") => Time::Am,
                    Some("pm") | None => Time::Pm,
                    Some(other) => return Err(format!("`{other}` is not a time: am or pm")),
                },
                days: Vec::new(),
                products: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let pairs = |values: &[String], what: &str| -> Result<Vec<(usize, i64)>, String> {
        values
            .iter()
            .map(|v| {
                v.split_once(':')
                    .and_then(|(s, x)| Some((s.parse().ok()?, x.parse().ok()?)))
                    .filter(|(s, _)| *s < SESSIONS)
                    .ok_or_else(|| format!("`{v}` is not a {what} of a session"))
            })
            .collect()
    };
    for (session, day) in pairs(&form.day, "day")? {
        let day = usize::try_from(day).unwrap_or(usize::MAX);
        if day > 6 {
            return Err(format!("day {day} is not a day of the week"));
        }
        sessions[session].days.push(day);
    }
    for (session, id) in pairs(&form.product, "product")? {
        sessions[session].products.push(id);
    }
    Ok(sessions)
}

/// Draws the page around the sessions ticked, with the findings when `checked`. A product gone
/// from the shelf since the form was drawn is refused by name, as any refusal is, at the top.
fn page<S: Store>(
    store: &S,
    sessions: &[ShelfSession],
    mut error: Option<String>,
    checked: bool,
) -> Result<CheckPage, glasskin_app::Error> {
    let routines = advice::shelf_routines(store, today())?;
    // Products in the order of use, so a session's ticks post in the order they go on.
    let mut shelf: Vec<(ProductId, &str, glasskin_core::Step)> = routines
        .products()
        .iter()
        .map(|(id, p)| (*id, p.name.as_str(), p.product.step))
        .collect();
    shelf.sort_by_key(|(_, _, step)| *step);
    let mut summary = String::new();
    let mut findings = None;
    let mut refused = StatusCode::UNPROCESSABLE_ENTITY;
    if checked && error.is_none() && !shelf.is_empty() {
        match routines.check(sessions) {
            Ok((routine, report)) => {
                summary = format!(
                    "{} products, {} sessions a week, for {} skin.",
                    routine.products.len(),
                    routine.sessions.len(),
                    routine.profile.skin_type.label()
                );
                findings = Some(report.findings.iter().map(FindingView::of).collect());
            }
            Err(e) if refused_status(&e) == StatusCode::INTERNAL_SERVER_ERROR => return Err(e),
            Err(e) => {
                refused = refused_status(&e);
                error = Some(plain(e.message()));
            }
        }
    }
    let views = sessions
        .iter()
        .enumerate()
        .map(|(index, session)| SessionView {
            index,
            heading: match index {
                0 => "Every morning",
                1 => "Every evening",
                _ => "Some days only",
            },
            morning: session.time == Time::Am,
            used: !session.days.is_empty() || !session.products.is_empty(),
            days: words::days(|day| session.days.contains(&day)),
            products: shelf
                .iter()
                .map(|(id, name, step)| ProductView {
                    id: *id,
                    name: (*name).to_owned(),
                    step: step.label(),
                    on: session.products.contains(id),
                })
                .collect(),
        })
        .collect();
    Ok(CheckPage {
        nav: "check",
        sessions: views,
        empty_shelf: shelf.is_empty(),
        error,
        refused,
        findings,
        summary,
        no_profile: !routines.has_profile(),
    })
}

/// The page, answered with `status` (422 or 413 for a refused form; else 404 or 422 for a
/// routine the check refused).
async fn respond<S: Store + Send + 'static>(
    person: Person<S>,
    sessions: Vec<ShelfSession>,
    refused: Option<(StatusCode, String)>,
    checked: bool,
) -> Response {
    let (status, error) = match refused {
        Some((status, why)) => (Some(status), Some(plain(&why))),
        None => (None, None),
    };
    let drawn = person
        .with_reader(move |store| page(store, &sessions, error, checked))
        .await;
    match drawn {
        Ok(page) => {
            let status = status.or_else(|| page.error.is_some().then_some(page.refused));
            let mut response = render(&page);
            if let Some(status) = status {
                *response.status_mut() = status;
            }
            response
        }
        Err(e) => failed(&e),
    }
}

pub(super) async fn check_page<S: Store + Send + 'static>(person: Person<S>) -> Response {
    respond(person, empty_form(), None, false).await
}

pub(super) async fn check_post<S: Store + Send + 'static>(
    person: Person<S>,
    posted: Result<Form<CheckForm>, form::FormRejection>,
) -> Response {
    match posted.map(|Form(form)| ticked(&form)) {
        Ok(Ok(sessions)) => respond(person, sessions, None, true).await,
        Ok(Err(why)) => {
            let refused = Some((StatusCode::UNPROCESSABLE_ENTITY, why));
            respond(person, empty_form(), refused, false).await
        }
        Err(rejection) => {
            let refused = Some(form::unreadable(&rejection));
            respond(person, empty_form(), refused, false).await
        }
    }
}
