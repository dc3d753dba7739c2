//! The one comparison every insight makes: a skin rating on one kind of day against the other
//! kind (two days after a short night against other days, the weeks after a product change
//! against the weeks before), with an uncertainty that allows for skin carrying over from one
//! day to the next.

use super::stats::{t_quantile, t_two_sided_p};

/// One rated day in a comparison.
#[derive(Debug, Clone, Copy)]
pub(super) struct RatedDay {
    /// Days since 1970-01-01.
    pub day: i64,
    /// Whether the day is of the kind being asked about (after a short night, after the change).
    pub exposed: bool,
    /// The day's rating, 1–5.
    pub rating: f64,
}

/// A difference of means between exposed and other days, with its autocorrelation-aware
/// standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Contrast {
    pub n_exposed: usize,
    pub n_other: usize,
    pub mean_exposed: f64,
    pub mean_other: f64,
    /// `mean_exposed − mean_other`.
    pub difference: f64,
    pub standard_error: f64,
    /// The lag-1 autocorrelation assumed for the ratings (estimated, bias-corrected, kept within 0.3–0.9).
    pub autocorrelation: f64,
    /// As many independent days would give the same standard error.
    pub effective_days: f64,
    /// Degrees of freedom of the t reference distribution.
    pub df: f64,
    /// Two-sided p-value of "no difference".
    pub p_value: f64,
}

/// Day pairs one day apart needed to estimate the autocorrelation; with fewer, a cautious
/// [`FALLBACK_AUTOCORRELATION`] is assumed.
const MIN_PAIRS: usize = 10;

/// The autocorrelation assumed when the diary has too few consecutive days to estimate it: at
/// the high end of what skin ratings show, so that a patchy diary never looks surer than it is.
const FALLBACK_AUTOCORRELATION: f64 = 0.5;

/// The smallest autocorrelation used: skin diaries carry over about 0.3–0.5 from one day to
/// the next, a few weeks of ratings cannot tell 0.1 from 0.4, and assuming too little is what
/// makes a before/after difference look surer than it is.
const MIN_AUTOCORRELATION: f64 = 0.3;

/// The largest autocorrelation used: nearer 1 the ratings barely move and nothing can be
/// compared.
const MAX_AUTOCORRELATION: f64 = 0.9;

/// How the exposed days lie in time, which decides how biased the autocorrelation's estimate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Design {
    /// Exposed days scattered through the log (short nights, tagged days).
    Scattered,
    /// One stretch before and one after a change.
    BeforeAfter,
}

/// Compares exposed and other days, `days` sorted by day with one rating a day. None when
/// either kind has fewer than two days.
///
/// The estimate is the plain difference of means: the number a person reads. Its variance
/// takes the ratings' departures from their group means as a stationary AR(1) series over
/// calendar days, `corr = ρ^gap`, so a missing day simply widens the gap: with weights
/// `w = 1/n₁` on exposed and `−1/n₀` on other days, `Var = σ² ΣΣ w_s w_t ρ^|d_s − d_t|` (the
/// variance of least squares under AR(1) errors), summed in one pass by a recursion. A
/// before/after design is inflated most (its days of each kind are neighbours); scattered
/// exposures hardly at all.
///
/// ρ is the lag-1 autocorrelation of the residuals over days one apart, corrected for its
/// downward bias in short series (Marriott & Pope 1954: about `(1 + 3ρ)/n` per separately
/// centred stretch), and kept within 0.3–0.9: a few weeks cannot tell 0.1 from 0.4, and
/// assuming too little is what makes a before/after difference look surer than it is. σ² is
/// the residual sum of squares over its expectation under the same model, `n − tr(HΣ)`.
/// `difference / se` is referred to Student's t with the degrees of freedom of σ² under AR(1),
/// `n(1 − ρ²)/(1 + ρ²) − 2` (Bartlett 1946). The effective days are the days over the variance's
/// inflation (Bayley & Hammersley 1946).
pub(super) fn contrast(days: &[RatedDay], design: Design) -> Option<Contrast> {
    debug_assert!(days.windows(2).all(|w| w[0].day < w[1].day));
    let n_exposed = days.iter().filter(|d| d.exposed).count();
    let n_other = days.len() - n_exposed;
    if n_exposed < 2 || n_other < 2 {
        return None;
    }
    let n = days.len() as f64;
    let (n1, n0) = (n_exposed as f64, n_other as f64);
    let mean_of = |exposed: bool, count: f64| {
        days.iter()
            .filter(|d| d.exposed == exposed)
            .map(|d| d.rating)
            .sum::<f64>()
            / count
    };
    let (mean_exposed, mean_other) = (mean_of(true, n1), mean_of(false, n0));
    let residual = |d: &RatedDay| d.rating - if d.exposed { mean_exposed } else { mean_other };

    let sum_squares: f64 = days.iter().map(|d| residual(d).powi(2)).sum();
    let (mut lagged, mut pairs) = (0.0, 0usize);
    for w in days.windows(2) {
        if w[1].day - w[0].day == 1 {
            lagged += residual(&w[0]) * residual(&w[1]);
            pairs += 1;
        }
    }
    let segments = match design {
        Design::Scattered => 1.0,
        Design::BeforeAfter => 2.0,
    };
    let rho = if pairs < MIN_PAIRS || sum_squares <= 1e-12 {
        FALLBACK_AUTOCORRELATION
    } else {
        let r1 = (lagged / pairs as f64) / (sum_squares / n);
        r1 + (1.0 + 3.0 * r1) * segments / pairs as f64
    }
    .clamp(MIN_AUTOCORRELATION, MAX_AUTOCORRELATION);

    let [q, within_exposed, within_other] = ar1_quadratic_forms(days, n1, n0, rho);
    // E[Σ residual²] = σ²(n − tr(HΣ)), H projecting on the two group means.
    let explained = within_exposed / n1 + within_other / n0;
    let sigma2 = sum_squares / (n - explained).max(1.0);
    let variance = sigma2 * q;
    let effective_days = n * (1.0 / n1 + 1.0 / n0) / q;
    let df = n * (1.0 - rho * rho) / (1.0 + rho * rho) - 2.0;
    let difference = mean_exposed - mean_other;
    let standard_error = variance.max(0.0).sqrt();
    let df = df.max(1.0);
    let p_value = if standard_error > 1e-12 {
        t_two_sided_p(difference / standard_error, df)
    } else if difference.abs() > 1e-12 {
        // Every day of each kind rated the same, and the kinds differ.
        0.0
    } else {
        1.0
    };
    Some(Contrast {
        n_exposed,
        n_other,
        mean_exposed,
        mean_other,
        difference,
        standard_error,
        autocorrelation: rho,
        effective_days,
        df,
        p_value,
    })
}

/// `ΣΣ w_s w_t ρ^|d_s − d_t|` over the days for three weightings at once: the difference of
/// means (`1/n₁` on exposed days, `−1/n₀` on the others), and each kind's indicator. One pass:
/// the running sum `S_t = Σ_{s<t} w_s ρ^(d_t − d_s)` obeys `S_t = ρ^gap (S_{t−1} + w_{t−1})`.
fn ar1_quadratic_forms(days: &[RatedDay], n1: f64, n0: f64, rho: f64) -> [f64; 3] {
    let weights = |d: &RatedDay| {
        if d.exposed {
            [1.0 / n1, 1.0, 0.0]
        } else {
            [-1.0 / n0, 0.0, 1.0]
        }
    };
    let mut total = [0.0; 3];
    let mut carried = [0.0; 3];
    let mut previous: Option<(i64, [f64; 3])> = None;
    for d in days {
        let w = weights(d);
        if let Some((day, w_prev)) = previous {
            let decay = match d.day - day {
                1 => rho,
                gap => rho.powi(i32::try_from(gap).unwrap_or(i32::MAX)),
            };
            for k in 0..3 {
                carried[k] = decay * (carried[k] + w_prev[k]);
            }
        }
        for k in 0..3 {
            total[k] += w[k] * w[k] + 2.0 * w[k] * carried[k];
        }
        previous = Some((d.day, w));
    }
    total
}

impl Contrast {
    /// The two-sided interval at confidence `level` (0–1).
    pub(super) fn interval(&self, level: f64) -> (f64, f64) {
        if self.standard_error <= 0.0 {
            return (self.difference, self.difference);
        }
        let t = t_quantile(0.5 + level / 2.0, self.df).unwrap_or(f64::INFINITY);
        let half = t * self.standard_error;
        if half.is_finite() {
            (self.difference - half, self.difference + half)
        } else {
            (f64::NEG_INFINITY, f64::INFINITY)
        }
    }
}
