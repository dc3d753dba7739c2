//! The person: their saved profile, whole or field by field.

use glasskin_core::advice::SkinType;
use glasskin_core::plan::{Concern, PlanProfile};
use glasskin_store::{MAX_STEPS, Store, StoredProfile, check_max_steps};
use jiff::civil::Date;

use crate::error::{Error, Result, parse};

/// The saved profile.
pub fn get<S: Store + ?Sized>(store: &S) -> Result<StoredProfile> {
    store
        .profile()?
        .ok_or_else(|| Error::not_found("no profile saved yet"))
}

/// Saves a whole profile, replacing the last one.
pub fn set<S: Store + ?Sized>(
    store: &mut S,
    profile: StoredProfile,
    today: Date,
) -> Result<StoredProfile> {
    store.set_profile(&profile, today)?;
    Ok(profile)
}

/// Some fields of the profile; the others keep their saved values.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// The skin type.
    pub skin_type: Option<SkinType>,
    /// The concerns, replacing the saved ones.
    pub concerns: Option<Vec<Concern>>,
    /// Sensitive skin.
    pub sensitive: Option<bool>,
    /// Pregnant or trying to be.
    pub pregnant: Option<bool>,
    /// Breastfeeding.
    pub breastfeeding: Option<bool>,
    /// Skin irritated just now.
    pub irritated: Option<bool>,
    /// Leave out fragranced products.
    pub fragrance_free: Option<bool>,
    /// The day a retinoid was started; `Some(None)` forgets it (none started, as far as the
    /// plan knows: it ramps a retinoid up from the start).
    pub retinoid_started: Option<Option<Date>>,
    /// Days (0 = Monday) with sunscreen or make-up to remove; `Some(None)`: every day.
    pub makeup_days: Option<Option<Vec<usize>>>,
    /// Days (0 = Monday) with no time for a long routine, replacing the saved ones.
    pub short_days: Option<Vec<usize>>,
    /// At most this many steps in a routine; `Some(None)`: no limit.
    pub max_steps: Option<Option<usize>>,
}

impl Changes {
    /// The profile with these changes made.
    pub fn apply(self, mut profile: StoredProfile) -> StoredProfile {
        if let Some(skin_type) = self.skin_type {
            profile.skin_type = skin_type;
        }
        if let Some(concerns) = self.concerns {
            profile.concerns = concerns;
        }
        profile.sensitive = self.sensitive.unwrap_or(profile.sensitive);
        profile.pregnant = self.pregnant.unwrap_or(profile.pregnant);
        profile.breastfeeding = self.breastfeeding.unwrap_or(profile.breastfeeding);
        profile.irritated = self.irritated.unwrap_or(profile.irritated);
        profile.fragrance_free = self.fragrance_free.unwrap_or(profile.fragrance_free);
        if let Some(started) = self.retinoid_started {
            profile.retinoid_started = started;
        }
        if let Some(days) = self.makeup_days {
            profile.makeup_days = days;
        }
        if let Some(days) = self.short_days {
            profile.short_days = days;
        }
        if let Some(limit) = self.max_steps {
            profile.max_steps = limit;
        }
        profile
    }
}

/// Changes the saved profile (or, with none saved, a normal-skin one) and saves it.
pub fn update<S: Store + ?Sized>(
    store: &mut S,
    changes: Changes,
    today: Date,
) -> Result<StoredProfile> {
    let saved = store.profile()?.unwrap_or_default();
    set(store, changes.apply(saved), today)
}

/// The skin type with this id.
pub fn parse_skin_type(text: &str) -> Result<SkinType> {
    parse("skin type", text)
}

/// The concern with this id; spaces and hyphens read as underscores ("fine lines").
pub fn parse_concern(text: &str) -> Result<Concern> {
    parse(
        "concern",
        &text.trim().to_lowercase().replace([' ', '-'], "_"),
    )
}

/// A limit on a routine's steps as a person types it: a whole number, checked as every saved
/// profile is ([`glasskin_store::check_max_steps`]), or nothing for no limit.
pub fn parse_max_steps(text: &str) -> Result<Option<usize>> {
    let limit = match text.trim() {
        "" => return Ok(None),
        text => text.parse::<usize>().map_err(|_| {
            Error::invalid(format!(
                "max_steps: `{text}` is not a number of steps; give a whole number from {} to \
                 {}, or leave it empty for no limit",
                MAX_STEPS.start(),
                MAX_STEPS.end()
            ))
        })?,
    };
    check_max_steps(Some(limit))?;
    Ok(Some(limit))
}

/// A day of the week as a number, 0 (Monday) to 6 (Sunday), for `field` (`makeup_days`,
/// `short_days`).
pub fn parse_day(field: &str, text: &str) -> Result<usize> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|day| *day < 7)
        .ok_or_else(|| {
            Error::invalid(format!(
                "{field}: `{text}` is not a day of the week; use 0 (Monday) to 6 (Sunday)"
            ))
        })
}

/// A planner profile as stored: the retinoid's weeks become the day it started.
pub fn stored(plan: &PlanProfile, today: Date) -> StoredProfile {
    StoredProfile {
        skin_type: plan.person.skin_type,
        sensitive: plan.person.sensitive,
        pregnant: plan.person.pregnant,
        breastfeeding: plan.person.breastfeeding,
        irritated: plan.person.irritated,
        retinoid_started: plan.retinoid_weeks.and_then(|w| {
            today
                .checked_sub(jiff::Span::new().weeks(i64::from(w)))
                .ok()
        }),
        concerns: plan.concerns.clone(),
        makeup_days: plan.makeup_days.clone(),
        fragrance_free: plan.fragrance_free,
        max_steps: plan.max_steps,
        short_days: plan.short_days.clone(),
    }
}
