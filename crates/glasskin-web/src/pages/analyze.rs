//! The Analyze page (also the home page): a pasted label read ingredient by ingredient, with the
//! product's step, form and flags.

use askama::Template;
use axum::response::Response;
use glasskin_core::kb::{COMEDOGENIC_CAVEAT, FUNGAL_ACNE_CAVEAT};
use glasskin_core::product::{Base, Confidence};
use glasskin_core::{Match, OnePercent};
use serde::Deserialize;

use super::form::Form;
use super::render::render;

struct EntryView {
    position: usize,
    raw: String,
    what: String,
    line: &'static str,
    unknown: bool,
}

struct ProductView {
    step: String,
    also: String,
    confidence: &'static str,
    reasons: String,
    form: String,
    good: String,
    notes: Vec<String>,
    entries: Vec<EntryView>,
}

struct ResultView {
    products: Vec<ProductView>,
    diagnostics: Vec<String>,
    caveats: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "analyze.html")]
struct AnalyzePage {
    nav: &'static str,
    name: String,
    text: String,
    result: Option<ResultView>,
}

#[derive(Deserialize)]
pub(super) struct AnalyzeForm {
    text: String,
    #[serde(default)]
    name: String,
}

pub(super) async fn analyze_page() -> Response {
    render(&AnalyzePage {
        nav: "analyze",
        name: String::new(),
        text: String::new(),
        result: None,
    })
}

/// Reads the label posted. A body without the text is refused in plain text by the extractor,
/// as it always was: the page has no other bad input.
pub(super) async fn analyze_post(Form(form): Form<AnalyzeForm>) -> Response {
    let analysis = glasskin_core::analyze(&form.text, glasskin_kb::kb());
    let name = Some(form.name.trim()).filter(|n| !n.is_empty());
    let understanding = glasskin_core::understand_all(name, &analysis, None);
    let mut caveats = Vec::new();
    let products = analysis
        .products
        .iter()
        .zip(&understanding)
        .map(|(list, product)| {
            let flags = &product.flags;
            let mut good = Vec::new();
            for (yes, what) in [
                (flags.fragrance_free, "fragrance-free"),
                (flags.essential_oil_free, "essential-oil-free"),
                (flags.drying_alcohol_free, "drying-alcohol-free"),
                (flags.seven_skin, "fits the 7-skin method"),
            ] {
                if yes {
                    good.push(what);
                }
            }
            let mut notes = Vec::new();
            if !flags.eu_allergens.is_empty() {
                notes.push(format!(
                    "EU fragrance allergens: {}",
                    flags.eu_allergens.join(", ")
                ));
            }
            if !flags.fungal_acne_triggers.is_empty() {
                notes.push(format!(
                    "Commonly listed as fungal-acne triggers: {}",
                    flags.fungal_acne_triggers.join(", ")
                ));
                caveats.push(FUNGAL_ACNE_CAVEAT);
            }
            if !flags.comedogenic.is_empty() {
                let rated: Vec<String> = flags
                    .comedogenic
                    .iter()
                    .map(|c| format!("{} {}/5", c.inci, c.rating))
                    .collect();
                notes.push(format!("Rated comedogenic: {}", rated.join(", ")));
                caveats.push(COMEDOGENIC_CAVEAT);
            }
            notes.extend(
                flags
                    .pregnancy_caution
                    .iter()
                    .map(|c| format!("Pregnancy: ask your doctor; {c}")),
            );
            notes.extend(flags.eu_compliance.iter().cloned());
            if let Some(uv) = product.uv_sentence() {
                notes.push(format!("UV filters: {uv}"));
            }
            if let Some(spf) = product.spf_sentence() {
                notes.push(format!("Sun protection: {spf}"));
            }
            let base = match product.base {
                Base::Water => "water-based",
                Base::Emulsion => "an emulsion",
                Base::Oil => "oil-based",
                Base::Anhydrous => "anhydrous",
            };
            let also: Vec<&str> = product.also.iter().map(|s| s.label()).collect();
            ProductView {
                step: product.step.label().to_owned(),
                also: also.join(", "),
                confidence: match product.confidence {
                    Confidence::High => "High",
                    Confidence::Medium => "Medium",
                    Confidence::Low => "Low",
                },
                reasons: product.reasons.join("; "),
                form: format!(
                    "{}, {base}, texture {}/5{}",
                    if product.rinse_off {
                        "Rinse-off"
                    } else {
                        "Leave-on"
                    },
                    product.texture,
                    if product.needs_low_ph {
                        "; works at a low pH"
                    } else {
                        ""
                    }
                ),
                good: good.join(" · "),
                notes,
                entries: list
                    .entries
                    .iter()
                    .map(|e| {
                        let classes: Vec<&str> = e.classes().iter().map(|c| c.label()).collect();
                        let what = match e.inci() {
                            Some(inci) if classes.is_empty() => inci.to_owned(),
                            Some(inci) => format!("{inci} — {}", classes.join(", ")),
                            None => "not recognised".to_owned(),
                        };
                        EntryView {
                            position: e.position,
                            raw: e.raw.to_string(),
                            what: if e.matched == Match::Fuzzy {
                                format!("{what} (read as a near match)")
                            } else {
                                what
                            },
                            line: match e.one_percent {
                                OnePercent::Above => "above",
                                OnePercent::Below => "below",
                                OnePercent::Unknown => "",
                            },
                            unknown: e.matched == Match::Unknown,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    caveats.dedup();
    render(&AnalyzePage {
        nav: "analyze",
        name: form.name.clone(),
        text: form.text.clone(),
        result: Some(ResultView {
            products,
            diagnostics: analysis
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect(),
            caveats,
        }),
    })
}
