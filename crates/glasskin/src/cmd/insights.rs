//! `glasskin insights`: patterns in the diary and lifestyle log, and product before/after.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::{open, today};
use crate::render;

#[derive(clap::Args)]
pub struct Args {
    /// As JSON.
    #[arg(long)]
    json: bool,
    /// Also write the charts (ratings.svg, adherence.svg) into this folder.
    #[arg(long, value_name = "DIR")]
    svg: Option<PathBuf>,
}

pub fn run(args: Args, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    use glasskin_core::insights;
    let store = open(db)?;
    let today = today();
    let glasskin_store::InsightInputs {
        diary,
        lifestyle,
        changes,
    } = glasskin_store::insight_inputs(&store)?;
    // Adherence to the latest saved plan, day by day, over the last twelve weeks.
    let daily = glasskin_store::daily_adherence(&store, today, 84)?;
    let adherence = glasskin_store::week_adherence(&daily);
    let report = insights::report(&diary, &lifestyle, &changes, adherence, today);
    if let Some(dir) = &args.svg {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let ratings = glasskin_core::chart::ratings_over_time(
            &diary,
            &changes,
            today,
            90,
            glasskin_core::chart::Width::Wide,
        );
        std::fs::write(dir.join("ratings.svg"), ratings)
            .with_context(|| format!("cannot write into {}", dir.display()))?;
        std::fs::write(
            dir.join("adherence.svg"),
            glasskin_core::chart::adherence_calendar(&daily),
        )
        .with_context(|| format!("cannot write into {}", dir.display()))?;
    }
    let mut out = anstream::stdout().lock();
    if args.json {
        render::json(&mut out, &report)?;
    } else {
        render::insights::write(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}
