//! The groups a free-from claim names ("formulated without parabens"): the words labels use for
//! each and the ingredients it takes in, compiled from `data/overlay/claims.toml`.

use serde::Serialize;

use super::{KnowledgeBase, Source};

/// A group of ingredients a label can claim to be free of.
#[derive(Debug, Serialize)]
pub struct ClaimGroup {
    /// Its id ("parabens").
    pub id: &'static str,
    /// The word before "-free" ("paraben").
    pub label: &'static str,
    /// How labels write it, lower case ("parabens", "paraben").
    #[serde(skip)]
    pub names: &'static [&'static str],
    /// Its members' INCI names, sorted.
    #[serde(skip)]
    pub members: &'static [&'static str],
    /// Where its membership comes from.
    #[serde(skip)]
    pub sources: &'static [&'static Source],
}

impl ClaimGroup {
    /// Whether an ingredient belongs to the group.
    pub fn has(&self, inci: &str) -> bool {
        self.members.binary_search(&inci).is_ok()
    }
}

impl KnowledgeBase {
    /// The group a label's word names (any case, "parabens" or "Paraben"), if any.
    pub fn claim_group(&self, word: &str) -> Option<&'static ClaimGroup> {
        self.claim_groups
            .iter()
            .find(|g| g.names.iter().any(|n| n.eq_ignore_ascii_case(word)))
    }
}
