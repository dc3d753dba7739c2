//! `glasskin today`: today's planned steps from the saved plan, ticking off what is done.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use glasskin_store::{Checkoff, SavedSession, Store, adherence};
use jiff::civil::Date;

use super::{date, open, today};
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
    let day = args.date.as_deref().map(date).transpose()?.unwrap_or(today);
    let Some(plan) = store.latest_plan()? else {
        bail!("no plan saved yet; make one with `glasskin plan --save`");
    };
    let sessions = plan.sessions_on(day);
    if sessions.is_empty() {
        bail!(
            "the saved plan starts on {}; nothing is planned for {day}",
            plan.starts
        );
    }
    for c in targets(&args.done, &sessions, day)? {
        store.check_off(&c, true, today)?;
    }
    for c in targets(&args.undo, &sessions, day)? {
        store.check_off(&c, false, today)?;
    }
    let week_start = glasskin_store::planning::monday_of(day);
    let checkoffs = store.checkoffs_since(week_start)?;
    // Days before the plan was saved were not planned by it.
    let so_far = adherence(&plan, &checkoffs, week_start.max(plan.created), day);
    let mut out = anstream::stdout().lock();
    render::today::write(
        &mut out,
        &render::today::Day {
            day,
            week: (day - plan.starts).get_days() / 7 + 1,
            sessions: &sessions,
            checkoffs: &checkoffs,
            so_far: &so_far,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The check-offs that `--done` or `--undo` values name: "am", "pm", "all", "3" (product 3
/// wherever it is planned that day) or "pm:3".
fn targets(
    specs: &[String],
    sessions: &[&SavedSession],
    day: Date,
) -> anyhow::Result<Vec<Checkoff>> {
    let mut out = Vec::new();
    for spec in specs {
        let (time, id) = match spec.split_once(':') {
            Some((t, id)) => (Some(t), Some(id)),
            None if spec.parse::<i64>().is_ok() => (None, Some(spec.as_str())),
            None => (Some(spec.as_str()), None),
        };
        let id = id
            .map(|i| {
                i.parse::<i64>()
                    .with_context(|| format!("`{spec}`: `{i}` is not a product number"))
            })
            .transpose()?;
        if let Some(t) = time
            && !matches!(t, "am" | "pm" | "all")
        {
            bail!("`{spec}`: use am, pm, all, a product number, or am:NUMBER");
        }
        let before = out.len();
        for session in sessions {
            if time.is_some_and(|t| t != "all" && t != session.time) {
                continue;
            }
            for step in &session.steps {
                if id.is_none_or(|i| i == step.product_id) {
                    out.push(Checkoff {
                        date: day,
                        time: session.time.clone(),
                        product_id: step.product_id,
                    });
                }
            }
        }
        if out.len() == before {
            bail!("`{spec}` is not planned for {day}");
        }
    }
    Ok(out)
}
