//! Everything a person has, as one document: export, and import all or nothing.

use glasskin_store::{Export, Store};
use jiff::civil::Date;

use crate::error::{Error, Result};

/// Everything the owner has.
pub fn export<S: Store + ?Sized>(store: &S) -> Result<Export> {
    Ok(store.export()?)
}

/// Reads an export document; a value it holds that no door would accept is refused here, with
/// the field that holds it.
pub fn parse(text: &str) -> Result<Export> {
    serde_json::from_str(text).map_err(|e| Error::invalid(format!("not a glasskin export: {e}")))
}

/// Replaces everything the owner has with an export; a refused document changes nothing.
pub fn import<S: Store + ?Sized>(store: &mut S, export: &Export, today: Date) -> Result<()> {
    Ok(store.import(export, today)?)
}
