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
    let findings = glasskin_app::advice::check(&routine);
    let mut out = anstream::stdout().lock();
    if args.json {
        render::findings::write_json(&mut out, &routine, &findings)?;
    } else {
        render::findings::write(&mut out, &routine, &findings)?;
    }
    Ok(ExitCode::SUCCESS)
}
