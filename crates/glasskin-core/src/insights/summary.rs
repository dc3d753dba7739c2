//! The weekly summary and the report that gathers every insight: a few lines to read in ten
//! seconds.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::days::day_number;
use super::inputs::{DiaryDay, LifestyleDay, ProductChange, SkinMetric};
use super::lifestyle_associations::{Associations, association_clause, associations};
use super::log_index::index_diary;
use super::product_change_effects::{ProductEffect, better_word, product_effects};
use super::stats::mean;
use super::wording::{fmt_num, lowercase_first};
use super::{DEFAULT_WINDOW_DAYS, MIN_PAIRED_DAYS};

/// A short summary of the week ending `week_ending` (the seven days up to and including it):
/// days logged, each rating's mean this week against the week before, spots counted, routine
/// adherence (`adherence` in 0–1, ignored when not finite) and the strongest pattern from
/// [`associations`] (as of `week_ending`), in non-causal words.
pub fn weekly_summary(
    diary: &[DiaryDay],
    lifestyle: &[LifestyleDay],
    adherence: Option<f32>,
    week_ending: Date,
) -> String {
    let found = associations(diary, lifestyle, week_ending);
    summary_with(diary, adherence, week_ending, &found)
}

/// Everything the insights say at once, the patterns computed once for both the summary and
/// the list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = InsightsReport))]
pub struct Report {
    /// [`weekly_summary`].
    pub summary: String,
    /// [`associations`].
    pub associations: Associations,
    /// [`product_effects`] over [`DEFAULT_WINDOW_DAYS`].
    pub product_effects: Vec<ProductEffect>,
}

/// The weekly summary, the patterns and the product before/after comparisons as of `today`.
pub fn report(
    diary: &[DiaryDay],
    lifestyle: &[LifestyleDay],
    changes: &[ProductChange],
    adherence: Option<f32>,
    today: Date,
) -> Report {
    let associations = associations(diary, lifestyle, today);
    Report {
        summary: summary_with(diary, adherence, today, &associations),
        product_effects: product_effects(diary, changes, DEFAULT_WINDOW_DAYS, today),
        associations,
    }
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
    for metric in SkinMetric::ALL {
        let series = &ratings[metric.index()];
        let now: Vec<f64> = series.range(this.0..=this.1).map(|(_, &v)| v).collect();
        let before: Vec<f64> = series.range(prev.0..=prev.1).map(|(_, &v)| v).collect();
        let Some(m_now) = mean(&now) else { continue };
        let name = metric.label().to_lowercase();
        let part = match mean(&before) {
            None => format!("{name} {} (no ratings the week before)", fmt_num(m_now, 1)),
            Some(m_before) => {
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
                        better_word(metric, higher),
                    )
                }
            }
        };
        parts.push(part);
    }
    if parts.is_empty() {
        lines.push("No skin ratings this week.".to_owned());
    } else {
        lines.push(format!("Skin this week: {}.", parts.join(", ")));
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
            "Pattern in your log (not proof of cause): {} (ρ = {}, {} days).",
            lowercase_first(&association_clause(
                &top.factor,
                top.metric,
                top.lag,
                top.rho
            )),
            fmt_num(top.rho, 2),
            top.n,
        ));
    } else if found.tested > 0 {
        lines.push(format!(
            "No clear pattern between lifestyle and skin yet ({} checked).",
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
