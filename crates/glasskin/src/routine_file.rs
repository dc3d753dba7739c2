//! The files a person writes, in TOML or JSON: routines for `glasskin check` (a profile, products
//! and week; docs/routine.md), and profiles and shelves for `glasskin plan` and `glasskin profile
//! set` (docs/plan.md). Each is read, checked and turned into the core's types; every error names
//! the file and the place in it.

use std::path::Path;

use anyhow::{Context, bail};
use glasskin_core::advice::{DAYS, Profile, Routine, RoutineProduct, Session, SkinType, Time};
use glasskin_core::plan::{Concern, Frequency, PatchTestState, PlanProfile, ShelfItem};
use glasskin_core::{KnowledgeBase, Step};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    profile: ProfileDef,
    #[serde(default)]
    product: Vec<ProductDef>,
    #[serde(default)]
    session: Vec<SessionDef>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProfileDef {
    #[serde(default)]
    skin_type: Option<String>,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    pregnant: bool,
    #[serde(default)]
    new_to_retinoids: bool,
    #[serde(default)]
    irritated: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductDef {
    /// How sessions refer to it; defaults to the name.
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    /// The ingredient list.
    #[serde(default)]
    ingredients: Option<String>,
    /// Or the whole label text, headings and prose included.
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    step: Option<String>,
    #[serde(default)]
    new: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionDef {
    time: String,
    #[serde(default)]
    days: Option<Days>,
    products: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Days {
    Named(String),
    List(Vec<String>),
}

/// Reads a file of `what` (a routine, a profile, a shelf): JSON if its name ends in `.json`,
/// TOML otherwise.
fn read_file<T: for<'de> Deserialize<'de>>(path: &Path, what: &str) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the {what} file {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text)
            .with_context(|| format!("{} is not a valid {what} (JSON)", path.display()))
    } else {
        toml::from_str(&text)
            .with_context(|| format!("{} is not a valid {what} (TOML)", path.display()))
    }
}

/// Reads and checks a routine file, analysing every product.
pub fn read(path: &Path, kb: &KnowledgeBase) -> anyhow::Result<Routine> {
    let file: File = read_file(path, "routine")?;
    parse(file, kb).with_context(|| format!("in {}", path.display()))
}

fn parse(file: File, kb: &KnowledgeBase) -> anyhow::Result<Routine> {
    let profile = profile(&file.profile)?;
    let (ids, products) = products(file.product, kb)?;
    let mut sessions = Vec::new();
    for (n, def) in file.session.into_iter().enumerate() {
        let place = format!("session {}", n + 1);
        let time = Time::from_id(&def.time.to_lowercase())
            .with_context(|| format!("{place}: time `{}`; use am or pm", def.time))?;
        let days = parse_days(def.days.as_ref()).with_context(|| place.clone())?;
        let members: Vec<usize> = def
            .products
            .iter()
            .map(|p| {
                ids.iter()
                    .position(|id| id == p)
                    .with_context(|| format!("{place}: no product is called `{p}`"))
            })
            .collect::<anyhow::Result<_>>()?;
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
fn profile(def: &ProfileDef) -> anyhow::Result<Profile> {
    let skin_type = match &def.skin_type {
        None => SkinType::Normal,
        Some(s) => SkinType::from_id(s).with_context(|| {
            format!("unknown skin type `{s}`; use dry, oily, combination, normal or sensitive")
        })?,
    };
    Ok(Profile {
        skin_type,
        sensitive: def.sensitive || skin_type == SkinType::Sensitive,
        pregnant: def.pregnant,
        new_to_retinoids: def.new_to_retinoids,
        irritated: def.irritated,
    })
}

/// The products, analysed and understood, with the ids sessions use for them.
fn products(
    defs: Vec<ProductDef>,
    kb: &KnowledgeBase,
) -> anyhow::Result<(Vec<String>, Vec<RoutineProduct>)> {
    let mut ids: Vec<String> = Vec::new();
    let mut products = Vec::new();
    for (n, def) in defs.into_iter().enumerate() {
        let place = format!("product {}", n + 1);
        let name = def
            .name
            .clone()
            .or_else(|| def.id.clone())
            .with_context(|| format!("{place} needs a `name` or an `id`"))?;
        let id = def.id.unwrap_or_else(|| name.clone());
        if ids.contains(&id) {
            bail!("two products are called `{id}`; give one an `id`");
        }
        let text = match (def.ingredients, def.label) {
            (Some(text), None) | (None, Some(text)) => text,
            (Some(_), Some(_)) => bail!("`{id}` has both `ingredients` and `label`; give one"),
            (None, None) => bail!("`{id}` needs its `ingredients` (or the whole `label` text)"),
        };
        let declared = match &def.step {
            None => None,
            Some(s) => Some(Step::from_id(s).with_context(|| {
                let steps: Vec<&str> = Step::ALL.iter().map(|s| s.id()).collect();
                format!(
                    "`{id}`: unknown step `{s}`; use one of {}",
                    steps.join(", ")
                )
            })?),
        };
        let analysis = glasskin_core::analyze(&text, kb);
        let Some(list) = analysis.products.into_iter().next() else {
            bail!("`{id}`: no ingredient list found in its text");
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
fn parse_days(days: Option<&Days>) -> anyhow::Result<Vec<usize>> {
    let named = |d: &str| {
        let d = d.to_lowercase();
        DAYS.iter()
            .position(|day| d.starts_with(day))
            .with_context(|| format!("unknown day `{d}`; use mon, tue, wed, thu, fri, sat or sun"))
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
            let mut days: Vec<usize> = list
                .iter()
                .map(|d| named(d))
                .collect::<anyhow::Result<_>>()?;
            days.sort_unstable();
            days.dedup();
            Ok(days)
        }
    }
}

/// Days as an option gives them: "none", "daily", "weekdays", "weekends", or day names joined by
/// commas ("sat,sun").
pub fn days_option(text: &str) -> anyhow::Result<Vec<usize>> {
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

// Plan files: a profile and a shelf.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(flatten)]
    person: ProfileDef,
    #[serde(default)]
    concerns: Vec<String>,
    #[serde(default)]
    breastfeeding: bool,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShelfFile {
    product: Vec<ShelfDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShelfDef {
    #[serde(flatten)]
    product: ProductDef,
    /// "daily", "every other day", "2x week", or days: "mon/thu", ["mon", "thu"].
    #[serde(default)]
    frequency: Option<Days>,
    /// "am" or "pm": only then.
    #[serde(default)]
    time: Option<String>,
}

/// Reads a profile file.
pub fn read_profile(path: &Path) -> anyhow::Result<PlanProfile> {
    let file: ProfileFile = read_file(path, "profile")?;
    let mut person = profile(&file.person)?;
    person.pregnant |= file.breastfeeding;
    let concerns = file
        .concerns
        .iter()
        .map(|c| {
            Concern::from_id(&c.to_lowercase().replace([' ', '-'], "_")).with_context(|| {
                let ids: Vec<&str> = Concern::ALL.iter().map(|c| c.id()).collect();
                format!("unknown concern `{c}`; use {}", ids.join(", "))
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let makeup_days = match &file.makeup_days {
        None => None,
        Some(Days::Named(n)) if n == "none" => Some(Vec::new()),
        Some(days) => Some(parse_days(Some(days))?),
    };
    let short_days = match &file.short_days {
        None => Vec::new(),
        Some(days) => parse_days(Some(days))?,
    };
    glasskin_store::check_max_steps(file.max_steps)?;
    Ok(PlanProfile {
        person,
        concerns,
        retinoid_weeks: file.retinoid_weeks,
        makeup_days,
        fragrance_free: file.fragrance_free,
        max_steps: file.max_steps,
        short_days,
        previous: Vec::new(),
    })
}

/// Reads a shelf file, analysing every product.
pub fn read_shelf(path: &Path, kb: &KnowledgeBase) -> anyhow::Result<Vec<ShelfItem>> {
    let file: ShelfFile = read_file(path, "shelf")?;
    let mut extras = Vec::new();
    let mut defs = Vec::new();
    for item in file.product {
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
                .with_context(|| format!("`{id}`"))?;
            let time = time
                .map(|t| {
                    let t = t.to_lowercase();
                    let t = t.trim_end_matches(" only");
                    Time::from_id(t).with_context(|| format!("`{id}`: time `{t}`; use am or pm"))
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

fn frequency_of(days: &Days) -> anyhow::Result<Frequency> {
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
    parse_days(Some(days))
        .map(Frequency::Days)
        .context("frequency: use daily, every other day, 2x week, mon/thu or a list of days")
}
