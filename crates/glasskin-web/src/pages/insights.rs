//! The Insights page: the week in words, adherence, patterns between the day and the skin, and
//! what each product seems to change, each with its numbers one tap away.

use askama::Template;
use axum::response::Response;
use glasskin_app::insights;
use glasskin_core::insights::{Association, MetricEffect, ProductEffect};
use glasskin_store::Store;

use super::charts::ADHERENCE_WEEKS;
use super::render::{failed, render};
use crate::{Person, today};

#[derive(Template)]
#[template(path = "insights.html")]
struct InsightsPage {
    nav: &'static str,
    empty: bool,
    /// The week in sentences, one a line.
    summary: Vec<String>,
    has_adherence: bool,
    adherence: String,
    patterns: String,
    findings: Vec<Shown>,
    missing: Vec<String>,
    products: Vec<Shown>,
    method: String,
}

/// A sentence, and the statistics behind it for whoever taps for them.
struct Shown {
    sentence: String,
    numbers: Vec<String>,
}

fn insights_view<S: Store>(store: &S) -> Response {
    let today = today();
    // Each record is read once: the report and the page's own lines share them.
    let read = (|| {
        Ok::<_, glasskin_app::Error>((
            insights::inputs(store)?,
            insights::daily_adherence(store, today, 7 * ADHERENCE_WEEKS)?,
        ))
    })();
    let (inputs, daily) = match read {
        Ok(read) => read,
        Err(e) => return failed(&e),
    };
    let week = insights::week_adherence(&daily);
    let report = insights::report_from(&inputs, week, today);
    let empty = inputs.diary.is_empty();
    let associations = report.associations;
    render(&InsightsPage {
        nav: "insights",
        empty,
        summary: report.summary.lines().map(str::to_owned).collect(),
        has_adherence: !daily.is_empty(),
        adherence: week.map_or_else(
            || "nothing planned".to_owned(),
            |share| format!("{:.0}% of steps done", share * 100.0),
        ),
        patterns: associations.summary,
        findings: associations.findings.iter().map(finding).collect(),
        missing: associations
            .not_enough_data
            .into_iter()
            .map(|m| m.message)
            .collect(),
        products: report.product_effects.iter().map(product).collect(),
        method: report.method.description,
    })
}

fn finding(a: &Association) -> Shown {
    let lag = match a.lag {
        0 => "the same day".to_owned(),
        1 => "1 day later".to_owned(),
        k => format!("{k} days later"),
    };
    Shown {
        sentence: a.sentence.clone(),
        numbers: vec![
            format!(
                "{} {lag} after {}: {:.2} on average over {} days, {:.2} over {} other days.",
                a.metric.label(),
                a.exposure,
                a.mean_exposed,
                a.n_exposed,
                a.mean_other,
                a.n_other,
            ),
            interval(
                a.difference,
                a.ci_low,
                a.ci_high,
                a.interval_level,
                a.p_value,
            ),
            carry_over(a.autocorrelation, a.effective_days),
        ],
    }
}

fn product(effect: &ProductEffect) -> Shown {
    let mut numbers = effect.notes.clone();
    numbers.extend(effect.metrics.iter().map(metric_numbers));
    Shown {
        sentence: effect.summary.clone(),
        numbers,
    }
}

fn metric_numbers(m: &MetricEffect) -> String {
    let Some(c) = m.comparison else {
        return m.sentence.clone();
    };
    let mean = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
    format!(
        "{}: {} over {} days before, {} over {} days after. {} {}",
        m.metric.label(),
        mean(m.mean_before),
        m.n_before,
        mean(m.mean_after),
        m.n_after,
        interval(
            c.difference,
            c.ci_low,
            c.ci_high,
            c.interval_level,
            c.p_value
        ),
        carry_over(c.autocorrelation, c.effective_days),
    )
}

fn interval(difference: f64, low: f64, high: f64, level: f64, p: f64) -> String {
    format!(
        "Difference {difference:+.2} ({:.2}% interval {low:+.2} to {high:+.2}, widened for the \
         number of comparisons); p = {p:.2e} before that adjustment.",
        level * 100.0,
    )
}

fn carry_over(autocorrelation: f64, effective_days: f64) -> String {
    format!(
        "Day-to-day carry-over allowed for: {autocorrelation:.2}, so these days count as about \
         {effective_days:.0} independent ones."
    )
}

pub(super) async fn insights_page<S: Store + Send + 'static>(person: Person<S>) -> Response {
    person.with_reader(|store| insights_view(store)).await
}
