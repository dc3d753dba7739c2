//! The Profile page: skin type, concerns and the few facts the plan must respect.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use glasskin_app::profile::{self, Changes};
use glasskin_app::{ErrorKind, Result};
use glasskin_core::advice::SkinType;
use glasskin_core::plan::Concern;
use glasskin_store::{Store, StoredProfile};
use serde::Deserialize;

use super::form::{self, Form};
use super::render::{failed, refused_status, render};
use crate::{AppState, today};

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
    irritated: bool,
    fragrance_free: bool,
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

fn profile_view(profile: &StoredProfile, saved: Option<&'static str>) -> ProfilePage {
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
        irritated: profile.irritated,
        fragrance_free: profile.fragrance_free,
        saved,
        error: None,
    }
}

pub(super) async fn profile_page<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> Response {
    match state.with_store(|store| saved(store)).await {
        Ok(profile) => render(&profile_view(&profile, None)),
        Err(e) => failed(&e),
    }
}

/// The profile form; a checkbox left unticked is not sent at all.
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
    irritated: String,
    #[serde(deserialize_with = "form::trimmed")]
    fragrance_free: String,
}

impl ProfileForm {
    /// The changes the form asks for; fields it does not show (retinoid start, makeup days)
    /// keep their saved values.
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
        Ok(Changes {
            skin_type: Some(skin_type),
            concerns: Some(concerns),
            sensitive: ticked(&self.sensitive),
            pregnant: ticked(&self.pregnant),
            irritated: ticked(&self.irritated),
            fragrance_free: ticked(&self.fragrance_free),
            retinoid_started: None,
        })
    }
}

/// Saves the profile. A body that is not a form is refused in plain text by the extractor; a
/// value refused is shown on the page, over the profile as saved.
pub(super) async fn profile_post<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Form(form): Form<ProfileForm>,
) -> Response {
    let today = today();
    let changes = form.changes();
    let (result, shown) = state
        .with_store(move |store| {
            let result = changes.and_then(|c| profile::update(store, c, today));
            (result, saved(store))
        })
        .await;
    match (result, shown) {
        (Ok(profile), _) => render(&profile_view(&profile, Some("Saved."))),
        (Err(e), Ok(profile)) => {
            let mut page = render(&ProfilePage {
                error: Some(e.to_string()),
                ..profile_view(&profile, None)
            });
            *page.status_mut() = refused_status(&e);
            page
        }
        (Err(_), Err(e)) => failed(&e),
    }
}
