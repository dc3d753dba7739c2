//! Product changes: the ratings in the weeks after a product was started or stopped against the
//! weeks before, once [`JUDGE_AFTER_DAYS`] days are over.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::contrast::{Contrast, Design, RatedDay, contrast};
use super::days::{date_from_day, day_number, ser_date, ser_opt_date};
use super::inputs::{ChangeKind, ProductChange, SkinMetric};
use super::stats::mean;
use super::wording::{fmt_num, points, signed};
use super::{JUDGE_AFTER_DAYS, MIN_RATED_DAYS, WINDOW_DAYS};

/// How far a product comparison got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EffectStatus {
    /// Both windows are complete and at least one rating could be compared.
    Ready,
    /// Fewer than [`JUDGE_AFTER_DAYS`] days since the change: judge after 4–6 weeks.
    TooEarly,
    /// The windows are complete but no rating has enough rated days on both sides.
    NotEnoughData,
}

/// Ratings before and after one product change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductEffect {
    /// The product.
    pub product: String,
    /// Started or stopped.
    pub kind: ChangeKind,
    /// The day of the change (in neither window).
    #[serde(serialize_with = "ser_date")]
    pub date: Date,
    /// The most days compared on each side of the change ([`WINDOW_DAYS`]).
    pub window_days: i64,
    /// The first day on which the change can be judged ([`JUDGE_AFTER_DAYS`] days after it).
    #[serde(serialize_with = "ser_opt_date")]
    pub complete_on: Option<Date>,
    /// How far the comparison got.
    pub status: EffectStatus,
    /// One entry per skin metric (empty while too early).
    pub metrics: Vec<MetricEffect>,
    /// Other changes inside either window.
    pub overlapping: Vec<ProductChange>,
    /// Caveats: overlapping changes.
    pub notes: Vec<String>,
    /// A few sentences for people.
    pub summary: String,
}

/// One skin metric before and after a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetricEffect {
    /// The metric.
    pub metric: SkinMetric,
    /// Rated days compared before the change.
    pub n_before: usize,
    /// Rated days compared after the change.
    pub n_after: usize,
    /// Mean rating before, when any.
    pub mean_before: Option<f64>,
    /// Mean rating after, when any.
    pub mean_after: Option<f64>,
    /// The comparison, when both sides have [`MIN_RATED_DAYS`] rated days.
    pub comparison: Option<Comparison>,
    /// A plain-language sentence.
    pub sentence: String,
}

/// A before/after comparison of one metric.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    /// Mean after minus mean before, in rating points.
    pub difference: f64,
    /// Lower end of the interval for the difference, at `interval_level`.
    pub ci_low: f64,
    /// Upper end of the interval for the difference.
    pub ci_high: f64,
    /// The interval's confidence, adjusted for the patterns picked (see `Method`).
    pub interval_level: f64,
    /// The two-sided p-value, before the adjustment for the family.
    pub p_value: f64,
    /// The day-to-day autocorrelation of the rating allowed for (0.3–0.9).
    pub autocorrelation: f64,
    /// The rated days of both windows, discounted for the autocorrelation.
    pub effective_days: f64,
    /// Whether this is a pattern: a discovery at the report's false discovery rate.
    pub finding: bool,
}

/// The changes as the report reads them: trimmed names, exact duplicates once, ordered by date,
/// product and kind.
pub(super) fn clean_changes(changes: &[ProductChange]) -> Vec<ProductChange> {
    let mut unique: Vec<ProductChange> = Vec::new();
    for change in changes {
        let cleaned = ProductChange {
            product: clean_product(&change.product),
            date: change.date,
            kind: change.kind,
        };
        if !unique.contains(&cleaned) {
            unique.push(cleaned);
        }
    }
    unique.sort_by(|a, b| {
        day_number(a.date)
            .cmp(&day_number(b.date))
            .then_with(|| a.product.cmp(&b.product))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    unique
}

/// One rating before and after one change day; changes on the same day share it.
pub(super) struct ProductTest {
    pub day: i64,
    pub metric: SkinMetric,
    pub contrast: Contrast,
}

/// The before/after comparison of each rating around each day a product changed, for the days
/// at least [`JUDGE_AFTER_DAYS`] days before `today_n`: up to [`WINDOW_DAYS`] days after the
/// change (until `today_n`) against as many days before it (the change day, a mixed day, in
/// neither), when each side has [`MIN_RATED_DAYS`] rated days.
pub(super) fn product_tests(
    ratings: &[BTreeMap<i64, f64>; 6],
    changes: &[ProductChange],
    today_n: i64,
) -> Vec<ProductTest> {
    let mut days: Vec<i64> = changes.iter().map(|c| day_number(c.date)).collect();
    days.dedup();
    let mut tests = Vec::new();
    for day in days.into_iter().filter(|&d| is_complete(d, today_n)) {
        for metric in SkinMetric::ALL {
            let (before, after) = windows(&ratings[metric.index()], day, today_n);
            if before.len() < MIN_RATED_DAYS || after.len() < MIN_RATED_DAYS {
                continue;
            }
            let rated: Vec<RatedDay> = before
                .iter()
                .map(|&(day, rating)| RatedDay {
                    day,
                    exposed: false,
                    rating,
                })
                .chain(after.iter().map(|&(day, rating)| RatedDay {
                    day,
                    exposed: true,
                    rating,
                }))
                .collect();
            if let Some(contrast) = contrast(&rated, Design::BeforeAfter) {
                tests.push(ProductTest {
                    day,
                    metric,
                    contrast,
                });
            }
        }
    }
    tests
}

type Window = Vec<(i64, f64)>;

/// The days compared before and after a change on `day`, as of `today_n`: the same span on
/// each side, up to [`WINDOW_DAYS`].
fn windows(series: &BTreeMap<i64, f64>, day: i64, today_n: i64) -> (Window, Window) {
    let span = (today_n - day).clamp(0, WINDOW_DAYS);
    let before = series.range(day - span..day);
    let after = series.range(day + 1..=day + span);
    (
        before.map(|(&d, &v)| (d, v)).collect(),
        after.map(|(&d, &v)| (d, v)).collect(),
    )
}

fn is_complete(day: i64, today_n: i64) -> bool {
    today_n > day + JUDGE_AFTER_DAYS
}

/// Each change as people read it, given the comparisons by change day and metric, each with
/// whether it is a discovery and its interval's level.
pub(super) fn product_effects(
    changes: &[ProductChange],
    ratings: &[BTreeMap<i64, f64>; 6],
    compared: &BTreeMap<(i64, SkinMetric), (Contrast, bool, f64)>,
    today_n: i64,
) -> Vec<ProductEffect> {
    changes
        .iter()
        .enumerate()
        .map(|(i, change)| one_effect(change, i, changes, ratings, compared, today_n))
        .collect()
}

fn one_effect(
    change: &ProductChange,
    index: usize,
    all: &[ProductChange],
    ratings: &[BTreeMap<i64, f64>; 6],
    compared: &BTreeMap<(i64, SkinMetric), (Contrast, bool, f64)>,
    today_n: i64,
) -> ProductEffect {
    let day = day_number(change.date);
    let complete_n = day + JUDGE_AFTER_DAYS + 1;
    let complete_on = date_from_day(complete_n);

    let overlapping: Vec<ProductChange> = all
        .iter()
        .enumerate()
        .filter(|&(j, other)| j != index && (day_number(other.date) - day).abs() <= WINDOW_DAYS)
        .map(|(_, other)| other.clone())
        .collect();
    let notes: Vec<String> = overlapping
        .iter()
        .map(|other| {
            let when = match day_number(other.date) - day {
                0 => "on the same day".to_owned(),
                1 => "1 day later".to_owned(),
                -1 => "1 day earlier".to_owned(),
                k if k > 0 => format!("{k} days later"),
                k => format!("{} days earlier", -k),
            };
            format!(
                "{} was also {} during these weeks ({}, {when}), so the two can't be told apart.",
                other.product,
                other.kind.past(),
                other.date,
            )
        })
        .collect();

    let base = ProductEffect {
        product: change.product.clone(),
        kind: change.kind,
        date: change.date,
        window_days: WINDOW_DAYS,
        complete_on,
        status: EffectStatus::TooEarly,
        metrics: Vec::new(),
        overlapping,
        notes,
        summary: String::new(),
    };

    if !is_complete(day, today_n) {
        let when = match today_n - day {
            a if a < 0 => "in the future".to_owned(),
            0 => "today".to_owned(),
            1 => "yesterday".to_owned(),
            a => format!("{a} days ago"),
        };
        let from = complete_on
            .map(|d| format!(" A comparison of the weeks before and after is possible from {d}."))
            .unwrap_or_default();
        let summary = format!(
            "Too early: {} was {} {when} ({}); judge after 4–6 weeks.{from}",
            change.product,
            change.kind.past(),
            change.date,
        );
        return ProductEffect { summary, ..base };
    }

    let metrics: Vec<MetricEffect> = SkinMetric::ALL
        .iter()
        .map(|&metric| {
            let (before, after) = windows(&ratings[metric.index()], day, today_n);
            let comparison = compared
                .get(&(day, metric))
                .map(|&(c, finding, interval_level)| {
                    let (ci_low, ci_high) = c.interval(interval_level);
                    Comparison {
                        difference: c.difference,
                        ci_low,
                        ci_high,
                        interval_level,
                        p_value: c.p_value,
                        autocorrelation: c.autocorrelation,
                        effective_days: c.effective_days,
                        finding,
                    }
                });
            metric_effect(metric, &before, &after, comparison, change)
        })
        .collect();

    let status = if metrics.iter().all(|m| m.comparison.is_none()) {
        EffectStatus::NotEnoughData
    } else {
        EffectStatus::Ready
    };
    let summary = effect_summary(change, &metrics, !base.overlapping.is_empty());
    ProductEffect {
        status,
        metrics,
        summary,
        ..base
    }
}

fn metric_effect(
    metric: SkinMetric,
    before: &[(i64, f64)],
    after: &[(i64, f64)],
    comparison: Option<Comparison>,
    change: &ProductChange,
) -> MetricEffect {
    let (n_before, n_after) = (before.len(), after.len());
    let values = |w: &[(i64, f64)]| w.iter().map(|&(_, v)| v).collect::<Vec<f64>>();
    let label = metric.label();
    let sentence = match comparison {
        Some(c) if c.finding => format!("{}.", change_clause(change, metric, &c)),
        Some(c) => format!(
            "{label}: no clear difference between the weeks before and after {} {} \
             ({} points, possibly anywhere from {} to {}; {n_before} and {n_after} rated days).",
            change.kind.gerund(),
            change.product,
            signed(c.difference),
            signed(c.ci_low),
            signed(c.ci_high),
        ),
        None => format!(
            "{label}: not enough ratings to compare: {n_before} days before and {n_after} after \
             (need {MIN_RATED_DAYS} on each side)."
        ),
    };
    MetricEffect {
        metric,
        n_before,
        n_after,
        mean_before: mean(&values(before)),
        mean_after: mean(&values(after)),
        comparison,
        sentence,
    }
}

/// "Hydration was about 0.8 points higher in the 28 days after starting Snail essence than in
/// the 28 days before, which is better (likely between 0.3 and 1.3 points higher)"
fn change_clause(change: &ProductChange, metric: SkinMetric, c: &Comparison) -> String {
    let higher = c.difference > 0.0;
    let (direction, near, far) = if higher {
        ("higher", c.ci_low, c.ci_high)
    } else {
        ("lower", -c.ci_high, -c.ci_low)
    };
    format!(
        "{} was about {} {direction} in the weeks after {} {} than in the weeks before, which \
         is {} (likely between {} and {} {direction})",
        metric.label(),
        points(c.difference.abs()),
        change.kind.gerund(),
        change.product,
        metric.better_or_worse(higher),
        fmt_num(near, 1),
        points(far),
    )
}

fn effect_summary(change: &ProductChange, metrics: &[MetricEffect], overlaps: bool) -> String {
    let compared = metrics.iter().filter(|m| m.comparison.is_some()).count();
    if compared == 0 {
        return format!(
            "Not enough ratings around {} {} to compare (need {MIN_RATED_DAYS} rated days on \
             each side of the change).",
            change.kind.gerund(),
            change.product,
        );
    }
    let clear: Vec<String> = metrics
        .iter()
        .filter_map(|m| {
            let c = m.comparison.filter(|c| c.finding)?;
            Some(change_clause(change, m.metric, &c))
        })
        .collect();
    let mut out = if clear.is_empty() {
        format!(
            "No clear difference in any rating between the weeks before and after {} {}.",
            change.kind.gerund(),
            change.product,
        )
    } else {
        format!("{}.", clear.join("; "))
    };
    if overlaps {
        out.push_str(" Other product changes fall in the same weeks and can't be told apart.");
    } else if !clear.is_empty() {
        out.push_str(" Other things may have changed in those weeks too.");
    }
    out
}

fn clean_product(name: &str) -> String {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        "An unnamed product".to_owned()
    } else {
        trimmed.to_owned()
    }
}
