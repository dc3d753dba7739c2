//! Lifestyle–skin associations: Spearman correlations at lags of zero to [`super::MAX_LAG`]
//! days, with intervals adjusted for the number of patterns checked.

use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use super::days::day_number;
use super::inputs::{DiaryDay, LifestyleDay, LifestyleFactor, SkinMetric};
use super::log_index::{index_diary, index_lifestyle};
use super::stats::{fisher_interval, normal_quantile, spearman};
use super::wording::fmt_num;
use super::{FAMILY_CONFIDENCE, HISTORY_DAYS, MAX_LAG, MIN_PAIRED_DAYS, MIN_TAG_DAYS};

/// The lifestyle–skin patterns in the log, with what could not be tested yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Associations {
    /// How many factor × metric × lag correlations were computed (the Bonferroni divisor).
    pub tested: usize,
    /// The confidence level of each interval: `1 − 0.05 / tested`, so that all intervals hold
    /// together with 95% confidence.
    pub interval_confidence: f64,
    /// Every computed correlation, ordered by factor, metric and lag.
    pub results: Vec<Association>,
    /// The correlations whose interval excludes zero, strongest first.
    pub findings: Vec<Association>,
    /// Factors without enough paired days (or without enough variation) to test yet.
    pub not_enough_data: Vec<NotEnoughData>,
    /// One or two sentences on what was checked and what stood out.
    pub summary: String,
}

/// One factor × metric × lag correlation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Association {
    /// The lifestyle factor, on day d.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub factor: LifestyleFactor,
    /// The skin rating, on day d + `lag`.
    pub metric: SkinMetric,
    /// Days between the factor and the rating (0–3).
    pub lag: u8,
    /// Spearman's rank correlation ρ.
    pub rho: f64,
    /// Lower end of the (Bonferroni-adjusted) confidence interval.
    pub ci_low: f64,
    /// Upper end of the (Bonferroni-adjusted) confidence interval.
    pub ci_high: f64,
    /// Paired days.
    pub n: usize,
    /// Whether the interval excludes zero.
    pub finding: bool,
    /// A plain-language, non-causal sentence.
    pub sentence: String,
}

/// A factor that cannot be tested yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotEnoughData {
    /// The factor.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub factor: LifestyleFactor,
    /// The most paired days the factor has with any rating at any lag.
    pub paired_days: usize,
    /// Paired days needed ([`MIN_PAIRED_DAYS`]).
    pub needed: usize,
    /// "Sleep: not enough data yet: 12 of 28 days."
    pub message: String,
}

/// Lagged Spearman correlations between every lifestyle factor and every skin rating.
///
/// For each factor × metric × lag in `0..=3`, the factor on day d is paired with the rating on
/// day d + lag, over the [`HISTORY_DAYS`] days ending with `today` (later days are ignored).
/// Several entries for one date are averaged (diet tags: their union). A pair is computed only
/// from [`MIN_PAIRED_DAYS`] paired days, with variation on both sides (a diet tag present and
/// absent on at least [`MIN_TAG_DAYS`] days each); a factor with no computable pair gets a
/// [`NotEnoughData`] entry.
///
/// Statistics: ρ is Pearson's r on mid-ranks (ties averaged). Its interval uses Fisher's
/// z = atanh ρ with the Bonett–Wright (2000) standard error √((1 + ρ²/2)/(n − 3)). Multiple
/// comparisons are handled by Bonferroni: with m correlations computed, each interval has
/// confidence 1 − 0.05/m, so all of them hold together with 95% confidence, and each sentence
/// says how many patterns were checked. Diary days are autocorrelated, which these intervals
/// ignore: they are approximate, and the sentences never claim a cause.
pub fn associations(diary: &[DiaryDay], lifestyle: &[LifestyleDay], today: Date) -> Associations {
    let last = day_number(today);
    let first = last - (HISTORY_DAYS - 1);
    let ratings = index_diary(diary, first, last);
    let life = index_lifestyle(lifestyle, first, last);

    struct Raw {
        factor: LifestyleFactor,
        metric: SkinMetric,
        lag: u8,
        rho: f64,
        n: usize,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut not_enough_data = Vec::new();

    for factor in life.factors() {
        let series = life.series(&factor);
        let mut most = 0;
        let mut computed = false;
        for metric in SkinMetric::ALL {
            let skin = &ratings[metric.index()];
            for lag in 0..=MAX_LAG {
                let (xs, ys): (Vec<f64>, Vec<f64>) = series
                    .iter()
                    .filter_map(|(&d, &x)| skin.get(&(d + i64::from(lag))).map(|&y| (x, y)))
                    .unzip();
                let n = xs.len();
                most = most.max(n);
                if n < MIN_PAIRED_DAYS || !enough_variation(&factor, &xs) {
                    continue;
                }
                if let Some(rho) = spearman(&xs, &ys) {
                    computed = true;
                    raws.push(Raw {
                        factor: factor.clone(),
                        metric,
                        lag,
                        rho,
                        n,
                    });
                }
            }
        }
        if !computed {
            let message = if most < MIN_PAIRED_DAYS {
                format!(
                    "{}: not enough data yet: {most} of {MIN_PAIRED_DAYS} days.",
                    factor.label()
                )
            } else {
                format!(
                    "{}: not enough variation yet to look for patterns ({most} days).",
                    factor.label()
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

    let tested = raws.len();
    let alpha = 1.0 - FAMILY_CONFIDENCE;
    let per_test_alpha = if tested == 0 {
        alpha
    } else {
        alpha / tested as f64
    };
    let z_crit = normal_quantile(1.0 - per_test_alpha / 2.0);

    let results: Vec<Association> = raws
        .into_iter()
        .map(|raw| {
            let (ci_low, ci_high) = fisher_interval(raw.rho, raw.n, z_crit);
            let finding = ci_low > 0.0 || ci_high < 0.0;
            let sentence = association_sentence(
                &raw.factor,
                raw.metric,
                raw.lag,
                raw.rho,
                (ci_low, ci_high),
                raw.n,
                tested,
            );
            Association {
                factor: raw.factor,
                metric: raw.metric,
                lag: raw.lag,
                rho: raw.rho,
                ci_low,
                ci_high,
                n: raw.n,
                finding,
                sentence,
            }
        })
        .collect();

    let mut findings: Vec<Association> = results.iter().filter(|a| a.finding).cloned().collect();
    // Strongest first; ties in a fixed order so the output never depends on chance.
    findings.sort_by(|a, b| {
        b.rho
            .abs()
            .total_cmp(&a.rho.abs())
            .then_with(|| a.factor.cmp(&b.factor))
            .then_with(|| a.metric.cmp(&b.metric))
            .then_with(|| a.lag.cmp(&b.lag))
    });

    let summary = associations_summary(tested, &findings, &not_enough_data, per_test_alpha);
    Associations {
        tested,
        interval_confidence: 1.0 - per_test_alpha,
        results,
        findings,
        not_enough_data,
        summary,
    }
}

fn enough_variation(factor: &LifestyleFactor, xs: &[f64]) -> bool {
    match factor {
        LifestyleFactor::Diet(_) => {
            let with = xs.iter().filter(|&&x| x > 0.5).count();
            with >= MIN_TAG_DAYS && xs.len() - with >= MIN_TAG_DAYS
        }
        // Constant values are caught by `spearman` returning None.
        _ => true,
    }
}

fn association_sentence(
    factor: &LifestyleFactor,
    metric: SkinMetric,
    lag: u8,
    rho: f64,
    (low, high): (f64, f64),
    n: usize,
    tested: usize,
) -> String {
    let body = association_clause(factor, metric, lag, rho);
    let checked = if tested == 1 {
        "1 pattern checked".to_owned()
    } else {
        format!("{tested} patterns checked")
    };
    format!(
        "{body} (ρ = {}, 95% CI {} to {} allowing for the {checked}; {n} days). \
         This is a pattern in your log, not proof that one causes the other.",
        fmt_num(rho, 2),
        fmt_num(low, 2),
        fmt_num(high, 2),
    )
}

/// "On days after more sleep, your hydration rating tended to be higher, which is better"
pub(super) fn association_clause(
    factor: &LifestyleFactor,
    metric: SkinMetric,
    lag: u8,
    rho: f64,
) -> String {
    let higher = rho > 0.0;
    let direction = if higher { "higher" } else { "lower" };
    let judgement = if higher == metric.higher_is_better() {
        "better"
    } else {
        "worse"
    };
    format!(
        "{}, your {} rating tended to be {direction}, which is {judgement}",
        factor.lead(lag),
        metric.label().to_lowercase(),
    )
}

fn associations_summary(
    tested: usize,
    findings: &[Association],
    pending: &[NotEnoughData],
    per_test_alpha: f64,
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
            out.push_str("Not enough variation in the lifestyle log yet to look for patterns.");
        }
        return out;
    }
    let stood_out = match findings.len() {
        0 => "none stood out".to_owned(),
        1 => "1 stood out".to_owned(),
        k => format!("{k} stood out"),
    };
    let _ = write!(
        out,
        "Checked {tested} patterns between lifestyle and skin ratings (same day and up to \
         {MAX_LAG} days later, over the last {HISTORY_DAYS} days); {stood_out} after allowing \
         for that many checks (each interval at {}% confidence).",
        fmt_num(100.0 * (1.0 - per_test_alpha), 3),
    );
    if !findings.is_empty() {
        out.push_str(" Patterns are not proof of cause.");
    }
    // Factors never logged at all would only be noise here; they stay in `not_enough_data`.
    for p in pending.iter().filter(|p| p.paired_days > 0) {
        out.push(' ');
        out.push_str(&p.message);
    }
    out
}
