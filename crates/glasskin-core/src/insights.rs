//! Insights over the diary and lifestyle log: honest, non-causal, with uncertainty.
//!
//! [`report`] asks a few questions a person can act on, each a comparison of a skin rating
//! between two kinds of day:
//!
//! - **Habits** ([`Associations`]): nights under [`SHORT_NIGHT_HOURS`] against other nights,
//!   high-stress days (stress [`HIGH_STRESS`] or more) against others, days with
//!   [`EXERCISE_MINUTES`] minutes of exercise or more against others, days under
//!   [`LOW_WATER_LITRES`] litres of water against others, and each diet tag's days against
//!   untagged days; the rating on the same day and up to [`MAX_LAG`] days later.
//! - **Products** ([`ProductEffect`]): up to [`WINDOW_DAYS`] days after each product was
//!   started or stopped against as many days before, once [`JUDGE_AFTER_DAYS`] days are over.
//!
//! Each comparison is a difference of means whose standard error allows for ratings carrying
//! over from day to day (`contrast`). A person's habit comparisons are one family and their
//! product comparisons another, each under a Benjamini–Hochberg false discovery rate of half
//! [`FALSE_DISCOVERY_RATE`]: a person with no real pattern is told about one with probability
//! at most about 5%. The few product questions are not drowned by the many habit ones. Only a discovery is presented as
//! a pattern, with the size of the difference in rating points and an interval that agrees with
//! it; everything else is "no clear difference". `docs/insights.md` states the method, its error
//! rates as measured by the simulation in `insights::simulation`, and its limits.
//!
//! Everything here is a pure function of its inputs: no clock (`today` is passed in), no I/O, no
//! randomness. Sentences describe patterns in the log, never causes: days in a diary are not
//! randomised, and a pattern is never proof.

mod contrast;
mod days;
mod inputs;
mod lifestyle_associations;
mod log_index;
mod multiplicity;
mod product_change_effects;
mod stats;
mod summary;
mod wording;

pub use inputs::{
    ChangeKind, DiaryDay, LifestyleDay, LifestyleFactor, ProductChange, SkinMetric, SkinRatings,
};
pub use lifestyle_associations::{Association, Associations, NotEnoughData};
pub use product_change_effects::{Comparison, EffectStatus, MetricEffect, ProductEffect};
pub use summary::{Method, Report, report, weekly_summary};

/// Paired days (a lifestyle entry and a skin rating `lag` days later) needed before a habit is
/// compared: four weeks, the same horizon as judging a product.
pub const MIN_PAIRED_DAYS: usize = 28;

/// Days of each kind (short nights and other nights, tagged and untagged days…) needed among
/// the paired days: a habit seen on three days cannot show a pattern, only a coincidence.
pub const MIN_EXPOSED_DAYS: usize = 5;

/// The largest lag, in days, between a habit and a skin rating. Each lag is a question of its
/// own, so every extra lag costs every other question some power.
pub const MAX_LAG: u8 = 2;

/// Days of history the habit comparisons look at: the 365 days ending with `today`. Older
/// habits and skin may no longer be the person's.
pub const HISTORY_DAYS: i64 = 365;

/// A short night: fewer hours of sleep than this (adults need seven or more; under six is
/// short by any account).
pub const SHORT_NIGHT_HOURS: f64 = 6.0;

/// A low-water day: fewer litres than this.
pub const LOW_WATER_LITRES: f64 = 1.5;

/// An exercise day: at least this many minutes (the daily share of 150 minutes a week).
pub const EXERCISE_MINUTES: f64 = 30.0;

/// A high-stress day: stress of this or more on the 1–5 scale.
pub const HIGH_STRESS: f64 = 4.0;

/// The false discovery rate over all of a person's comparisons: half of it for the habit
/// comparisons and half for the product comparisons, each family under Benjamini–Hochberg.
pub const FALSE_DISCOVERY_RATE: f64 = 0.05;

/// Days after a product change before it is judged: skin takes four to six weeks to renew.
pub const JUDGE_AFTER_DAYS: i64 = 28;

/// The most days before and after a product change that are compared: six weeks, so that a
/// change judged later is judged on more days.
pub const WINDOW_DAYS: i64 = 42;

/// Rated days needed on each side of a product change before the two windows are compared.
pub const MIN_RATED_DAYS: usize = 10;

#[cfg(test)]
mod simulation;
#[cfg(test)]
mod tests;
