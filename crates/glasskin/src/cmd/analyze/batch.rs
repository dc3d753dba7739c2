//! `glasskin analyze --batch`: JSON Lines in, JSON Lines out, on every core.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Lines are analysed in chunks of this many, so memory stays flat on any file size and output
/// keeps input order.
const CHUNK: usize = 8192;

#[derive(Deserialize)]
struct Input {
    id: serde_json::Value,
    ingredients: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    brand: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    brand: Option<&'a str>,
    /// The routine step of the (first) product.
    category: Option<glasskin_core::Step>,
    /// Its flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    flags: Option<&'a glasskin_core::product::ProductFlags>,
    analysis: &'a glasskin_core::Analysis,
    /// What each product list is, in the same order.
    understanding: &'a [glasskin_core::Product],
}

#[derive(Serialize)]
struct Failure {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<serde_json::Value>,
    error: Problem,
}

#[derive(Serialize)]
struct Problem {
    line: usize,
    message: String,
}

pub fn run(input: &Path, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let reader: Box<dyn BufRead> = if input == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let file = File::open(input)
            .with_context(|| format!("cannot open the batch file {}", input.display()))?;
        Box::new(BufReader::new(file))
    };
    let writer: Box<dyn Write> = match output {
        Some(path) => Box::new(
            File::create(path)
                .with_context(|| format!("cannot create the output file {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = BufWriter::new(writer);

    let total = match input {
        p if p == Path::new("-") => None,
        p => std::fs::metadata(p).ok().map(|m| m.len()),
    };
    let progress = match total {
        Some(bytes) => ProgressBar::new(bytes).with_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner(),
    };

    let kb = glasskin_kb::kb();
    let mut lines = reader.lines().enumerate();
    let mut failed = 0usize;
    let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
    loop {
        chunk.clear();
        for (n, line) in lines.by_ref().take(CHUNK) {
            let line = line.with_context(|| format!("cannot read line {}", n + 1))?;
            chunk.push((n + 1, line));
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<(String, bool)> = chunk
            .par_iter()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(n, line)| analyze_line(*n, line, kb))
            .collect();
        for (json, ok) in results {
            failed += usize::from(!ok);
            writer.write_all(json.as_bytes())?;
            writer.write_all(b"\n")?;
        }
        let bytes: usize = chunk.iter().map(|(_, l)| l.len() + 1).sum();
        progress.inc(bytes as u64);
    }
    writer.flush().context("cannot write the results")?;
    progress.finish_and_clear();
    if failed > 0 {
        anstream::eprintln!("{failed} line(s) could not be analysed; see their \"error\" objects");
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// One output line, and whether the input line was good.
fn analyze_line(n: usize, line: &str, kb: &glasskin_core::KnowledgeBase) -> (String, bool) {
    match serde_json::from_str::<Input>(line) {
        Ok(input) => {
            let analysis = glasskin_core::analyze(&input.ingredients, kb);
            let understanding =
                glasskin_core::understand_all(input.name.as_deref(), &analysis, None);
            let first = understanding.first();
            let output = Output {
                id: &input.id,
                name: input.name.as_deref(),
                brand: input.brand.as_deref(),
                category: first.map(|p| p.step),
                flags: first.map(|p| &p.flags),
                analysis: &analysis,
                understanding: &understanding,
            };
            (to_json(&output), true)
        }
        Err(e) => {
            let id = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned());
            let failure = Failure {
                id,
                error: Problem {
                    line: n,
                    message: format!("invalid input line: {e}"),
                },
            };
            (to_json(&failure), false)
        }
    }
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|e| format!("{{\"error\":{{\"message\":{:?}}}}}", e.to_string()))
}
