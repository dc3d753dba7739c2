//! What the store keeps, as plain data.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The version of the export format. An import reads this version and older ones (which lack
/// the newer parts) and refuses newer ones.
pub const SCHEMA_VERSION: u32 = 2;

/// A product's id on the shelf.
pub type ProductId = i64;

/// The person, as saved: the planner's profile in a storable form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredProfile {
    /// `dry`, `oily`, `combination`, `normal` or `sensitive`.
    pub skin_type: String,
    /// Sensitive, whatever the type.
    #[serde(default)]
    pub sensitive: bool,
    /// Pregnant or breastfeeding.
    #[serde(default)]
    pub pregnant: bool,
    /// Skin irritated just now.
    #[serde(default)]
    pub irritated: bool,
    /// When the person started a retinoid, if they use one.
    #[serde(default)]
    pub retinoid_started: Option<Date>,
    /// Concern ids (`acne`, `dehydration`, …).
    #[serde(default)]
    pub concerns: Vec<String>,
    /// Days (0 = Monday) with sunscreen or make-up to remove; `None` means every day.
    #[serde(default)]
    pub makeup_days: Option<Vec<usize>>,
    /// Leave out fragranced products.
    #[serde(default)]
    pub fragrance_free: bool,
    /// At most this many steps in a routine.
    #[serde(default)]
    pub max_steps: Option<usize>,
    /// Days (0 = Monday) with no time for a long routine.
    #[serde(default)]
    pub short_days: Vec<usize>,
}

/// Where a product is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Bought, not opened.
    Unopened,
    /// In use.
    InUse,
    /// Used up.
    Finished,
    /// Stopped before it was finished (see the reason).
    Stopped,
}

impl Status {
    /// The id stored and shown.
    pub fn id(self) -> &'static str {
        match self {
            Status::Unopened => "unopened",
            Status::InUse => "in_use",
            Status::Finished => "finished",
            Status::Stopped => "stopped",
        }
    }

    /// The status with this id.
    pub fn from_id(id: &str) -> Option<Status> {
        [
            Status::Unopened,
            Status::InUse,
            Status::Finished,
            Status::Stopped,
        ]
        .into_iter()
        .find(|s| s.id() == id)
    }
}

/// A product to put on the shelf.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewProduct {
    /// What the person calls it.
    pub name: String,
    /// The brand.
    pub brand: Option<String>,
    /// The label text (an ingredient list, or the whole label).
    pub label: String,
    /// A declared step id, overriding glasskin's reading.
    pub step: Option<String>,
    /// When it was opened.
    pub opened: Option<Date>,
    /// Period after opening, in months.
    pub pao_months: Option<u16>,
    /// Best-before date.
    pub best_before: Option<Date>,
    /// Not yet patch tested.
    pub new: bool,
}

/// A product on the shelf.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShelfProduct {
    /// Its id.
    pub id: ProductId,
    /// What the person calls it.
    pub name: String,
    /// The brand.
    pub brand: Option<String>,
    /// The label text.
    pub label: String,
    /// A declared step id.
    pub step: Option<String>,
    /// When it was added.
    pub added: Date,
    /// When it was opened.
    pub opened: Option<Date>,
    /// Period after opening, in months.
    pub pao_months: Option<u16>,
    /// Best-before date.
    pub best_before: Option<Date>,
    /// Where it is in its life.
    pub status: Status,
    /// Why it was stopped or finished.
    pub status_reason: Option<String>,
    /// Not yet patch tested.
    pub new: bool,
}

/// Everything one owner has, as one document: `glasskin export` writes it, `import` restores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// The profile.
    pub profile: Option<StoredProfile>,
    /// The profile's last update.
    pub profile_updated: Option<Date>,
    /// The shelf, oldest first.
    pub products: Vec<ShelfProduct>,
    /// The skin diary, by date (since version 2).
    #[serde(default)]
    pub diary: Vec<DiaryEntry>,
    /// The lifestyle log, by date (since version 2).
    #[serde(default)]
    pub lifestyle: Vec<LifestyleEntry>,
}

/// A day in the skin diary: ratings 1 (least) to 5 (most), a breakout count, notes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiaryEntry {
    /// The day.
    pub date: Date,
    /// How hydrated the skin feels.
    pub hydration: Option<u8>,
    /// How oily.
    pub oiliness: Option<u8>,
    /// How broken out.
    pub breakouts: Option<u8>,
    /// How red.
    pub redness: Option<u8>,
    /// How rough.
    pub texture: Option<u8>,
    /// How glowing.
    pub glow: Option<u8>,
    /// Spots counted.
    pub breakout_count: Option<u16>,
    /// Free notes.
    pub notes: Option<String>,
    /// Free tags ("period", "travel").
    #[serde(default)]
    pub tags: Vec<String>,
    /// A photo's file path.
    pub photo: Option<String>,
}

/// A day in the lifestyle log.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifestyleEntry {
    /// The day.
    pub date: Date,
    /// Hours slept the night before.
    pub sleep_hours: Option<f32>,
    /// Litres of water drunk.
    pub water_litres: Option<f32>,
    /// Minutes of exercise.
    pub exercise_minutes: Option<u16>,
    /// Stress, 1 (calm) to 5 (very stressed).
    pub stress: Option<u8>,
    /// Diet tags: high_glycaemic, dairy, alcohol, …
    #[serde(default)]
    pub diet_tags: Vec<String>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
}
