//! The saved profile, a line per thing it says.

use std::io::{self, Write};

use glasskin_store::StoredProfile;

/// `glasskin profile show` and `set`.
pub fn write(out: &mut impl Write, p: &StoredProfile) -> io::Result<()> {
    writeln!(
        out,
        "skin type: {}{}",
        p.skin_type,
        if p.sensitive { ", sensitive" } else { "" }
    )?;
    if !p.concerns.is_empty() {
        writeln!(out, "concerns: {}", p.concerns.join(", "))?;
    }
    for (yes, what) in [
        (p.pregnant, "pregnant or breastfeeding"),
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
    Ok(())
}
