//! What the store keeps, as typed records, and the rules every record obeys whatever door it
//! came through: a form, the JSON API, the CLI or an import.

use glasskin_core::Step;
use glasskin_core::advice::{SkinType, Time};
use glasskin_core::plan::Concern;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

mod checks;

pub use checks::{MAX_STEPS, check_max_steps, check_opened, check_pao, not_future};

/// The version of the export format. An import reads this version and older ones (which lack
/// the newer parts) and refuses newer ones.
pub const SCHEMA_VERSION: u32 = 5;

/// A product's id on the shelf.
pub type ProductId = i64;

/// The person, as saved: the planner's profile in a storable form.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredProfile {
    /// `dry`, `oily`, `combination`, `normal` or `sensitive`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub skin_type: SkinType,
    /// Sensitive, whatever the type.
    #[serde(default)]
    pub sensitive: bool,
    /// Pregnant or trying to be.
    #[serde(default)]
    pub pregnant: bool,
    /// Breastfeeding.
    #[serde(default)]
    pub breastfeeding: bool,
    /// Skin irritated just now.
    #[serde(default)]
    pub irritated: bool,
    /// When the person started a retinoid, if they use one.
    #[serde(default)]
    pub retinoid_started: Option<Date>,
    /// Concern ids (`acne`, `dehydration`, …).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub concerns: Vec<Concern>,
    /// Days (0 = Monday) with sunscreen or make-up to remove; `None` means every day.
    #[serde(default)]
    pub makeup_days: Option<Vec<usize>>,
    /// Leave out fragranced products.
    #[serde(default)]
    pub fragrance_free: bool,
    /// At most this many steps in a routine.
    #[serde(default)]
    pub max_steps: Option<usize>,
    /// Days (0 = Monday) with no time for a long routine.
    #[serde(default)]
    pub short_days: Vec<usize>,
}

glasskin_core::vocabulary! {
    /// Where a product is in its life.
    pub Status {
        Unopened = "unopened", "unopened";
        InUse = "in_use", "in use";
        Finished = "finished", "finished";
        Stopped = "stopped", "stopped";
    }
}

/// A product to put on the shelf; only the name and label are required.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NewProduct {
    /// What the person calls it.
    pub name: String,
    /// The brand.
    pub brand: Option<String>,
    /// The label text (an ingredient list, or the whole label).
    pub label: String,
    /// A declared step id, overriding glasskin's reading.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub step: Option<Step>,
    /// When it was opened.
    pub opened: Option<Date>,
    /// Period after opening, in months.
    pub pao_months: Option<u16>,
    /// Best-before date.
    pub best_before: Option<Date>,
    /// Not yet patch tested.
    pub new: bool,
}

/// A product on the shelf.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShelfProduct {
    /// Its id.
    pub id: ProductId,
    /// What the person calls it.
    pub name: String,
    /// The brand.
    pub brand: Option<String>,
    /// The label text.
    pub label: String,
    /// A declared step id.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub step: Option<Step>,
    /// When it was added.
    pub added: Date,
    /// When it was opened.
    pub opened: Option<Date>,
    /// Period after opening, in months.
    pub pao_months: Option<u16>,
    /// Best-before date.
    pub best_before: Option<Date>,
    /// Where it is in its life.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub status: Status,
    /// Why it was stopped or finished.
    pub status_reason: Option<String>,
    /// Not yet patch tested.
    pub new: bool,
    /// The day it was finished or stopped (absent from exports before schema version 5).
    #[serde(default)]
    pub status_changed: Option<Date>,
}

/// What the person said of a shelf product, as they would add it again.
impl From<&ShelfProduct> for NewProduct {
    fn from(p: &ShelfProduct) -> NewProduct {
        NewProduct {
            name: p.name.clone(),
            brand: p.brand.clone(),
            label: p.label.clone(),
            step: p.step,
            opened: p.opened,
            pao_months: p.pao_months,
            best_before: p.best_before,
            new: p.new,
        }
    }
}

/// Everything one owner has, as one document: `glasskin export` writes it, `import` restores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// The profile.
    pub profile: Option<StoredProfile>,
    /// The profile's last update.
    pub profile_updated: Option<Date>,
    /// The shelf, oldest first.
    pub products: Vec<ShelfProduct>,
    /// The skin diary, by date (since version 2).
    #[serde(default)]
    pub diary: Vec<DiaryEntry>,
    /// The lifestyle log, by date (since version 2).
    #[serde(default)]
    pub lifestyle: Vec<LifestyleEntry>,
    /// Every saved plan, oldest first (since version 3).
    #[serde(default)]
    pub plans: Vec<SavedPlan>,
    /// Steps ticked off, by date (since version 3).
    #[serde(default)]
    pub checkoffs: Vec<Checkoff>,
    /// Patch tests, oldest first (since version 4).
    #[serde(default)]
    pub patch_tests: Vec<PatchTest>,
}

glasskin_core::vocabulary! {
    /// What a day's look at a patch test can find.
    pub Reaction {
        None = "none", "nothing";
        Itching = "itching", "itching";
        Redness = "redness", "redness";
        Burning = "burning", "burning or stinging";
        Swelling = "swelling", "swelling";
        Bumps = "bumps", "bumps";
    }
}

glasskin_core::vocabulary! {
    /// How a patch test ended.
    pub PatchResult {
        Passed = "passed", "passed";
        Failed = "failed", "failed";
    }
}

/// Days a patch test runs at least (docs/domain.md, Patch testing and new products: 7 to 10
/// days).
pub const PATCH_TEST_DAYS: i64 = 7;

/// A patch test of a new product.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchTest {
    /// Its id.
    pub id: i64,
    /// The product tested.
    pub product_id: ProductId,
    /// The first day.
    pub started: Date,
    /// Where on the body ("inner arm").
    pub area: String,
    /// `passed` or `failed`, once it ended.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub result: Option<PatchResult>,
    /// The day it ended.
    pub ended: Option<Date>,
    /// The daily checks, by date.
    pub checks: Vec<PatchCheck>,
}

/// One day's look at the patch.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchCheck {
    /// The day.
    pub date: Date,
    /// What was seen: `none`, `itching`, `redness`, `burning`, `swelling` or `bumps`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub reaction: Reaction,
}

/// Where a patch test stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Still running: checks logged so far, and days left to the minimum.
    Running {
        /// Days with a check logged.
        checked: usize,
        /// Days until the test can pass.
        days_left: i64,
    },
    /// A reaction: stop, and do not use the product on the face.
    Failed {
        /// What was seen.
        reaction: String,
        /// On which day.
        on: Date,
    },
    /// Seven days or more with no reaction: the product can start.
    Passed,
}

impl PatchTest {
    /// The verdict on `today`: any reaction fails it; seven days of checks with none pass it.
    pub fn verdict(&self, today: Date) -> Verdict {
        if let Some(bad) = self.checks.iter().find(|c| c.reaction != Reaction::None) {
            return Verdict::Failed {
                reaction: bad.reaction.id().to_owned(),
                on: bad.date,
            };
        }
        let elapsed = i64::from((today - self.started).get_days()) + 1;
        let checked = self.checks.len();
        if elapsed >= PATCH_TEST_DAYS && checked as i64 >= PATCH_TEST_DAYS {
            Verdict::Passed
        } else {
            Verdict::Running {
                checked,
                days_left: (PATCH_TEST_DAYS - elapsed).max(0),
            }
        }
    }
}

/// A plan as saved: its weeks, with steps naming shelf products by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedPlan {
    /// Its id (versions count up).
    pub id: i64,
    /// When it was saved.
    pub created: Date,
    /// The day its week 1 starts on: the day it was kept. Its weeks are 7 days counted from
    /// it, whatever the weekday. Plans kept by earlier versions start on the Monday on or
    /// before the day they were kept, and read as they always did.
    pub starts: Date,
    /// The weeks, in order; the last one repeats.
    pub weeks: Vec<SavedWeek>,
}

/// One block of identical weeks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedWeek {
    /// First week (1-based).
    pub from_week: u32,
    /// Last week; `None` for "and from then on".
    pub to_week: Option<u32>,
    /// Fourteen sessions: Monday AM, Monday PM, …
    pub sessions: Vec<SavedSession>,
}

/// A morning or evening routine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedSession {
    /// Day of the week, 0 = Monday.
    pub day: usize,
    /// `am` or `pm`.
    pub time: Time,
    /// The steps, in order.
    pub steps: Vec<SavedStep>,
}

/// One step of a saved routine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedStep {
    /// The shelf product.
    pub product_id: ProductId,
    /// Its name when planned.
    pub name: String,
    /// Its step id.
    pub step: Step,
    /// Toner layers.
    pub layers: u8,
}

impl SavedPlan {
    /// The sessions planned for a date, morning then evening; empty before the plan starts.
    /// Its block is the plan's week the date falls in, 7 days counted from [`SavedPlan::starts`];
    /// its sessions are those of the date's own weekday, so a plan that starts on a Thursday
    /// runs Thursday to Wednesday, each day with its weekday's routine.
    pub fn sessions_on(&self, day: Date) -> Vec<&SavedSession> {
        let days = (day - self.starts).get_days();
        if days < 0 {
            return Vec::new();
        }
        let week = u32::try_from(days / 7 + 1).unwrap_or(u32::MAX);
        let weekday = usize::try_from(day.weekday().to_monday_zero_offset()).unwrap_or(0);
        let block = self
            .weeks
            .iter()
            .find(|w| w.from_week <= week && w.to_week.is_none_or(|to| week <= to))
            .or(self.weeks.last());
        block
            .map(|w| w.sessions.iter().filter(|s| s.day == weekday).collect())
            .unwrap_or_default()
    }
}

/// A planned step ticked off.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkoff {
    /// The day.
    pub date: Date,
    /// `am` or `pm`.
    pub time: Time,
    /// The product.
    pub product_id: ProductId,
}

/// A day in the skin diary: ratings 1 (least) to 5 (most), a breakout count, notes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiaryEntry {
    /// The day.
    pub date: Date,
    /// How hydrated the skin feels.
    pub hydration: Option<u8>,
    /// How oily.
    pub oiliness: Option<u8>,
    /// How broken out.
    pub breakouts: Option<u8>,
    /// How red.
    pub redness: Option<u8>,
    /// How rough.
    pub texture: Option<u8>,
    /// How glowing.
    pub glow: Option<u8>,
    /// Spots counted.
    pub breakout_count: Option<u16>,
    /// Free notes.
    pub notes: Option<String>,
    /// Free tags ("period", "travel").
    #[serde(default)]
    pub tags: Vec<String>,
    /// A photo's file path.
    pub photo: Option<String>,
}

/// A day in the lifestyle log.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifestyleEntry {
    /// The day.
    pub date: Date,
    /// Hours slept the night before.
    pub sleep_hours: Option<f32>,
    /// Litres of water drunk.
    pub water_litres: Option<f32>,
    /// Minutes of exercise.
    pub exercise_minutes: Option<u16>,
    /// Stress, 1 (calm) to 5 (very stressed).
    pub stress: Option<u8>,
    /// Diet tags: high_glycaemic, dairy, alcohol, …
    #[serde(default)]
    pub diet_tags: Vec<String>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// How well a plan was kept over some days.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Adherence {
    /// Planned steps in the period.
    pub planned: usize,
    /// Of those, ticked off.
    pub done: usize,
    /// Consecutive days, ending on the last day, with every planned step done.
    pub streak: usize,
    /// Per step: (planned, done).
    pub by_step: Vec<(Step, usize, usize)>,
    /// Per weekday (0 = Monday): steps skipped.
    pub skipped_by_weekday: [usize; 7],
}

impl Adherence {
    /// Done as a share of planned, 0 to 1; `None` when nothing was planned.
    pub fn rate(&self) -> Option<f32> {
        (self.planned > 0).then(|| self.done as f32 / self.planned as f32)
    }
}

/// Whether a planned step was ticked off on a day.
pub fn ticked(checkoffs: &[Checkoff], day: Date, session: &SavedSession, step: &SavedStep) -> bool {
    checkoffs
        .iter()
        .any(|c| c.date == day && c.time == session.time && c.product_id == step.product_id)
}

/// Adherence to a plan from `from` to `to` (inclusive), from the check-offs.
pub fn adherence(plan: &SavedPlan, checkoffs: &[Checkoff], from: Date, to: Date) -> Adherence {
    let mut result = Adherence::default();
    let mut day = from;
    let mut full_days: Vec<bool> = Vec::new();
    while day <= to {
        let mut all_done = true;
        let mut any = false;
        let weekday = usize::from(day.weekday().to_monday_zero_offset() as u8);
        for session in plan.sessions_on(day) {
            for step in &session.steps {
                any = true;
                let done = ticked(checkoffs, day, session, step);
                result.planned += 1;
                result.done += usize::from(done);
                all_done &= done;
                if !done {
                    result.skipped_by_weekday[weekday] += 1;
                }
                match result.by_step.iter_mut().find(|(s, _, _)| *s == step.step) {
                    Some(entry) => {
                        entry.1 += 1;
                        entry.2 += usize::from(done);
                    }
                    None => result.by_step.push((step.step, 1, usize::from(done))),
                }
            }
        }
        full_days.push(any && all_done);
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    result.streak = full_days.iter().rev().take_while(|d| **d).count();
    result
}

impl Default for StoredProfile {
    /// Normal skin, nothing else said.
    fn default() -> StoredProfile {
        StoredProfile {
            skin_type: SkinType::Normal,
            sensitive: false,
            pregnant: false,
            breastfeeding: false,
            irritated: false,
            retinoid_started: None,
            concerns: Vec::new(),
            makeup_days: None,
            fragrance_free: false,
            max_steps: None,
            short_days: Vec::new(),
        }
    }
}

/// A paired device's id.
pub type DeviceId = i64;

/// The longest name a paired device may have, in characters.
pub const DEVICE_NAME_MAX: usize = 60;

/// A browser on another device (a phone) paired to reach `glasskin serve --lan`. Its secret is
/// kept only by the browser; the store holds a hash of it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Device {
    /// Its id, for renaming or revoking it.
    pub id: DeviceId,
    /// What the person calls it ("Android phone, Chrome").
    pub name: String,
    /// When it was paired.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created: jiff::Timestamp,
    /// When it last reached the server (to the minute).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub last_seen: jiff::Timestamp,
}

impl Device {
    /// A device's name as a person typed it, trimmed: 1 to [`DEVICE_NAME_MAX`] characters, no
    /// control characters.
    pub fn check_name(name: &str) -> crate::Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(crate::StoreError::Invalid(
                "a device's name is empty; give it a name, such as \"My phone\"".into(),
            ));
        }
        if name.chars().count() > DEVICE_NAME_MAX {
            return Err(crate::StoreError::Invalid(format!(
                "a device's name has at most {DEVICE_NAME_MAX} characters; this one has {}",
                name.chars().count()
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(crate::StoreError::Invalid(
                "a device's name cannot hold control characters (tabs, line breaks)".into(),
            ));
        }
        Ok(name.to_owned())
    }
}
