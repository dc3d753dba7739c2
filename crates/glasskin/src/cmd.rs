//! The commands, one module each: a command parses its arguments, calls the library crates and
//! hands what it gets to `crate::render`. What several commands share lives here: the database,
//! the local calendar, and dates as the person writes them.

pub mod analyze;
pub mod check;
pub mod export;
pub mod insights;
pub mod log;
pub mod patch;
pub mod plan;
pub mod profile;
pub mod serve;
pub mod shelf;
pub mod tips;
pub mod today;

use std::path::{Path, PathBuf};

use anyhow::Context;
use glasskin_store::SqliteStore;
use jiff::civil::Date;

/// The person every local command works for; a hosted deployment gives each account its own.
const LOCAL_OWNER: &str = "local";

/// `glasskin.db` in the user's data directory (~/.local/share/glasskin on Linux).
pub fn default_db() -> anyhow::Result<PathBuf> {
    Ok(dirs::data_dir()
        .context("no data directory on this system; give the database with --db")?
        .join("glasskin")
        .join("glasskin.db"))
}

/// The database: `--db`, `GLASSKIN_DB`, or [`default_db`].
pub fn open(db: Option<&Path>) -> anyhow::Result<SqliteStore> {
    let path = match db {
        Some(path) => path.to_owned(),
        None => default_db()?,
    };
    SqliteStore::open(&path, LOCAL_OWNER).map_err(anyhow::Error::from)
}

/// Today, on the local calendar.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// A date the person wrote (`--date`, `--opened`, …).
pub fn date(text: &str) -> anyhow::Result<Date> {
    text.parse::<Date>()
        .with_context(|| format!("`{text}` is not a date; write it like 2026-11-29"))
}
