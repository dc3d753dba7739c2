//! `glasskin profile`: the saved profile, set from a file and/or options, and shown.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;
use glasskin_core::advice::SkinType;
use glasskin_core::plan::{Concern, PlanProfile};
use glasskin_store::{Store, StoredProfile};
use jiff::civil::Date;

use super::{date, open, today};
use crate::{render, routine_file};

#[derive(Subcommand)]
pub enum Command {
    /// Save the profile, from a file (as for `glasskin plan --profile`) and/or options.
    Set(SetArgs),
    /// Show the saved profile.
    Show {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
pub struct SetArgs {
    /// A profile file (TOML or JSON; docs/plan.md).
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// dry, oily, combination, normal or sensitive.
    #[arg(long)]
    skin_type: Option<String>,
    /// A concern (repeat for several): acne, dullness, hyperpigmentation, fine_lines,
    /// dehydration, redness, texture, pores.
    #[arg(long = "concern", value_name = "CONCERN")]
    concerns: Vec<String>,
    /// Sensitive skin.
    #[arg(long)]
    sensitive: Option<bool>,
    /// Pregnant or breastfeeding.
    #[arg(long)]
    pregnant: Option<bool>,
    /// Skin irritated just now.
    #[arg(long)]
    irritated: Option<bool>,
    /// Leave out fragranced products.
    #[arg(long)]
    fragrance_free: Option<bool>,
    /// The day you started a retinoid (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    retinoid_started: Option<String>,
}

pub fn run(command: Command, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let mut out = anstream::stdout().lock();
    match command {
        Command::Show { json } => {
            let Some(profile) = store.profile()? else {
                bail!("no profile saved yet; save one with `glasskin profile set --skin-type …`");
            };
            if json {
                render::json(&mut out, &profile)?;
            } else {
                render::profile::write(&mut out, &profile)?;
            }
        }
        Command::Set(args) => {
            let today = today();
            let mut profile = match &args.file {
                Some(path) => stored(&routine_file::read_profile(path)?, today),
                None => store.profile()?.unwrap_or_else(|| StoredProfile {
                    skin_type: "normal".into(),
                    ..StoredProfile::default()
                }),
            };
            if let Some(skin) = args.skin_type {
                SkinType::from_id(&skin).with_context(|| {
                    format!("unknown skin type `{skin}`; use dry, oily, combination, normal or sensitive")
                })?;
                profile.skin_type = skin;
            }
            if !args.concerns.is_empty() {
                for c in &args.concerns {
                    Concern::from_id(c).with_context(|| format!("unknown concern `{c}`"))?;
                }
                profile.concerns = args.concerns;
            }
            profile.sensitive = args.sensitive.unwrap_or(profile.sensitive);
            profile.pregnant = args.pregnant.unwrap_or(profile.pregnant);
            profile.irritated = args.irritated.unwrap_or(profile.irritated);
            profile.fragrance_free = args.fragrance_free.unwrap_or(profile.fragrance_free);
            if let Some(started) = &args.retinoid_started {
                profile.retinoid_started = Some(date(started)?);
            }
            store.set_profile(&profile, today)?;
            render::profile::write(&mut out, &profile)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A planner profile as stored: the retinoid's weeks become the day it started.
fn stored(plan: &PlanProfile, today: Date) -> StoredProfile {
    StoredProfile {
        skin_type: plan.person.skin_type.id().to_owned(),
        sensitive: plan.person.sensitive,
        pregnant: plan.person.pregnant,
        irritated: plan.person.irritated,
        retinoid_started: plan.retinoid_weeks.and_then(|w| {
            today
                .checked_sub(jiff::Span::new().weeks(i64::from(w)))
                .ok()
        }),
        concerns: plan.concerns.iter().map(|c| c.id().to_owned()).collect(),
        makeup_days: plan.makeup_days.clone(),
        fragrance_free: plan.fragrance_free,
        max_steps: plan.max_steps,
        short_days: plan.short_days.clone(),
    }
}
