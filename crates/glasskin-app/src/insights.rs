//! Insights: the diary, the lifestyle log and the shelf's changes as
//! `glasskin_core::insights` reads them, and the report made from them.

use glasskin_core::insights::{
    ChangeKind, DiaryDay, LifestyleDay, ProductChange, Report, SkinRatings,
};
use glasskin_store::{DiaryEntry, LifestyleEntry, ShelfProduct, Status, Store, adherence};
use jiff::civil::Date;

use crate::error::Result;

/// Everything the insights read, from one owner's records.
#[derive(Clone, Debug, Default)]
pub struct InsightInputs {
    /// The skin diary, one day per entry.
    pub diary: Vec<DiaryDay>,
    /// The lifestyle log, one day per entry.
    pub lifestyle: Vec<LifestyleDay>,
    /// When products came into use.
    pub changes: Vec<ProductChange>,
}

/// Reads the diary, the lifestyle log and the shelf for the insights.
pub fn inputs<S: Store + ?Sized>(store: &S) -> Result<InsightInputs> {
    Ok(InsightInputs::from_records(
        &store.diary()?,
        &store.lifestyle()?,
        &store.products()?,
    ))
}

impl InsightInputs {
    /// The insights' view of records already read.
    pub fn from_records(
        diary: &[DiaryEntry],
        lifestyle: &[LifestyleEntry],
        products: &[ShelfProduct],
    ) -> InsightInputs {
        let diary = diary
            .iter()
            .map(|e| DiaryDay {
                date: e.date,
                ratings: SkinRatings {
                    hydration: e.hydration,
                    oiliness: e.oiliness,
                    breakouts: e.breakouts,
                    redness: e.redness,
                    texture: e.texture,
                    glow: e.glow,
                },
                breakouts: e.breakout_count,
            })
            .collect();
        let lifestyle = lifestyle
            .iter()
            .map(|e| LifestyleDay {
                date: e.date,
                sleep_hours: e.sleep_hours,
                water_litres: e.water_litres,
                exercise_minutes: e.exercise_minutes,
                stress: e.stress,
                diet_tags: e.diet_tags.clone(),
            })
            .collect();
        // A product starts the day it is opened and stops the day it is finished or stopped.
        let mut changes = Vec::new();
        for p in products {
            if let Some(opened) = p.opened {
                changes.push(ProductChange {
                    product: p.name.clone(),
                    date: opened,
                    kind: ChangeKind::Started,
                });
            }
            if let (Status::Finished | Status::Stopped, Some(day)) = (p.status, p.status_changed) {
                changes.push(ProductChange {
                    product: p.name.clone(),
                    date: day,
                    kind: ChangeKind::Stopped,
                });
            }
        }
        changes.sort_by_key(|c| c.date);
        InsightInputs {
            diary,
            lifestyle,
            changes,
        }
    }
}

/// Each day's share of the latest plan's steps ticked off, over the last `days` days (never
/// before the plan was made); `None` on days with nothing planned. Empty without a plan.
pub fn daily_adherence<S: Store + ?Sized>(
    store: &S,
    today: Date,
    days: i64,
) -> Result<Vec<(Date, Option<f32>)>> {
    let Some(plan) = store.latest_plan()? else {
        return Ok(Vec::new());
    };
    let from = today
        .checked_sub(jiff::Span::new().days(days - 1))
        .unwrap_or(today)
        .max(plan.created);
    let checkoffs = store.checkoffs_since(from)?;
    let mut daily = Vec::new();
    let mut day = from;
    while day <= today {
        daily.push((day, adherence(&plan, &checkoffs, day, day).rate()));
        let Ok(next) = day.tomorrow() else { break };
        day = next;
    }
    Ok(daily)
}

/// The mean daily adherence over the last seven days with something planned.
pub fn week_adherence(daily: &[(Date, Option<f32>)]) -> Option<f32> {
    let week: Vec<f32> = daily.iter().rev().take(7).filter_map(|(_, s)| *s).collect();
    (!week.is_empty()).then(|| week.iter().sum::<f32>() / week.len() as f32)
}

/// Patterns between lifestyle and skin, product before/after, and the week's summary.
pub fn report<S: Store + ?Sized>(store: &S, today: Date) -> Result<Report> {
    let adherence = week_adherence(&daily_adherence(store, today, 7)?);
    Ok(report_from(&inputs(store)?, adherence, today))
}

/// The report from records already read, for a page that shows them too.
pub fn report_from(inputs: &InsightInputs, adherence: Option<f32>, today: Date) -> Report {
    glasskin_core::insights::report(
        &inputs.diary,
        &inputs.lifestyle,
        &inputs.changes,
        adherence,
        today,
    )
}

/// The week in a few sentences, from a diary and lifestyle log already read, as the Diary page
/// shows it. The shelf's changes are read too: the pattern it names is one the Insights page
/// shows, found among the same comparisons.
pub fn weekly_summary<S: Store + ?Sized>(
    store: &S,
    diary: &[DiaryEntry],
    lifestyle: &[LifestyleEntry],
    today: Date,
) -> Result<String> {
    let inputs = InsightInputs::from_records(diary, lifestyle, &store.products()?);
    let adherence = week_adherence(&daily_adherence(store, today, 7)?);
    Ok(glasskin_core::insights::weekly_summary(
        &inputs.diary,
        &inputs.lifestyle,
        &inputs.changes,
        adherence,
        today,
    ))
}
