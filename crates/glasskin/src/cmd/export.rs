//! `glasskin export` and `glasskin import`: everything saved as one JSON document (or CSV files
//! for spreadsheets), and the full restore from that document.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use glasskin_store::{Export, Store};

use super::open;
use crate::render;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE", conflicts_with = "csv")]
    output: Option<PathBuf>,
    /// Instead, write a CSV file per table (products, diary, lifestyle, check-offs) into
    /// this folder.
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The export file.
    file: PathBuf,
}

/// `glasskin export`: everything as one JSON document, or CSV files.
pub fn export(args: ExportArgs, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let store = open(db)?;
    if let Some(dir) = &args.csv {
        export_csv(&store.export()?, dir)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = serde_json::to_string_pretty(&store.export()?)?;
    text.push('\n');
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => anstream::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `glasskin export --csv DIR`: a CSV file per table, for spreadsheets.
fn export_csv(export: &Export, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let create = |name: &str| -> anyhow::Result<csv::Writer<File>> {
        let path = dir.join(name);
        csv::Writer::from_path(&path).with_context(|| format!("cannot write {}", path.display()))
    };
    let mut w = create("products.csv")?;
    render::export::products(&mut w, &export.products)?;
    w.flush()?;
    let mut w = create("diary.csv")?;
    render::export::diary(&mut w, &export.diary)?;
    w.flush()?;
    let mut w = create("lifestyle.csv")?;
    render::export::lifestyle(&mut w, &export.lifestyle)?;
    w.flush()?;
    let mut w = create("checkoffs.csv")?;
    render::export::checkoffs(&mut w, &export.checkoffs)?;
    w.flush()?;
    Ok(())
}

/// `glasskin import FILE`: a full restore from `glasskin export`.
pub fn import(args: ImportArgs, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let input = &args.file;
    let text = std::fs::read_to_string(input)
        .with_context(|| format!("cannot read {}", input.display()))?;
    let export: Export = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a glasskin export", input.display()))?;
    let mut store = open(db)?;
    store.import(&export)?;
    writeln!(
        anstream::stdout().lock(),
        "restored the profile and {} products",
        export.products.len()
    )?;
    Ok(ExitCode::SUCCESS)
}
