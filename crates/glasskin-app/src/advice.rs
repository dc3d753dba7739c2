//! Advice: a routine checked against the evidence-graded rules, and the tips, by topic or id.

use glasskin_core::Step;
use glasskin_core::advice::{Finding, Routine, TOPICS, Tip};
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
