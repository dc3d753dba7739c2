//! `glasskin check`: a routine's findings against the evidence-graded rules.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use glasskin_core::advice::{Finding, Routine, Severity};
use glasskin_core::kb::Grade;
use serde::Serialize;

use crate::routine_file;

#[derive(clap::Args)]
pub struct Args {
    /// The routine: profile, products and sessions, in TOML or JSON (see docs/routine.md).
    file: PathBuf,

    /// Print the findings as one JSON object.
    #[arg(long)]
    json: bool,
}

const WARNING: Style = AnsiColor::Red.on_default().bold();
const CAUTION: Style = AnsiColor::Yellow.on_default().bold();
const INFO: Style = AnsiColor::Cyan.on_default().bold();
const HEADER: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

#[derive(Serialize)]
struct Report<'a> {
    products: Vec<ProductSummary<'a>>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct ProductSummary<'a> {
    name: &'a str,
    step: glasskin_core::Step,
    declared: bool,
    new: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = glasskin_kb::kb();
    let routine = routine_file::read(&args.file, kb)?;
    let findings = glasskin_core::advice::check(&routine, kb);
    let mut out = anstream::stdout().lock();
    if args.json {
        let report = Report {
            products: routine
                .products
                .iter()
                .map(|p| ProductSummary {
                    name: &p.name,
                    step: p.product.step,
                    declared: p.product.declared,
                    new: p.new,
                })
                .collect(),
            findings: &findings,
        };
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write(&mut out, &routine, &findings)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write(out: &mut impl Write, routine: &Routine, findings: &[Finding]) -> std::io::Result<()> {
    let profile = &routine.profile;
    let mut about = vec![format!("{} skin", profile.skin_type.label())];
    if profile.sensitive && profile.skin_type.id() != "sensitive" {
        about.push("sensitive".into());
    }
    if profile.pregnant {
        about.push("pregnant".into());
    }
    if profile.new_to_retinoids {
        about.push("starting a retinoid".into());
    }
    if profile.irritated {
        about.push("irritated just now".into());
    }
    writeln!(
        out,
        "{HEADER}Routine:{HEADER:#} {} products, {} sessions a week ({})",
        routine.products.len(),
        routine.sessions.len(),
        about.join(", ")
    )?;
    for p in &routine.products {
        writeln!(
            out,
            "  {} {DIM}— {}{}{}{DIM:#}",
            p.name,
            p.product.step.label(),
            if p.product.declared {
                ", as declared"
            } else {
                ""
            },
            if p.new { ", new" } else { "" }
        )?;
    }
    writeln!(out)?;
    if findings.is_empty() {
        writeln!(
            out,
            "No findings: nothing in this routine conflicts with the rules glasskin knows."
        )?;
        return Ok(());
    }
    for finding in findings {
        let rule = finding.rule;
        let (style, label) = match (rule.grade, rule.severity) {
            (Grade::M, _) => (INFO, "MYTH"),
            (_, Severity::Warning) => (WARNING, "WARNING"),
            (_, Severity::Caution) => (CAUTION, "CAUTION"),
            (_, Severity::Info) => (INFO, "NOTE"),
        };
        writeln!(
            out,
            "{style}{label}{style:#} {HEADER}{}{HEADER:#} {DIM}[evidence {:?}, {}]{DIM:#}",
            rule.title, rule.grade, rule.id
        )?;
        let when: Vec<String> = finding.when.iter().map(ToString::to_string).collect();
        let when = if when.is_empty() {
            String::new()
        } else {
            format!(" ({})", when.join(", "))
        };
        writeln!(out, "  {}{when}", finding.message)?;
        if !finding.ingredients.is_empty() {
            writeln!(out, "  Ingredients: {}", finding.ingredients.join(", "))?;
        }
        if let Some(myth) = rule.myth {
            writeln!(out, "  The myth: {myth}")?;
        }
        writeln!(out, "  Why: {}", rule.why)?;
        for fix in rule.fixes {
            writeln!(out, "  Fix: {}", fix.label())?;
        }
        for source in rule.sources {
            let url = if source.url.is_empty() {
                String::new()
            } else {
                format!(" {}", source.url)
            };
            writeln!(
                out,
                "  {DIM}Source ({:?}): {}{url}{DIM:#}",
                source.grade, source.citation
            )?;
        }
        for tip in &finding.tips {
            writeln!(
                out,
                "  {DIM}Read: glasskin tips {} — {}{DIM:#}",
                tip.id, tip.title
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
