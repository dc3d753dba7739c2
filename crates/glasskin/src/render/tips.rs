//! The advice library: an index of tips, or tips in full with their evidence and sources.

use std::io::{self, Write};

use glasskin_core::advice::Tip;

use super::{DIM, HEADER};

/// `glasskin tips`: a line per tip, and how to read them.
pub fn write_index(out: &mut impl Write, tips: &[&Tip]) -> io::Result<()> {
    for tip in tips {
        writeln!(
            out,
            "{:<28} {} {DIM}[{}]{DIM:#}",
            tip.id,
            tip.title,
            tip.topics.join(", ")
        )?;
    }
    writeln!(
        out,
        "\n{DIM}glasskin tips TOPIC shows the tips on a topic; glasskin tips ID shows one.{DIM:#}"
    )
}

/// `glasskin tips TOPIC` or `glasskin tips ID`: each tip in full.
pub fn write(out: &mut impl Write, tips: &[&Tip]) -> io::Result<()> {
    if tips.is_empty() {
        writeln!(out, "No tips on that topic yet.")?;
    }
    for tip in tips {
        writeln!(
            out,
            "{HEADER}{}{HEADER:#} {DIM}[evidence {:?}, {}]{DIM:#}",
            tip.title, tip.grade, tip.id
        )?;
        writeln!(out, "{}", tip.text)?;
        for source in tip.sources {
            let url = if source.url.is_empty() {
                String::new()
            } else {
                format!(" {}", source.url)
            };
            writeln!(
                out,
                "{DIM}Source ({:?}): {}{url}{DIM:#}",
                source.grade, source.citation
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
