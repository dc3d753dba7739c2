//! The readable forms of what the commands compute: functions that write a value to a
//! [`Write`](std::io::Write), one module per kind of value.
//!
//! Colour goes through `anstream` at the caller, which drops it when the output is not a terminal
//! or `NO_COLOR` is set; the styles here are the ones every renderer shares. A renderer never
//! calls a command (`cmd`); the values it writes come from the library crates, most from
//! `glasskin_app`.

pub mod analysis;
pub mod devices;
pub mod export;
pub mod findings;
pub mod insights;
pub mod patch;
pub mod plan;
pub mod profile;
pub mod scan;
pub mod shelf;
pub mod tips;
pub mod today;

use anstyle::{AnsiColor, Style};

/// The `error:` prefix.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// A warning's label.
pub const WARNING: Style = AnsiColor::Red.on_default().bold();
/// Headings.
pub const HEADER: Style = Style::new().bold();
/// Asides: reasons, sources, hints.
pub const DIM: Style = Style::new().dimmed();

/// A value as `--json` prints it: pretty JSON and a newline.
pub fn json(out: &mut impl std::io::Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
