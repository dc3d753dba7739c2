//! The shelf: a line per product with its step and expiry, and one product's heading.

use std::io::{self, Write};

use glasskin_app::shelf::{ExpiryNote, Row};
use glasskin_core::Step;
use glasskin_core::expiry::Status;
use glasskin_store::ShelfProduct;

use super::WARNING;

/// `glasskin shelf add`: the new product's number and what glasskin takes it for.
pub fn write_added(out: &mut impl Write, row: &Row) -> io::Result<()> {
    writeln!(
        out,
        "#{} {}: {}",
        row.product.id,
        row.product.name,
        step_text(row.step)
    )?;
    if let Some(caution) = &row.caution {
        let mut caution = caution.clone();
        if let Some(first) = caution.get(..1) {
            caution.replace_range(..1, &first.to_uppercase());
        }
        writeln!(
            out,
            "  {WARNING}!{WARNING:#} {caution}. If it is not a {}, set its step with `glasskin shelf edit {} --step …`.",
            step_text(row.step),
            row.product.id
        )?;
    }
    Ok(())
}

/// `glasskin shelf list`.
pub fn write_list(out: &mut impl Write, rows: &[Row]) -> io::Result<()> {
    if rows.is_empty() {
        writeln!(
            out,
            "The shelf is empty; add a product with `glasskin shelf add --name …`."
        )?;
    }
    for row in rows {
        let p = &row.product;
        writeln!(
            out,
            "#{:<3} {:<40} {:<22} {:<9} {}{}",
            p.id,
            p.name,
            step_text(row.step),
            p.status.id(),
            expiry_text(&row.expiry),
            if p.new { ", not yet patch tested" } else { "" }
        )?;
    }
    Ok(())
}

/// The first line of `glasskin shelf show`, above the product's analysis.
pub fn write_heading(out: &mut impl Write, p: &ShelfProduct) -> io::Result<()> {
    writeln!(out, "#{} {} ({})", p.id, p.name, p.status.id())
}

fn step_text(step: Option<Step>) -> &'static str {
    match step {
        Some(step) => step.label(),
        None => "no ingredient list found",
    }
}

/// The shared sentence, shouted when expired, with how to fix an unknown expiry.
fn expiry_text(note: &ExpiryNote) -> String {
    let sentence = note.sentence();
    match note.status {
        Status::Expired { .. } => sentence.replacen("expired", "EXPIRED", 1),
        Status::Unknown if note.pao_unopened.is_none() => {
            format!("{sentence} (add --pao or --best-before)")
        }
        _ => sentence,
    }
}
