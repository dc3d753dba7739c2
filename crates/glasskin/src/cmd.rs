//! The commands, one module each: a command parses its arguments, calls `glasskin_app` once per
//! operation and hands what it gets to `crate::render`. What several commands share lives here:
//! the database, the local calendar, and dates and periods as the person writes them.

pub mod analyze;
pub mod check;
pub mod devices;
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

/// The database: `--db`, `GLASSKIN_DB`, or [`default_db`], opened.
pub fn open(db: Option<&Path>) -> anyhow::Result<SqliteStore> {
    let path = db_path(db)?;
    Ok(SqliteStore::open(&path, LOCAL_OWNER).map_err(glasskin_app::Error::from)?)
}

/// The database file: `--db`, `GLASSKIN_DB`, or [`default_db`]. The default data directory is
/// created as needed. A file given is refused when its directory's parent does not exist either,
/// so a mistyped path makes no tree of directories; its directory alone is made, as `mkdir`
/// would.
pub fn db_path(db: Option<&Path>) -> anyhow::Result<PathBuf> {
    match db {
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                && !dir.is_dir()
            {
                if let Some(parent) = dir
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty() && !p.is_dir())
                {
                    return Err(glasskin_app::Error::invalid(format!(
                        "cannot open the database {}: the directory {} does not exist, nor does {}; create it first, or give --db a file in a directory that exists",
                        path.display(),
                        dir.display(),
                        parent.display()
                    ))
                    .into());
                }
                match std::fs::create_dir(dir) {
                    // Another glasskin made it meanwhile.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    made => made.with_context(|| format!("cannot create {}", dir.display()))?,
                }
            }
            Ok(path.to_owned())
        }
        None => {
            let path = default_db()?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            Ok(path)
        }
    }
}

/// Today, on the local calendar.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// A date the person wrote (`--date`, `--opened`, …); a wrong one is an invalid value.
pub fn date(text: &str) -> glasskin_app::Result<Date> {
    text.parse::<Date>().map_err(|e| {
        glasskin_app::Error::invalid(format!(
            "`{text}` is not a date; write it like 2026-11-29: {e}"
        ))
    })
}

/// A day the person may leave out: today when they do.
pub fn day_or(text: Option<&str>, today: Date) -> glasskin_app::Result<Date> {
    text.map(date).transpose().map(|d| d.unwrap_or(today))
}

/// A period after opening as printed on the jar ("12M").
pub fn pao(text: Option<&str>) -> glasskin_app::Result<Option<u16>> {
    text.map(|t| {
        glasskin_core::expiry::parse_pao(t).map_err(|e| glasskin_app::Error::invalid(e.to_string()))
    })
    .transpose()
}
