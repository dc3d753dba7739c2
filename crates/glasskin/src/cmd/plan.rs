//! `glasskin plan`: a week of routines from a profile and a shelf (docs/plan.md).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use glasskin_app::plan;
use glasskin_core::plan::Plan;
use glasskin_store::SqliteStore;
use jiff::civil::Date;

use super::{open, today};
use crate::render;
use crate::routine_file::{read_profile, read_shelf};

#[derive(clap::Args)]
pub struct Args {
    /// The person: skin type, concerns, preferences (TOML or JSON; see docs/plan.md). Default:
    /// the saved profile (`glasskin profile set`).
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,

    /// The shelf: the products, with optional fixed frequencies (TOML or JSON). Default: the
    /// saved shelf's products in use or unopened (`glasskin shelf add`).
    #[arg(long, value_name = "FILE")]
    shelf: Option<PathBuf>,

    /// Print the plan as one JSON object.
    #[arg(long)]
    json: bool,

    /// Save the plan (made from the saved profile and shelf) for `glasskin today`.
    #[arg(long)]
    save: bool,

    /// Also write the routines as an iCalendar file with reminders, starting next Monday.
    #[arg(long, value_name = "FILE")]
    ics: Option<PathBuf>,
}

pub fn run(args: Args, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let today = today();
    if args.save && args.shelf.is_some() {
        bail!("--save keeps plans of the saved shelf; leave out --shelf");
    }
    let profile = args.profile.as_deref().map(read_profile).transpose()?;
    let kb = glasskin_kb::kb();
    let shelf = args
        .shelf
        .as_deref()
        .map(|path| read_shelf(path, kb))
        .transpose()?;
    let plan = match (profile, shelf) {
        (Some(profile), Some(shelf)) => plan::plan_given(&profile, &shelf)?,
        (None, None) => with_store(args.save, db, plan::plan_saved, today)?,
        (profile, shelf) => with_store(
            args.save,
            db,
            |store, today| plan::plan_with(store, profile, shelf, today),
            today,
        )?,
    };
    if let Some(path) = &args.ics {
        std::fs::write(path, plan::ics(&plan, today))
            .with_context(|| format!("cannot write the calendar file {}", path.display()))?;
    }
    let mut out = anstream::stdout().lock();
    if args.json {
        render::json(&mut out, &plan)?;
    } else {
        render::plan::write(&mut out, &plan)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Plans with the saved data and, with `--save`, keeps the plan for `glasskin today`.
fn with_store(
    save: bool,
    db: Option<&Path>,
    make: impl FnOnce(&SqliteStore, Date) -> glasskin_app::Result<plan::Planned>,
    today: Date,
) -> anyhow::Result<Plan> {
    let mut store = open(db)?;
    let planned = make(&store, today)?;
    if save {
        let id = plan::keep(&mut store, &planned, today)?;
        anstream::eprintln!("saved as plan #{id}; `glasskin today` shows today's steps");
    }
    Ok(planned.plan)
}
