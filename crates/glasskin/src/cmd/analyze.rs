//! `glasskin analyze`: one label from an argument, a file, standard input or photos
//! (`--image`, read by OCR), or (`--batch`, in `batch`) a JSON Lines file of them.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};

use glasskin_app::{analysis, scan};
use glasskin_core::Step;
use glasskin_ocr::Scanner;

use crate::render;

mod batch;

/// `--step` as clap reads it: the vocabulary `glasskin_app` knows.
fn parse_step(id: &str) -> Result<Step, String> {
    analysis::parse_step(id).map_err(|e| e.message().to_owned())
}

#[derive(clap::Args)]
pub struct Args {
    /// The label text, e.g. "Water, Glycerin, Niacinamide". Omit it to read --file or stdin.
    // A label may begin with a bullet: "- Water".
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,

    /// Read the label from a file.
    #[arg(long, short, value_name = "FILE", conflicts_with_all = ["text", "batch"])]
    file: Option<PathBuf>,

    /// Read the label from photos (JPEG or PNG) by OCR; several, in order, for a label that
    /// wraps round the bottle. Needs Tesseract (see docs/ocr.md).
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["text", "file", "batch"])]
    image: Vec<PathBuf>,

    /// Print the analysis as one JSON object (see docs/json.md).
    #[arg(long)]
    json: bool,

    /// Analyse a JSON Lines file of {"id", "ingredients", "name"?, "brand"?} objects ("-" for
    /// stdin), or {"id", "images": [FILE...]} to read photos; write one lean JSON line per
    /// input line (see docs/json.md).
    #[arg(long, value_name = "IN.jsonl", conflicts_with_all = ["text", "json"])]
    batch: Option<PathBuf>,

    /// With --batch: write the full record of each line (every entry's CosIng functions and
    /// flags' details, the diagnostics and the whole understanding), not the lean one.
    #[arg(long, requires = "batch")]
    full: bool,

    /// The product's name, which helps tell its routine step ("Hydrating Toner").
    #[arg(long, conflicts_with = "batch")]
    name: Option<String>,

    /// The product's routine step, when you know it better than glasskin's guess.
    #[arg(long, value_name = "STEP", value_parser = parse_step, conflicts_with = "batch")]
    step: Option<Step>,

    /// Where --batch writes its results (default: stdout).
    #[arg(long, short, value_name = "OUT.jsonl", requires = "batch")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(input) = &args.batch {
        let shape = if args.full {
            batch::Shape::Full
        } else {
            batch::Shape::Lean
        };
        return batch::run(input, args.output.as_deref(), shape);
    }
    if !args.image.is_empty() {
        return scan(&args);
    }
    let text = match (&args.text, &args.file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the label file {}", path.display()))?,
        (None, None) => {
            let mut stdin = std::io::stdin();
            if stdin.is_terminal() {
                bail!("give the label as TEXT, with --file FILE, or on standard input");
            }
            let mut text = String::new();
            stdin
                .read_to_string(&mut text)
                .context("cannot read the label from standard input")?;
            text
        }
    };
    let report = analysis::analyse(&text, args.name.as_deref(), args.step);
    let mut out = anstream::stdout().lock();
    if args.json {
        render::json(&mut out, &report)?;
    } else {
        render::analysis::write(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--image`: the photos read by OCR, then analysed.
fn scan(args: &Args) -> anyhow::Result<ExitCode> {
    let mut files = Vec::with_capacity(args.image.len());
    for path in &args.image {
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read the photo {}", path.display()))?;
        files.push((path.display().to_string(), bytes));
    }
    let photos: Vec<scan::Photo<'_>> = files
        .iter()
        .map(|(name, bytes)| scan::Photo { name, bytes })
        .collect();
    let report = scan::scan(
        &Scanner::from_env(),
        &photos,
        args.name.as_deref(),
        args.step,
    )?;
    let mut out = anstream::stdout().lock();
    if args.json {
        render::json(&mut out, &report)?;
    } else {
        render::scan::write(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}
