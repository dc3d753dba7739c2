//! The analysis of one label as `glasskin analyze` reports it: below both the commands that make
//! it (`analyze`, `shelf show`) and the renderer that writes it (`render::analysis`).

use glasskin_core::{Analysis, Product, Step};
use serde::Serialize;

/// What `--json` prints: the analysis, and what each of its products is.
#[derive(Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub analysis: Analysis,
    /// One per product list, in the same order.
    pub understanding: Vec<Product>,
}

impl Report {
    /// Analyses a label and understands each of its product lists; `name` and `step` are what
    /// the person says the product is called and is.
    pub fn of(label: &str, name: Option<&str>, step: Option<Step>) -> Report {
        let analysis = glasskin_core::analyze(label, glasskin_kb::kb());
        let understanding = glasskin_core::understand_all(name, &analysis, step);
        Report {
            analysis,
            understanding,
        }
    }
}
