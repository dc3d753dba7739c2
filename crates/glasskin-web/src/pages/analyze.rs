//! The Analyze page (also the home page): a pasted label read ingredient by ingredient, with the
//! product's step, form, actives, what it carries and its flags. The words are the app's
//! (`glasskin_app::analysis::notes`), the same the CLI prints; this page only lays them out.

use askama::Template;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::response::Response;
use glasskin_app::analysis::{self, Report, notes};
use glasskin_core::kb::{COMEDOGENIC_CAVEAT, FUNGAL_ACNE_CAVEAT};
use glasskin_core::{Entry, Match, Product, ProductList};
use serde::Deserialize;

use super::form::Form;
use super::photo::ScanView;
use super::render::{plain, render};
use crate::{BODY_LIMIT, photos};

struct EntryView {
    position: usize,
    /// As written on the label: what the person recognises.
    raw: String,
    /// The INCI name it was read as, when that is not just the same words in capitals.
    inci: Option<&'static str>,
    classes: String,
    /// How it was read, when not plainly: a near match, not recognised.
    read_as: Option<String>,
    line: &'static str,
    /// Each flag, and whether it is an EU ban (drawn as a warning).
    flags: Vec<(String, bool)>,
    unknown: bool,
}

impl EntryView {
    fn of(e: &Entry) -> EntryView {
        let classes: Vec<&str> = e.classes().iter().map(|c| c.label()).collect();
        let raw = e.raw.to_string();
        EntryView {
            position: e.position,
            inci: e.inci().filter(|inci| !inci.eq_ignore_ascii_case(&raw)),
            raw,
            classes: classes.join(", "),
            read_as: match e.matched {
                Match::Fuzzy => Some(format!("read as a near match ({})", notes::matched(e))),
                Match::KoreanRules => Some(format!(
                    "read by the Korean naming rules, confidence {:.2}",
                    e.score.unwrap_or_default()
                )),
                Match::Unknown => Some("not recognised".to_owned()),
                Match::Exact | Match::Synonym | Match::Korean => None,
            },
            line: notes::one_percent(e),
            flags: notes::entry_flags(e)
                .into_iter()
                .map(|flag| {
                    let banned = flag.contains("prohibited") || flag.contains("banned");
                    (flag, banned)
                })
                .collect(),
            unknown: e.matched == Match::Unknown,
        }
    }
}

/// How much a note asks of the reader, said in words as well as colour: a fact for those who
/// need it, something to weigh, or something to act on before using the product.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Warning,
    Caution,
    Information,
}

impl Level {
    fn word(self) -> &'static str {
        match self {
            Level::Warning => "Warning",
            Level::Caution => "Caution",
            Level::Information => "Information",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Caution => "caution",
            Level::Information => "information",
        }
    }
}

struct NoteView {
    level: Level,
    text: String,
}

/// The levels of `notes::warnings`, in the order it writes them: allergens, fungal-acne
/// triggers and comedogenic ratings are facts for the people they concern; phototoxic oils ask
/// for care; pregnancy cautions are warnings; of the EU notes, an Annex III restriction says
/// only that a limit exists (information), a ban is a warning.
fn warning_levels(product: &Product) -> Vec<Level> {
    let flags = &product.flags;
    let mut levels = Vec::new();
    if !flags.eu_allergens.is_empty() {
        levels.push(Level::Information);
    }
    if !flags.fungal_acne_triggers.is_empty() {
        levels.push(Level::Information);
    }
    if !flags.comedogenic.is_empty() {
        levels.push(Level::Information);
    }
    if !flags.phototoxic.is_empty() {
        levels.push(Level::Caution);
    }
    levels.extend(flags.pregnancy_caution.iter().map(|_| Level::Warning));
    levels.extend(flags.eu_compliance.iter().map(|note| {
        if note.contains(" is restricted in the EU ") {
            Level::Information
        } else {
            Level::Warning
        }
    }));
    levels
}

/// The product's notes with their levels, most serious first (the order within a level is the
/// app's, most personal first).
fn leveled_notes(product: &Product) -> Vec<NoteView> {
    let warnings = notes::warnings(product);
    let levels = warning_levels(product);
    // Should the app add a kind of note this page does not know yet, it reads as a caution
    // rather than going unshown.
    let levels = if levels.len() == warnings.len() {
        levels
    } else {
        vec![Level::Caution; warnings.len()]
    };
    let (_, claims_doubtful) = notes::claims(product);
    let mut out: Vec<NoteView> = warnings
        .iter()
        .zip(levels)
        .map(|(text, level)| NoteView {
            level,
            text: capitalised(text),
        })
        .chain(claims_doubtful.iter().map(|text| NoteView {
            level: Level::Caution,
            text: capitalised(text),
        }))
        .chain(
            product
                .uv_sentence()
                .map(|uv| format!("UV filters: {uv}"))
                .into_iter()
                .chain(
                    product
                        .spf_sentence()
                        .map(|spf| format!("Sun protection: {spf}")),
                )
                .map(|text| NoteView {
                    level: Level::Information,
                    text,
                }),
        )
        .collect();
    // Stable: the app's order stays within each level.
    out.sort_by_key(|n| n.level);
    out
}

struct ProductView {
    caution: Option<String>,
    step: String,
    also: String,
    confidence: String,
    form: String,
    actives: Vec<String>,
    carries: Vec<String>,
    good: Option<String>,
    /// The free-from claims the list bears out.
    claims: Option<String>,
    notes: Vec<NoteView>,
    one_percent_line: Option<String>,
    entries: Vec<EntryView>,
}

impl ProductView {
    fn of(list: &ProductList, product: &Product) -> ProductView {
        let also: Vec<&str> = product.also.iter().map(|s| s.label()).collect();
        let (claims_holding, _) = notes::claims(product);
        ProductView {
            caution: notes::caution(product).map(capitalised),
            step: capitalised(product.step.label()),
            also: also.join(", "),
            confidence: format!(
                "{}: {}",
                capitalised(notes::confidence(product)),
                product.reasons.join("; ")
            ),
            form: capitalised(&notes::form(product)),
            actives: notes::actives(product),
            carries: notes::carries(product)
                .iter()
                .map(|c| capitalised(c))
                .collect(),
            good: notes::good(product).as_deref().map(capitalised),
            claims: claims_holding.map(|c| capitalised(&c)),
            notes: leveled_notes(product),
            one_percent_line: notes::one_percent_line(list),
            entries: list.entries.iter().map(EntryView::of).collect(),
        }
    }
}

/// The app's words start lower case, to sit inside the CLI's lines; on the page each starts a
/// line of its own.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

struct ResultView {
    products: Vec<ProductView>,
    diagnostics: Vec<String>,
    caveats: Vec<String>,
}

impl ResultView {
    fn of(report: &Report) -> ResultView {
        let (comedogenic, fungal_acne) = notes::caveats(report);
        let caveats = [
            (comedogenic, notes::COMEDOGENIC_MARK, COMEDOGENIC_CAVEAT),
            (fungal_acne, notes::FUNGAL_ACNE_MARK, FUNGAL_ACNE_CAVEAT),
        ]
        .into_iter()
        .filter(|(called, _, _)| *called)
        .map(|(_, mark, caveat)| format!("{mark} {caveat}"))
        .collect();
        ResultView {
            products: report
                .analysis
                .products
                .iter()
                .zip(&report.understanding)
                .map(|(list, product)| ProductView::of(list, product))
                .collect(),
            diagnostics: report
                .analysis
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect(),
            caveats,
        }
    }
}

#[derive(Template)]
#[template(path = "analyze.html")]
struct AnalyzePage {
    nav: &'static str,
    name: String,
    text: String,
    result: Option<ResultView>,
    /// What was read from photos, shown beside the text field.
    scan: Option<ScanView>,
    /// Why the photos could not be read.
    photo_error: Option<String>,
    /// The body limit in bytes, for the script that makes photos smaller before sending.
    limit: usize,
}

impl AnalyzePage {
    fn new(name: String, text: String) -> AnalyzePage {
        AnalyzePage {
            nav: "analyze",
            name,
            text,
            result: None,
            scan: None,
            photo_error: None,
            limit: BODY_LIMIT,
        }
    }
}

#[derive(Deserialize)]
pub(super) struct AnalyzeForm {
    text: String,
    #[serde(default)]
    name: String,
}

pub(super) async fn analyze_page() -> Response {
    render(&AnalyzePage::new(String::new(), String::new()))
}

/// The label analysed, with the product's name when given.
fn analysed(name: String, text: String) -> AnalyzePage {
    let report = analysis::analyse(&text, Some(name.trim()).filter(|n| !n.is_empty()), None);
    AnalyzePage {
        result: Some(ResultView::of(&report)),
        ..AnalyzePage::new(name, text)
    }
}

/// Reads the label posted. A body without the text is refused in plain text by the extractor,
/// as it always was: the page has no other bad input.
pub(super) async fn analyze_post(Form(form): Form<AnalyzeForm>) -> Response {
    render(&analysed(form.name, form.text))
}

/// Reads the label from the photos posted (the form's "Read the photo"): the photos beside the
/// text read, its doubtful words marked, the text in the field to correct, and its analysis.
/// A refused photo keeps the name and text typed, with why under the photo field and the status
/// it deserves (422 the photo, 413 its size, 503 this computer's OCR).
pub(super) async fn analyze_photo(
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Response {
    let (posted, refused) = photos::read(multipart).await;
    let name = posted.field("name").to_owned();
    let text = posted.field("text").to_owned();
    if let Some(refusal) = refused {
        return refused_photo(name, text, &refusal);
    }
    // "Read the photo" pressed with no photo but a list typed: analyse the list, as the
    // Analyze button would, rather than refuse what the person plainly wants.
    if posted.photos.is_empty() && !text.trim().is_empty() {
        return render(&analysed(name, text));
    }
    let uploads = posted.photos;
    let named = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
    let (read, uploads) = photos::scan(uploads, named, None).await;
    match read {
        Ok(scan) => render(&AnalyzePage {
            result: Some(ResultView::of(&scan.report)),
            scan: Some(ScanView::of(&scan, &uploads)),
            ..AnalyzePage::new(name, scan.ocr.text.clone())
        }),
        Err(refusal) => refused_photo(name, text, &refusal),
    }
}

/// The page with why the photos were refused, what was typed kept.
fn refused_photo(name: String, text: String, refusal: &photos::Refusal) -> Response {
    let mut response = render(&AnalyzePage {
        photo_error: Some(plain(&refusal.sentence())),
        ..AnalyzePage::new(name, text)
    });
    *response.status_mut() = refusal.status;
    response
}
