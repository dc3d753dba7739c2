//! The report that gathers every insight, and the weekly summary: a few lines to read in ten
//! seconds.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::contrast::Contrast;
use super::days::day_number;
use super::inputs::{DiaryDay, LifestyleDay, ProductChange, SkinMetric};
use super::lifestyle_associations::{Associations, associations, habit_tests};
use super::log_index::{index_diary, index_lifestyle};
use super::multiplicity::benjamini_hochberg;
use super::product_change_effects::{ProductEffect, clean_changes, product_effects, product_tests};
use super::stats::mean;
use super::wording::{fmt_num, lowercase_first};
use super::{
    EXERCISE_MINUTES, FALSE_DISCOVERY_RATE, HIGH_STRESS, HISTORY_DAYS, LOW_WATER_LITRES, MAX_LAG,
    MIN_PAIRED_DAYS, SHORT_NIGHT_HOURS, WINDOW_DAYS,
};

/// Everything the insights say at once: the week, the habit comparisons and the product
/// before/after comparisons, under one false discovery rate.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = InsightsReport))]
pub struct Report {
    /// [`weekly_summary`].
    pub summary: String,
    /// How the comparisons were made and how many stood out.
    pub method: Method,
    /// The habit comparisons.
    pub associations: Associations,
    /// Each product change, with its before/after comparisons once its weeks are over.
    pub product_effects: Vec<ProductEffect>,
}

/// What was compared, and the error control over all of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Method {
    /// Habit comparisons made: habit × rating × lag.
    pub habit_comparisons: usize,
    /// Product comparisons made: product change day × rating (changes on one day share them).
    pub product_comparisons: usize,
    /// Patterns reported: habit × rating findings and product comparisons that stood out. Zero
    /// means the report claims nothing.
    pub findings: usize,
    /// The false discovery rate controlled over all the comparisons together (weighted
    /// Benjamini–Hochberg, each habit × rating and each product change × rating one question).
    pub false_discovery_rate: f64,
    /// The method in a few sentences for people.
    pub description: String,
}

/// The weekly summary, the habit comparisons and the product before/after comparisons as of
/// `today`.
///
/// Habits are compared over the [`HISTORY_DAYS`] days ending with `today`, products over up to
/// [`WINDOW_DAYS`] days either side of each change; later days are ignored, several entries
/// for one date are averaged (diet tags: their union), and exact duplicate changes are reported
/// once. Every comparison joins one family whose false discovery rate is
/// [`FALSE_DISCOVERY_RATE`]; only its discoveries are patterns.
pub fn report(
    diary: &[DiaryDay],
    lifestyle: &[LifestyleDay],
    changes: &[ProductChange],
    adherence: Option<f32>,
    today: Date,
) -> Report {
    let today_n = day_number(today);
    let first = today_n - (HISTORY_DAYS - 1);
    let recent = index_diary(diary, first, today_n);
    let life = index_lifestyle(lifestyle, first, today_n);
    let (habits, not_enough_data) = habit_tests(&recent, &life);

    let all_ratings = index_diary(diary, i64::MIN, today_n);
    let changes = clean_changes(changes);
    let products = product_tests(&all_ratings, &changes, today_n);

    // Each question counts once: a habit × rating question is asked at every lag, each lag
    // with its share of the question's weight; a product change × rating question once.
    let questions = habits.len() as f64 / f64::from(MAX_LAG + 1) + products.len() as f64;
    let tests = (habits.len() + products.len()) as f64;
    let product_weight = tests / questions.max(1.0);
    let habit_weight = product_weight / f64::from(MAX_LAG + 1);
    let (p_values, weights): (Vec<f64>, Vec<f64>) = habits
        .iter()
        .map(|t| (t.contrast.p_value, habit_weight))
        .chain(
            products
                .iter()
                .map(|t| (t.contrast.p_value, product_weight)),
        )
        .unzip();
    let found = benjamini_hochberg(&p_values, &weights, FALSE_DISCOVERY_RATE);
    let (habit_found, product_found) = found.discovered.split_at(habits.len());
    let (habit_level, product_level) = found.interval_level.split_at(habits.len());

    let associations = associations(&habits, habit_found, habit_level, not_enough_data);
    let compared: BTreeMap<(i64, SkinMetric), (Contrast, bool, f64)> = products
        .iter()
        .zip(product_found.iter().zip(product_level))
        .map(|(t, (&finding, &level))| ((t.day, t.metric), (t.contrast, finding, level)))
        .collect();
    let product_effects = product_effects(&changes, &all_ratings, &compared, today_n);

    let product_findings = product_found.iter().filter(|&&f| f).count();
    let method = Method {
        habit_comparisons: habits.len(),
        product_comparisons: products.len(),
        findings: associations.findings.len() + product_findings,
        false_discovery_rate: FALSE_DISCOVERY_RATE,
        description: describe(habits.len(), products.len()),
    };
    Report {
        summary: summary_with(diary, adherence, today, &associations),
        method,
        associations,
        product_effects,
    }
}

fn describe(habits: usize, products: usize) -> String {
    format!(
        "Each skin rating is compared between two kinds of day: after nights under \
         {SHORT_NIGHT_HOURS} hours and other nights, high-stress days ({HIGH_STRESS} or 5 of 5), \
         days with {EXERCISE_MINUTES} minutes of exercise or more, days with under \
         {LOW_WATER_LITRES} litres of water and days with each diet tag against the other days \
         (the same day and up to {MAX_LAG} days later), and up to {WINDOW_DAYS} days after each \
         product change against as many days before. The intervals allow for skin \
         carrying over from one day to the next. A difference is called a pattern only when it \
         stands out among all {} comparisons ({habits} of habits, {products} of products) at a \
         {}% false discovery rate (Benjamini–Hochberg), so a log with no real pattern shows one \
         about one time in twenty or less; the intervals are widened to match. Patterns are not \
         proof of cause.",
        habits + products,
        fmt_num(100.0 * FALSE_DISCOVERY_RATE, 0),
    )
}

/// A short summary of the week ending `week_ending` (the seven days up to and including it):
/// days logged, each rating's mean this week against the week before, spots counted, routine
/// adherence (`adherence` in 0–1, ignored when not finite) and the clearest habit pattern of
/// [`report`] (as of `week_ending`), in non-causal words.
pub fn weekly_summary(
    diary: &[DiaryDay],
    lifestyle: &[LifestyleDay],
    changes: &[ProductChange],
    adherence: Option<f32>,
    week_ending: Date,
) -> String {
    report(diary, lifestyle, changes, adherence, week_ending).summary
}

/// [`weekly_summary`] with the week's patterns already found.
fn summary_with(
    diary: &[DiaryDay],
    adherence: Option<f32>,
    week_ending: Date,
    found: &Associations,
) -> String {
    let end = day_number(week_ending);
    let this = (end - 6, end);
    let prev = (end - 13, end - 7);
    let ratings = index_diary(diary, prev.0, this.1);

    let logged = |(from, to): (i64, i64)| -> usize {
        let mut days = BTreeSet::new();
        for entry in diary {
            let d = day_number(entry.date);
            let any = SkinMetric::ALL
                .iter()
                .any(|&m| entry.ratings.get(m).is_some())
                || entry.breakouts.is_some();
            if (from..=to).contains(&d) && any {
                days.insert(d);
            }
        }
        days.len()
    };
    let (logged_now, logged_before) = (logged(this), logged(prev));

    let mut lines = Vec::new();
    lines.push(format!(
        "Week ending {week_ending}: {logged_now} of 7 days logged (the week before: {logged_before})."
    ));

    let mut parts = Vec::new();
    // Whether any rating had the week before to compare with.
    let mut compared = false;
    for metric in SkinMetric::ALL {
        let series = &ratings[metric.index()];
        let now: Vec<f64> = series.range(this.0..=this.1).map(|(_, &v)| v).collect();
        let before: Vec<f64> = series.range(prev.0..=prev.1).map(|(_, &v)| v).collect();
        let Some(m_now) = mean(&now) else { continue };
        let name = metric.label().to_lowercase();
        let part = match mean(&before) {
            None => format!("{name} {}", fmt_num(m_now, 1)),
            Some(m_before) => {
                compared = true;
                let diff = m_now - m_before;
                // Less than a quarter point is within day-to-day wobble on a 1–5 scale.
                if diff.abs() < 0.25 {
                    format!("{name} {} (about the same)", fmt_num(m_now, 1))
                } else {
                    let higher = diff > 0.0;
                    format!(
                        "{name} {} ({} from {}, {})",
                        fmt_num(m_now, 1),
                        if higher { "up" } else { "down" },
                        fmt_num(m_before, 1),
                        metric.better_or_worse(higher),
                    )
                }
            }
        };
        parts.push(part);
    }
    if parts.is_empty() {
        lines.push("No skin ratings this week.".to_owned());
    } else if compared {
        lines.push(format!("Skin this week: {}.", parts.join(", ")));
    } else {
        // Said once, not after every rating.
        lines.push(format!(
            "Skin this week: {}; no ratings the week before to compare with.",
            parts.join(", ")
        ));
    }

    let spots = |(from, to): (i64, i64)| -> Option<u32> {
        let mut per_day: BTreeMap<i64, u32> = BTreeMap::new();
        for entry in diary {
            let d = day_number(entry.date);
            if let (true, Some(count)) = ((from..=to).contains(&d), entry.breakouts) {
                // One count per day: a duplicate entry is a correction, keep the larger.
                let slot = per_day.entry(d).or_insert(0);
                *slot = (*slot).max(u32::from(count));
            }
        }
        (!per_day.is_empty()).then(|| per_day.values().sum())
    };
    if let Some(now) = spots(this) {
        let before = spots(prev)
            .map(|b| format!(" (the week before: {b})"))
            .unwrap_or_default();
        lines.push(format!("Spots counted: {now}{before}."));
    }

    if let Some(a) = adherence.filter(|a| a.is_finite()) {
        let pct = (f64::from(a).clamp(0.0, 1.0) * 100.0).round();
        lines.push(format!("Routine: {pct:.0}% of planned steps done."));
    }

    if let Some(top) = found.findings.first() {
        lines.push(format!(
            "Pattern in your log (not proof of cause): {}.",
            lowercase_first(&top.sentence_lead()),
        ));
    } else if found.tested > 0 {
        lines.push(format!(
            "No clear pattern between lifestyle and skin yet ({} compared).",
            found.tested
        ));
    } else {
        let most = found
            .not_enough_data
            .iter()
            .map(|p| p.paired_days)
            .max()
            .unwrap_or(0);
        if most < MIN_PAIRED_DAYS {
            lines.push(format!(
                "Patterns: not enough data yet ({most} of {MIN_PAIRED_DAYS} days)."
            ));
        }
    }
    lines.join("\n")
}
