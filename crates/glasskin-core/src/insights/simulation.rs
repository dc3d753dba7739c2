//! Simulated people whose truth is known: 90-day diaries on the app's 1–5 scales, with ratings
//! that carry over from day to day (AR(1), lag-1 autocorrelation 0.3–0.5), missing days,
//! a lifestyle log and product changes; in some worlds nothing has any effect, in others one
//! planted effect of a known kind, size and lag. The tests hold [`report`] to its promises:
//! few people with no true effect are told about one, most with a large or medium effect are
//! told about it at the right lag and in the right direction, none in the wrong direction, and
//! nobody below the minimum data.
//!
//! The rates `docs/insights.md` quotes come from
//! `cargo test -p glasskin-core --lib insights::simulation::rates -- --ignored --nocapture`.

use jiff::civil::{Date, date};

use super::days::{date_from_day, day_number};
use super::inputs::{
    ChangeKind, DiaryDay, LifestyleDay, LifestyleFactor, ProductChange, SkinMetric, SkinRatings,
};
use super::{Report, report};

/// xorshift64* (Vigna 2016): tiny, deterministic, good enough for synthetic diaries.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(super) fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.uniform()
    }

    /// Box–Muller.
    pub(super) fn normal(&mut self) -> f64 {
        let u1 = self.uniform().max(1e-300);
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

pub(super) const TODAY: Date = date(2025, 6, 30);

/// The effect planted in a world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Planted {
    /// Nothing has any effect.
    Nothing,
    /// Breakouts higher `lag` days after a night under 6 hours.
    ShortNight { lag: u8 },
    /// Breakouts higher `lag` days after a day tagged dairy.
    Dairy { lag: u8 },
    /// Hydration higher after a serum is started.
    ProductStart,
    /// Redness lower after an irritating toner is stopped.
    ProductStop,
    /// Texture rougher after two products are started on the same day.
    TwoStartedTogether,
}

/// Days of diary; the minimum-data worlds use fewer.
const DAYS: i64 = 90;

/// Product days, counted from the diary's first day.
const SERUM_START: i64 = 35;
const CREAM_START: i64 = 62;
const TONER_STOP: i64 = 45;

/// One simulated person's logs.
pub(super) struct Person {
    pub diary: Vec<DiaryDay>,
    pub lifestyle: Vec<LifestyleDay>,
    pub changes: Vec<ProductChange>,
}

fn day(offset_from_first: i64, days: i64) -> Date {
    date_from_day(day_number(TODAY) - (days - 1) + offset_from_first).expect("in range")
}

fn rating(x: f64) -> u8 {
    x.round().clamp(1.0, 5.0) as u8
}

/// A person over `days` days with `planted` of `size` rating points.
pub(super) fn person(seed: u64, planted: Planted, size: f64, days: i64) -> Person {
    let mut rng = Rng::new(seed);
    let n = usize::try_from(days).expect("positive");

    // The lifestyle as it happened, logged or not.
    let sleep: Vec<f64> = (0..n)
        .map(|_| ((7.0 + 1.2 * rng.normal()).clamp(3.0, 11.0) * 4.0).round() / 4.0)
        .collect();
    let mut stress_latent = 0.0;
    let stress: Vec<u8> = (0..n)
        .map(|_| {
            stress_latent = 0.5 * stress_latent + 0.87 * rng.normal();
            rating(2.6 + stress_latent)
        })
        .collect();
    let tag_rates = [("dairy", 0.3), ("alcohol", 0.15), ("high_glycaemic", 0.25)];
    let tags: Vec<Vec<String>> = (0..n)
        .map(|_| {
            tag_rates
                .iter()
                .filter(|&&(_, p)| rng.uniform() < p)
                .map(|&(tag, _)| tag.to_owned())
                .collect()
        })
        .collect();
    let life_missing = rng.between(0.0, 0.15);
    let lifestyle: Vec<LifestyleDay> = (0..n)
        .filter_map(|i| {
            let logged = rng.uniform() >= life_missing;
            let water = ((1.8 + 0.5 * rng.normal()).max(0.2) * 10.0).round() / 10.0;
            let exercise = if rng.uniform() < 0.45 {
                0.0
            } else {
                (40.0 + 15.0 * rng.normal()).max(5.0)
            };
            logged.then(|| LifestyleDay {
                date: day(i as i64, days),
                sleep_hours: Some(sleep[i] as f32),
                water_litres: Some(water as f32),
                exercise_minutes: Some(exercise as u16),
                stress: Some(stress[i]),
                diet_tags: tags[i].clone(),
            })
        })
        .collect();

    // Planted effects carry over to the next day for half the people.
    let spill = if rng.uniform() < 0.5 { 0.4 } else { 0.0 };
    let pulse = |i: usize, lag: u8, on: &dyn Fn(usize) -> bool| -> f64 {
        let at = |k: usize| i.checked_sub(k).is_some_and(on);
        let lag = usize::from(lag);
        size * (f64::from(u8::from(at(lag))) + spill * f64::from(u8::from(at(lag + 1))))
    };
    let effect = |i: usize, metric: SkinMetric| -> f64 {
        let after = |start: i64| i as i64 + (DAYS - days) > start;
        match (planted, metric) {
            (Planted::ShortNight { lag }, SkinMetric::Breakouts) => {
                pulse(i, lag, &|k| sleep[k] < 6.0)
            }
            (Planted::Dairy { lag }, SkinMetric::Breakouts) => {
                pulse(i, lag, &|k| tags[k].iter().any(|t| t == "dairy"))
            }
            (Planted::ProductStart, SkinMetric::Hydration) if after(SERUM_START) => size,
            (Planted::ProductStop, SkinMetric::Redness) if !after(TONER_STOP) => size,
            (Planted::TwoStartedTogether, SkinMetric::Texture) if after(SERUM_START) => size,
            _ => 0.0,
        }
    };

    let mut diary = Vec::new();
    let diary_missing = rng.between(0.0, 0.15);
    let mut noise = [0.0; 6];
    let mut baseline = [0.0; 6];
    let mut carry = [0.0; 6];
    let mut spread = [0.0; 6];
    for m in SkinMetric::ALL {
        baseline[m.index()] = rng.between(2.0, 3.5);
        carry[m.index()] = rng.between(0.3, 0.5);
        spread[m.index()] = rng.between(0.6, 0.9);
        noise[m.index()] = spread[m.index()] * rng.normal();
    }
    for i in 0..n {
        let mut ratings = SkinRatings::default();
        for m in SkinMetric::ALL {
            let k = m.index();
            let phi = carry[k];
            noise[k] = phi * noise[k] + (1.0 - phi * phi).sqrt() * spread[k] * rng.normal();
            ratings.set(m, Some(rating(baseline[k] + effect(i, m) + noise[k])));
        }
        if rng.uniform() >= diary_missing {
            diary.push(DiaryDay {
                date: day(i as i64, days),
                ratings,
                breakouts: None,
            });
        }
    }

    let (serum_start, cream_start) = if planted == Planted::TwoStartedTogether {
        (SERUM_START, SERUM_START)
    } else {
        (SERUM_START, CREAM_START)
    };
    let first = DAYS - days;
    let change = |product: &str, at: i64, kind| ProductChange {
        product: product.to_owned(),
        date: day(at - first, days),
        kind,
    };
    let changes = vec![
        change("Snail serum", serum_start, ChangeKind::Started),
        change("Barrier cream", cream_start, ChangeKind::Started),
        change("Acid toner", TONER_STOP, ChangeKind::Stopped),
    ];
    Person {
        diary,
        lifestyle,
        changes,
    }
}

pub(super) fn read(person: &Person) -> Report {
    report(
        &person.diary,
        &person.lifestyle,
        &person.changes,
        None,
        TODAY,
    )
}

/// What a report said about the planted effect.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Outcome {
    /// Any pattern at all.
    pub any: bool,
    /// The planted effect, at the right lag and in the right direction.
    pub found: bool,
    /// The planted pair in the wrong direction.
    pub wrong_direction: bool,
}

fn product_finding(report: &Report, product: &str, metric: SkinMetric) -> Option<f64> {
    report
        .product_effects
        .iter()
        .filter(|e| e.product == product)
        .flat_map(|e| &e.metrics)
        .filter(|m| m.metric == metric)
        .find_map(|m| m.comparison.filter(|c| c.finding).map(|c| c.difference))
}

pub(super) fn outcome(report: &Report, planted: Planted) -> Outcome {
    let any = report.method.findings > 0;
    let habit = |factor: &LifestyleFactor, lag: u8| {
        let hits: Vec<_> = report
            .associations
            .findings
            .iter()
            .filter(|a| &a.factor == factor && a.metric == SkinMetric::Breakouts)
            .collect();
        Outcome {
            any,
            found: hits.iter().any(|a| a.lag == lag && a.difference > 0.0),
            wrong_direction: hits.iter().any(|a| a.difference < 0.0),
        }
    };
    let product = |name: &str, metric: SkinMetric, up: bool| {
        let difference = product_finding(report, name, metric);
        Outcome {
            any,
            found: difference.is_some_and(|d| (d > 0.0) == up),
            wrong_direction: difference.is_some_and(|d| (d > 0.0) != up),
        }
    };
    match planted {
        Planted::Nothing => Outcome {
            any,
            ..Outcome::default()
        },
        Planted::ShortNight { lag } => habit(&LifestyleFactor::Sleep, lag),
        Planted::Dairy { lag } => habit(&LifestyleFactor::Diet("dairy".to_owned()), lag),
        Planted::ProductStart => product("Snail serum", SkinMetric::Hydration, true),
        Planted::ProductStop => product("Acid toner", SkinMetric::Redness, false),
        Planted::TwoStartedTogether => {
            let serum = product("Snail serum", SkinMetric::Texture, true);
            let cream = product("Barrier cream", SkinMetric::Texture, true);
            let named = report.product_effects.iter().all(|e| {
                e.kind == ChangeKind::Stopped
                    || e.overlapping.iter().any(|o| o.product != e.product)
            });
            Outcome {
                any,
                found: serum.found && cream.found && named,
                wrong_direction: serum.wrong_direction || cream.wrong_direction,
            }
        }
    }
}

/// Shares of `people` simulated people (seeds from `seed`) with each outcome.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rates {
    pub any: f64,
    pub found: f64,
    pub wrong_direction: usize,
}

pub(super) fn rates(planted: Planted, size: f64, seed: u64, people: u64) -> Rates {
    let (mut any, mut found, mut wrong_direction) = (0, 0, 0);
    for i in 0..people {
        let person = person(
            seed.wrapping_mul(1_000_003).wrapping_add(i),
            planted,
            size,
            DAYS,
        );
        let o = outcome(&read(&person), planted);
        any += usize::from(o.any);
        found += usize::from(o.found);
        wrong_direction += usize::from(o.wrong_direction);
    }
    Rates {
        any: any as f64 / people as f64,
        found: found as f64 / people as f64,
        wrong_direction,
    }
}

/// The sizes, in rating points on the 1–5 scale (the daily spread is 0.6–0.9).
pub(super) const LARGE: f64 = 1.5;
pub(super) const MEDIUM: f64 = 1.0;
pub(super) const SMALL: f64 = 0.5;

pub(super) const KINDS: [Planted; 6] = [
    Planted::ShortNight { lag: 2 },
    Planted::ShortNight { lag: 0 },
    Planted::Dairy { lag: 1 },
    Planted::ProductStart,
    Planted::ProductStop,
    Planted::TwoStartedTogether,
];

/// People per world in the test: enough for the rates to mean something, few enough to run in
/// a few seconds unoptimised.
const PEOPLE: u64 = 100;

#[test]
fn few_people_with_no_true_effect_are_told_about_one() {
    let null = rates(Planted::Nothing, 0.0, 1, 2 * PEOPLE);
    assert!(null.any <= 0.10, "{null:?}");
}

/// At least 80% of people with a large effect and half with a medium one are told about it, at
/// the right lag and in the right direction; nobody in the wrong direction.
fn assert_found(planted: Planted) {
    let large = rates(planted, LARGE, 2, PEOPLE);
    assert!(large.found >= 0.80, "{planted:?} large: {large:?}");
    assert_eq!(large.wrong_direction, 0, "{planted:?} large: {large:?}");
    let medium = rates(planted, MEDIUM, 3, PEOPLE);
    assert!(medium.found >= 0.50, "{planted:?} medium: {medium:?}");
    assert_eq!(medium.wrong_direction, 0, "{planted:?} medium: {medium:?}");
}

#[test]
fn short_nights_are_found_two_days_later() {
    assert_found(Planted::ShortNight { lag: 2 });
}

#[test]
fn short_nights_are_found_the_same_day() {
    assert_found(Planted::ShortNight { lag: 0 });
}

#[test]
fn a_diet_tag_is_found_the_day_after() {
    assert_found(Planted::Dairy { lag: 1 });
}

#[test]
fn a_product_start_is_found() {
    assert_found(Planted::ProductStart);
}

#[test]
fn a_product_stop_is_found() {
    assert_found(Planted::ProductStop);
}

#[test]
fn two_products_started_together_are_found_and_named() {
    assert_found(Planted::TwoStartedTogether);
}

#[test]
fn nothing_is_claimed_below_the_minimum_data() {
    for seed in 0..40 {
        // 27 days of diary: too few for a habit, and no product window is complete.
        let short = person(seed, Planted::ShortNight { lag: 0 }, 3.0, 27);
        let report = read(&short);
        assert_eq!(report.method.findings, 0, "{:?}", report.associations);
        assert_eq!(report.associations.tested, 0);
        // A product opened 20 days ago is too early to judge, whatever the diary shows.
        let mut recent = person(seed, Planted::ProductStart, 3.0, DAYS);
        recent.changes = vec![ProductChange {
            product: "New serum".to_owned(),
            date: day(DAYS - 21, DAYS),
            kind: ChangeKind::Started,
        }];
        let report = read(&recent);
        let effect = &report.product_effects[0];
        assert_eq!(effect.status, super::EffectStatus::TooEarly);
        assert!(effect.metrics.is_empty());
    }
}

/// The rates `docs/insights.md` quotes, over several seeds.
#[test]
#[ignore = "prints the measured rates; run with --ignored --nocapture"]
fn rates_over_seeds() {
    let people: u64 = std::env::var("PEOPLE")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(400);
    let seeds: Vec<u64> = std::env::var("SEEDS")
        .ok()
        .map(|s| s.split(',').filter_map(|s| s.parse().ok()).collect())
        .unwrap_or_else(|| vec![11, 22, 33]);
    for seed in seeds {
        let null = rates(Planted::Nothing, 0.0, seed, people);
        println!(
            "seed {seed}: no effect: {:.1}% told about one",
            100.0 * null.any
        );
        for planted in KINDS {
            let found: Vec<String> = [LARGE, MEDIUM, SMALL]
                .iter()
                .map(|&size| {
                    let r = rates(planted, size, seed, people);
                    format!(
                        "{size}: {:.0}% ({} wrong way)",
                        100.0 * r.found,
                        r.wrong_direction
                    )
                })
                .collect();
            println!("seed {seed}: {planted:?}: {}", found.join(", "));
        }
    }
}
