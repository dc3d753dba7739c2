//! The readable form of an analysis: a table per product, then the diagnostics.
//!
//! Colour goes through `anstream`, which drops it when the output is not a terminal or
//! `NO_COLOR` is set.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use glasskin_core::kb::{COMEDOGENIC_CAVEAT, FUNGAL_ACNE_CAVEAT, UvaCoverage};
use glasskin_core::{Analysis, Entry, Match, OnePercent};

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
const HEADER: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const UNKNOWN: Style = AnsiColor::Red.on_default();
const FUZZY: Style = AnsiColor::Yellow.on_default();
const FLAG: Style = AnsiColor::Magenta.on_default();
const CLASS: Style = AnsiColor::Cyan.on_default();

const RAW_WIDTH: usize = 34;
const INCI_WIDTH: usize = 34;

pub fn write(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    let mut caveats = (false, false);
    for product in &analysis.products {
        if let Some(title) = &product.title {
            writeln!(out, "{HEADER}{title}{HEADER:#}")?;
        }
        writeln!(
            out,
            "{HEADER}{:>3}  {:<RAW_WIDTH$}  {:<INCI_WIDTH$}  {:<7}  {:<5}  classes and flags{HEADER:#}",
            "#", "as written", "INCI", "match", "1%"
        )?;
        for entry in &product.entries {
            write_entry(out, entry)?;
            caveats.0 |= entry.flags.comedogenic.is_some();
            caveats.1 |= entry.flags.fungal_acne.is_some();
        }
        if let Some(line) = product.one_percent_line {
            writeln!(
                out,
                "{DIM}The 1% line is estimated at #{line}: the first ingredient normally used below 1%.{DIM:#}"
            )?;
        }
        writeln!(out)?;
    }
    if caveats.0 {
        writeln!(out, "{DIM}* {COMEDOGENIC_CAVEAT}{DIM:#}")?;
    }
    if caveats.1 {
        writeln!(out, "{DIM}† {FUNGAL_ACNE_CAVEAT}{DIM:#}")?;
    }
    if !analysis.diagnostics.is_empty() {
        writeln!(out, "{HEADER}Notes{HEADER:#}")?;
        for d in &analysis.diagnostics {
            writeln!(out, "  - {}", d.message)?;
        }
    }
    Ok(())
}

fn write_entry(out: &mut impl Write, entry: &Entry) -> io::Result<()> {
    let (inci, style) = match entry.matched {
        Match::Unknown => ("unknown".to_owned(), UNKNOWN),
        Match::Fuzzy => (entry.inci.unwrap_or_default().to_owned(), FUZZY),
        _ => (entry.inci.unwrap_or_default().to_owned(), Style::new()),
    };
    let matched = match entry.matched {
        Match::Exact => "exact".to_owned(),
        Match::Synonym => "synonym".to_owned(),
        Match::Fuzzy => format!("~{:.2}", entry.score.unwrap_or_default()),
        Match::Unknown => "unknown".to_owned(),
    };
    let one_percent = match entry.one_percent {
        OnePercent::Above => "above",
        OnePercent::Below => "below",
        OnePercent::Unknown => "?",
    };
    let classes: Vec<&str> = entry.classes.iter().map(|c| c.label()).collect();
    write!(
        out,
        "{:>3}  {:<RAW_WIDTH$}  {style}{:<INCI_WIDTH$}{style:#}  {:<7}  {:<5}  {CLASS}{}{CLASS:#}",
        entry.position,
        fit(&entry.raw, RAW_WIDTH),
        fit(&inci, INCI_WIDTH),
        matched,
        one_percent,
        classes.join(", ")
    )?;
    let flags = flags(entry);
    if !flags.is_empty() {
        let sep = if classes.is_empty() { "" } else { "; " };
        write!(out, "{sep}{FLAG}{}{FLAG:#}", flags.join(", "))?;
    }
    writeln!(out)
}

fn flags(entry: &Entry) -> Vec<String> {
    let f = &entry.flags;
    let mut out = Vec::new();
    if let Some(form) = entry.form {
        out.push(form.to_owned());
    }
    if let Some(p) = entry.percent {
        out.push(format!("{p}% on label"));
    }
    if f.eu_allergen.is_some() {
        out.push("EU fragrance allergen".into());
    }
    if let Some(a) = f.prohibited {
        // Some Annex II entries ban a grade, not the ingredient: "Petrolatum, except if the full
        // refining history is known…".
        if a.substance.contains("except") {
            out.push(format!(
                "EU Annex II/{}: banned unless refined as required",
                a.reference
            ));
        } else {
            out.push(format!("prohibited in the EU (Annex II/{})", a.reference));
        }
    }
    if let Some(a) = f.restricted {
        out.push(format!("EU-restricted (Annex III/{})", a.reference));
    }
    if let Some(uv) = f.uv_filter {
        let uva = match uv.uva {
            UvaCoverage::None => "no UVA",
            UvaCoverage::Short => "UVA2",
            UvaCoverage::Long => "UVA1+UVA2",
        };
        out.push(format!("{}{uva}", if uv.uvb { "UVB+" } else { "" }));
    }
    if f.fungal_acne.is_some() {
        out.push("fungal-acne trigger†".into());
    }
    if let Some(r) = f.comedogenic {
        out.push(format!("comedogenic {}/5*", r.comedogenic));
    }
    if entry.may_contain {
        out.push("may contain".into());
    }
    if entry.nano {
        out.push("nano".into());
    }
    if let Some(note) = &entry.note {
        out.push(note.clone());
    }
    out
}

/// Cuts text to a column width, marking the cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}
