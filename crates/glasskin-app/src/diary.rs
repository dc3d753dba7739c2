//! The skin diary and the lifestyle log: a day logged, whole or not at all, or what is said of
//! a day added to what was logged before.

use glasskin_store::{DiaryEntry, LifestyleEntry, Store};
use jiff::civil::Date;

use crate::error::{Result, parse};

glasskin_core::vocabulary! {
    /// A field of the skin diary a person can clear.
    pub SkinField {
        Hydration = "hydration", "hydration";
        Oiliness = "oiliness", "oiliness";
        Breakouts = "breakouts", "breakouts";
        Redness = "redness", "redness";
        Texture = "texture", "texture";
        Glow = "glow", "glow";
        Spots = "spots", "spots counted";
        Note = "note", "the note";
        Tags = "tags", "the tags";
        Photo = "photo", "the photo";
    }
}

glasskin_core::vocabulary! {
    /// A field of the lifestyle log a person can clear.
    pub DayField {
        Sleep = "sleep", "hours slept";
        Water = "water", "water";
        Exercise = "exercise", "exercise";
        Stress = "stress", "stress";
        Diet = "diet", "the diet tags";
        Tags = "tags", "the tags";
    }
}

/// The skin diary field with this id.
pub fn parse_skin_field(text: &str) -> Result<SkinField> {
    parse("clear", text)
}

/// The lifestyle field with this id.
pub fn parse_day_field(text: &str) -> Result<DayField> {
    parse("clear", text)
}

/// Adds what `said` says of a day to the skin diary: a field it leaves empty keeps what was
/// logged, its tags join the day's, and the fields in `clear` are emptied. Returns the day as
/// saved.
pub fn add_skin<S: Store + ?Sized>(
    store: &mut S,
    said: &DiaryEntry,
    clear: &[SkinField],
    today: Date,
) -> Result<DiaryEntry> {
    let day = merged_skin(store, said, clear)?;
    store.log_diary(&day, today)?;
    Ok(day)
}

/// Adds what `said` says of a day to the lifestyle log, as [`add_skin`] does.
pub fn add_lifestyle<S: Store + ?Sized>(
    store: &mut S,
    said: &LifestyleEntry,
    clear: &[DayField],
    today: Date,
) -> Result<LifestyleEntry> {
    let day = merged_lifestyle(store, said, clear)?;
    store.log_lifestyle(&day, today)?;
    Ok(day)
}

/// Adds a day's skin and lifestyle together, as [`add_skin`] and [`add_lifestyle`] do: both or
/// neither.
pub fn add_day<S: Store + ?Sized>(
    store: &mut S,
    skin: &DiaryEntry,
    lifestyle: &LifestyleEntry,
    today: Date,
) -> Result<()> {
    let skin = merged_skin(store, skin, &[])?;
    let lifestyle = merged_lifestyle(store, lifestyle, &[])?;
    log_day(store, &skin, &lifestyle, today)
}

fn merged_skin<S: Store + ?Sized>(
    store: &S,
    said: &DiaryEntry,
    clear: &[SkinField],
) -> Result<DiaryEntry> {
    let mut day = store
        .diary()?
        .into_iter()
        .find(|e| e.date == said.date)
        .unwrap_or(DiaryEntry {
            date: said.date,
            ..DiaryEntry::default()
        });
    for field in clear {
        match field {
            SkinField::Hydration => day.hydration = None,
            SkinField::Oiliness => day.oiliness = None,
            SkinField::Breakouts => day.breakouts = None,
            SkinField::Redness => day.redness = None,
            SkinField::Texture => day.texture = None,
            SkinField::Glow => day.glow = None,
            SkinField::Spots => day.breakout_count = None,
            SkinField::Note => day.notes = None,
            SkinField::Tags => day.tags.clear(),
            SkinField::Photo => day.photo = None,
        }
    }
    day.hydration = said.hydration.or(day.hydration);
    day.oiliness = said.oiliness.or(day.oiliness);
    day.breakouts = said.breakouts.or(day.breakouts);
    day.redness = said.redness.or(day.redness);
    day.texture = said.texture.or(day.texture);
    day.glow = said.glow.or(day.glow);
    day.breakout_count = said.breakout_count.or(day.breakout_count);
    day.notes = said.notes.clone().or(day.notes);
    day.photo = said.photo.clone().or(day.photo);
    join(&mut day.tags, &said.tags);
    Ok(day)
}

fn merged_lifestyle<S: Store + ?Sized>(
    store: &S,
    said: &LifestyleEntry,
    clear: &[DayField],
) -> Result<LifestyleEntry> {
    let mut day = store
        .lifestyle()?
        .into_iter()
        .find(|e| e.date == said.date)
        .unwrap_or(LifestyleEntry {
            date: said.date,
            ..LifestyleEntry::default()
        });
    for field in clear {
        match field {
            DayField::Sleep => day.sleep_hours = None,
            DayField::Water => day.water_litres = None,
            DayField::Exercise => day.exercise_minutes = None,
            DayField::Stress => day.stress = None,
            DayField::Diet => day.diet_tags.clear(),
            DayField::Tags => day.tags.clear(),
        }
    }
    day.sleep_hours = said.sleep_hours.or(day.sleep_hours);
    day.water_litres = said.water_litres.or(day.water_litres);
    day.exercise_minutes = said.exercise_minutes.or(day.exercise_minutes);
    day.stress = said.stress.or(day.stress);
    join(&mut day.diet_tags, &said.diet_tags);
    join(&mut day.tags, &said.tags);
    Ok(day)
}

/// Adds the tags not there yet, in the order said.
fn join(tags: &mut Vec<String>, said: &[String]) {
    for tag in said {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
}

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
