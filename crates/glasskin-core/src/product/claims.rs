//! A label's free-from claims checked against the list glasskin read: "paraben-free: no paraben
//! in the list", "fragrance-free, but lists LINALOOL". A claim holds only as far as the list was
//! read, so a list with unrecognised items says so.

use serde::Serialize;

use crate::analyze::{Claim, ClaimTarget, Entry};

use super::Coverage;

/// What the check of a claim found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClaimVerdict {
    /// Nothing the list names contradicts it (see `unrecognised`).
    Holds,
    /// The list names what the label says the product is free of.
    Contradicted,
    /// glasskin does not know what the claim names.
    Unchecked,
}

/// A free-from claim and its check.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimCheck {
    /// The claim as a person says it: "paraben-free", "free of HYDROQUINONE", "free of
    /// \"gluten\"".
    pub claim: String,
    /// What the check found.
    pub verdict: ClaimVerdict,
    /// The listed ingredients that contradict it, in label order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub listed: Vec<&'static str>,
    /// How much of the list glasskin recognised: a claim that holds, holds only among those.
    pub coverage: Coverage,
}

impl ClaimCheck {
    /// The check in a sentence: "paraben-free: no paraben in the list".
    pub fn sentence(&self) -> String {
        match self.verdict {
            ClaimVerdict::Contradicted => {
                format!(
                    "{}, but the list has {}",
                    self.claim,
                    self.listed.join(", ")
                )
            }
            ClaimVerdict::Unchecked => format!("{}: glasskin cannot check this", self.claim),
            ClaimVerdict::Holds => match self.coverage.among() {
                None => format!("{}: not in the list", self.claim),
                Some(among) => format!("{}: not {among}", self.claim),
            },
        }
    }
}

/// Checks each claim against the list.
pub(super) fn check(claims: &[Claim], entries: &[Entry], coverage: Coverage) -> Vec<ClaimCheck> {
    claims
        .iter()
        .map(|claim| {
            let (phrase, listed) = match claim.names {
                ClaimTarget::Group(group) => (
                    format!("{}-free", group.label),
                    listed(entries, |inci| group.has(inci)),
                ),
                ClaimTarget::Ingredient(ingredient) => (
                    format!("free of {}", ingredient.inci()),
                    listed(entries, |inci| inci == ingredient.inci()),
                ),
                ClaimTarget::Unknown => (format!("free of \"{}\"", claim.term), Vec::new()),
            };
            let verdict = match claim.names {
                ClaimTarget::Unknown => ClaimVerdict::Unchecked,
                _ if listed.is_empty() => ClaimVerdict::Holds,
                _ => ClaimVerdict::Contradicted,
            };
            ClaimCheck {
                claim: phrase,
                verdict,
                listed,
                coverage,
            }
        })
        .collect()
}

/// The INCI names of the entries a test takes, each once, in label order.
fn listed(entries: &[Entry], takes: impl Fn(&str) -> bool) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for inci in entries
        .iter()
        .filter_map(|e| e.ingredient.map(|i| i.inci()))
    {
        if takes(inci) && !found.contains(&inci) {
            found.push(inci);
        }
    }
    found
}
