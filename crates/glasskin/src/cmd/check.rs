//! `glasskin check`: a routine's findings against the evidence-graded rules.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::{render, routine_file};

#[derive(clap::Args)]
pub struct Args {
    /// The routine: profile, products and sessions, in TOML or JSON (see docs/routine.md).
    file: PathBuf,

    /// Print the findings as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = glasskin_kb::kb();
    let routine = routine_file::read(&args.file, kb)?;
    let report = glasskin_app::advice::check(&routine);
    let mut out = anstream::stdout().lock();
    if args.json {
        render::json(&mut out, &report)?;
    } else {
        render::findings::write(&mut out, &routine, &report.findings)?;
    }
    Ok(ExitCode::SUCCESS)
}
