//! What OCR adds to a label's analysis: how sure it is of each entry, what it could not read or
//! corrected, and the text it read, for a person to check and correct.

use std::io::{self, Write};

use glasskin_app::scan::ScanReport;

use super::{DIM, HEADER, WARNING};

/// Writes the analysis, then the reading.
pub fn write(out: &mut impl Write, scan: &ScanReport) -> io::Result<()> {
    super::analysis::write(out, &scan.report)?;
    let ocr = &scan.ocr;
    writeln!(out)?;
    let photos: Vec<String> = ocr
        .photos
        .iter()
        .map(|p| {
            format!(
                "{} ({} words, {:.0}%)",
                p.name,
                p.words,
                p.confidence * 100.0
            )
        })
        .collect();
    writeln!(
        out,
        "{HEADER}Read from {}{HEADER:#}: {:.0}% confidence on average",
        photos.join(", "),
        ocr.confidence * 100.0
    )?;
    if !ocr.heading_found {
        writeln!(
            out,
            "  no \"Ingredients\" heading was found: all the text on the photos was read as the list"
        )?;
    }
    let mut doubtful = 0;
    for (list, readings) in scan.report.analysis.products.iter().zip(&ocr.entries) {
        for (entry, reading) in list.entries.iter().zip(readings) {
            let corrected = !reading.corrected.is_empty();
            if !reading.doubtful() && !corrected {
                continue;
            }
            doubtful += 1;
            let confidence = reading
                .confidence
                .map_or_else(|| "  ?".to_owned(), |c| format!("{:>3.0}%", c * 100.0));
            write!(out, "  {:>3}  {confidence}  {}", entry.position, entry.raw)?;
            for word in &reading.unreadable {
                write!(out, "  {WARNING}could not read \"{word}\"{WARNING:#}")?;
            }
            for c in &reading.corrected {
                write!(
                    out,
                    "  {DIM}corrected from \"{}\" ({}){DIM:#}",
                    c.read, c.why
                )?;
            }
            writeln!(out)?;
        }
    }
    if doubtful == 0 {
        writeln!(out, "  every entry read with 80% confidence or more")?;
    } else {
        writeln!(out, "  other entries read with 80% confidence or more")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{HEADER}Text read{HEADER:#} ([?word?] could not be read); correct it and run `glasskin analyze --file FILE`:"
    )?;
    let mut at = 0;
    let mut text = String::with_capacity(ocr.text.len() + 32);
    for word in &ocr.words {
        let Some(span) = ocr.text.get(at..word.span.start) else {
            continue;
        };
        text.push_str(span);
        if word.unreadable {
            text.push_str(&format!("[?{}?]", word.text));
        } else {
            text.push_str(&word.text);
        }
        at = word.span.end;
    }
    text.push_str(ocr.text.get(at..).unwrap_or_default());
    for line in text.lines() {
        for part in textwrap::wrap(line, 96) {
            writeln!(out, "  {part}")?;
        }
    }
    Ok(())
}
