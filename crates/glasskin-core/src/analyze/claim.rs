//! Free-from claims as the analysis reads them: each term a claim names ("Parabens", "Coal
//! Tar"), resolved to a group of the knowledge base or to one ingredient. The product checks
//! them against its list ([`crate::product`]).

use serde::{Serialize, Serializer};

use crate::kb::{ClaimGroup, Ingredient};

use super::DiagnosticKind;
use super::analyzer::Analyzer;
use super::analyzer::excerpt;

/// What a free-from claim says the product leaves out.
#[derive(Clone, Debug, Serialize)]
pub struct Claim {
    /// The term as the label wrote it ("Formaldehyde-Releasing Agents").
    pub term: String,
    /// What the term names.
    #[serde(flatten)]
    pub names: ClaimTarget,
}

/// What a claim's term names.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimTarget {
    /// A group of ingredients ("parabens"), by its id.
    Group(#[serde(serialize_with = "group_id")] &'static ClaimGroup),
    /// One ingredient, by its INCI name.
    Ingredient(#[serde(serialize_with = "inci")] Ingredient),
    /// Nothing glasskin knows: the claim cannot be checked.
    Unknown,
}

fn group_id<S: Serializer>(group: &&'static ClaimGroup, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(group.id)
}

fn inci<S: Serializer>(ingredient: &Ingredient, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(ingredient.inci())
}

/// Words a claim puts before what it means: "synthetic fragrance" is checked as fragrance.
const QUALIFIERS: &[&str] = &[
    "synthetic ",
    "artificial ",
    "added ",
    "harsh ",
    "chemical ",
    "toxic ",
];

impl Analyzer<'_> {
    /// Reads a claim's terms, and says in a diagnostic that its text was not read as a list.
    pub(super) fn claim(&mut self, text: &str, terms: &[&str]) {
        for term in terms {
            self.claim_term(term, true);
        }
        self.diagnose(
            DiagnosticKind::FreeFromClaim,
            format!(
                "read as a free-from claim, not as ingredients: \"{}\"",
                excerpt(&text.split_whitespace().collect::<Vec<_>>().join(" "))
            ),
        );
    }

    /// Reads one term: a group, an ingredient, or, for "Sulfates-SLS", each part that is one. A
    /// term that names nothing known is kept only when asked: "formulated without gluten" is a
    /// claim a person may want to see, "cruelty-free" names no substance.
    pub(super) fn claim_term(&mut self, term: &str, keep_unknown: bool) {
        let names = self.claim_target(term);
        if matches!(names, ClaimTarget::Unknown) && term.contains('-') {
            let parts: Vec<(&str, ClaimTarget)> = term
                .split('-')
                .map(|p| (p.trim(), self.claim_target(p.trim())))
                .collect();
            if parts
                .iter()
                .all(|(_, t)| !matches!(t, ClaimTarget::Unknown))
            {
                for (part, names) in parts {
                    self.push_claim(part, names);
                }
                return;
            }
        }
        if keep_unknown || !matches!(names, ClaimTarget::Unknown) {
            self.push_claim(term, names);
        }
    }

    fn push_claim(&mut self, term: &str, names: ClaimTarget) {
        let same = |c: &Claim| match (c.names, names) {
            (ClaimTarget::Group(a), ClaimTarget::Group(b)) => a.id == b.id,
            (ClaimTarget::Ingredient(a), ClaimTarget::Ingredient(b)) => a.inci() == b.inci(),
            _ => c.term.eq_ignore_ascii_case(term),
        };
        if !self.claims.iter().any(same) {
            self.claims.push(Claim {
                term: term.to_owned(),
                names,
            });
        }
    }

    fn claim_target(&mut self, term: &str) -> ClaimTarget {
        let mut term = term.trim();
        loop {
            if let Some(found) = self.named(term) {
                return found;
            }
            // "Parabens" → "Paraben", "Silicones" → "Silicone".
            if let Some(found) = term.strip_suffix(['s', 'S']).and_then(|t| self.named(t)) {
                return found;
            }
            let Some(rest) = QUALIFIERS.iter().find_map(|q| {
                term.get(..q.len())
                    .filter(|head| head.eq_ignore_ascii_case(q))
                    .map(|_| &term[q.len()..])
            }) else {
                return ClaimTarget::Unknown;
            };
            term = rest.trim_start();
        }
    }

    /// A group by one of its names, else an ingredient by its INCI name or a synonym.
    fn named(&mut self, term: &str) -> Option<ClaimTarget> {
        if let Some(group) = self.kb.claim_group(term) {
            return Some(ClaimTarget::Group(group));
        }
        self.resolve(term)
            .map(|found| ClaimTarget::Ingredient(found.ingredient))
    }
}
