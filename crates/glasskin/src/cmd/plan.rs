//! `glasskin plan`: a week of routines from a profile and a shelf (docs/plan.md).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use glasskin_store::Store;

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
    let kb = glasskin_kb::kb();
    let today = today();
    let mut store = if args.profile.is_none() || args.shelf.is_none() || args.save {
        Some(open(db)?)
    } else {
        None
    };
    let profile = match (&args.profile, &store) {
        (Some(path), _) => read_profile(path)?,
        (None, Some(store)) => {
            let Some(saved) = store.profile()? else {
                bail!(
                    "no profile saved; give --profile FILE or save one with `glasskin profile set`"
                );
            };
            glasskin_store::planning::plan_profile(&saved, today)?
        }
        (None, None) => bail!("give --profile FILE"),
    };
    // Planning from the saved shelf again changes as little as it can from the last saved plan.
    let mut profile = profile;
    if args.shelf.is_none()
        && let Some(store) = &store
        && let Some(last) = store.latest_plan()?
    {
        profile.previous = glasskin_store::planning::previous_days(&last);
    }
    let (shelf, ids) = match (&args.shelf, &store) {
        (Some(path), _) => (read_shelf(path, kb)?, Vec::new()),
        (None, Some(store)) => {
            let (shelf, ids) = glasskin_store::planning::plan_shelf(store, kb)?;
            if shelf.is_empty() {
                bail!(
                    "the saved shelf is empty; give --shelf FILE or add products with `glasskin shelf add`"
                );
            }
            (shelf, ids)
        }
        (None, None) => bail!("give --shelf FILE"),
    };
    if args.save && ids.is_empty() {
        bail!("--save keeps plans of the saved shelf; leave out --shelf");
    }
    let plan = glasskin_core::plan::plan(&profile, &shelf, kb);
    if args.save
        && let Some(store) = store.as_mut()
    {
        let id = store.save_plan(&glasskin_store::planning::saved_plan(&plan, &ids, today))?;
        anstream::eprintln!("saved as plan #{id}; `glasskin today` shows today's steps");
    }
    if let Some(path) = &args.ics {
        std::fs::write(path, render::plan::ics(&plan, today))
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
