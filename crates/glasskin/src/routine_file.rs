//! Routine files: a person's profile, products and week, in TOML or JSON (docs/routine.md).

use std::path::Path;

use anyhow::{Context, bail};
use glasskin_core::advice::{DAYS, Profile, Routine, RoutineProduct, Session, SkinType, Time};
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
pub struct ProfileDef {
    #[serde(default)]
    pub skin_type: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub pregnant: bool,
    #[serde(default)]
    pub new_to_retinoids: bool,
    #[serde(default)]
    pub irritated: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductDef {
    /// How sessions refer to it; defaults to the name.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// The ingredient list.
    #[serde(default)]
    pub ingredients: Option<String>,
    /// Or the whole label text, headings and prose included.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub step: Option<String>,
    #[serde(default)]
    pub new: bool,
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
pub enum Days {
    Named(String),
    List(Vec<String>),
}

/// Reads and checks a routine file, analysing every product.
pub fn read(path: &Path, kb: &KnowledgeBase) -> anyhow::Result<Routine> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the routine file {}", path.display()))?;
    let is_json = path.extension().is_some_and(|e| e == "json");
    let file: File = if is_json {
        serde_json::from_str(&text)
            .with_context(|| format!("{} is not a valid routine (JSON)", path.display()))?
    } else {
        toml::from_str(&text)
            .with_context(|| format!("{} is not a valid routine (TOML)", path.display()))?
    };
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
        let days = days(def.days.as_ref()).with_context(|| place.clone())?;
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
pub fn profile(def: &ProfileDef) -> anyhow::Result<Profile> {
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
pub fn products(
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
pub fn days(days: Option<&Days>) -> anyhow::Result<Vec<usize>> {
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
