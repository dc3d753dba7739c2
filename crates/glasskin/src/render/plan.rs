//! A plan: the week as text (its calendar file is `glasskin_app::plan::ics`).

use std::io::{self, Write};

use glasskin_core::advice::{DAYS, Severity, Time};
use glasskin_core::plan::{Plan, PlannedStep};

use super::{DIM, HEADER, WARNING};

/// "Mon AM".
fn title(day: usize, time: Time) -> String {
    let day = DAYS.get(day).copied().unwrap_or("?");
    let mut name = day.to_owned();
    name[..1].make_ascii_uppercase();
    format!("{name} {}", if time == Time::Am { "AM" } else { "PM" })
}

/// `glasskin plan`: each block of weeks with its sessions, patch tests, reasons and findings,
/// then what the shelf lacks and what was left out; long lines wrap to the terminal.
pub fn write(out: &mut impl Write, plan: &Plan) -> io::Result<()> {
    let width = textwrap::termwidth().clamp(60, 120);
    for week in &plan.weeks {
        let span = week.title();
        writeln!(out, "{HEADER}{span}{HEADER:#}")?;
        for session in &week.sessions {
            let head = format!("  {:<7} ", title(session.day, session.time));
            let steps: Vec<String> = session.steps.iter().map(PlannedStep::label).collect();
            for line in pack(&head, &steps, " → ", width) {
                writeln!(out, "{line}")?;
            }
            if steps.is_empty() {
                writeln!(out, "{head}{}", session.line())?;
            }
        }
        for test in &week.patch_tests {
            let text = format!("Patch test {}: {}", test.name, test.how);
            wrapped(out, &text, "  ", "    ", width, None)?;
        }
        for reason in &week.reasons {
            wrapped(out, reason, "  · ", "    ", width, Some(DIM))?;
        }
        for finding in &week.findings {
            let style = if finding.rule.severity == Severity::Warning {
                WARNING
            } else {
                DIM
            };
            let text = format!(
                "{} {} — {} (glasskin check explains; rule {})",
                finding.rule.severity.id().to_uppercase(),
                finding.rule.title,
                finding.message,
                finding.rule.id
            );
            wrapped(out, &text, "  ", "    ", width, Some(style))?;
        }
        writeln!(out)?;
    }
    if !plan.gaps.is_empty() {
        writeln!(out, "{HEADER}What the shelf lacks{HEADER:#}")?;
        for gap in &plan.gaps {
            let classes: Vec<&str> = gap.look_for.iter().map(|c| c.label()).collect();
            let text = if classes.is_empty() {
                gap.message.clone()
            } else {
                format!("{} (look for: {})", gap.message, classes.join(", "))
            };
            wrapped(out, &text, "  - ", "    ", width, None)?;
        }
        writeln!(out)?;
    }
    if !plan.left_out.is_empty() {
        writeln!(out, "{HEADER}Left out{HEADER:#}")?;
        for why in &plan.left_out {
            wrapped(out, why, "  - ", "    ", width, None)?;
        }
        writeln!(out)?;
    }
    // How the search did is for `--json`; a person hears only when the week may not be the best.
    if !plan.score.proven_optimal {
        writeln!(
            out,
            "{DIM}The search stopped early: this week is the best found, not proven the best.{DIM:#}"
        )?;
    }
    Ok(())
}

/// Writes text wrapped to `width`, each line in `style`.
fn wrapped(
    out: &mut impl Write,
    text: &str,
    first: &str,
    rest: &str,
    width: usize,
    style: Option<anstyle::Style>,
) -> io::Result<()> {
    // Words break only at spaces: "sun-sensitive" stays whole.
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, options) {
        match style {
            Some(style) => writeln!(out, "{style}{line}{style:#}")?,
            None => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

/// Lines of items joined by `joint`, packed to `width` after `head`, never breaking an item;
/// continuation lines are indented as far as `head`.
fn pack(head: &str, items: &[String], joint: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(textwrap::core::display_width(head));
    let mut lines = Vec::new();
    let mut line = head.to_owned();
    let mut empty = true;
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item}{}", joint.trim_end())
        } else {
            item.clone()
        };
        let fits = textwrap::core::display_width(&line) + 1 + textwrap::core::display_width(&piece)
            <= width;
        if !empty && !fits {
            lines.push(std::mem::replace(&mut line, indent.clone()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(&piece);
        empty = false;
    }
    if !empty {
        lines.push(line);
    }
    lines
}
