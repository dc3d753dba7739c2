//! The shelf: a line per product with its step and expiry, and one product's heading.

use std::io::{self, Write};

use glasskin_core::Step;
use glasskin_core::expiry::Status;
use glasskin_store::ShelfProduct;

/// One line of `glasskin shelf list`: the product, its step (`None`: no ingredient list found)
/// and where it stands against its expiry.
pub struct Row<'a> {
    pub product: &'a ShelfProduct,
    pub step: Option<Step>,
    pub expiry: Status,
}

/// `glasskin shelf add`: the new product's number and what glasskin takes it for.
pub fn write_added(
    out: &mut impl Write,
    id: i64,
    name: &str,
    step: Option<Step>,
) -> io::Result<()> {
    writeln!(out, "#{id} {name}: {}", step_text(step))
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
        let p = row.product;
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

fn expiry_text(status: &Status) -> String {
    match status {
        Status::Expired { days_ago } => format!("EXPIRED {days_ago} days ago"),
        Status::ExpiringSoon { days_left } => format!("expires in {days_left} days"),
        Status::Fine { days_left } => format!("good for {days_left} days"),
        Status::Unknown => "expiry unknown (add --pao or --best-before)".to_owned(),
    }
}
