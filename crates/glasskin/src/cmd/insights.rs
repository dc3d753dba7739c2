//! `glasskin insights`: patterns in the diary and lifestyle log, and product before/after.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use glasskin_app::insights;
use glasskin_store::SqliteStore;
use jiff::civil::Date;

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
    let store = open(db)?;
    let today = today();
    let report = insights::report(&store, today)?;
    if let Some(dir) = &args.svg {
        charts(&store, today, dir)?;
    }
    let mut out = anstream::stdout().lock();
    if args.json {
        render::json(&mut out, &report)?;
    } else {
        render::insights::write(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--svg DIR`: the ratings over ninety days, and adherence to the saved plan day by day over
/// twelve weeks.
fn charts(store: &SqliteStore, today: Date, dir: &Path) -> anyhow::Result<()> {
    use glasskin_core::chart;
    let inputs = insights::inputs(store)?;
    let daily = insights::daily_adherence(store, today, 12 * 7)?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let ratings = chart::ratings_over_time(
        &inputs.diary,
        &inputs.changes,
        today,
        90,
        chart::Width::Wide,
    );
    std::fs::write(dir.join("ratings.svg"), ratings)
        .with_context(|| format!("cannot write into {}", dir.display()))?;
    std::fs::write(
        dir.join("adherence.svg"),
        chart::adherence_calendar(&daily, today, 12),
    )
    .with_context(|| format!("cannot write into {}", dir.display()))?;
    Ok(())
}
