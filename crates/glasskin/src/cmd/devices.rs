//! `glasskin devices`: the browsers paired to reach `glasskin serve --lan` from a phone or a
//! tablet; rename or revoke one. Pairing itself happens in the web app (a one-time code).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use glasskin_app::devices;

use super::open;
use crate::render;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// List the paired devices (what `glasskin devices` alone does).
    List,
    /// Revoke a device: its browser opens nothing from now on.
    Revoke {
        /// The device's number, from the list.
        id: i64,
    },
    /// Rename a device.
    Rename {
        /// The device's number, from the list.
        id: i64,
        /// Its new name (1 to 60 characters).
        name: String,
    },
}

pub fn run(args: Args, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let mut out = anstream::stdout().lock();
    match args.command.unwrap_or(Command::List) {
        Command::List => {
            let list = devices::list(&store)?;
            if args.json {
                render::json(&mut out, &list)?;
            } else {
                render::devices::write(&mut out, &list)?;
            }
        }
        Command::Revoke { id } => {
            devices::revoke(&mut store, id)?;
            writeln!(out, "#{id} revoked: its browser opens nothing from now on")?;
        }
        Command::Rename { id, name } => {
            devices::rename(&mut store, id, &name)?;
            writeln!(out, "#{id} renamed {}", name.trim())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
