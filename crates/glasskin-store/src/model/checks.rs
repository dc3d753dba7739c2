//! The rules every record obeys, whatever door it came through; the store runs them before any
//! write, an import included.

use jiff::civil::Date;

use super::{
    DiaryEntry, Export, LifestyleEntry, NewProduct, ProductId, SCHEMA_VERSION, StoredProfile,
};
use crate::{Result, StoreError};

fn invalid<T>(why: impl Into<String>) -> Result<T> {
    Err(StoreError::Invalid(why.into()))
}

/// Refuses a day after `today`: the diary, check-offs and openings are about what happened.
pub fn not_future(date: Date, today: Date) -> Result<()> {
    if date > today {
        return invalid(format!(
            "{date} is in the future; log days up to today ({today})"
        ));
    }
    Ok(())
}

/// The longest name a person gives a product or a brand, in characters.
pub const NAME_CHARS: usize = 200;
/// The longest label text: a whole retailer page pasted, with room to spare.
pub const LABEL_CHARS: usize = 100_000;
/// The longest note or tag.
pub const NOTE_CHARS: usize = 2_000;

/// Refuses text a person could not have meant: control characters (a line break is allowed
/// where `lines` says so) and more than `most` characters, naming the field.
pub fn check_text(field: &str, text: &str, most: usize, lines: bool) -> Result<()> {
    let allowed = |c: char| !c.is_control() || (lines && matches!(c, '\n' | '\r' | '\t'));
    if let Some(c) = text.chars().find(|&c| !allowed(c)) {
        return invalid(format!(
            "{field}: holds the control character U+{:04X}; type plain text",
            u32::from(c)
        ));
    }
    let chars = text.chars().count();
    if chars > most {
        return invalid(format!(
            "{field}: {chars} characters is too long; at most {most}"
        ));
    }
    Ok(())
}

/// Refuses an opening after `today`: a product is marked opened once it has been.
pub fn check_opened(opened: Date, today: Date) -> Result<()> {
    if opened > today {
        return invalid(format!(
            "opened: {opened} is in the future; a product cannot be opened in the future"
        ));
    }
    Ok(())
}

/// Refuses a period after opening outside the 1 to 120 months printed on real jars.
pub fn check_pao(months: Option<u16>) -> Result<()> {
    if months.is_some_and(|m| !(1..=120).contains(&m)) {
        return invalid("a period after opening is 1 to 120 months");
    }
    Ok(())
}

/// The limits a person may put on a routine's steps: 3 hold a morning's essentials (cleanser,
/// moisturiser, sunscreen), and 15 already allows a step at every stage of the step order.
pub const MAX_STEPS: std::ops::RangeInclusive<usize> = 3..=15;

/// Refuses a limit on a routine's steps outside [`MAX_STEPS`].
pub fn check_max_steps(max_steps: Option<usize>) -> Result<()> {
    match max_steps {
        Some(n) if !MAX_STEPS.contains(&n) => invalid(format!(
            "max_steps: {n} is out of range; limit a routine to {} to {} steps, or not at all",
            MAX_STEPS.start(),
            MAX_STEPS.end()
        )),
        _ => Ok(()),
    }
}

impl StoredProfile {
    /// What every saved profile obeys; its types already rule out unknown skin types and
    /// concerns.
    pub fn check(&self, today: Date) -> Result<()> {
        for (field, days) in [
            (
                "makeup_days",
                self.makeup_days.as_deref().unwrap_or_default(),
            ),
            ("short_days", self.short_days.as_slice()),
        ] {
            if let Some(day) = days.iter().find(|d| **d > 6) {
                return invalid(format!(
                    "{field}: {day} is not a day of the week; use 0 (Monday) to 6 (Sunday)"
                ));
            }
        }
        check_max_steps(self.max_steps)?;
        if let Some(started) = self.retinoid_started
            && started > today
        {
            return invalid(format!(
                "retinoid_started: {started} is in the future; give the day you started"
            ));
        }
        Ok(())
    }
}

impl NewProduct {
    /// What every product on a shelf obeys.
    pub fn check(&self, today: Date) -> Result<()> {
        if self.name.trim().is_empty() {
            return invalid("a product needs a name");
        }
        if self.label.trim().is_empty() {
            return invalid(format!("`{}` needs its ingredient list", self.name));
        }
        check_text("name", &self.name, NAME_CHARS, false)?;
        if let Some(brand) = &self.brand {
            check_text("brand", brand, NAME_CHARS, false)?;
        }
        check_text("label", &self.label, LABEL_CHARS, true)?;
        check_pao(self.pao_months)?;
        if let Some(opened) = self.opened {
            check_opened(opened, today)?;
        }
        Ok(())
    }
}

impl DiaryEntry {
    /// Ratings are 1 to 5.
    pub fn check(&self) -> Result<()> {
        for (name, rating) in [
            ("hydration", self.hydration),
            ("oiliness", self.oiliness),
            ("breakouts", self.breakouts),
            ("redness", self.redness),
            ("texture", self.texture),
            ("glow", self.glow),
        ] {
            if let Some(r) = rating.filter(|r| !(1..=5).contains(r)) {
                return invalid(format!("{name} is rated 1 to 5, not {r}"));
            }
        }
        if let Some(notes) = &self.notes {
            check_text("notes", notes, NOTE_CHARS, true)?;
        }
        if let Some(photo) = &self.photo {
            check_text("photo", photo, NOTE_CHARS, false)?;
        }
        check_tags("tags", &self.tags)
    }
}

impl LifestyleEntry {
    /// Values a day can hold.
    pub fn check(&self) -> Result<()> {
        if self.sleep_hours.is_some_and(|h| !(0.0..=24.0).contains(&h)) {
            return invalid("sleep is 0 to 24 hours");
        }
        if self
            .water_litres
            .is_some_and(|l| !(0.0..=20.0).contains(&l))
        {
            return invalid("water is 0 to 20 litres");
        }
        if self.exercise_minutes.is_some_and(|m| m > 1440) {
            return invalid("exercise is at most 1440 minutes a day");
        }
        if self.stress.is_some_and(|s| !(1..=5).contains(&s)) {
            return invalid("stress is rated 1 to 5");
        }
        check_tags("diet_tags", &self.diet_tags)?;
        check_tags("tags", &self.tags)
    }
}

/// Tags are short plain words.
fn check_tags(field: &str, tags: &[String]) -> Result<()> {
    tags.iter()
        .try_for_each(|tag| check_text(field, tag, NAME_CHARS, false))
}

impl Export {
    /// Checks a whole document before an import writes anything: its version, every record as
    /// if added one by one on `today`, and what the database's keys would refuse.
    pub(crate) fn check(&self, today: Date) -> Result<()> {
        if !(1..=SCHEMA_VERSION).contains(&self.schema_version) {
            return Err(StoreError::Invalid(format!(
                "the export has schema version {}, this glasskin reads 1 to {SCHEMA_VERSION}; nothing was changed",
                self.schema_version
            )));
        }
        if let Some(profile) = &self.profile {
            profile.check(today)?;
        }
        for e in &self.diary {
            e.check()?;
        }
        for e in &self.lifestyle {
            e.check()?;
        }
        for p in &self.products {
            NewProduct::from(p).check(today)?;
        }
        check_references(self, today)
    }
}

/// What the database's keys would refuse, said first and with the field: days after today,
/// ids given twice, and check-offs or patch tests of products the export does not hold.
fn check_references(export: &Export, today: Date) -> Result<()> {
    let dated = export
        .diary
        .iter()
        .map(|e| ("diary", e.date))
        .chain(export.lifestyle.iter().map(|e| ("lifestyle", e.date)))
        .chain(export.checkoffs.iter().map(|c| ("checkoffs", c.date)))
        .chain(
            export
                .patch_tests
                .iter()
                .map(|t| ("patch_tests", t.started)),
        );
    for (field, date) in dated {
        not_future(date, today).map_err(|e| StoreError::Invalid(format!("{field}: {e}")))?;
    }
    let mut ids: Vec<ProductId> = export.products.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    if let Some(twice) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(StoreError::Invalid(format!(
            "products: id {} is given twice; nothing was changed",
            twice[0]
        )));
    }
    let held = |id: ProductId| ids.binary_search(&id).is_ok();
    let named = export
        .checkoffs
        .iter()
        .map(|c| ("checkoffs", c.product_id))
        .chain(
            export
                .patch_tests
                .iter()
                .map(|t| ("patch_tests", t.product_id)),
        );
    for (field, id) in named {
        if !held(id) {
            return Err(StoreError::Invalid(format!(
                "{field}: product {id} is not among the export's products; nothing was changed"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        jiff::civil::date(2026, 12, 7)
    }

    fn product(name: &str, label: &str) -> NewProduct {
        NewProduct {
            name: name.to_owned(),
            label: label.to_owned(),
            ..NewProduct::default()
        }
    }

    #[test]
    fn text_a_person_could_not_have_meant_is_refused_naming_the_field() {
        let refused = |p: NewProduct| match p.check(today()) {
            Err(StoreError::Invalid(why)) => why,
            other => panic!("not refused: {other:?}"),
        };
        assert!(
            refused(product("\u{0}x", "Water"))
                .starts_with("name: holds the control character U+0000")
        );
        assert!(refused(product(&"n".repeat(201), "Water")).starts_with("name: 201 characters"));
        assert!(refused(product("Serum", &"Water, ".repeat(20_000))).starts_with("label: "));
        // A label keeps its line breaks; a long real name is fine.
        assert!(
            product(
                "Klairs Supple Preparation Unscented Toner",
                "Water,\nGlycerin\r\n"
            )
            .check(today())
            .is_ok()
        );
        let day = DiaryEntry {
            date: today(),
            notes: Some("felt tight\nafter the gym".to_owned()),
            tags: vec!["travel\u{7}".to_owned()],
            ..DiaryEntry::default()
        };
        assert!(matches!(day.check(), Err(StoreError::Invalid(why)) if why.starts_with("tags: ")));
    }
}
