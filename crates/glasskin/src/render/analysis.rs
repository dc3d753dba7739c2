//! The readable form of an analysis: a table per product, then the diagnostics.
//!
//! Colour goes through `anstream`, which drops it when the output is not a terminal or
//! `NO_COLOR` is set.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use glasskin_app::analysis::Report;
use glasskin_app::analysis::notes::{self, COMEDOGENIC_MARK, FUNGAL_ACNE_MARK};
use glasskin_core::kb::{COMEDOGENIC_CAVEAT, FUNGAL_ACNE_CAVEAT};
use glasskin_core::{Entry, Match, Product};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{DIM, HEADER};

const UNKNOWN: Style = AnsiColor::Red.on_default();
const FUZZY: Style = AnsiColor::Yellow.on_default();
const FLAG: Style = AnsiColor::Magenta.on_default();
const CLASS: Style = AnsiColor::Cyan.on_default();

const RAW_WIDTH: usize = 34;
const INCI_WIDTH: usize = 34;

pub fn write(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let analysis = &report.analysis;
    for (product, understood) in analysis.products.iter().zip(&report.understanding) {
        if let Some(title) = &product.title {
            writeln!(out, "{HEADER}{title}{HEADER:#}")?;
        }
        // A page with highlights and no list has no table.
        if !product.entries.is_empty() {
            writeln!(
                out,
                "{HEADER}{:>3}  {:<RAW_WIDTH$}  {:<INCI_WIDTH$}  {:<7}  {:<5}  classes and flags{HEADER:#}",
                "#", "as written", "INCI", "match", "1%"
            )?;
        }
        for entry in &product.entries {
            write_entry(out, entry)?;
        }
        if let Some(line) = notes::one_percent_line(product) {
            writeln!(out, "{DIM}{line}{DIM:#}")?;
        }
        writeln!(out)?;
        write_product(out, understood)?;
        writeln!(out)?;
    }
    let (comedogenic, fungal_acne) = notes::caveats(report);
    if comedogenic {
        writeln!(out, "{DIM}{COMEDOGENIC_MARK} {COMEDOGENIC_CAVEAT}{DIM:#}")?;
    }
    if fungal_acne {
        writeln!(out, "{DIM}{FUNGAL_ACNE_MARK} {FUNGAL_ACNE_CAVEAT}{DIM:#}")?;
    }
    if !analysis.diagnostics.is_empty() {
        writeln!(out, "{HEADER}Notes{HEADER:#}")?;
        for d in &analysis.diagnostics {
            writeln!(out, "  - {}", d.message)?;
        }
    }
    Ok(())
}

/// What the product is: its step and why, then what it is like and what to know.
fn write_product(out: &mut impl Write, product: &Product) -> io::Result<()> {
    let also: Vec<&str> = product.also.iter().map(|s| s.label()).collect();
    let also = if also.is_empty() {
        String::new()
    } else {
        format!(", also {}", also.join(", "))
    };
    if let Some(caution) = notes::caution(product) {
        writeln!(out, "{FLAG}Caution:{FLAG:#} {caution}")?;
    }
    writeln!(
        out,
        "{HEADER}Step:{HEADER:#} {}{also} {DIM}({}: {}){DIM:#}",
        product.step.label(),
        notes::confidence(product),
        product.reasons.join("; ")
    )?;
    writeln!(out, "{HEADER}Form:{HEADER:#} {}", notes::form(product))?;
    let actives = notes::actives(product);
    if !actives.is_empty() {
        writeln!(out, "{HEADER}Actives:{HEADER:#} {}", actives.join("; "))?;
    }
    if let Some(uv) = product.uv_sentence() {
        writeln!(out, "{HEADER}UV:{HEADER:#} {uv}")?;
    }
    if let Some(spf) = product.spf_sentence() {
        writeln!(out, "{HEADER}SPF:{HEADER:#} {spf}")?;
    }
    if let Some(good) = notes::good(product) {
        writeln!(out, "{HEADER}Good to know:{HEADER:#} {good}")?;
    }
    for note in notes::warnings(product) {
        writeln!(out, "  {FLAG}!{FLAG:#} {note}")?;
    }
    let (holding, doubtful) = notes::claims(product);
    if let Some(holding) = holding {
        writeln!(out, "{HEADER}Claims:{HEADER:#} {holding}")?;
    }
    for note in doubtful {
        writeln!(out, "  {FLAG}!{FLAG:#} {note}")?;
    }
    let carries = notes::carries(product);
    if !carries.is_empty() {
        writeln!(out, "{HEADER}Carries:{HEADER:#} {}", carries.join("; "))?;
    }
    Ok(())
}

fn write_entry(out: &mut impl Write, entry: &Entry) -> io::Result<()> {
    let (inci, style) = match entry.matched {
        Match::Unknown => ("unknown", UNKNOWN),
        Match::Fuzzy | Match::KoreanRules => (entry.inci().unwrap_or_default(), FUZZY),
        _ => (entry.inci().unwrap_or_default(), Style::new()),
    };
    let classes: Vec<&str> = entry.classes().iter().map(|c| c.label()).collect();
    write!(
        out,
        "{:>3}  {}  {style}{}{style:#}  {:<7}  {:<5}  {CLASS}{}{CLASS:#}",
        entry.position,
        fit(&entry.raw, RAW_WIDTH),
        fit(inci, INCI_WIDTH),
        notes::matched(entry),
        notes::one_percent(entry),
        classes.join(", ")
    )?;
    let flags = notes::entry_flags(entry);
    if !flags.is_empty() {
        let sep = if classes.is_empty() { "" } else { "; " };
        write!(out, "{sep}{FLAG}{}{FLAG:#}", flags.join(", "))?;
    }
    writeln!(out)
}

/// Cuts text to a column width, marking the cut.
/// `text` in exactly `width` terminal columns: cut with an ellipsis, or padded. Columns, not
/// characters: a Hangul syllable takes two.
fn fit(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + width);
    let mut used = 0;
    if text.width() <= width {
        out.push_str(text);
        used = text.width();
    } else {
        for c in text.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width - 1 {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}
