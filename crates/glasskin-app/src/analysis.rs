//! Reading a label: the analysis and what each product on it is, in the one shape that the CLI's
//! `--json`, `--batch` and the web API all print.

use glasskin_core::product::ProductFlags;
use glasskin_core::{Analysis, Product, Step};
use serde::Serialize;

use crate::error::{Result, parse};

pub mod notes;

/// A label read: the analysis, and what each of its products is (`docs/json.md`).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = AnalysisReport))]
pub struct Report {
    /// The ingredients, product by product, with diagnostics.
    #[serde(flatten)]
    pub analysis: Analysis,
    /// One per product list, in the same order.
    pub understanding: Vec<Product>,
}

/// Reads a label; `name` and a declared `step` help tell what the product is.
pub fn analyse(text: &str, name: Option<&str>, step: Option<Step>) -> Report {
    let analysis = glasskin_core::analyze(text, glasskin_kb::kb());
    let understanding = glasskin_core::understand_all(name, &analysis, step);
    Report {
        analysis,
        understanding,
    }
}

/// The step with this id, or an error listing the ids.
pub fn parse_step(id: &str) -> Result<Step> {
    parse("step", id)
}

/// One line of `glasskin analyze --batch` output: the input's id, name and brand, the first
/// product's step and flags, then the whole report.
#[derive(Serialize)]
pub struct BatchRecord<'a> {
    /// The input line's id, as given.
    pub id: &'a serde_json::Value,
    /// The product's name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// The brand, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<&'a str>,
    /// The routine step of the (first) product.
    pub category: Option<Step>,
    /// Its flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<&'a ProductFlags>,
    /// The analysis.
    pub analysis: &'a Analysis,
    /// What each product list is, in the same order.
    pub understanding: &'a [Product],
}

impl<'a> BatchRecord<'a> {
    /// The record of one input line.
    pub fn new(
        id: &'a serde_json::Value,
        name: Option<&'a str>,
        brand: Option<&'a str>,
        report: &'a Report,
    ) -> BatchRecord<'a> {
        let first = report.understanding.first();
        BatchRecord {
            id,
            name,
            brand,
            category: first.map(|p| p.step),
            flags: first.map(|p| &p.flags),
            analysis: &report.analysis,
            understanding: &report.understanding,
        }
    }
}
