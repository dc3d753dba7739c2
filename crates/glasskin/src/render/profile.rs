//! The saved profile, a line per thing it says.

use std::io::{self, Write};

use glasskin_core::advice::DAYS;
use glasskin_store::StoredProfile;

/// `glasskin profile show` and `set`.
pub fn write(out: &mut impl Write, p: &StoredProfile) -> io::Result<()> {
    writeln!(
        out,
        "skin type: {}{}",
        p.skin_type.id(),
        if p.sensitive { ", sensitive" } else { "" }
    )?;
    if !p.concerns.is_empty() {
        let concerns: Vec<&str> = p.concerns.iter().map(|c| c.id()).collect();
        writeln!(out, "concerns: {}", concerns.join(", "))?;
    }
    for (yes, what) in [
        (p.pregnant, "pregnant"),
        (p.breastfeeding, "breastfeeding"),
        (p.irritated, "skin irritated just now"),
        (p.fragrance_free, "fragrance-free products only"),
    ] {
        if yes {
            writeln!(out, "{what}")?;
        }
    }
    if let Some(started) = p.retinoid_started {
        writeln!(out, "retinoid since {started}")?;
    }
    let names = |days: &[usize]| {
        let names: Vec<&str> = days.iter().filter_map(|&d| DAYS.get(d).copied()).collect();
        names.join(", ")
    };
    match &p.makeup_days {
        Some(days) if days.is_empty() => writeln!(out, "no sunscreen or make-up to remove")?,
        Some(days) if days.len() < 7 => {
            writeln!(out, "sunscreen or make-up on {}", names(days))?;
        }
        _ => {}
    }
    if !p.short_days.is_empty() {
        writeln!(out, "short days: {}", names(&p.short_days))?;
    }
    if let Some(limit) = p.max_steps {
        writeln!(out, "at most {limit} steps a routine")?;
    }
    Ok(())
}
