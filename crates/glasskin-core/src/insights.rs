//! Insights over the diary and lifestyle log: honest, non-causal, with uncertainty.
//!
//! Three questions, each answered from the user's own log:
//!
//! - [`associations`]: does a lifestyle factor (sleep, water, exercise, stress, diet tags) move
//!   together with a skin rating, on the same day or up to three days later? Spearman rank
//!   correlations with confidence intervals, only from [`MIN_PAIRED_DAYS`] paired days on, and
//!   adjusted for the number of patterns checked.
//! - [`product_effects`]: were the ratings different in the weeks after a product was started
//!   or stopped than in the weeks before? Welch intervals and Cohen's d, only once the window
//!   after the change is complete (judge a product after 4–6 weeks).
//! - [`weekly_summary`]: a few lines to read in ten seconds.
//!
//! Everything here is a pure function of its inputs: no clock (`today` is passed in), no I/O,
//! and the statistics are implemented here, deterministically. Sentences describe patterns in
//! the log, never causes: days in a diary are neither randomised nor independent, so the
//! intervals are approximate and a pattern is never proof.

mod days;
mod inputs;
mod lifestyle_associations;
mod log_index;
mod product_change_effects;
mod stats;
mod summary;
mod wording;

pub use inputs::{
    ChangeKind, DiaryDay, LifestyleDay, LifestyleFactor, ProductChange, SkinMetric, SkinRatings,
};
pub use lifestyle_associations::{Association, Associations, NotEnoughData, associations};
pub use product_change_effects::{
    Comparison, EffectStatus, MetricEffect, ProductEffect, product_effects,
};
pub use summary::{Report, report, weekly_summary};

/// Paired days (a lifestyle entry and a skin rating `lag` days later) needed before a
/// correlation is computed: four weeks, the same horizon as judging a product.
pub const MIN_PAIRED_DAYS: usize = 28;

/// The largest lag, in days, between a lifestyle factor and a skin rating.
pub const MAX_LAG: u8 = 3;

/// Days of history [`associations`] looks at: the 365 days ending with `today`. Older habits
/// and skin may no longer be the person's.
pub const HISTORY_DAYS: i64 = 365;

/// Days a diet tag must be present on, and absent on, before it is tested: a tag seen twice
/// cannot show a pattern, only a coincidence.
pub const MIN_TAG_DAYS: usize = 5;

/// The confidence the whole family of association intervals shares (Bonferroni).
pub const FAMILY_CONFIDENCE: f64 = 0.95;

/// The default window for [`product_effects`], in days before and after a change.
pub const DEFAULT_WINDOW_DAYS: i64 = 28;

/// Rated days needed on each side of a product change before the two windows are compared.
pub const MIN_RATED_DAYS: usize = 10;

#[cfg(test)]
mod tests;
