//! The documents a person writes, whatever carries them (a TOML or JSON file for the CLI, a JSON
//! body for the API): a routine to check (a profile, products and sessions; docs/routine.md), and
//! a profile and a shelf to plan from (docs/plan.md). Each is checked and turned into the core's
//! types; every error names the place in the document.

use glasskin_core::advice::{DAYS, Profile, Routine, RoutineProduct, Session, SkinType, Time};
use glasskin_core::plan::{Concern, Frequency, PatchTestState, PlanProfile, ShelfItem};
use glasskin_core::{KnowledgeBase, Step};
use serde::Deserialize;

use crate::error::{Error, Result};

/// A routine to check: the person, the products, and when each is used.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoutineDocument {
    /// The person; everything is optional.
    #[serde(default)]
    pub profile: PersonDocument,
    /// The products, each with its ingredient list or label.
    #[serde(default)]
    pub product: Vec<ProductDocument>,
    /// The sessions: a time, the days, and the products in order of use.
    #[serde(default)]
    pub session: Vec<SessionDocument>,
}

/// The person, as the rules need them.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonDocument {
    /// dry, oily, combination, normal or sensitive (default normal).
    #[serde(default)]
    pub skin_type: Option<String>,
    /// Sensitive skin, whatever the type.
    #[serde(default)]
    pub sensitive: bool,
    /// Pregnant or trying.
    #[serde(default)]
    pub pregnant: bool,
    /// Breastfeeding.
    #[serde(default)]
    pub breastfeeding: bool,
    /// Starting a retinoid for the first time.
    #[serde(default)]
    pub new_to_retinoids: bool,
    /// Skin irritated just now.
    #[serde(default)]
    pub irritated: bool,
}

/// A product: its name (or id) and its ingredients.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDocument {
    /// How sessions refer to it; defaults to the name.
    #[serde(default)]
    pub id: Option<String>,
    /// The product's name, which helps tell a toner from an essence.
    #[serde(default)]
    pub name: Option<String>,
    /// The ingredient list.
    #[serde(default)]
    pub ingredients: Option<String>,
    /// Or the whole label text, headings and prose included.
    #[serde(default)]
    pub label: Option<String>,
    /// The step, when known (for example `toner`, `serum`, `sunscreen`).
    #[serde(default)]
    pub step: Option<String>,
    /// Started in the last four weeks.
    #[serde(default)]
    pub new: bool,
}

/// A session: a time of day, its days, and its products in order of use.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionDocument {
    /// am or pm.
    pub time: String,
    /// Default daily.
    #[serde(default)]
    pub days: Option<Days>,
    /// Product ids (or names), in order of use.
    pub products: Vec<String>,
}

/// "daily", "weekdays", "weekends", a day name, or a list of day names.
#[derive(Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Days {
    /// One name: `daily`, `weekdays`, `weekends` or a day.
    Named(String),
    /// Day names: `["mon", "thu"]`.
    List(Vec<String>),
}

/// The most products, and the most sessions, one document may hold: more than a shelf has, and
/// few enough that checking them stays quick.
pub const MAX_ENTRIES: usize = 100;

/// Refuses a list longer than [`MAX_ENTRIES`].
fn at_most<T>(what: &str, list: &[T]) -> Result<()> {
    if list.len() > MAX_ENTRIES {
        return Err(Error::invalid(format!(
            "{} {what}; give at most {MAX_ENTRIES}",
            list.len()
        )));
    }
    Ok(())
}

/// Prefixes an error's sentence with where in the document it is.
fn at(place: impl std::fmt::Display) -> impl FnOnce(Error) -> Error {
    move |e| Error::invalid(format!("{place}: {}", e.message()))
}

/// A routine document, checked, with every product analysed.
pub fn routine(document: RoutineDocument, kb: &KnowledgeBase) -> Result<Routine> {
    let profile = person(&document.profile)?;
    at_most("sessions", &document.session)?;
    let (ids, products) = products(document.product, kb)?;
    let mut sessions = Vec::new();
    for (n, def) in document.session.into_iter().enumerate() {
        let place = format!("session {}", n + 1);
        let time = Time::from_id(&def.time.to_lowercase())
            .ok_or_else(|| Error::invalid(format!("{place}: time `{}`; use am or pm", def.time)))?;
        let days = parse_days(def.days.as_ref()).map_err(at(&place))?;
        let members: Vec<usize> = def
            .products
            .iter()
            .map(|p| {
                ids.iter()
                    .position(|id| id == p)
                    .ok_or_else(|| Error::invalid(format!("{place}: no product is called `{p}`")))
            })
            .collect::<Result<_>>()?;
        for day in days {
            sessions.push(Session {
                day,
                time,
                products: members.clone(),
            });
        }
    }
    Ok(Routine {
        profile,
        products,
        sessions,
    })
}

/// The person, from a `[profile]` table.
fn person(def: &PersonDocument) -> Result<Profile> {
    let skin_type = match &def.skin_type {
        None => SkinType::Normal,
        Some(s) => SkinType::from_id(s).ok_or_else(|| {
            Error::invalid(format!(
                "unknown skin type `{s}`; use dry, oily, combination, normal or sensitive"
            ))
        })?,
    };
    Ok(Profile {
        skin_type,
        sensitive: def.sensitive || skin_type == SkinType::Sensitive,
        pregnant: def.pregnant,
        breastfeeding: def.breastfeeding,
        new_to_retinoids: def.new_to_retinoids,
        irritated: def.irritated,
    })
}

/// The products, analysed and understood, with the ids sessions use for them.
fn products(
    defs: Vec<ProductDocument>,
    kb: &KnowledgeBase,
) -> Result<(Vec<String>, Vec<RoutineProduct>)> {
    at_most("products", &defs)?;
    let mut ids: Vec<String> = Vec::new();
    let mut products = Vec::new();
    for (n, def) in defs.into_iter().enumerate() {
        let name = def.name.clone().or_else(|| def.id.clone()).ok_or_else(|| {
            Error::invalid(format!("product {} needs a `name` or an `id`", n + 1))
        })?;
        let id = def.id.unwrap_or_else(|| name.clone());
        if ids.contains(&id) {
            return Err(Error::invalid(format!(
                "two products are called `{id}`; give one an `id`"
            )));
        }
        let text = match (def.ingredients, def.label) {
            (Some(text), None) | (None, Some(text)) => text,
            (Some(_), Some(_)) => {
                return Err(Error::invalid(format!(
                    "`{id}` has both `ingredients` and `label`; give one"
                )));
            }
            (None, None) => {
                return Err(Error::invalid(format!(
                    "`{id}` needs its `ingredients` (or the whole `label` text)"
                )));
            }
        };
        let declared = match &def.step {
            None => None,
            Some(s) => Some(Step::from_id(s).ok_or_else(|| {
                let steps: Vec<&str> = Step::ALL.iter().map(|s| s.id()).collect();
                Error::invalid(format!(
                    "`{id}`: unknown step `{s}`; use one of {}",
                    steps.join(", ")
                ))
            })?),
        };
        let analysis = glasskin_core::analyze(&text, kb);
        let Some(list) = analysis.products.into_iter().next() else {
            return Err(Error::invalid(format!(
                "`{id}`: no ingredient list found in its text"
            )));
        };
        let product = glasskin_core::understand(Some(&name), &list, declared);
        ids.push(id);
        products.push(RoutineProduct {
            name,
            list,
            product,
            new: def.new,
        });
    }
    Ok((ids, products))
}

/// "daily" (the default), "weekdays", "weekends", or a list of day names ("mon", "tuesday").
fn parse_days(days: Option<&Days>) -> Result<Vec<usize>> {
    let named = |d: &str| {
        let d = d.to_lowercase();
        DAYS.iter()
            .position(|day| d.starts_with(day))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "unknown day `{d}`; use mon, tue, wed, thu, fri, sat or sun"
                ))
            })
    };
    match days {
        None => Ok((0..7).collect()),
        Some(Days::Named(s)) => match s.to_lowercase().as_str() {
            "daily" | "every day" => Ok((0..7).collect()),
            "weekdays" => Ok((0..5).collect()),
            "weekends" => Ok(vec![5, 6]),
            one => Ok(vec![named(one)?]),
        },
        Some(Days::List(list)) => {
            let mut days: Vec<usize> = list.iter().map(|d| named(d)).collect::<Result<_>>()?;
            days.sort_unstable();
            days.dedup();
            Ok(days)
        }
    }
}

/// Days as an option gives them: "none", "daily", "weekdays", "weekends", or day names joined by
/// commas ("sat,sun").
pub fn days_option(text: &str) -> Result<Vec<usize>> {
    let text = text.trim().to_lowercase();
    if text == "none" {
        return Ok(Vec::new());
    }
    let list: Vec<String> = text.split(',').map(|d| d.trim().to_owned()).collect();
    match list.as_slice() {
        [one] => parse_days(Some(&Days::Named(one.clone()))),
        _ => parse_days(Some(&Days::List(list))),
    }
}

/// A profile to plan for: the person, their concerns and their week.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileDocument {
    #[serde(flatten)]
    person: PersonDocument,
    #[serde(default)]
    concerns: Vec<String>,
    #[serde(default)]
    retinoid_weeks: Option<u32>,
    /// Days with sunscreen or make-up to remove: "daily" (default), "none", or a list.
    #[serde(default)]
    makeup_days: Option<Days>,
    #[serde(default)]
    fragrance_free: bool,
    #[serde(default)]
    max_steps: Option<usize>,
    #[serde(default)]
    short_days: Option<Days>,
}

/// A shelf to plan from: its products.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShelfDocument {
    product: Vec<ShelfProductDocument>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShelfProductDocument {
    #[serde(flatten)]
    product: ProductDocument,
    /// "daily", "every other day", "2x week", or days: "mon/thu", ["mon", "thu"].
    #[serde(default)]
    frequency: Option<Days>,
    /// "am" or "pm": only then.
    #[serde(default)]
    time: Option<String>,
}

/// A profile document, checked.
pub fn profile(document: &ProfileDocument) -> Result<PlanProfile> {
    let person = person(&document.person)?;
    let concerns = document
        .concerns
        .iter()
        .map(|c| {
            Concern::from_id(&c.to_lowercase().replace([' ', '-'], "_")).ok_or_else(|| {
                let ids: Vec<&str> = Concern::ALL.iter().map(|c| c.id()).collect();
                Error::invalid(format!("unknown concern `{c}`; use {}", ids.join(", ")))
            })
        })
        .collect::<Result<_>>()?;
    let makeup_days = match &document.makeup_days {
        None => None,
        Some(Days::Named(n)) if n == "none" => Some(Vec::new()),
        Some(days) => Some(parse_days(Some(days)).map_err(at("makeup_days"))?),
    };
    let short_days = match &document.short_days {
        None => Vec::new(),
        Some(days) => parse_days(Some(days)).map_err(at("short_days"))?,
    };
    glasskin_store::check_max_steps(document.max_steps)?;
    Ok(PlanProfile {
        person,
        concerns,
        retinoid_weeks: document.retinoid_weeks,
        makeup_days,
        fragrance_free: document.fragrance_free,
        max_steps: document.max_steps,
        short_days,
        previous: Vec::new(),
    })
}

/// A shelf document, checked, with every product analysed.
pub fn shelf(document: ShelfDocument, kb: &KnowledgeBase) -> Result<Vec<ShelfItem>> {
    let mut extras = Vec::new();
    let mut defs = Vec::new();
    for item in document.product {
        extras.push((item.frequency, item.time));
        defs.push(item.product);
    }
    let (ids, products) = products(defs, kb)?;
    products
        .into_iter()
        .zip(extras)
        .zip(ids)
        .map(|((product, (frequency, time)), id)| {
            let frequency = frequency
                .map(|f| frequency_of(&f))
                .transpose()
                .map_err(at(format!("`{id}`")))?;
            let time = time
                .map(|t| {
                    let t = t.to_lowercase();
                    let t = t.trim_end_matches(" only");
                    Time::from_id(t)
                        .ok_or_else(|| Error::invalid(format!("`{id}`: time `{t}`; use am or pm")))
                })
                .transpose()?;
            Ok(ShelfItem {
                product,
                frequency,
                time,
                patch_test: PatchTestState::default(),
                expired: None,
            })
        })
        .collect()
}

fn frequency_of(days: &Days) -> Result<Frequency> {
    if let Days::Named(text) = days {
        let text = text.to_lowercase();
        let compact = text.replace(' ', "");
        match text.as_str() {
            "daily" | "every day" => return Ok(Frequency::Daily),
            "every other day" | "alternate days" => return Ok(Frequency::EveryOtherDay),
            _ => {}
        }
        for suffix in ["xweek", "xaweek", "timesaweek", "timesperweek", "/week"] {
            if let Some(n) = compact.strip_suffix(suffix)
                && let Ok(n) = n.parse::<u8>()
                && (1..=7).contains(&n)
            {
                return Ok(Frequency::TimesPerWeek(n));
            }
        }
        if text.contains('/') {
            let list: Vec<String> = text.split('/').map(|d| d.trim().to_owned()).collect();
            return Ok(Frequency::Days(parse_days(Some(&Days::List(list)))?));
        }
    }
    parse_days(Some(days)).map(Frequency::Days).map_err(|e| {
        Error::invalid(format!(
            "frequency: {}; use daily, every other day, 2x week, mon/thu or a list of days",
            e.message()
        ))
    })
}
