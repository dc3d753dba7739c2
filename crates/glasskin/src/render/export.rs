//! The export as CSV, a table per kind of record, for spreadsheets: a header row, then a row per
//! record. Missing values are empty cells; lists are joined with `;`.

use std::io::Write;

use glasskin_store::{Checkoff, DiaryEntry, LifestyleEntry, ShelfProduct};
use jiff::civil::Date;

fn text(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn num(n: Option<u16>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn rating(n: Option<u8>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn real(n: Option<f32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// `products.csv`.
pub fn products(w: &mut csv::Writer<impl Write>, products: &[ShelfProduct]) -> csv::Result<()> {
    w.write_record([
        "id",
        "name",
        "brand",
        "step",
        "added",
        "opened",
        "pao_months",
        "best_before",
        "status",
        "status_reason",
        "new",
        "label",
    ])?;
    for p in products {
        w.write_record([
            p.id.to_string(),
            p.name.clone(),
            p.brand.clone().unwrap_or_default(),
            p.step.clone().unwrap_or_default(),
            p.added.to_string(),
            text(p.opened),
            num(p.pao_months),
            text(p.best_before),
            p.status.id().to_owned(),
            p.status_reason.clone().unwrap_or_default(),
            p.new.to_string(),
            p.label.clone(),
        ])?;
    }
    Ok(())
}

/// `diary.csv`.
pub fn diary(w: &mut csv::Writer<impl Write>, diary: &[DiaryEntry]) -> csv::Result<()> {
    w.write_record([
        "date",
        "hydration",
        "oiliness",
        "breakouts",
        "redness",
        "texture",
        "glow",
        "spots",
        "notes",
        "tags",
        "photo",
    ])?;
    for d in diary {
        w.write_record([
            d.date.to_string(),
            rating(d.hydration),
            rating(d.oiliness),
            rating(d.breakouts),
            rating(d.redness),
            rating(d.texture),
            rating(d.glow),
            num(d.breakout_count),
            d.notes.clone().unwrap_or_default(),
            d.tags.join(";"),
            d.photo.clone().unwrap_or_default(),
        ])?;
    }
    Ok(())
}

/// `lifestyle.csv`.
pub fn lifestyle(w: &mut csv::Writer<impl Write>, lifestyle: &[LifestyleEntry]) -> csv::Result<()> {
    w.write_record([
        "date",
        "sleep_hours",
        "water_litres",
        "exercise_minutes",
        "stress",
        "diet_tags",
        "tags",
    ])?;
    for l in lifestyle {
        w.write_record([
            l.date.to_string(),
            real(l.sleep_hours),
            real(l.water_litres),
            num(l.exercise_minutes),
            rating(l.stress),
            l.diet_tags.join(";"),
            l.tags.join(";"),
        ])?;
    }
    Ok(())
}

/// `checkoffs.csv`.
pub fn checkoffs(w: &mut csv::Writer<impl Write>, checkoffs: &[Checkoff]) -> csv::Result<()> {
    w.write_record(["date", "time", "product_id"])?;
    for c in checkoffs {
        w.write_record([c.date.to_string(), c.time.clone(), c.product_id.to_string()])?;
    }
    Ok(())
}
