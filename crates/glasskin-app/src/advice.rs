//! Advice: a routine checked against the evidence-graded rules, and the tips, by topic or id.

use glasskin_core::advice::{Finding, Routine, TOPICS, Tip};

use crate::error::{Error, Result};

/// A routine's findings against the rules.
pub fn check(routine: &Routine) -> Vec<Finding> {
    glasskin_core::advice::check(routine, glasskin_kb::advice())
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
