//! `glasskin patch`: patch testing a new product before it goes on the face.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use glasskin_store::Store;

use super::{date, open, today};
use crate::render;

#[derive(Subcommand)]
pub enum Command {
    /// Start patch testing a new product: twice a day on a small area for 7 to 10 days.
    Start {
        /// The product's number.
        id: i64,
        /// Where (default: inner arm).
        #[arg(long, default_value = "inner arm")]
        area: String,
    },
    /// Log today's look at the patch.
    Check {
        /// What you see: none, itching, redness, burning, swelling or bumps.
        #[arg(long, default_value = "none")]
        reaction: String,
        /// Another day (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
    },
    /// End the running test with its verdict: a pass lets the product start, a reaction stops it.
    End,
    /// Show the patch tests and where the running one stands.
    Status,
}

pub fn run(command: Command, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let today = today();
    let mut out = anstream::stdout().lock();
    match command {
        Command::Start { id, area } => {
            let product = store.product(id)?;
            store.start_patch_test(id, &area, today)?;
            writeln!(
                out,
                "patch testing #{id} {} on the {area}: apply twice a day for 7 to 10 days and log `glasskin patch check` each day",
                product.name
            )?;
        }
        Command::Check {
            reaction,
            date: when,
        } => {
            let day = when.as_deref().map(date).transpose()?.unwrap_or(today);
            let test = store.check_patch(day, &reaction, today)?;
            render::patch::write_check(&mut out, &test, today)?;
        }
        Command::End => {
            let test = store.end_patch_test(today)?;
            let result = test.result.as_deref().unwrap_or("ended");
            writeln!(out, "patch test of #{} {result}", test.product_id)?;
        }
        Command::Status => {
            render::patch::write_status(&mut out, &store.patch_tests()?, today)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
