//! The readable forms of what the commands compute: functions that write a value to a
//! [`Write`](std::io::Write), one module per kind of value.
//!
//! Colour goes through `anstream` at the caller, which drops it when the output is not a terminal
//! or `NO_COLOR` is set; the styles here are the ones every renderer shares. A renderer never
//! calls a command (`crate::cmd`); what both need lives below them (`crate::report`).

pub mod analysis;

use anstyle::{AnsiColor, Style};

/// The `error:` prefix, and a warning's label.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// Headings.
pub const HEADER: Style = Style::new().bold();
/// Asides: reasons, sources, hints.
pub const DIM: Style = Style::new().dimmed();
