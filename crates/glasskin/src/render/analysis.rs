//! The readable form of an analysis: a table per product, then the diagnostics.
//!
//! Colour goes through `anstream`, which drops it when the output is not a terminal or
//! `NO_COLOR` is set.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use glasskin_core::kb::{COMEDOGENIC_CAVEAT, FUNGAL_ACNE_CAVEAT, UvaCoverage};
use glasskin_core::product::{Base, Confidence};
use glasskin_core::{Entry, Match, OnePercent, Product};

use super::{DIM, HEADER};
use crate::report::Report;

const UNKNOWN: Style = AnsiColor::Red.on_default();
const FUZZY: Style = AnsiColor::Yellow.on_default();
const FLAG: Style = AnsiColor::Magenta.on_default();
const CLASS: Style = AnsiColor::Cyan.on_default();

const RAW_WIDTH: usize = 34;
const INCI_WIDTH: usize = 34;

pub fn write(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let analysis = &report.analysis;
    let mut caveats = (false, false);
    for (product, understood) in analysis.products.iter().zip(&report.understanding) {
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
            caveats.0 |= entry.flags().comedogenic.is_some();
            caveats.1 |= entry.flags().fungal_acne.is_some();
        }
        if let Some(line) = product.one_percent_line {
            let declared = product.entries[line - 1].percent.is_some_and(|p| p < 1.0);
            let why = if declared {
                "the first ingredient the label declares below 1%"
            } else {
                "the first ingredient normally used below 1%"
            };
            writeln!(
                out,
                "{DIM}The 1% line is estimated at #{line}: {why}.{DIM:#}"
            )?;
        }
        writeln!(out)?;
        write_product(out, understood)?;
        writeln!(out)?;
    }
    for understood in &report.understanding {
        caveats.0 |= !understood.flags.comedogenic.is_empty();
        caveats.1 |= !understood.flags.fungal_acne_triggers.is_empty();
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

/// What the product is: its step and why, then what it is like and what to know.
fn write_product(out: &mut impl Write, product: &Product) -> io::Result<()> {
    let confidence = match product.confidence {
        Confidence::High => "high confidence",
        Confidence::Medium => "medium confidence",
        Confidence::Low => "low confidence",
    };
    let also: Vec<&str> = product.also.iter().map(|s| s.label()).collect();
    let also = if also.is_empty() {
        String::new()
    } else {
        format!(", also {}", also.join(", "))
    };
    writeln!(
        out,
        "{HEADER}Step:{HEADER:#} {}{also} {DIM}({confidence}: {}){DIM:#}",
        product.step.label(),
        product.reasons.join("; ")
    )?;
    let base = match product.base {
        Base::Water => "water-based",
        Base::Emulsion => "emulsion",
        Base::Oil => "oil-based",
        Base::Anhydrous => "anhydrous",
    };
    let use_ = if product.rinse_off {
        "rinse-off"
    } else {
        "leave-on"
    };
    writeln!(
        out,
        "{HEADER}Form:{HEADER:#} {use_}, {base}, texture {}/5 (thin to thick){}",
        product.texture,
        if product.needs_low_ph {
            "; works at a low pH"
        } else {
            ""
        }
    )?;
    if !product.actives.is_empty() {
        let actives: Vec<String> = product
            .actives
            .iter()
            .map(|a| {
                let strength = match (a.percent, a.strength) {
                    (Some(p), _) => format!("{p}%"),
                    (None, OnePercent::Above) => "above 1%".to_owned(),
                    (None, OnePercent::Below) => "below 1%".to_owned(),
                    (None, OnePercent::Unknown) => "strength unknown".to_owned(),
                };
                format!(
                    "{} ({}, {strength})",
                    a.inci,
                    a.form.unwrap_or(a.class.label())
                )
            })
            .collect();
        writeln!(out, "{HEADER}Actives:{HEADER:#} {}", actives.join("; "))?;
    }
    if let Some(uv) = product.uv_sentence() {
        writeln!(out, "{HEADER}UV:{HEADER:#} {uv}")?;
    }
    if let Some(spf) = product.spf_sentence() {
        writeln!(out, "{HEADER}SPF:{HEADER:#} {spf}")?;
    }
    let flags = &product.flags;
    let mut free = Vec::new();
    for (yes, what) in [
        (flags.fragrance_free, "fragrance-free"),
        (flags.essential_oil_free, "essential-oil-free"),
        (flags.drying_alcohol_free, "drying-alcohol-free"),
        (flags.seven_skin, "fits the 7-skin method"),
    ] {
        if yes {
            free.push(what);
        }
    }
    if !free.is_empty() {
        writeln!(out, "{HEADER}Good to know:{HEADER:#} {}", free.join(", "))?;
    }
    let mut notes: Vec<String> = Vec::new();
    if !flags.eu_allergens.is_empty() {
        notes.push(format!(
            "EU fragrance allergens: {}",
            flags.eu_allergens.join(", ")
        ));
    }
    if !flags.fungal_acne_triggers.is_empty() {
        let weight = if product.rinse_off {
            " (rinsed off, so brief contact)"
        } else {
            ""
        };
        notes.push(format!(
            "ingredients commonly listed as fungal-acne triggers†{weight}: {}",
            flags.fungal_acne_triggers.join(", ")
        ));
    }
    if !flags.comedogenic.is_empty() {
        let rated: Vec<String> = flags
            .comedogenic
            .iter()
            .map(|c| format!("{} {}/5", c.inci, c.rating))
            .collect();
        notes.push(format!("rated comedogenic*: {}", rated.join(", ")));
    }
    for caution in &flags.pregnancy_caution {
        notes.push(format!("pregnancy: ask your doctor; {caution}"));
    }
    notes.extend(flags.eu_compliance.iter().cloned());
    for note in notes {
        writeln!(out, "  {FLAG}!{FLAG:#} {note}")?;
    }
    let benefits: Vec<String> = product
        .benefits
        .iter()
        .map(|b| format!("{} ({})", b.benefit.label(), b.ingredients.join(", ")))
        .collect();
    if !benefits.is_empty() {
        writeln!(out, "{HEADER}Carries:{HEADER:#} {}", benefits.join("; "))?;
    }
    Ok(())
}

fn write_entry(out: &mut impl Write, entry: &Entry) -> io::Result<()> {
    let (inci, style) = match entry.matched {
        Match::Unknown => ("unknown".to_owned(), UNKNOWN),
        Match::Fuzzy => (entry.inci().unwrap_or_default().to_owned(), FUZZY),
        _ => (entry.inci().unwrap_or_default().to_owned(), Style::new()),
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
    let classes: Vec<&str> = entry.classes().iter().map(|c| c.label()).collect();
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
    let f = entry.flags();
    let mut out = Vec::new();
    if let Some(form) = entry.form() {
        out.push(form.to_owned());
    }
    if let Some(p) = entry.percent {
        out.push(format!("{p}% on label"));
    }
    if f.eu_allergen.is_some() {
        out.push("EU fragrance allergen".into());
    }
    if let Some(a) = f.prohibited {
        if a.bans_only_some() {
            out.push(format!(
                "EU Annex II/{}: banned in some grades or uses",
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
