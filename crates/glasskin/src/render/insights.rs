//! The insights report: the week, the patterns, each product's before and after, and how they
//! were found.

use std::io::{self, Write};

use glasskin_core::insights::Report;

/// `glasskin insights`.
pub fn write(out: &mut impl Write, report: &Report) -> io::Result<()> {
    writeln!(out, "This week\n{}\n", report.summary)?;
    let associations = &report.associations;
    writeln!(out, "Patterns\n{}", associations.summary)?;
    for finding in &associations.findings {
        writeln!(out, "  - {}", finding.sentence)?;
    }
    for missing in &associations.not_enough_data {
        writeln!(out, "  · {}", missing.message)?;
    }
    if !report.product_effects.is_empty() {
        writeln!(out, "\nProducts")?;
        for effect in &report.product_effects {
            writeln!(out, "  - {}", effect.summary)?;
            for note in &effect.notes {
                writeln!(out, "    · {note}")?;
            }
        }
    }
    writeln!(out, "\nHow\n{}", report.method.description)?;
    Ok(())
}
