//! Highlight bullets as the analysis reads them: each name a retailer's page highlights above
//! the list ("-Zinc Oxide 14.5%: Sunscreen"), resolved, with its percentage. They are hints, not
//! entries: the product takes from them only actives and UV filters its list leaves out.

use serde::{Serialize, Serializer};

use crate::kb::{ACTIVES, Class, Ingredient};

use super::DiagnosticKind;
use super::analyzer::{Analyzer, excerpt};
use super::clean::clean;

/// A name a page highlights outside the list.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Highlight {
    /// The name as the page wrote it ("Zinc Oxide 14.5%").
    pub raw: String,
    /// The ingredient it names, by its INCI name, if glasskin knows it.
    #[serde(serialize_with = "inci")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub ingredient: Option<Ingredient>,
    /// A percentage printed with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f32>,
}

fn inci<S: Serializer>(ingredient: &Option<Ingredient>, s: S) -> Result<S::Ok, S::Error> {
    match ingredient {
        Some(i) => s.serialize_str(i.inci()),
        None => s.serialize_none(),
    }
}

impl Highlight {
    /// Whether it names a UV filter or an active, the things a product takes from a highlight.
    pub fn names_an_active(&self) -> bool {
        self.ingredient
            .is_some_and(|i| i.is(Class::UvFilter) || i.is_any(ACTIVES))
    }
}

impl Analyzer<'_> {
    /// Reads a highlight bullet's names, and says that its text was not read as a list.
    pub(super) fn highlight(&mut self, text: &str, names: &[&str]) {
        for raw in names {
            let cleaned = clean(raw);
            let ingredient = if cleaned.name.is_empty() {
                None
            } else {
                self.candidates(&cleaned.name, cleaned.lowered)
                    .map(|found| found.ingredient)
            };
            self.highlights.push(Highlight {
                raw: (*raw).to_owned(),
                ingredient,
                percent: cleaned.percent,
            });
        }
        self.diagnose(
            DiagnosticKind::Highlight,
            format!(
                "read as a highlight, not as ingredients: \"{}\"",
                excerpt(&text.split_whitespace().collect::<Vec<_>>().join(" "))
            ),
        );
    }
}
