//! What the diary and the lifestyle log hold: the records insights read, as the store hands
//! them over.

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use super::days::ser_date;
use super::wording::{number_word, tag_words};
use super::{EXERCISE_MINUTES, HIGH_STRESS, LOW_WATER_LITRES, SHORT_NIGHT_HOURS};

/// One of the six skin ratings in the diary, each from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SkinMetric {
    /// How hydrated the skin feels (higher is better).
    Hydration,
    /// How oily the skin is (higher is worse).
    Oiliness,
    /// How bad breakouts are (higher is worse).
    Breakouts,
    /// How red or irritated the skin is (higher is worse).
    Redness,
    /// How rough the texture is (higher is worse).
    Texture,
    /// How much glow the skin has (higher is better).
    Glow,
}

impl SkinMetric {
    /// Every metric, in display order.
    pub const ALL: [SkinMetric; 6] = [
        SkinMetric::Hydration,
        SkinMetric::Oiliness,
        SkinMetric::Breakouts,
        SkinMetric::Redness,
        SkinMetric::Texture,
        SkinMetric::Glow,
    ];

    /// A stable identifier, as used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            SkinMetric::Hydration => "hydration",
            SkinMetric::Oiliness => "oiliness",
            SkinMetric::Breakouts => "breakouts",
            SkinMetric::Redness => "redness",
            SkinMetric::Texture => "texture",
            SkinMetric::Glow => "glow",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            SkinMetric::Hydration => "Hydration",
            SkinMetric::Oiliness => "Oiliness",
            SkinMetric::Breakouts => "Breakouts",
            SkinMetric::Redness => "Redness",
            SkinMetric::Texture => "Texture",
            SkinMetric::Glow => "Glow",
        }
    }

    /// What 1 and 5 mean, as the diary asks: ("tight", "plump") for hydration. People answer
    /// on this scale, so it decides which way is better.
    pub fn scale(self) -> (&'static str, &'static str) {
        match self {
            SkinMetric::Hydration => ("tight", "plump"),
            SkinMetric::Oiliness => ("matte", "very oily"),
            SkinMetric::Breakouts => ("clear", "many"),
            SkinMetric::Redness => ("calm", "very red"),
            SkinMetric::Texture => ("smooth", "rough"),
            SkinMetric::Glow => ("dull", "glowing"),
        }
    }

    /// The scale in words: "1 tight, 5 plump".
    pub fn scale_hint(self) -> String {
        let (low, high) = self.scale();
        format!("1 {low}, 5 {high}")
    }

    /// Whether a higher rating is the better one: true where 5 is the state people want (plump,
    /// glowing), false where 1 is (matte, clear, calm, smooth).
    pub fn higher_is_better(self) -> bool {
        matches!(self, SkinMetric::Hydration | SkinMetric::Glow)
    }

    /// "better" or "worse" for a rating that went `higher` (or lower), by [`Self::higher_is_better`].
    pub(super) fn better_or_worse(self, higher: bool) -> &'static str {
        if higher == self.higher_is_better() {
            "better"
        } else {
            "worse"
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// A day's skin ratings, each 1–5 when given. Values outside 1–5 are ignored by the analyses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SkinRatings {
    /// Hydration, 1–5 (higher is better).
    pub hydration: Option<u8>,
    /// Oiliness, 1–5 (higher is worse).
    pub oiliness: Option<u8>,
    /// Breakouts, 1–5 (higher is worse).
    pub breakouts: Option<u8>,
    /// Redness, 1–5 (higher is worse).
    pub redness: Option<u8>,
    /// Texture, 1–5 (1 smooth, 5 rough: higher is worse).
    pub texture: Option<u8>,
    /// Glow, 1–5 (higher is better).
    pub glow: Option<u8>,
}

impl SkinRatings {
    /// The rating for `metric`, only when it is within 1–5.
    pub fn get(&self, metric: SkinMetric) -> Option<u8> {
        let value = match metric {
            SkinMetric::Hydration => self.hydration,
            SkinMetric::Oiliness => self.oiliness,
            SkinMetric::Breakouts => self.breakouts,
            SkinMetric::Redness => self.redness,
            SkinMetric::Texture => self.texture,
            SkinMetric::Glow => self.glow,
        };
        value.filter(|v| (1..=5).contains(v))
    }

    /// Sets the rating for `metric` (unchecked; out-of-range values are ignored when read).
    pub fn set(&mut self, metric: SkinMetric, value: Option<u8>) {
        let slot = match metric {
            SkinMetric::Hydration => &mut self.hydration,
            SkinMetric::Oiliness => &mut self.oiliness,
            SkinMetric::Breakouts => &mut self.breakouts,
            SkinMetric::Redness => &mut self.redness,
            SkinMetric::Texture => &mut self.texture,
            SkinMetric::Glow => &mut self.glow,
        };
        *slot = value;
    }
}

/// One day of the skin diary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiaryDay {
    /// The day.
    #[serde(serialize_with = "ser_date")]
    pub date: Date,
    /// The day's ratings.
    pub ratings: SkinRatings,
    /// Spots counted that day, if counted.
    pub breakouts: Option<u16>,
}

/// One day of the lifestyle log. Implausible values (negative, NaN, more than 24 hours of sleep,
/// stress outside 1–5, …) are ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifestyleDay {
    /// The day.
    #[serde(serialize_with = "ser_date")]
    pub date: Date,
    /// Hours slept the night before.
    pub sleep_hours: Option<f32>,
    /// Litres of water drunk.
    pub water_litres: Option<f32>,
    /// Minutes of exercise.
    pub exercise_minutes: Option<u16>,
    /// Stress, 1 (calm) to 5 (very stressed).
    pub stress: Option<u8>,
    /// Diet tags such as `high_glycaemic`, `dairy`, `alcohol`. A logged day without a tag counts
    /// as a day without it.
    pub diet_tags: Vec<String>,
}

/// A lifestyle factor that skin ratings are compared with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LifestyleFactor {
    /// Hours of sleep.
    Sleep,
    /// Litres of water.
    Water,
    /// Minutes of exercise.
    Exercise,
    /// Stress, 1–5.
    Stress,
    /// A diet tag as a 0/1 indicator (the tag, trimmed and lower-cased).
    Diet(String),
}

impl LifestyleFactor {
    /// A stable identifier: `sleep`, `water`, `exercise`, `stress` or `diet:<tag>`.
    pub fn id(&self) -> String {
        match self {
            LifestyleFactor::Sleep => "sleep".to_owned(),
            LifestyleFactor::Water => "water".to_owned(),
            LifestyleFactor::Exercise => "exercise".to_owned(),
            LifestyleFactor::Stress => "stress".to_owned(),
            LifestyleFactor::Diet(tag) => format!("diet:{tag}"),
        }
    }

    /// A label for people.
    pub fn label(&self) -> String {
        match self {
            LifestyleFactor::Sleep => "Sleep".to_owned(),
            LifestyleFactor::Water => "Water".to_owned(),
            LifestyleFactor::Exercise => "Exercise".to_owned(),
            LifestyleFactor::Stress => "Stress".to_owned(),
            LifestyleFactor::Diet(tag) => format!("Diet: {}", tag_words(tag)),
        }
    }

    /// Whether a day with this logged value is of the kind compared with the others: a short
    /// night, low water, an exercise day, a high-stress day, a tagged day.
    pub(super) fn exposed(&self, value: f64) -> bool {
        match self {
            LifestyleFactor::Sleep => value < SHORT_NIGHT_HOURS,
            LifestyleFactor::Water => value < LOW_WATER_LITRES,
            LifestyleFactor::Exercise => value >= EXERCISE_MINUTES,
            LifestyleFactor::Stress => value >= HIGH_STRESS,
            LifestyleFactor::Diet(_) => value > 0.5,
        }
    }

    /// The kind of day compared, in the plural: "nights under 6 hours".
    pub fn exposure(&self) -> String {
        match self {
            LifestyleFactor::Sleep => format!("nights under {SHORT_NIGHT_HOURS} hours"),
            LifestyleFactor::Water => format!("days with under {LOW_WATER_LITRES} litres of water"),
            LifestyleFactor::Exercise => {
                format!("days with {EXERCISE_MINUTES} minutes of exercise or more")
            }
            LifestyleFactor::Stress => format!("high-stress days ({HIGH_STRESS} or 5 of 5)"),
            LifestyleFactor::Diet(tag) => format!("days tagged “{}”", tag_words(tag)),
        }
    }

    /// "On days after a night under 6 hours", "Two days after a day tagged “dairy”", …
    pub(super) fn lead(&self, lag: u8) -> String {
        if lag == 0 {
            return match self {
                LifestyleFactor::Sleep => {
                    format!("On days after a night under {SHORT_NIGHT_HOURS} hours")
                }
                LifestyleFactor::Stress => "On high-stress days".to_owned(),
                _ => format!("On {}", self.exposure()),
            };
        }
        let one = match self {
            LifestyleFactor::Sleep => format!("a night under {SHORT_NIGHT_HOURS} hours"),
            LifestyleFactor::Water => {
                format!("a day with under {LOW_WATER_LITRES} litres of water")
            }
            LifestyleFactor::Exercise => {
                format!("a day with {EXERCISE_MINUTES} minutes of exercise or more")
            }
            LifestyleFactor::Stress => "a high-stress day".to_owned(),
            LifestyleFactor::Diet(tag) => format!("a day tagged “{}”", tag_words(tag)),
        };
        match lag {
            1 => format!("The day after {one}"),
            k => format!("{} days after {one}", number_word(k)),
        }
    }
}

impl Serialize for LifestyleFactor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id())
    }
}

/// Whether a product was started or stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The product was started that day.
    Started,
    /// The product was stopped that day.
    Stopped,
}

impl ChangeKind {
    pub(super) fn past(self) -> &'static str {
        match self {
            ChangeKind::Started => "started",
            ChangeKind::Stopped => "stopped",
        }
    }

    pub(super) fn gerund(self) -> &'static str {
        match self {
            ChangeKind::Started => "starting",
            ChangeKind::Stopped => "stopping",
        }
    }
}

/// A product started or stopped on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductChange {
    /// The product's name as the user knows it.
    pub product: String,
    /// The day of the change.
    #[serde(serialize_with = "ser_date")]
    pub date: Date,
    /// Started or stopped.
    pub kind: ChangeKind,
}
