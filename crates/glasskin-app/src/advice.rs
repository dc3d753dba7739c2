//! Advice: a routine checked against the evidence-graded rules, and the tips, by topic or id.

use glasskin_core::Step;
use glasskin_core::advice::{
    Finding, Profile, Routine, RoutineProduct, Session, TOPICS, Time, Tip,
};
use glasskin_store::{ProductId, Store};
use jiff::civil::Date;
use serde::Serialize;

use crate::documents::{self, RoutineDocument};
use crate::error::{Error, Result};

/// A routine checked: the products as glasskin takes them, and what the rules find.
#[derive(Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckReport {
    /// The products, in the order given.
    pub products: Vec<CheckedProduct>,
    /// Each rule the routine breaks, with its evidence grade, fixes, sources and tips.
    pub findings: Vec<Finding>,
}

/// A product of a checked routine.
#[derive(Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckedProduct {
    /// The name given.
    pub name: String,
    /// The step: declared, or understood from the label and the name.
    pub step: Step,
    /// Whether the step was declared rather than understood.
    pub declared: bool,
    /// Started in the last four weeks.
    pub new: bool,
}

/// A routine's findings against the rules.
pub fn check(routine: &Routine) -> CheckReport {
    CheckReport {
        products: routine
            .products
            .iter()
            .map(|p| CheckedProduct {
                name: p.name.clone(),
                step: p.product.step,
                declared: p.product.declared,
                new: p.new,
            })
            .collect(),
        findings: glasskin_core::advice::check(routine, glasskin_kb::advice()),
    }
}

/// A routine document checked: refused with the place of its first mistake, or its report.
pub fn check_document(document: RoutineDocument) -> Result<CheckReport> {
    Ok(check(&documents::routine(document, glasskin_kb::kb())?))
}

/// A session of the routine a person already follows, made of products on their shelf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShelfSession {
    /// Morning or evening.
    pub time: Time,
    /// The days it is done, 0 = Monday.
    pub days: Vec<usize>,
    /// The shelf products used, in order.
    pub products: Vec<ProductId>,
}

/// The products in use or unopened, with their shelf ids, and the person, read once: what a
/// routine the person already follows is made of (see [`ShelfRoutines::check`]).
pub struct ShelfRoutines {
    products: Vec<(ProductId, RoutineProduct)>,
    /// The stored profile's person; `None` when no profile is saved.
    person: Option<Profile>,
}

/// Reads the shelf and the profile for checking routines made of the shelf's products.
pub fn shelf_routines<S: Store + ?Sized>(store: &S, today: Date) -> Result<ShelfRoutines> {
    let (shelf, ids) = crate::plan::plan_shelf(store, glasskin_kb::kb(), today)?;
    Ok(ShelfRoutines {
        products: ids
            .into_iter()
            .zip(shelf.into_iter().map(|item| item.product))
            .collect(),
        person: store
            .profile()?
            .map(|p| crate::plan::plan_profile(&p, today).person),
    })
}

impl ShelfRoutines {
    /// The products, with their shelf ids, in shelf order.
    pub fn products(&self) -> &[(ProductId, RoutineProduct)] {
        &self.products
    }

    /// Whether a profile is saved (without one, routines are checked for normal skin).
    pub fn has_profile(&self) -> bool {
        self.person.is_some()
    }

    /// The routine made of these sessions, checked against the rules for the person (everything
    /// a profile leaves out counts as normal skin): the routine as checked and its report.
    /// Sessions at the same time of the same day are one session. A product must be one of
    /// [`ShelfRoutines::products`]; a day must be 0 to 6.
    pub fn check(&self, sessions: &[ShelfSession]) -> Result<(Routine, CheckReport)> {
        let mut routine = Routine {
            profile: self.person.clone().unwrap_or_default(),
            ..Routine::default()
        };
        // Only the products a session uses are part of the routine, each once.
        let mut index_of: Vec<ProductId> = Vec::new();
        for session in sessions {
            if let Some(day) = session.days.iter().find(|d| **d > 6) {
                return Err(Error::invalid(format!(
                    "day {day} is not a day of the week (0 = Monday to 6 = Sunday)"
                )));
            }
            let mut products = Vec::with_capacity(session.products.len());
            for id in &session.products {
                let index = match index_of.iter().position(|seen| seen == id) {
                    Some(index) => index,
                    None => {
                        let (_, product) = self
                            .products
                            .iter()
                            .find(|(shelf_id, _)| shelf_id == id)
                            .ok_or_else(|| {
                                Error::not_found(format!(
                                    "no product {id} in use or unopened on the shelf"
                                ))
                            })?;
                        routine.products.push(product.clone());
                        index_of.push(*id);
                        index_of.len() - 1
                    }
                };
                if !products.contains(&index) {
                    products.push(index);
                }
            }
            // A session for some days only adds to the everyday one at that time: one evening.
            for &day in &session.days {
                match routine
                    .sessions
                    .iter_mut()
                    .find(|s| s.day == day && s.time == session.time)
                {
                    Some(same) => {
                        for p in &products {
                            if !same.products.contains(p) {
                                same.products.push(*p);
                            }
                        }
                    }
                    None => routine.sessions.push(Session {
                        day,
                        time: session.time,
                        products: products.clone(),
                    }),
                }
            }
        }
        // In order of use, whichever session a product was ticked in.
        for session in &mut routine.sessions {
            session
                .products
                .sort_by_key(|&p| routine.products[p].product.step);
        }
        let report = check(&routine);
        Ok((routine, report))
    }
}

/// The tips: all of them, or those on a topic (`toner`, `sleep`, `patch_test`), or the one with
/// an id (`patch-test`). Hyphens and underscores read alike, and case does not matter.
pub fn tips(topic: Option<&str>) -> Result<Vec<&'static Tip>> {
    let all = glasskin_kb::advice().tips;
    let Some(asked) = topic else {
        return Ok(all.iter().collect());
    };
    let asked = asked.trim().to_lowercase().replace('-', "_");
    let by_id: Vec<&Tip> = all
        .iter()
        .filter(|t| t.id.replace('-', "_") == asked)
        .collect();
    if !by_id.is_empty() {
        return Ok(by_id);
    }
    if TOPICS.contains(&asked.as_str()) {
        return Ok(all
            .iter()
            .filter(|t| t.topics.contains(&asked.as_str()))
            .collect());
    }
    Err(Error::not_found(format!(
        "no tip or topic called `{asked}`; topics are: {}",
        TOPICS.join(", ")
    )))
}
