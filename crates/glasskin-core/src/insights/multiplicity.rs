//! One false-discovery control over everything said to a person: every habit and product
//! comparison is one family, each question weighted once.

/// The outcome of [`benjamini_hochberg`].
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Discoveries {
    /// Per test, whether it is a discovery.
    pub discovered: Vec<bool>,
    /// Per test, the confidence of an interval that agrees with the discoveries:
    /// `1 − wᵢ·q·max(R, 1)/m` for R discoveries among m tests.
    pub interval_level: Vec<f64>,
}

/// The weighted Benjamini–Hochberg step-up procedure at false discovery rate `q` (Benjamini &
/// Hochberg 1995; weights as Genovese, Roeder & Wasserman 2006): with `pᵢ/wᵢ` sorted, the k
/// smallest are discoveries for the largest k with `p₍ₖ₎/w₍ₖ₎ ≤ k·q/m`. The weights average 1;
/// with them, when nothing is real, anything at all is found with probability at most `q`.
///
/// Intervals at `1 − wᵢ·q·R/m` are the false-coverage-rate adjusted intervals of Benjamini &
/// Yekutieli (2005): a discovery's interval excludes zero and every other test's includes it,
/// so a pattern shown and its interval never disagree.
pub(super) fn benjamini_hochberg(p_values: &[f64], weights: &[f64], q: f64) -> Discoveries {
    debug_assert_eq!(p_values.len(), weights.len());
    let m = p_values.len();
    let scaled: Vec<f64> = p_values
        .iter()
        .zip(weights)
        .map(|(p, w)| if *w > 0.0 { p / w } else { f64::INFINITY })
        .collect();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| scaled[a].total_cmp(&scaled[b]).then(a.cmp(&b)));
    let found = (1..=m)
        .rev()
        .find(|&k| scaled[order[k - 1]] <= k as f64 * q / m as f64)
        .unwrap_or(0);
    let mut discovered = vec![false; m];
    for &i in &order[..found] {
        discovered[i] = true;
    }
    let share = found.max(1) as f64 / m.max(1) as f64;
    let interval_level = weights.iter().map(|w| 1.0 - w * q * share).collect();
    Discoveries {
        discovered,
        interval_level,
    }
}
