//! The logs indexed by day number: each day's mean rating per metric and its lifestyle
//! factors, read once so that every window is a range of keys.

use std::collections::{BTreeMap, BTreeSet};

use super::days::day_number;
use super::inputs::{DiaryDay, LifestyleDay, LifestyleFactor, SkinMetric};

/// Per metric, the mean valid rating of each day in `from..=to`.
pub(super) fn index_diary(diary: &[DiaryDay], from: i64, to: i64) -> [BTreeMap<i64, f64>; 6] {
    let mut sums: [BTreeMap<i64, (f64, u32)>; 6] = Default::default();
    for entry in diary {
        let d = day_number(entry.date);
        if d < from || d > to {
            continue;
        }
        for metric in SkinMetric::ALL {
            if let Some(v) = entry.ratings.get(metric) {
                let slot = sums[metric.index()].entry(d).or_insert((0.0, 0));
                slot.0 += f64::from(v);
                slot.1 += 1;
            }
        }
    }
    sums.map(|m| {
        m.into_iter()
            .map(|(d, (sum, count))| (d, sum / f64::from(count)))
            .collect()
    })
}

#[derive(Default, Clone, Copy)]
struct Acc {
    sum: f64,
    count: u32,
}

impl Acc {
    fn add(&mut self, value: Option<f64>) {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            self.sum += v;
            self.count += 1;
        }
    }

    fn mean(self) -> Option<f64> {
        (self.count > 0).then(|| self.sum / f64::from(self.count))
    }
}

#[derive(Default)]
struct LifeDay {
    sleep: Acc,
    water: Acc,
    exercise: Acc,
    stress: Acc,
    tags: BTreeSet<String>,
}

pub(super) struct LifeIndex {
    days: BTreeMap<i64, LifeDay>,
}

pub(super) fn index_lifestyle(lifestyle: &[LifestyleDay], from: i64, to: i64) -> LifeIndex {
    let mut days: BTreeMap<i64, LifeDay> = BTreeMap::new();
    for entry in lifestyle {
        let d = day_number(entry.date);
        if d < from || d > to {
            continue;
        }
        let day = days.entry(d).or_default();
        // Implausible values are typos, not data.
        let sleep = entry
            .sleep_hours
            .map(f64::from)
            .filter(|h| (0.0..=24.0).contains(h));
        let water = entry
            .water_litres
            .map(f64::from)
            .filter(|l| (0.0..=20.0).contains(l));
        let exercise = entry
            .exercise_minutes
            .filter(|&m| m <= 24 * 60)
            .map(f64::from);
        let stress = entry.stress.filter(|s| (1..=5).contains(s)).map(f64::from);
        day.sleep.add(sleep);
        day.water.add(water);
        day.exercise.add(exercise);
        day.stress.add(stress);
        for tag in &entry.diet_tags {
            let tag = tag.trim().to_lowercase();
            if !tag.is_empty() {
                day.tags.insert(tag);
            }
        }
    }
    LifeIndex { days }
}

impl LifeIndex {
    /// The four numeric factors, then every diet tag seen, in order.
    pub(super) fn factors(&self) -> Vec<LifestyleFactor> {
        let mut out = vec![
            LifestyleFactor::Sleep,
            LifestyleFactor::Water,
            LifestyleFactor::Exercise,
            LifestyleFactor::Stress,
        ];
        let tags: BTreeSet<&String> = self.days.values().flat_map(|d| d.tags.iter()).collect();
        out.extend(tags.into_iter().map(|t| LifestyleFactor::Diet(t.clone())));
        out
    }

    pub(super) fn series(&self, factor: &LifestyleFactor) -> BTreeMap<i64, f64> {
        self.days
            .iter()
            .filter_map(|(&d, day)| {
                let value = match factor {
                    LifestyleFactor::Sleep => day.sleep.mean(),
                    LifestyleFactor::Water => day.water.mean(),
                    LifestyleFactor::Exercise => day.exercise.mean(),
                    LifestyleFactor::Stress => day.stress.mean(),
                    LifestyleFactor::Diet(tag) => {
                        Some(if day.tags.contains(tag) { 1.0 } else { 0.0 })
                    }
                };
                value.map(|v| (d, v))
            })
            .collect()
    }
}
