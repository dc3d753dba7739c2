//! `glasskin shelf`: the products on the shelf, with their labels, opening dates and expiry.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use glasskin_core::{KnowledgeBase, Step};
use glasskin_store::{NewProduct, Status, Store};

use super::{date, open, today};
use crate::render;
use crate::render::shelf::Row;
use crate::report::Report;

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

fn pao(text: Option<&str>) -> anyhow::Result<Option<u16>> {
    text.map(|t| glasskin_core::expiry::parse_pao(t).map_err(|e| anyhow::anyhow!("{e}")))
        .transpose()
}

pub fn run(command: Command, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let kb = glasskin_kb::kb();
    let today = today();
    let mut out = anstream::stdout().lock();
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
                step: args.step,
                opened: args.opened.as_deref().map(date).transpose()?,
                pao_months: pao(args.pao.as_deref())?,
                best_before: args.best_before.as_deref().map(date).transpose()?,
                new: args.new,
            };
            let id = store.add_product(&product, today)?;
            let step = understand(
                &store.product(id)?.label,
                &product.name,
                product.step.as_deref(),
                kb,
            );
            render::shelf::write_added(&mut out, id, &product.name, step)?;
        }
        Command::List { json } => {
            let products = store.products()?;
            if json {
                render::json(&mut out, &products)?;
                return Ok(ExitCode::SUCCESS);
            }
            let rows: Vec<Row> = products
                .iter()
                .map(|p| {
                    let expiry =
                        glasskin_core::expiry::expiry(p.opened, p.pao_months, p.best_before);
                    Row {
                        product: p,
                        step: understand(&p.label, &p.name, p.step.as_deref(), kb),
                        expiry: glasskin_core::expiry::status(&expiry, today),
                    }
                })
                .collect();
            render::shelf::write_list(&mut out, &rows)?;
        }
        Command::Show { id } => {
            let p = store.product(id)?;
            render::shelf::write_heading(&mut out, &p)?;
            let declared = p.step.as_deref().and_then(Step::from_id);
            let report = Report::of(&p.label, Some(&p.name), declared);
            render::analysis::write(&mut out, &report)?;
        }
        Command::Open {
            id,
            date: when,
            pao: p,
        } => {
            let opened = when.as_deref().map(date).transpose()?.unwrap_or(today);
            store.open_product(id, opened, pao(p.as_deref())?)?;
            writeln!(out, "#{id} opened on {opened}")?;
        }
        Command::Finish { id } => {
            store.set_status(id, Status::Finished, None, today)?;
            writeln!(out, "#{id} finished")?;
        }
        Command::Stop { id, reason } => {
            store.set_status(id, Status::Stopped, Some(&reason), today)?;
            writeln!(out, "#{id} stopped: {reason}")?;
        }
        Command::Tested { id } => {
            store.set_tested(id)?;
            writeln!(out, "#{id} passed its patch test")?;
        }
        Command::Remove { id } => {
            store.remove_product(id)?;
            writeln!(out, "#{id} removed")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The routine step of a label's first product list; `None` when it has none.
fn understand(label: &str, name: &str, step: Option<&str>, kb: &KnowledgeBase) -> Option<Step> {
    let analysis = glasskin_core::analyze(label, kb);
    let declared = step.and_then(Step::from_id);
    analysis
        .products
        .first()
        .map(|list| glasskin_core::understand(Some(name), list, declared).step)
}
