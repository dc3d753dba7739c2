use super::days::{date_from_day, day_number};
use super::inputs::{
    ChangeKind, DiaryDay, LifestyleDay, LifestyleFactor, ProductChange, SkinMetric, SkinRatings,
};
use super::lifestyle_associations::associations;
use super::product_change_effects::{Comparison, EffectStatus, ProductEffect, product_effects};
use super::stats::{fisher_interval, normal_quantile, ranks, spearman, t_quantile};
use super::summary::weekly_summary;
use super::*;
use jiff::civil::Date;
use jiff::civil::date;
use serde::Serialize;

/// xorshift64*: tiny, deterministic, good enough for synthetic diaries.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Box–Muller.
    fn normal(&mut self) -> f64 {
        let u1 = self.uniform().max(1e-300);
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

fn rating(x: f64) -> u8 {
    x.round().clamp(1.0, 5.0) as u8
}

const TODAY: Date = date(2025, 6, 30);

fn day(offset: i64) -> Date {
    date_from_day(day_number(TODAY) + offset).expect("in range")
}

fn noise_ratings(rng: &mut Rng) -> SkinRatings {
    let mut r = SkinRatings::default();
    for m in SkinMetric::ALL {
        r.set(m, Some(rating(3.0 + rng.normal())));
    }
    r
}

fn life(date: Date, rng: &mut Rng, sleep: f64) -> LifestyleDay {
    LifestyleDay {
        date,
        sleep_hours: Some(sleep as f32),
        water_litres: Some((1.5 + 0.5 * rng.normal()).max(0.0) as f32),
        exercise_minutes: Some((30.0 + 20.0 * rng.normal()).max(0.0) as u16),
        stress: Some(rating(3.0 + rng.normal())),
        diet_tags: Vec::new(),
    }
}

/// Hydration on day d+1 = 3 + 0.8·(sleep on d − 7) + noise; everything else independent.
fn planted_sleep(seed: u64, days: i64) -> (Vec<DiaryDay>, Vec<LifestyleDay>) {
    let mut rng = Rng::new(seed);
    let (mut diary, mut lifestyle) = (Vec::new(), Vec::new());
    let mut last_sleep = 7.0;
    for i in (0..days).rev() {
        let d = day(-i);
        let sleep = 7.0 + rng.normal();
        let mut ratings = noise_ratings(&mut rng);
        ratings.hydration = Some(rating(3.0 + 0.8 * (last_sleep - 7.0) + 0.6 * rng.normal()));
        diary.push(DiaryDay {
            date: d,
            ratings,
            breakouts: None,
        });
        lifestyle.push(life(d, &mut rng, sleep));
        last_sleep = sleep;
    }
    (diary, lifestyle)
}

fn independent(seed: u64, days: i64) -> (Vec<DiaryDay>, Vec<LifestyleDay>) {
    let mut rng = Rng::new(seed);
    let (mut diary, mut lifestyle) = (Vec::new(), Vec::new());
    for i in (0..days).rev() {
        let d = day(-i);
        let ratings = noise_ratings(&mut rng);
        diary.push(DiaryDay {
            date: d,
            ratings,
            breakouts: Some((rng.uniform() * 5.0) as u16),
        });
        let sleep = 7.0 + rng.normal();
        let mut l = life(d, &mut rng, sleep);
        if rng.uniform() < 0.3 {
            l.diet_tags.push("dairy".to_owned());
        }
        lifestyle.push(l);
    }
    (diary, lifestyle)
}

/// The planted model's population Spearman ρ, estimated from a very large sample.
fn planted_population_rho() -> f64 {
    let mut rng = Rng::new(12_345);
    let (xs, ys): (Vec<f64>, Vec<f64>) = (0..200_000)
        .map(|_| {
            let sleep = 7.0 + rng.normal();
            let h = rating(3.0 + 0.8 * (sleep - 7.0) + 0.6 * rng.normal());
            (sleep, f64::from(h))
        })
        .unzip();
    spearman(&xs, &ys).expect("varies")
}

fn strip_disclaimer(s: &str) -> String {
    s.replace("not proof that one causes the other", "")
        .replace("not proof of cause", "")
}

fn assert_non_causal(sentence: &str) {
    let s = strip_disclaimer(sentence).to_lowercase();
    for word in [
        "cause", "because", "due to", "leads to", "led to", "improve", "worsen", "trigger",
        "makes", "helps",
    ] {
        assert!(!s.contains(word), "causal word {word:?} in {sentence:?}");
    }
}

#[test]
fn insights_day_numbers_round_trip() {
    assert_eq!(day_number(date(1970, 1, 1)), 0);
    assert_eq!(day_number(date(2000, 3, 1)), 11_017);
    let mut d = date(1999, 12, 25);
    for _ in 0..800 {
        let next = d.tomorrow().expect("in range");
        assert_eq!(day_number(next), day_number(d) + 1);
        assert_eq!(date_from_day(day_number(d)), Some(d));
        d = next;
    }
    assert_eq!(date_from_day(day_number(Date::MAX) + 1), None);
    assert_eq!(date_from_day(day_number(Date::MIN)), Some(Date::MIN));
}

#[test]
fn insights_quantiles_match_tables() {
    assert!((normal_quantile(0.975) - 1.959_963_985).abs() < 1e-8);
    assert!((normal_quantile(0.025) + 1.959_963_985).abs() < 1e-8);
    assert!((normal_quantile(0.999_9) - 3.719_016_485).abs() < 1e-7);
    for (df, want) in [
        (1.0, 12.706_204_736),
        (2.0, 4.302_652_730),
        (9.0, 2.262_157_163),
        (30.0, 2.042_272_456),
        (120.0, 1.979_930_405),
    ] {
        let got = t_quantile(0.975, df).expect("valid");
        assert!((got - want).abs() < 1e-7, "df {df}: {got} vs {want}");
    }
    let low = t_quantile(0.025, 9.0).expect("valid");
    assert!((low + 2.262_157_163).abs() < 1e-7);
    assert_eq!(t_quantile(0.975, 0.5), None);
    assert_eq!(t_quantile(f64::NAN, 10.0), None);
    assert_eq!(t_quantile(0.975, f64::NAN), None);
}

#[test]
fn insights_spearman_uses_mid_ranks() {
    assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
    let xs = [1.0, 2.0, 3.0, 4.0, 5.0];
    let ys = [2.0, 4.0, 8.0, 16.0, 32.0];
    assert!((spearman(&xs, &ys).expect("varies") - 1.0).abs() < 1e-12);
    let rev: Vec<f64> = ys.iter().rev().copied().collect();
    assert!((spearman(&xs, &rev).expect("varies") + 1.0).abs() < 1e-12);
    assert_eq!(spearman(&xs, &[1.0; 5]), None);
    let (lo, hi) = fisher_interval(1.0, 40, 1.96);
    assert!(lo < 1.0 && hi <= 1.0 && lo > 0.9);
}

#[test]
fn insights_planted_sleep_hydration_lag_one() {
    let truth = planted_population_rho();
    assert!(truth > 0.5, "planted ρ {truth}");
    let (diary, lifestyle) = planted_sleep(7, 90);
    let found = associations(&diary, &lifestyle, TODAY);
    let top = found.findings.first().expect("a finding");
    assert_eq!(top.factor, LifestyleFactor::Sleep);
    assert_eq!(top.metric, SkinMetric::Hydration);
    assert_eq!(top.lag, 1);
    assert!(top.rho > 0.0);
    assert!(
        top.ci_low <= truth && truth <= top.ci_high,
        "{top:?} vs {truth}"
    );
    assert_eq!(top.n, 89);
    assert!(top.sentence.starts_with(
        "On days after more sleep, your hydration rating tended to be higher, which is better"
    ));
    assert!(
        top.sentence
            .contains("allowing for the 96 patterns checked")
    );
    assert!(top.sentence.contains("not proof"));
    // 4 numeric factors × 6 metrics × 4 lags; no diet tags were logged.
    assert_eq!(found.tested, 96);
    assert!((found.interval_confidence - (1.0 - 0.05 / 96.0)).abs() < 1e-12);
    assert!(found.summary.contains("Checked 96 patterns"));
    for a in &found.results {
        assert_non_causal(&a.sentence);
    }
    // Sleep is independent from day to day, so the same-day pair is not a finding.
    assert!(
        !found
            .findings
            .iter()
            .any(|a| a.factor == LifestyleFactor::Sleep && a.lag == 0)
    );

    // The interval covers the population value across many diaries.
    let covered = (1..=20)
        .filter(|&seed| {
            let (diary, lifestyle) = planted_sleep(seed, 60);
            let found = associations(&diary, &lifestyle, TODAY);
            found.results.iter().any(|a| {
                a.factor == LifestyleFactor::Sleep
                    && a.metric == SkinMetric::Hydration
                    && a.lag == 1
                    && a.ci_low <= truth
                    && truth <= a.ci_high
            })
        })
        .count();
    assert!(covered >= 19, "covered {covered} of 20");
}

#[test]
fn insights_planted_diet_tag_two_days_later() {
    let mut rng = Rng::new(99);
    let (mut diary, mut lifestyle) = (Vec::new(), Vec::new());
    let mut tags: Vec<bool> = Vec::new();
    for i in (0..120).rev() {
        let d = day(-i);
        let dairy = rng.uniform() < 0.35;
        let mut ratings = noise_ratings(&mut rng);
        let before = tags.len().checked_sub(2).and_then(|k| tags.get(k).copied());
        let bump = if before == Some(true) { 1.5 } else { 0.0 };
        ratings.breakouts = Some(rating(2.0 + bump + 0.7 * rng.normal()));
        diary.push(DiaryDay {
            date: d,
            ratings,
            breakouts: None,
        });
        let sleep = 7.0 + rng.normal();
        let mut l = life(d, &mut rng, sleep);
        if dairy {
            l.diet_tags.push(" Dairy ".to_owned());
        }
        lifestyle.push(l);
        tags.push(dairy);
    }
    let found = associations(&diary, &lifestyle, TODAY);
    let top = found.findings.first().expect("a finding");
    assert_eq!(top.factor, LifestyleFactor::Diet("dairy".to_owned()));
    assert_eq!(top.metric, SkinMetric::Breakouts);
    assert_eq!(top.lag, 2);
    assert!(top.rho > 0.0);
    assert!(top.sentence.starts_with(
        "Two days after a day tagged “dairy”, your breakouts rating tended to be higher, which is worse"
    ));
    assert_eq!(found.tested, 120);
}

#[test]
fn insights_independent_noise_gives_no_finding() {
    let (diary, lifestyle) = independent(3, 120);
    let found = associations(&diary, &lifestyle, TODAY);
    assert!(found.findings.is_empty(), "{:?}", found.findings);
    assert_eq!(found.tested, 120);
    assert!(found.summary.contains("none stood out"));
    // Family-wise error is held near 5%: across 20 diaries, hardly any false finding.
    let false_alarms = (1..=20)
        .filter(|&seed| {
            let (diary, lifestyle) = independent(seed * 31, 90);
            !associations(&diary, &lifestyle, TODAY).findings.is_empty()
        })
        .count();
    assert!(
        false_alarms <= 2,
        "{false_alarms} of 20 diaries had a false finding"
    );
}

#[test]
fn insights_too_few_days_is_not_enough_data() {
    let (diary, lifestyle) = planted_sleep(5, 20);
    let found = associations(&diary, &lifestyle, TODAY);
    assert_eq!(found.tested, 0);
    assert!(found.findings.is_empty() && found.results.is_empty());
    assert_eq!(found.not_enough_data.len(), 4);
    let sleep = &found.not_enough_data[0];
    assert_eq!(sleep.factor, LifestyleFactor::Sleep);
    assert_eq!(sleep.paired_days, 20);
    assert_eq!(sleep.message, "Sleep: not enough data yet: 20 of 28 days.");
    assert!(found.summary.contains("20 of 28 days"));
}

#[test]
fn insights_history_window_and_future_days_are_ignored() {
    let (diary, lifestyle) = planted_sleep(5, 90);
    // Seen from 400 days later, all of it is older than a year.
    let later = date_from_day(day_number(TODAY) + 400).expect("in range");
    let found = associations(&diary, &lifestyle, later);
    assert_eq!(found.tested, 0);
    // Seen from 70 days earlier, only the first 20 days have happened.
    let earlier = date_from_day(day_number(TODAY) - 70).expect("in range");
    let found = associations(&diary, &lifestyle, earlier);
    assert_eq!(found.not_enough_data[0].paired_days, 20);
}

#[test]
fn insights_never_panic_on_odd_input() {
    assert_eq!(associations(&[], &[], TODAY).tested, 0);
    assert!(product_effects(&[], &[], 28, TODAY).is_empty());
    assert!(weekly_summary(&[], &[], None, TODAY).contains("0 of 7 days logged"));

    let mut rng = Rng::new(11);
    let mut diary = Vec::new();
    let mut lifestyle = Vec::new();
    for i in 0..60 {
        // Every date twice, with nonsense mixed in.
        for _ in 0..2 {
            let mut ratings = noise_ratings(&mut rng);
            ratings.glow = Some((rng.next() % 10) as u8);
            diary.push(DiaryDay {
                date: day(-i),
                ratings,
                breakouts: Some(u16::MAX),
            });
            lifestyle.push(LifestyleDay {
                date: day(-i),
                sleep_hours: Some(if i % 3 == 0 { f32::NAN } else { 7.0 }),
                water_litres: Some(f32::INFINITY),
                exercise_minutes: Some(u16::MAX),
                stress: Some(9),
                diet_tags: vec![String::new(), "  ".to_owned()],
            });
        }
    }
    let found = associations(&diary, &lifestyle, TODAY);
    // Sleep is constant where valid, water and stress are invalid: nothing to test.
    assert_eq!(found.tested, 0);
    assert!(found.summary.contains("Not enough"));
    for extreme in [Date::MIN, Date::MAX] {
        let _ = associations(&diary, &lifestyle, extreme);
        let _ = weekly_summary(&diary, &lifestyle, Some(f32::NAN), extreme);
        let changes = [ProductChange {
            product: String::new(),
            date: extreme,
            kind: ChangeKind::Started,
        }];
        for window in [i64::MIN, -5, 0, 28, i64::MAX] {
            let effects = product_effects(&diary, &changes, window, extreme);
            assert_eq!(effects.len(), 1);
        }
    }
    // Deterministic: the same input gives the same output.
    assert_eq!(found, associations(&diary, &lifestyle, TODAY));
}

/// Glow = 3 + noise before the change day (day −60), +`effect` after it.
fn product_diary(seed: u64, effect: f64) -> Vec<DiaryDay> {
    let mut rng = Rng::new(seed);
    (0..120)
        .rev()
        .map(|i| {
            let mut ratings = noise_ratings(&mut rng);
            let bump = if -i > -60 { effect } else { 0.0 };
            ratings.glow = Some(rating(3.0 + bump + 0.7 * rng.normal()));
            DiaryDay {
                date: day(-i),
                ratings,
                breakouts: None,
            }
        })
        .collect()
}

fn started(product: &str, offset: i64) -> ProductChange {
    ProductChange {
        product: product.to_owned(),
        date: day(offset),
        kind: ChangeKind::Started,
    }
}

fn glow(effect: &ProductEffect) -> Comparison {
    effect
        .metrics
        .iter()
        .find(|m| m.metric == SkinMetric::Glow)
        .and_then(|m| m.comparison)
        .expect("glow compared")
}

#[test]
fn insights_planted_product_effect_is_found() {
    // The population difference after rounding and clamping to 1–5.
    let mut rng = Rng::new(4242);
    let truth = (0..200_000)
        .map(|_| {
            let noise = 0.7 * rng.normal();
            f64::from(rating(4.0 + noise)) - f64::from(rating(3.0 + 0.7 * rng.normal()))
        })
        .sum::<f64>()
        / 200_000.0;
    assert!((truth - 1.0).abs() < 0.05, "truth {truth}");

    let diary = product_diary(1, 1.0);
    let effects = product_effects(
        &diary,
        &[started("Snail essence", -60)],
        DEFAULT_WINDOW_DAYS,
        TODAY,
    );
    let effect = &effects[0];
    assert_eq!(effect.status, EffectStatus::Ready);
    assert!(effect.overlapping.is_empty());
    let c = glow(effect);
    assert!(c.difference > 0.5);
    assert!(
        c.ci_low > 0.0 && c.ci_low <= 1.0 && 1.0 <= c.ci_high,
        "{c:?}"
    );
    assert!(c.cohens_d.expect("spread") > 0.8);
    assert!(c.df >= 9.0);
    let m = &effect.metrics[SkinMetric::Glow.index()];
    assert_eq!((m.n_before, m.n_after), (28, 28));
    assert!(
        m.sentence.contains("higher, which is better"),
        "{}",
        m.sentence
    );
    assert!(
        effect.summary.contains("glow was higher"),
        "{}",
        effect.summary
    );
    assert_non_causal(&effect.summary);
    for m in &effect.metrics {
        assert_non_causal(&m.sentence);
    }

    // The 95% interval covers the planted difference about 95% of the time.
    let covered = (1..=40)
        .filter(|&seed| {
            let effects =
                product_effects(&product_diary(seed, 1.0), &[started("X", -60)], 28, TODAY);
            let c = glow(&effects[0]);
            c.ci_low <= truth && truth <= c.ci_high
        })
        .count();
    assert!(covered >= 35, "covered {covered} of 40");
}

#[test]
fn insights_no_product_effect_covers_zero() {
    let diary = product_diary(2, 0.0);
    let effects = product_effects(&diary, &[started("Plain toner", -60)], 28, TODAY);
    let c = glow(&effects[0]);
    assert!(c.ci_low <= 0.0 && 0.0 <= c.ci_high, "{c:?}");
    let covered = (1..=40)
        .filter(|&seed| {
            let effects =
                product_effects(&product_diary(seed, 0.0), &[started("X", -60)], 28, TODAY);
            let c = glow(&effects[0]);
            c.ci_low <= 0.0 && 0.0 <= c.ci_high
        })
        .count();
    assert!(covered >= 35, "covered {covered} of 40");
}

#[test]
fn insights_overlapping_changes_are_noted() {
    let diary = product_diary(3, 1.0);
    let changes = [
        started("Snail essence", -60),
        started("Vitamin C serum", -50),
        ProductChange {
            product: "Old cleanser".to_owned(),
            date: day(-110),
            kind: ChangeKind::Stopped,
        },
        // An exact duplicate is reported once.
        started("Vitamin C serum", -50),
    ];
    let effects = product_effects(&diary, &changes, 28, TODAY);
    assert_eq!(effects.len(), 3);
    assert_eq!(effects[0].product, "Old cleanser");
    let snail = &effects[1];
    assert_eq!(snail.product, "Snail essence");
    assert_eq!(snail.overlapping.len(), 1);
    assert!(
        snail.notes[0].starts_with(
            "Vitamin C serum was also started during these weeks (2025-05-11, 10 days later)"
        ),
        "{:?}",
        snail.notes
    );
    assert!(snail.summary.contains("can't be told apart"));
    let vitamin_c = &effects[2];
    assert!(vitamin_c.notes[0].contains("Snail essence was also started"));
    assert!(vitamin_c.notes[0].contains("10 days earlier"));
    // 50 days apart with 28-day windows: no overlap.
    assert!(effects[0].overlapping.is_empty());
}

#[test]
fn insights_too_early_to_judge() {
    let diary = product_diary(4, 1.0);
    let effects = product_effects(&diary, &[started("Retinal serum", -10)], 28, TODAY);
    let effect = &effects[0];
    assert_eq!(effect.status, EffectStatus::TooEarly);
    assert!(effect.metrics.is_empty());
    assert!(
        effect
            .summary
            .starts_with("Too early: Retinal serum was started 10 days ago")
    );
    assert!(effect.summary.contains("judge after 4–6 weeks"));
    assert_eq!(effect.complete_on, Some(day(19)));
    // The last day of the window after is today: still too early; a day later it is not.
    let effects = product_effects(&diary, &[started("X", -28)], 28, TODAY);
    assert_eq!(effects[0].status, EffectStatus::TooEarly);
    let effects = product_effects(&diary, &[started("X", -29)], 28, TODAY);
    assert_eq!(effects[0].status, EffectStatus::Ready);
    // A sparse diary is not enough, even when the weeks are over.
    let sparse: Vec<DiaryDay> = diary.iter().step_by(5).cloned().collect();
    let effects = product_effects(&sparse, &[started("X", -60)], 28, TODAY);
    assert_eq!(effects[0].status, EffectStatus::NotEnoughData);
    assert!(
        effects[0].metrics[0]
            .sentence
            .contains("need 10 on each side")
    );
}

#[test]
fn insights_weekly_summary_reads_quickly() {
    let mut diary = Vec::new();
    for i in 0..14 {
        let ratings = SkinRatings {
            hydration: Some(if i < 7 { 4 } else { 3 }),
            breakouts: Some(if i < 7 { 2 } else { 3 }),
            glow: Some(3),
            ..SkinRatings::default()
        };
        diary.push(DiaryDay {
            date: day(-i),
            ratings,
            breakouts: Some(if i < 7 { 1 } else { 2 }),
        });
    }
    let text = weekly_summary(&diary, &[], Some(0.857), TODAY);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Week ending 2025-06-30: 7 of 7 days logged (the week before: 7)."
    );
    assert_eq!(
        lines[1],
        "Skin this week: hydration 4.0 (up from 3.0, better), breakouts 2.0 (down from 3.0, \
         better), glow 3.0 (about the same)."
    );
    assert_eq!(lines[2], "Spots counted: 7 (the week before: 14).");
    assert_eq!(lines[3], "Routine: 86% of planned steps done.");
    assert_eq!(lines[4], "Patterns: not enough data yet (0 of 28 days).");

    let (diary, lifestyle) = planted_sleep(7, 90);
    let text = weekly_summary(&diary, &lifestyle, None, TODAY);
    assert!(
        text.contains(
            "Pattern in your log (not proof of cause): on days after more sleep, your \
             hydration rating tended to be higher"
        ),
        "{text}"
    );
    assert!(text.lines().count() <= 5);
    assert_non_causal(&text);
}

#[test]
fn insights_outputs_serialise() {
    let (diary, lifestyle) = planted_sleep(7, 40);
    let found = associations(&diary, &lifestyle, TODAY);
    // serde_json is not a dependency of the core; check the Serialize impls exist.
    fn is_serialize<T: Serialize>(_: &T) {}
    is_serialize(&found);
    is_serialize(&product_effects(&diary, &[started("X", -30)], 28, TODAY));
    assert_eq!(LifestyleFactor::Diet("dairy".to_owned()).id(), "diet:dairy");
}

#[test]
fn each_metric_is_better_at_the_end_of_its_scale_that_people_want() {
    // The words a person hopes to pick for their skin; the other end of each scale is what
    // they hope to avoid. Texture once read "1 smooth, 5 rough" and counted higher as better.
    const WANTED: [&str; 6] = ["plump", "matte", "clear", "calm", "smooth", "glowing"];
    for metric in SkinMetric::ALL {
        let (low, high) = metric.scale();
        let (better, worse) = if metric.higher_is_better() {
            (high, low)
        } else {
            (low, high)
        };
        assert!(WANTED.contains(&better), "{metric:?}: {better} is better");
        assert!(!WANTED.contains(&worse), "{metric:?}: {worse} is worse");
    }
}
