//! `glasskin profile`: the saved profile, set from a file and/or options, and shown.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use glasskin_app::{Error, ErrorKind, profile};

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
    /// Pregnant or trying to be.
    #[arg(long)]
    pregnant: Option<bool>,
    /// Breastfeeding.
    #[arg(long)]
    breastfeeding: Option<bool>,
    /// Skin irritated just now.
    #[arg(long)]
    irritated: Option<bool>,
    /// Leave out fragranced products.
    #[arg(long)]
    fragrance_free: Option<bool>,
    /// The day you started a retinoid (YYYY-MM-DD); `none` clears it, so a retinoid ramps up
    /// from the start.
    #[arg(long, value_name = "DATE")]
    retinoid_started: Option<String>,
    /// Days with sunscreen or make-up to remove (the evening double cleanse): daily, none,
    /// weekdays, weekends, or days such as mon,wed,fri.
    #[arg(long, value_name = "DAYS")]
    makeup_days: Option<String>,
    /// Days with no time for a long routine: none, or days such as sat,sun.
    #[arg(long, value_name = "DAYS")]
    short_days: Option<String>,
    /// At most this many steps in a routine (3 to 15), or none.
    #[arg(long, value_name = "N")]
    max_steps: Option<String>,
}

pub fn run(command: Command, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let mut out = anstream::stdout().lock();
    match command {
        Command::Show { json } => {
            // Nothing saved yet is a state to fix, not a wrong id: exit 1 with main's hint.
            let profile = profile::get(&store).map_err(|e| match e.kind() {
                ErrorKind::NotFound => Error::conflict("no_profile", e.message()),
                _ => e,
            })?;
            if json {
                render::json(&mut out, &profile)?;
            } else {
                render::profile::write(&mut out, &profile)?;
            }
        }
        Command::Set(args) => {
            let today = today();
            let file = args
                .file
                .as_deref()
                .map(routine_file::read_profile)
                .transpose()?;
            let changes = profile::Changes {
                skin_type: args
                    .skin_type
                    .as_deref()
                    .map(profile::parse_skin_type)
                    .transpose()?,
                concerns: if args.concerns.is_empty() {
                    None
                } else {
                    let concerns = args.concerns.iter().map(|c| profile::parse_concern(c));
                    Some(concerns.collect::<glasskin_app::Result<_>>()?)
                },
                sensitive: args.sensitive,
                pregnant: args.pregnant,
                breastfeeding: args.breastfeeding,
                irritated: args.irritated,
                fragrance_free: args.fragrance_free,
                retinoid_started: match args.retinoid_started.as_deref() {
                    Some("none") => Some(None),
                    Some(day) => Some(Some(date(day)?)),
                    None => None,
                },
                makeup_days: match args.makeup_days.as_deref() {
                    Some("daily") => Some(None),
                    Some(days) => Some(Some(days_option("makeup_days", days)?)),
                    None => None,
                },
                short_days: args
                    .short_days
                    .as_deref()
                    .map(|days| days_option("short_days", days))
                    .transpose()?,
                max_steps: match args.max_steps.as_deref() {
                    Some("none") => Some(None),
                    Some(n) => Some(profile::parse_max_steps(n)?),
                    None => None,
                },
            };
            let saved = match file {
                Some(file) => {
                    let whole = changes.apply(profile::stored(&file, today));
                    profile::set(&mut store, whole, today)?
                }
                None => profile::update(&mut store, changes, today)?,
            };
            render::profile::write(&mut out, &saved)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Days an option names, refused as any value a person sends is (exit 2).
fn days_option(field: &str, text: &str) -> glasskin_app::Result<Vec<usize>> {
    glasskin_app::documents::days_option(text)
        .map_err(|e| Error::invalid(format!("{field}: {}", e.message())))
}
