//! The Profile page: skin type, concerns and the few facts the plan must respect.

use askama::Template;
use axum::response::Response;
use glasskin_app::profile::{self, Changes};
use glasskin_app::{Error, ErrorKind, Result};
use glasskin_core::advice::SkinType;
use glasskin_core::plan::Concern;
use glasskin_store::{MAX_STEPS, Store, StoredProfile};
use jiff::civil::Date;
use serde::Deserialize;

use super::form::{self, Form};
use super::render::{failed, plain, refused_status, render};
use super::words::{DAY_NAMES, DayView, days};
use crate::{Person, today};

struct OptionView {
    value: &'static str,
    selected: bool,
}

struct ConcernView {
    id: &'static str,
    label: String,
    on: bool,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    nav: &'static str,
    skin_types: Vec<OptionView>,
    concerns: Vec<ConcernView>,
    sensitive: bool,
    pregnant: bool,
    breastfeeding: bool,
    irritated: bool,
    fragrance_free: bool,
    /// The retinoid's start, as the date field's value (empty: none).
    retinoid_started: String,
    /// Today, the latest start the date field offers.
    today: String,
    makeup_days: Vec<DayView>,
    short_days: Vec<DayView>,
    /// The limit on a routine's steps, as the number field's value (empty: none).
    max_steps: String,
    min_steps: usize,
    most_steps: usize,
    saved: Option<&'static str>,
    error: Option<String>,
}

/// The saved profile, or a normal-skin one before anything is saved.
fn saved<S: Store>(store: &S) -> Result<StoredProfile> {
    match profile::get(store) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(StoredProfile::default()),
        read => read,
    }
}

fn profile_view(profile: &StoredProfile, today: Date, saved: Option<&'static str>) -> ProfilePage {
    ProfilePage {
        nav: "profile",
        skin_types: SkinType::ALL
            .iter()
            .map(|s| OptionView {
                value: s.id(),
                selected: *s == profile.skin_type,
            })
            .collect(),
        concerns: Concern::ALL
            .iter()
            .map(|c| ConcernView {
                id: c.id(),
                label: {
                    let words = c.id().replace('_', " ");
                    let mut chars = words.chars();
                    chars
                        .next()
                        .map(|f| f.to_uppercase().chain(chars).collect())
                        .unwrap_or_default()
                },
                on: profile.concerns.contains(c),
            })
            .collect(),
        sensitive: profile.sensitive,
        pregnant: profile.pregnant,
        breastfeeding: profile.breastfeeding,
        irritated: profile.irritated,
        fragrance_free: profile.fragrance_free,
        retinoid_started: profile
            .retinoid_started
            .map(|d| d.to_string())
            .unwrap_or_default(),
        today: today.to_string(),
        makeup_days: days(|d| {
            profile
                .makeup_days
                .as_ref()
                .is_none_or(|days| days.contains(&d))
        }),
        short_days: days(|d| profile.short_days.contains(&d)),
        max_steps: profile.max_steps.map(|n| n.to_string()).unwrap_or_default(),
        min_steps: *MAX_STEPS.start(),
        most_steps: *MAX_STEPS.end(),
        saved,
        error: None,
    }
}

pub(super) async fn profile_page<S: Store + Send + 'static>(person: Person<S>) -> Response {
    match person.with_reader(|store| saved(store)).await {
        Ok(profile) => render(&profile_view(&profile, today(), None)),
        Err(e) => failed(&e),
    }
}

/// The profile form; a checkbox left unticked is not sent at all. Each group of day
/// checkboxes also sends one empty value, so a group with none ticked is told apart from a post
/// without the group.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ProfileForm {
    #[serde(deserialize_with = "form::trimmed")]
    skin_type: String,
    /// One key per concern ticked.
    concern: Vec<String>,
    #[serde(deserialize_with = "form::trimmed")]
    sensitive: String,
    #[serde(deserialize_with = "form::trimmed")]
    pregnant: String,
    #[serde(deserialize_with = "form::trimmed")]
    breastfeeding: String,
    #[serde(deserialize_with = "form::trimmed")]
    irritated: String,
    #[serde(deserialize_with = "form::trimmed")]
    fragrance_free: String,
    /// The retinoid's start, `YYYY-MM-DD`; empty when none was started.
    #[serde(deserialize_with = "form::first")]
    retinoid_started: Option<String>,
    /// One key per day (0 = Monday) with sunscreen or make-up to remove, and one empty.
    makeup_day: Vec<String>,
    /// One key per day with no time, and one empty.
    short_day: Vec<String>,
    /// The limit on a routine's steps; empty for none.
    #[serde(deserialize_with = "form::first")]
    max_steps: Option<String>,
}

/// The days ticked in a group of checkboxes, or `None` when the post did not have the group.
fn ticked_days(field: &str, values: &[String]) -> Result<Option<Vec<usize>>> {
    if values.is_empty() {
        return Ok(None);
    }
    let mut days = values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .map(|v| profile::parse_day(field, v))
        .collect::<Result<Vec<usize>>>()?;
    days.sort_unstable();
    days.dedup();
    Ok(Some(days))
}

impl ProfileForm {
    /// The changes the form asks for. A field the post did not have keeps its saved value; one
    /// sent empty is cleared.
    fn changes(&self) -> Result<Changes> {
        let skin_type = match self.skin_type.as_str() {
            "" => SkinType::Normal,
            text => profile::parse_skin_type(text)?,
        };
        let concerns = self
            .concern
            .iter()
            .map(|c| profile::parse_concern(c))
            .collect::<Result<Vec<Concern>>>()?;
        let ticked = |value: &str| Some(!value.is_empty());
        let retinoid_started = self
            .retinoid_started
            .as_deref()
            .map(|text| match text.trim() {
                "" => Ok(None),
                text => text.parse::<Date>().map(Some).map_err(|_| {
                    Error::invalid(format!(
                        "retinoid_started: `{text}` is not a date; write it like 2026-03-01"
                    ))
                }),
            })
            .transpose()?;
        // Every day ticked is the default, every day, which also covers days added later.
        let makeup_days = ticked_days("makeup_days", &self.makeup_day)?
            .map(|days| (days.len() < DAY_NAMES.len()).then_some(days));
        Ok(Changes {
            skin_type: Some(skin_type),
            concerns: Some(concerns),
            sensitive: ticked(&self.sensitive),
            pregnant: ticked(&self.pregnant),
            breastfeeding: ticked(&self.breastfeeding),
            irritated: ticked(&self.irritated),
            fragrance_free: ticked(&self.fragrance_free),
            retinoid_started,
            makeup_days,
            short_days: ticked_days("short_days", &self.short_day)?,
            max_steps: self
                .max_steps
                .as_deref()
                .map(profile::parse_max_steps)
                .transpose()?,
        })
    }
}

/// Saves the profile. A body that is not a form is refused in plain text by the extractor; a
/// value refused is shown on the page, over the profile as saved.
pub(super) async fn profile_post<S: Store + Send + 'static>(
    person: Person<S>,
    Form(form): Form<ProfileForm>,
) -> Response {
    let today = today();
    let changes = form.changes();
    let (result, shown) = person
        .with_store(move |store| {
            let result = changes.and_then(|c| profile::update(store, c, today));
            (result, saved(store))
        })
        .await;
    match (result, shown) {
        (Ok(profile), _) => render(&profile_view(&profile, today, Some("Saved."))),
        (Err(e), Ok(profile)) => {
            let mut page = render(&ProfilePage {
                error: Some(plain(&e.to_string())),
                ..profile_view(&profile, today, None)
            });
            *page.status_mut() = refused_status(&e);
            page
        }
        (Err(_), Err(e)) => failed(&e),
    }
}
