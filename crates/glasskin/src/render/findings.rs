//! A routine's findings: what the routine is, then each rule it breaks with its evidence grade,
//! fixes, sources and the tips to read.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use glasskin_core::advice::{Finding, Routine, Severity};
use glasskin_core::kb::Grade;

use super::{DIM, HEADER, WARNING};

const CAUTION: Style = AnsiColor::Yellow.on_default().bold();
const INFO: Style = AnsiColor::Cyan.on_default().bold();

/// `glasskin check`: the routine in a few lines, then each finding with its evidence, fixes,
/// sources and tips.
pub fn write(out: &mut impl Write, routine: &Routine, findings: &[Finding]) -> io::Result<()> {
    let profile = &routine.profile;
    let mut about = vec![format!("{} skin", profile.skin_type.label())];
    if profile.sensitive && profile.skin_type.id() != "sensitive" {
        about.push("sensitive".into());
    }
    if profile.pregnant {
        about.push("pregnant".into());
    }
    if profile.breastfeeding {
        about.push("breastfeeding".into());
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
        for fix in &finding.fixes {
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
