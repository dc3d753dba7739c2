//! `glasskin today`: today's planned steps from the saved plan, ticking off what is done.

use std::path::Path;
use std::process::ExitCode;

use glasskin_app::Error;
use glasskin_app::today::Target;

use super::{day_or, open, today};
use crate::render;

#[derive(clap::Args)]
pub struct Args {
    /// Another day (YYYY-MM-DD), e.g. to tick off yesterday.
    #[arg(long)]
    date: Option<String>,
    /// Tick off: am, pm, all, a product number, or am:NUMBER (repeat as needed).
    #[arg(long, value_name = "WHAT")]
    done: Vec<String>,
    /// Untick, the same way.
    #[arg(long, value_name = "WHAT")]
    undo: Vec<String>,
}

pub fn run(args: Args, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let today = today();
    let day = day_or(args.date.as_deref(), today)?;
    let mut shown = glasskin_app::today::day(&store, day)?;
    // A day before the plan starts is a wrong date, like a step not planned that day: exit 2.
    if shown.sessions.is_empty() {
        return Err(Error::invalid(format!(
            "the saved plan starts on {}; nothing is planned for {day}",
            shown.plan_starts
        ))
        .into());
    }
    // `--done` is ticked before `--undo` is read, so the same step in both ends unticked.
    for (specs, done) in [(&args.done, true), (&args.undo, false)] {
        if specs.is_empty() {
            continue;
        }
        let targets = specs
            .iter()
            .map(|spec| Target::parse(spec))
            .collect::<glasskin_app::Result<Vec<_>>>()?;
        glasskin_app::today::tick(&mut store, day, &targets, done, today)?;
        shown = glasskin_app::today::day(&store, day)?;
    }
    let so_far = glasskin_app::today::week_so_far(&store, day)?;
    render::today::write(&mut anstream::stdout().lock(), &shown, &so_far)?;
    Ok(ExitCode::SUCCESS)
}
