//! The skin diary and the lifestyle log: a day logged, whole or not at all.

use glasskin_store::{DiaryEntry, LifestyleEntry, Store};
use jiff::civil::Date;

use crate::error::Result;

/// Saves a day of the skin diary, replacing that day's entry.
pub fn log_skin<S: Store + ?Sized>(store: &mut S, entry: &DiaryEntry, today: Date) -> Result<()> {
    Ok(store.log_diary(entry, today)?)
}

/// Saves a day of the lifestyle log, replacing that day's entry.
pub fn log_lifestyle<S: Store + ?Sized>(
    store: &mut S,
    entry: &LifestyleEntry,
    today: Date,
) -> Result<()> {
    Ok(store.log_lifestyle(entry, today)?)
}

/// Saves a day's skin and, if anything of it was said, its lifestyle together: both or neither.
pub fn log_day<S: Store + ?Sized>(
    store: &mut S,
    skin: &DiaryEntry,
    lifestyle: &LifestyleEntry,
    today: Date,
) -> Result<()> {
    let said = *lifestyle
        != LifestyleEntry {
            date: lifestyle.date,
            ..LifestyleEntry::default()
        };
    Ok(store.log_day(skin, said.then_some(lifestyle), today)?)
}

/// The skin diary, oldest first.
pub fn skin<S: Store + ?Sized>(store: &S) -> Result<Vec<DiaryEntry>> {
    Ok(store.diary()?)
}

/// The lifestyle log, oldest first.
pub fn lifestyle<S: Store + ?Sized>(store: &S) -> Result<Vec<LifestyleEntry>> {
    Ok(store.lifestyle()?)
}
