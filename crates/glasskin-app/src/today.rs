//! Today: the steps the kept plan sets for a day, ticking them off, and how the week is going.

use glasskin_core::Step;
use glasskin_core::advice::Time;
use glasskin_store::{Adherence, Checkoff, ProductId, Store, adherence, ticked};
use jiff::civil::Date;
use serde::Serialize;

use crate::error::{Error, Result, parse};
use crate::plan::{latest, monday_of};

/// A day of the kept plan.
#[derive(Clone, Debug)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// Its week of the plan, 1 for the first.
    pub week: i64,
    /// Morning then evening; empty before the plan starts.
    pub sessions: Vec<Session>,
    /// The plan's first Monday.
    pub plan_starts: Date,
}

/// One session of a day.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct Session {
    /// `am` or `pm`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub time: Time,
    /// The steps, in order.
    pub steps: Vec<StepTick>,
}

/// One step of a session.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct StepTick {
    /// The shelf product.
    pub product_id: ProductId,
    /// Its name when planned.
    pub name: String,
    /// Its step id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub step: Step,
    /// Thin layers to pat in (more than one for the 7-skin method).
    pub layers: u8,
    /// Ticked off.
    pub done: bool,
}

/// The kept plan's steps for `day`, with what is ticked off.
pub fn day<S: Store + ?Sized>(store: &S, day: Date) -> Result<Day> {
    let plan = latest(store)?;
    // Only the day's own check-offs: the Today page asks for nothing more.
    let checkoffs = store.checkoffs_since(day)?;
    let sessions = plan
        .sessions_on(day)
        .into_iter()
        .map(|s| Session {
            time: s.time,
            steps: s
                .steps
                .iter()
                .map(|st| StepTick {
                    product_id: st.product_id,
                    name: st.name.clone(),
                    step: st.step,
                    layers: st.layers,
                    done: ticked(&checkoffs, day, s, st),
                })
                .collect(),
        })
        .collect();
    Ok(Day {
        date: day,
        week: i64::from((day - plan.starts).get_days() / 7 + 1),
        sessions,
        plan_starts: plan.starts,
    })
}

/// The kept plan's week so far, from its Monday up to `day` (days before the plan was kept are
/// not counted).
pub fn week_so_far<S: Store + ?Sized>(store: &S, day: Date) -> Result<Adherence> {
    let plan = latest(store)?;
    let from = monday_of(day).max(plan.created);
    let checkoffs = store.checkoffs_since(from)?;
    Ok(adherence(&plan, &checkoffs, from, day))
}

/// The session with this id: `am` or `pm`.
pub fn parse_time(text: &str) -> Result<Time> {
    parse("time", text)
}

/// What to tick: a session, a product wherever it is planned that day, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    /// One session, or both when `None`.
    pub time: Option<Time>,
    /// One product, or all when `None`.
    pub product: Option<ProductId>,
}

impl Target {
    /// Reads `am`, `pm`, `all`, a product number (`3`) or both (`pm:3`).
    pub fn parse(spec: &str) -> Result<Target> {
        let bad = || {
            Error::invalid(format!(
                "`{spec}`: use am, pm, all, a product number, or am:NUMBER"
            ))
        };
        let time = |t: &str| match t {
            "all" => Ok(None),
            t => Time::from_id(t).map(Some).ok_or_else(bad),
        };
        let product = |p: &str| {
            p.parse::<ProductId>()
                .map_err(|_| Error::invalid(format!("`{spec}`: `{p}` is not a product number")))
        };
        let spec = spec.trim();
        match spec.split_once(':') {
            Some((t, p)) => Ok(Target {
                time: time(t)?,
                product: Some(product(p)?),
            }),
            None if spec.parse::<ProductId>().is_ok() => Ok(Target {
                time: None,
                product: Some(product(spec)?),
            }),
            None => Ok(Target {
                time: time(spec)?,
                product: None,
            }),
        }
    }
}

/// Ticks off (or, with `done` false, unticks) what the targets name on `day`. Refuses a target
/// with nothing planned, before anything changes.
pub fn tick<S: Store + ?Sized>(
    store: &mut S,
    day: Date,
    targets: &[Target],
    done: bool,
    today: Date,
) -> Result<()> {
    let plan = latest(store)?;
    let sessions = plan.sessions_on(day);
    let mut checkoffs = Vec::new();
    for target in targets {
        let before = checkoffs.len();
        for session in &sessions {
            if target.time.is_some_and(|t| t != session.time) {
                continue;
            }
            for step in &session.steps {
                if target.product.is_none_or(|p| p == step.product_id) {
                    checkoffs.push(Checkoff {
                        date: day,
                        time: session.time,
                        product_id: step.product_id,
                    });
                }
            }
        }
        if checkoffs.len() == before {
            return Err(Error::invalid(format!(
                "`{target}` is not planned for {day}"
            )));
        }
    }
    for checkoff in &checkoffs {
        store.check_off(checkoff, done, today)?;
    }
    Ok(())
}

/// Saves one session's ticks as a whole: the products in `done` are ticked, the others not.
pub fn set_session<S: Store + ?Sized>(
    store: &mut S,
    day: Date,
    time: Time,
    done: &[ProductId],
    today: Date,
) -> Result<()> {
    let plan = latest(store)?;
    let planned: Vec<ProductId> = plan
        .sessions_on(day)
        .into_iter()
        .filter(|s| s.time == time)
        .flat_map(|s| s.steps.iter().map(|st| st.product_id))
        .collect();
    for id in planned {
        let checkoff = Checkoff {
            date: day,
            time,
            product_id: id,
        };
        store.check_off(&checkoff, done.contains(&id), today)?;
    }
    Ok(())
}

/// Ticks off (or unticks) one product in one session, planned or not.
pub fn check_off<S: Store + ?Sized>(
    store: &mut S,
    checkoff: &Checkoff,
    done: bool,
    today: Date,
) -> Result<()> {
    Ok(store.check_off(checkoff, done, today)?)
}

impl std::fmt::Display for Target {
    /// As [`Target::parse`] reads it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.time, self.product) {
            (Some(t), Some(p)) => write!(f, "{}:{p}", t.id()),
            (None, Some(p)) => write!(f, "{p}"),
            (Some(t), None) => f.write_str(t.id()),
            (None, None) => f.write_str("all"),
        }
    }
}
