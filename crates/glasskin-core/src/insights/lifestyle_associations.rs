//! Habits and skin: each habit's kind of day (a short night, a tagged day…) against the other
//! days, for each skin rating on the same day and up to [`super::MAX_LAG`] days later.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::contrast::{Contrast, Design, RatedDay, contrast};
use super::inputs::{LifestyleFactor, SkinMetric};
use super::log_index::LifeIndex;
use super::wording::{fmt_num, lowercase_first, points, signed};
use super::{MAX_LAG, MIN_EXPOSED_DAYS, MIN_PAIRED_DAYS};

/// The habit comparisons, what stood out, and what could not be compared yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Associations {
    /// How many habit × rating × lag comparisons were made (each one of the family the false
    /// discovery rate is controlled over).
    pub tested: usize,
    /// One entry per habit × rating compared: the lag whose difference is clearest, ordered by
    /// habit and rating.
    pub results: Vec<Association>,
    /// The entries of `results` that are patterns, clearest first.
    pub findings: Vec<Association>,
    /// Habits without enough paired days, or too few days of one kind, to compare yet.
    pub not_enough_data: Vec<NotEnoughData>,
    /// One or two sentences on what was compared and what stood out.
    pub summary: String,
}

/// A skin rating on one habit's kind of day (at a lag) against the other days.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Association {
    /// The habit, logged on day d: `sleep`, `water`, `exercise`, `stress` or `diet:<tag>`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub factor: LifestyleFactor,
    /// The kind of day compared with the others: "nights under 6 hours".
    pub exposure: String,
    /// The skin rating, on day d + `lag`.
    pub metric: SkinMetric,
    /// Days between the habit and the rating (0–2): the clearest of the lags compared.
    pub lag: u8,
    /// Paired days of the habit's kind.
    pub n_exposed: usize,
    /// Other paired days.
    pub n_other: usize,
    /// The mean rating after days of the habit's kind.
    pub mean_exposed: f64,
    /// The mean rating after other days.
    pub mean_other: f64,
    /// `mean_exposed − mean_other`, in rating points.
    pub difference: f64,
    /// Lower end of the interval for the difference, at `interval_level`.
    pub ci_low: f64,
    /// Upper end of the interval for the difference.
    pub ci_high: f64,
    /// The interval's confidence, adjusted for the patterns picked (see `Method`).
    pub interval_level: f64,
    /// The two-sided p-value of this lag, before the adjustment for the family.
    pub p_value: f64,
    /// The day-to-day autocorrelation of the rating allowed for (0.3–0.9).
    pub autocorrelation: f64,
    /// The paired days, discounted for the autocorrelation.
    pub effective_days: f64,
    /// Whether this is a pattern: a discovery at the report's false discovery rate.
    pub finding: bool,
    /// A plain-language, non-causal sentence.
    pub sentence: String,
}

/// A habit that cannot be compared yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotEnoughData {
    /// The habit.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub factor: LifestyleFactor,
    /// The most paired days the habit has with any rating at any lag.
    pub paired_days: usize,
    /// Paired days needed ([`MIN_PAIRED_DAYS`]).
    pub needed: usize,
    /// "Sleep: not enough data yet: 12 of 28 days."
    pub message: String,
}

/// One habit × rating × lag comparison, before the family's adjustment.
pub(super) struct HabitTest {
    pub factor: LifestyleFactor,
    pub metric: SkinMetric,
    pub lag: u8,
    pub contrast: Contrast,
}

/// Every habit × rating × lag comparison the log allows, and the habits it does not allow yet.
///
/// The habit on day d is paired with the rating on day d + lag. A comparison needs
/// [`MIN_PAIRED_DAYS`] paired days with [`MIN_EXPOSED_DAYS`] of each kind.
pub(super) fn habit_tests(
    ratings: &[BTreeMap<i64, f64>; 6],
    life: &LifeIndex,
) -> (Vec<HabitTest>, Vec<NotEnoughData>) {
    let mut tests = Vec::new();
    let mut not_enough_data = Vec::new();
    for factor in life.factors() {
        let exposure: Vec<(i64, bool)> = life
            .series(&factor)
            .into_iter()
            .map(|(d, value)| (d, factor.exposed(value)))
            .collect();
        let (mut most, mut fewest_kind) = (0, 0);
        let before = tests.len();
        for metric in SkinMetric::ALL {
            let skin = &ratings[metric.index()];
            for lag in 0..=MAX_LAG {
                let days: Vec<RatedDay> = exposure
                    .iter()
                    .filter_map(|&(d, exposed)| {
                        let day = d + i64::from(lag);
                        skin.get(&day).map(|&rating| RatedDay {
                            day,
                            exposed,
                            rating,
                        })
                    })
                    .collect();
                let exposed = days.iter().filter(|d| d.exposed).count();
                let kind = exposed.min(days.len() - exposed);
                if days.len() > most || (days.len() == most && kind > fewest_kind) {
                    (most, fewest_kind) = (days.len(), kind);
                }
                if days.len() < MIN_PAIRED_DAYS || kind < MIN_EXPOSED_DAYS {
                    continue;
                }
                if let Some(contrast) = contrast(&days, Design::Scattered) {
                    tests.push(HabitTest {
                        factor: factor.clone(),
                        metric,
                        lag,
                        contrast,
                    });
                }
            }
        }
        if tests.len() == before {
            let message = if most < MIN_PAIRED_DAYS {
                format!(
                    "{}: not enough data yet: {most} of {MIN_PAIRED_DAYS} days.",
                    factor.label()
                )
            } else {
                format!(
                    "{}: too few {} or too few other days yet to compare ({fewest_kind} of \
                     {MIN_EXPOSED_DAYS}, in {most} days).",
                    factor.label(),
                    factor.exposure(),
                )
            };
            not_enough_data.push(NotEnoughData {
                factor,
                paired_days: most,
                needed: MIN_PAIRED_DAYS,
                message,
            });
        }
    }
    (tests, not_enough_data)
}

/// The habit comparisons as people read them, given which are discoveries and each one's
/// interval level: per habit × rating, the lag with the smallest p-value.
pub(super) fn associations(
    tests: &[HabitTest],
    discovered: &[bool],
    interval_level: &[f64],
    not_enough_data: Vec<NotEnoughData>,
) -> Associations {
    let mut best: BTreeMap<(&LifestyleFactor, SkinMetric), usize> = BTreeMap::new();
    for (i, test) in tests.iter().enumerate() {
        let slot = best.entry((&test.factor, test.metric)).or_insert(i);
        let current = &tests[*slot];
        // A discovery before a non-discovery, then the smallest p, then the shortest lag.
        let key = |t: &HabitTest, found: bool| (!found, t.contrast.p_value, t.lag);
        if key(test, discovered[i]).partial_cmp(&key(current, discovered[*slot]))
            == Some(std::cmp::Ordering::Less)
        {
            *slot = i;
        }
    }
    let results: Vec<Association> = best
        .into_values()
        .map(|i| association(&tests[i], discovered[i], interval_level[i]))
        .collect();
    let mut findings: Vec<Association> = results.iter().filter(|a| a.finding).cloned().collect();
    findings.sort_by(|a, b| {
        a.p_value
            .total_cmp(&b.p_value)
            .then_with(|| a.factor.cmp(&b.factor))
            .then_with(|| a.metric.cmp(&b.metric))
    });
    let summary = associations_summary(tests.len(), &findings, &not_enough_data);
    Associations {
        tested: tests.len(),
        results,
        findings,
        not_enough_data,
        summary,
    }
}

fn association(test: &HabitTest, finding: bool, interval_level: f64) -> Association {
    let c = &test.contrast;
    let (ci_low, ci_high) = c.interval(interval_level);
    let lead = test.factor.lead(test.lag);
    let rating = test.metric.label().to_lowercase();
    let sentence = if finding {
        format!(
            "{}. This is a pattern in your log, not proof that one causes the other.",
            pattern_clause(&lead, test.metric, c.difference, (ci_low, ci_high)),
        )
    } else {
        format!(
            "{lead}: no clear difference in your {rating} rating from other days ({} points, \
             possibly anywhere from {} to {}; {} days).",
            signed(c.difference),
            signed(ci_low),
            signed(ci_high),
            c.n_exposed + c.n_other,
        )
    };
    Association {
        factor: test.factor.clone(),
        exposure: test.factor.exposure(),
        metric: test.metric,
        lag: test.lag,
        n_exposed: c.n_exposed,
        n_other: c.n_other,
        mean_exposed: c.mean_exposed,
        mean_other: c.mean_other,
        difference: c.difference,
        ci_low,
        ci_high,
        interval_level,
        p_value: c.p_value,
        autocorrelation: c.autocorrelation,
        effective_days: c.effective_days,
        finding,
        sentence,
    }
}

/// "Two days after a night under 6 hours, your breakouts rating was about 1.5 points higher
/// than on other days, which is worse (likely between 0.9 and 2.1 points higher)"
pub(super) fn pattern_clause(
    lead: &str,
    metric: SkinMetric,
    difference: f64,
    (low, high): (f64, f64),
) -> String {
    let higher = difference > 0.0;
    let (direction, near, far) = if higher {
        ("higher", low, high)
    } else {
        ("lower", -high, -low)
    };
    format!(
        "{lead}, your {} rating was about {} {direction} than on other days, which is {} \
         (likely between {} and {} {direction})",
        metric.label().to_lowercase(),
        points(difference.abs()),
        metric.better_or_worse(higher),
        fmt_num(near, 1),
        points(far),
    )
}

fn associations_summary(
    tested: usize,
    findings: &[Association],
    pending: &[NotEnoughData],
) -> String {
    let mut out = String::new();
    if tested == 0 {
        let most = pending.iter().map(|p| p.paired_days).max().unwrap_or(0);
        if most < MIN_PAIRED_DAYS {
            let _ = write!(
                out,
                "Not enough data yet to look for patterns: {most} of {MIN_PAIRED_DAYS} days \
                 with both a lifestyle entry and a skin rating."
            );
        } else {
            out.push_str("Not enough days of each kind in the lifestyle log yet to compare.");
        }
        return out;
    }
    let _ = write!(
        out,
        "Compared your skin ratings on short nights, high-stress days, exercise days, low-water \
         days and tagged days with other days, the same day and up to {MAX_LAG} days later \
         ({tested} comparisons); "
    );
    match findings {
        [] => out.push_str("no clear pattern stood out."),
        [one] => {
            let _ = write!(
                out,
                "1 stood out: {}.",
                lowercase_first(&one.sentence_lead())
            );
        }
        many => {
            let _ = write!(out, "{} stood out.", many.len());
        }
    }
    // Habits never logged at all would only be noise here; they stay in `not_enough_data`.
    for p in pending.iter().filter(|p| p.paired_days > 0) {
        out.push(' ');
        out.push_str(&p.message);
    }
    out
}

impl Association {
    /// The pattern's clause, without the closing caveat.
    pub(super) fn sentence_lead(&self) -> String {
        pattern_clause(
            &self.factor.lead(self.lag),
            self.metric,
            self.difference,
            (self.ci_low, self.ci_high),
        )
    }
}
