//! Product effects: the ratings in the weeks before and after a product was started or stopped,
//! compared with Welch intervals and Cohen's d once the window after the change is complete.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use super::days::{date_from_day, day_number, ser_date, ser_opt_date};
use super::inputs::{ChangeKind, DiaryDay, ProductChange, SkinMetric};
use super::log_index::index_diary;
use super::stats::{mean, welch};
use super::wording::fmt_num;
use super::{DEFAULT_WINDOW_DAYS, HISTORY_DAYS, MIN_RATED_DAYS};

/// How far a product comparison got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EffectStatus {
    /// Both windows are complete and at least one rating could be compared.
    Ready,
    /// The window after the change is not over yet: judge after 4–6 weeks.
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
    /// Days in each window.
    pub window_days: i64,
    /// The first day on which the window after the change is complete.
    #[serde(serialize_with = "ser_opt_date")]
    pub complete_on: Option<Date>,
    /// How far the comparison got.
    pub status: EffectStatus,
    /// One entry per skin metric (empty while too early).
    pub metrics: Vec<MetricEffect>,
    /// Other changes inside either window.
    pub overlapping: Vec<ProductChange>,
    /// Caveats: overlapping changes, short windows.
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
    /// Rated days in the window before.
    pub n_before: usize,
    /// Rated days in the window after.
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
    /// Mean after minus mean before.
    pub difference: f64,
    /// Lower end of the 95% Welch interval.
    pub ci_low: f64,
    /// Upper end of the 95% Welch interval.
    pub ci_high: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// Cohen's d: the difference over the pooled standard deviation (none when that is zero).
    pub cohens_d: Option<f64>,
}

/// Compares each skin metric in the `window_days` before and after each product change.
///
/// The window before is the `window_days` days before the change; the window after is the
/// `window_days` days after it; the change day is in neither (it is a mixed day).
/// `window_days` is clamped to 1–365 ([`DEFAULT_WINDOW_DAYS`] is 28). While `today` is not past
/// the window after, the change is reported as too early (judge a product after 4–6 weeks).
/// Diary days after `today` are ignored, several entries for one date are averaged, and exact
/// duplicate changes are reported once; results are ordered by date, product and kind.
///
/// Statistics: the difference of means has a 95% Welch interval,
/// `diff ± t(0.975, ν)·√(s₁²/n₁ + s₂²/n₂)` with Welch–Satterthwaite ν. The t quantile is exact to
/// about 1e-10: the Student t CDF from the regularised incomplete beta function (continued
/// fraction, Lanczos log-gamma), inverted by bisection. Effect size is Cohen's d with the pooled
/// standard deviation. A metric needs [`MIN_RATED_DAYS`] rated days on each side. Intervals are
/// per metric (six metrics per change), and any other change inside the windows is noted
/// because its weeks cannot be told apart.
pub fn product_effects(
    diary: &[DiaryDay],
    changes: &[ProductChange],
    window_days: i64,
    today: Date,
) -> Vec<ProductEffect> {
    let window = window_days.clamp(1, HISTORY_DAYS);
    let today_n = day_number(today);
    let ratings = index_diary(diary, i64::MIN, today_n);

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
        .iter()
        .enumerate()
        .map(|(i, change)| one_effect(change, i, &unique, &ratings, window, today_n))
        .collect()
}

fn one_effect(
    change: &ProductChange,
    index: usize,
    all: &[ProductChange],
    ratings: &[BTreeMap<i64, f64>; 6],
    window: i64,
    today_n: i64,
) -> ProductEffect {
    let day = day_number(change.date);
    let complete_n = day + window + 1;
    let complete_on = date_from_day(complete_n);

    let mut notes = Vec::new();
    let overlapping: Vec<ProductChange> = all
        .iter()
        .enumerate()
        .filter(|&(j, other)| j != index && (day_number(other.date) - day).abs() <= window)
        .map(|(_, other)| other.clone())
        .collect();
    for other in &overlapping {
        let offset = day_number(other.date) - day;
        let when = match offset {
            0 => "on the same day".to_owned(),
            1 => "1 day later".to_owned(),
            -1 => "1 day earlier".to_owned(),
            k if k > 0 => format!("{k} days later"),
            k => format!("{} days earlier", -k),
        };
        notes.push(format!(
            "{} was also {} during these weeks ({}, {when}), so the two can't be told apart.",
            other.product,
            other.kind.past(),
            other.date,
        ));
    }
    if window < DEFAULT_WINDOW_DAYS {
        notes.push(format!(
            "A {window}-day window is shorter than the 4–6 weeks skin takes to renew."
        ));
    }

    let base = ProductEffect {
        product: change.product.clone(),
        kind: change.kind,
        date: change.date,
        window_days: window,
        complete_on,
        status: EffectStatus::TooEarly,
        metrics: Vec::new(),
        overlapping,
        notes,
        summary: String::new(),
    };

    if today_n < complete_n {
        let ago = today_n - day;
        let when = match ago {
            a if a < 0 => "in the future".to_owned(),
            0 => "today".to_owned(),
            1 => "yesterday".to_owned(),
            a => format!("{a} days ago"),
        };
        let from = complete_on
            .map(|d| {
                format!(
                    " A full comparison of the {window} days before and after is possible from {d}."
                )
            })
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
            let series = &ratings[metric.index()];
            let before: Vec<f64> = series.range(day - window..day).map(|(_, &v)| v).collect();
            let after: Vec<f64> = series
                .range(day + 1..=day + window)
                .map(|(_, &v)| v)
                .collect();
            metric_effect(metric, &before, &after, change, window)
        })
        .collect();

    let compared = metrics.iter().filter(|m| m.comparison.is_some()).count();
    let status = if compared == 0 {
        EffectStatus::NotEnoughData
    } else {
        EffectStatus::Ready
    };
    let summary = effect_summary(
        change,
        window,
        &metrics,
        compared,
        !base.overlapping.is_empty(),
    );
    ProductEffect {
        status,
        metrics,
        summary,
        ..base
    }
}

fn metric_effect(
    metric: SkinMetric,
    before: &[f64],
    after: &[f64],
    change: &ProductChange,
    window: i64,
) -> MetricEffect {
    let (n_before, n_after) = (before.len(), after.len());
    let mean_before = mean(before);
    let mean_after = mean(after);
    let comparison = if n_before >= MIN_RATED_DAYS && n_after >= MIN_RATED_DAYS {
        welch(before, after)
    } else {
        None
    };
    let label = metric.label();
    let sentence = match (comparison, mean_before, mean_after) {
        (Some(c), Some(mb), Some(ma)) => {
            let size = fmt_num(c.difference.abs(), 2);
            let change_words = if fmt_num(c.difference, 2) == "0.00" {
                "about the same".to_owned()
            } else if c.difference > 0.0 {
                format!("{size} higher, which is {}", better_word(metric, true))
            } else {
                format!("{size} lower, which is {}", better_word(metric, false))
            };
            let clear = if c.ci_low > 0.0 || c.ci_high < 0.0 {
                ""
            } else {
                ", which includes no difference"
            };
            let d = c
                .cohens_d
                .map(|d| format!("; d = {}", fmt_num(d, 1)))
                .unwrap_or_default();
            format!(
                "{label} averaged {} in the {window} days after {} {} vs {} in the {window} days \
                 before: {change_words} (95% CI {} to {}{clear}; {n_before} and {n_after} rated \
                 days{d}).",
                fmt_num(ma, 1),
                change.kind.gerund(),
                change.product,
                fmt_num(mb, 1),
                fmt_num(c.ci_low, 2),
                fmt_num(c.ci_high, 2),
            )
        }
        _ => format!(
            "{label}: not enough ratings to compare: {n_before} days before and {n_after} after \
             (need {MIN_RATED_DAYS} on each side)."
        ),
    };
    MetricEffect {
        metric,
        n_before,
        n_after,
        mean_before,
        mean_after,
        comparison,
        sentence,
    }
}

pub(super) fn better_word(metric: SkinMetric, higher: bool) -> &'static str {
    if higher == metric.higher_is_better() {
        "better"
    } else {
        "worse"
    }
}

fn effect_summary(
    change: &ProductChange,
    window: i64,
    metrics: &[MetricEffect],
    compared: usize,
    overlaps: bool,
) -> String {
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
            let c = m.comparison?;
            if !(c.ci_low > 0.0 || c.ci_high < 0.0) {
                return None;
            }
            let higher = c.difference > 0.0;
            Some(format!(
                "{} was {}, which is {} ({}, 95% CI {} to {})",
                m.metric.label().to_lowercase(),
                if higher { "higher" } else { "lower" },
                better_word(m.metric, higher),
                fmt_num(c.difference, 2),
                fmt_num(c.ci_low, 2),
                fmt_num(c.ci_high, 2),
            ))
        })
        .collect();
    let mut out = if clear.is_empty() {
        format!(
            "No clear difference in any rating between the {window} days before and after {} {}.",
            change.kind.gerund(),
            change.product,
        )
    } else {
        format!(
            "In the {window} days after {} {} compared with the {window} days before: {}.",
            change.kind.gerund(),
            change.product,
            clear.join("; "),
        )
    };
    let _ = write!(
        out,
        " {compared} ratings compared with 95% intervals, so one may stand out by chance."
    );
    if overlaps {
        out.push_str(" Other product changes fall in the same weeks and can't be told apart.");
    } else {
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
