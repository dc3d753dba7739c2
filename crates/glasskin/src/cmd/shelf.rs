//! `glasskin shelf`: the products on the shelf, with their labels, opening dates and expiry.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use glasskin_app::analysis::parse_step;
use glasskin_app::shelf::{self, Change};
use glasskin_store::{NewProduct, Status};

use super::{date, open, pao, today};
use crate::render;

#[derive(Subcommand)]
pub enum Command {
    /// Put a product on the shelf: its label as TEXT, --file, or standard input.
    Add(AddArgs),
    /// List the shelf, with each product's step and expiry.
    List {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one product: its analysis and what glasskin understands it to be.
    Show {
        /// The product's number (see `glasskin shelf list`).
        id: i64,
    },
    /// Change what you said of a product: its name, brand, label, step or best-before date.
    Edit(EditArgs),
    /// Record that a product was opened (today, or --date), with its period after opening.
    Open {
        /// The product's number.
        id: i64,
        /// When it was opened (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Period after opening from the jar symbol, e.g. 12M.
        #[arg(long)]
        pao: Option<String>,
    },
    /// Record that a product is used up.
    Finish {
        /// The product's number.
        id: i64,
    },
    /// Stop using a product, and say why.
    Stop {
        /// The product's number.
        id: i64,
        /// Why (it stung, broke me out, did nothing…).
        #[arg(long)]
        reason: String,
    },
    /// Record that a new product passed its patch test.
    Tested {
        /// The product's number.
        id: i64,
    },
    /// Take a product off the shelf.
    Remove {
        /// The product's number.
        id: i64,
    },
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// The label text; omit it to read --file or standard input.
    // A label may begin with a bullet: "- Water".
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,
    /// Read the label from a file.
    #[arg(long, short, conflicts_with = "text")]
    file: Option<PathBuf>,
    /// What you call it.
    #[arg(long)]
    name: String,
    /// The brand.
    #[arg(long)]
    brand: Option<String>,
    /// Its routine step, when you know better than glasskin.
    #[arg(long)]
    step: Option<String>,
    /// When you opened it (YYYY-MM-DD).
    #[arg(long)]
    opened: Option<String>,
    /// Period after opening from the jar symbol, e.g. 12M.
    #[arg(long)]
    pao: Option<String>,
    /// Best-before date (YYYY-MM-DD).
    #[arg(long)]
    best_before: Option<String>,
    /// Not yet patch tested.
    #[arg(long)]
    new: bool,
}

#[derive(clap::Args)]
pub struct EditArgs {
    /// The product's number.
    id: i64,
    /// A new name.
    #[arg(long)]
    name: Option<String>,
    /// A new brand ("" clears it).
    #[arg(long)]
    brand: Option<String>,
    /// A new label text.
    #[arg(long, allow_hyphen_values = true)]
    label: Option<String>,
    /// Its routine step, when you know better than glasskin.
    #[arg(long)]
    step: Option<String>,
    /// Best-before date (YYYY-MM-DD).
    #[arg(long)]
    best_before: Option<String>,
}

pub fn run(command: Command, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let today = today();
    let mut out = anstream::stdout().lock();
    // What happened to a product, through the one door every front end uses.
    let mut change = |id, change| shelf::change(&mut store, id, change, today);
    match command {
        Command::Add(args) => {
            let label = match (&args.text, &args.file) {
                (Some(text), _) => text.clone(),
                (None, Some(path)) => std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the label file {}", path.display()))?,
                (None, None) => {
                    let mut text = String::new();
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .context("cannot read the label from standard input")?;
                    text
                }
            };
            let product = NewProduct {
                name: args.name,
                brand: args.brand,
                label,
                step: args.step.as_deref().map(parse_step).transpose()?,
                opened: args.opened.as_deref().map(date).transpose()?,
                pao_months: pao(args.pao.as_deref())?,
                best_before: args.best_before.as_deref().map(date).transpose()?,
                new: args.new,
            };
            let added = shelf::row(shelf::add(&mut store, &product, today)?, today);
            render::shelf::write_added(&mut out, &added)?;
        }
        Command::List { json } => {
            if json {
                render::json(&mut out, &shelf::list(&store)?)?;
            } else {
                render::shelf::write_list(&mut out, &shelf::rows(&store, today)?)?;
            }
        }
        Command::Show { id } => {
            let product = shelf::get(&store, id)?;
            render::shelf::write_heading(&mut out, &product)?;
            render::analysis::write(&mut out, &shelf::report(&product))?;
        }
        Command::Edit(args) => {
            let edit = Change {
                name: args.name,
                brand: args.brand,
                label: args.label,
                step: args.step.as_deref().map(parse_step).transpose()?,
                best_before: args.best_before.as_deref().map(date).transpose()?,
                ..Change::default()
            };
            let product = change(args.id, edit)?;
            writeln!(out, "#{} {} edited", product.id, product.name)?;
        }
        Command::Open {
            id,
            date: when,
            pao: months,
        } => {
            let opened = when.as_deref().map(date).transpose()?;
            let product = change(
                id,
                Change {
                    open: opened.is_none(),
                    opened,
                    pao_months: pao(months.as_deref())?,
                    ..Change::default()
                },
            )?;
            let opened = product.opened.unwrap_or(today);
            writeln!(out, "#{id} opened on {opened}")?;
        }
        Command::Finish { id } => {
            change(id, status(Status::Finished, None))?;
            writeln!(out, "#{id} finished")?;
        }
        Command::Stop { id, reason } => {
            change(id, status(Status::Stopped, Some(&reason)))?;
            writeln!(out, "#{id} stopped: {reason}")?;
        }
        Command::Tested { id } => {
            let tested = Change {
                tested: true,
                ..Change::default()
            };
            change(id, tested)?;
            writeln!(out, "#{id} passed its patch test")?;
        }
        Command::Remove { id } => {
            shelf::remove(&mut store, id)?;
            writeln!(out, "#{id} removed")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A change of status, with why.
fn status(status: Status, reason: Option<&str>) -> Change {
    Change {
        status: Some(status),
        reason: reason.map(str::to_owned),
        ..Change::default()
    }
}
