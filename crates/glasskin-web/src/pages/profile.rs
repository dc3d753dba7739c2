//! The Profile page: skin type, concerns and the few facts the plan must respect.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use glasskin_store::{SqliteStore, Store};
use serde::Deserialize;

use super::form::{self, Form};
use super::render::render;
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
}

fn profile_view(store: &SqliteStore, saved: Option<&'static str>) -> Response {
    use glasskin_core::advice::SkinType;
    use glasskin_core::plan::Concern;
    let profile = store
        .profile()
        .ok()
        .flatten()
        .unwrap_or_else(|| glasskin_store::StoredProfile {
            skin_type: "normal".into(),
            ..Default::default()
        });
    render(&ProfilePage {
        nav: "profile",
        skin_types: SkinType::ALL
            .iter()
            .map(|s| OptionView {
                value: s.id(),
                selected: s.id() == profile.skin_type,
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
                on: profile.concerns.iter().any(|x| x == c.id()),
            })
            .collect(),
        sensitive: profile.sensitive,
        pregnant: profile.pregnant,
        irritated: profile.irritated,
        fragrance_free: profile.fragrance_free,
        saved,
    })
}

pub(super) async fn profile_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| profile_view(store, None)).await
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

/// Saves the profile. A body that is not a form is refused in plain text by the extractor, as a
/// refused profile is here.
pub(super) async fn profile_post(
    State(state): State<AppState>,
    Form(form): Form<ProfileForm>,
) -> Response {
    let skin_type = Some(form.skin_type)
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "normal".to_owned());
    let concerns: Vec<String> = form
        .concern
        .into_iter()
        .filter(|v| glasskin_core::plan::Concern::from_id(v).is_some())
        .collect();
    let flags = [
        form.sensitive,
        form.pregnant,
        form.irritated,
        form.fragrance_free,
    ]
    .map(|f| !f.is_empty());
    let today = today();
    state
        .with_store(move |store| {
            // Fields this form does not show (retinoid start, makeup days) are kept.
            let mut profile = store.profile().ok().flatten().unwrap_or_default();
            profile.skin_type = skin_type;
            profile.concerns = concerns;
            [
                profile.sensitive,
                profile.pregnant,
                profile.irritated,
                profile.fragrance_free,
            ] = flags;
            match store.set_profile(&profile, today) {
                Ok(()) => profile_view(store, Some("Saved.")),
                Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response(),
            }
        })
        .await
}
