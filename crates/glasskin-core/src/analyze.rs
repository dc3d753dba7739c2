//! The INCI analyzer: any label text in, the ingredients it lists and diagnostics out.
//!
//! What a pasted page holds besides its list comes out first: free-from claims become
//! [`Claim`]s, a retailer's highlight bullets [`Highlight`]s, a Drug Facts panel its lists.
//! Then [`analyze`] splits a label into products and items ([`crate::label`]), and an [`Analyzer`]
//! reads each item: [`clean`] takes its decorations off, [`lookup`] tries its readings against
//! the knowledge base. What comes out is described in [`entry`].
//!
//! Most items are a known name as written, in any case: the analyzer looks those up as they
//! stand ([`KnowledgeBase::lookup_as_written`]) and cleans only the rest. It takes an item as
//! written only when it has no control character, no bracket at either end and no qualifier
//! ("Organic", "USP"), and the key it lowers to is one the build marked as read so
//! ([`crate::key::reads_as_written`]); then cleaning would change nothing. The part of a name
//! outside its brackets ("Titanium Dioxide" of "… (CI 77891)") is looked up as written first
//! too. glasskin-kb's property tests `names_read_as_written_read_as_cleaned` and
//! `names_found_as_written_are_found_by_the_rules` hold both to the full rules' reading.
//!
//! A cleaned name's readings go from cheap to dear ([`lookup`]): its plain key, then its parts.
//! Only a name that missed them all is tried by its letters alone (reported as `word_breaks`),
//! split where a label left out the commas, and matched fuzzily. What nearly every text answers
//! no to is asked once of the whole text, not of each item: whether it holds a control character
//! and whether a full stop ends a sentence anywhere in it.
//!
//! An entry keeps its text as a [`compact_str::CompactString`], held inline up to 24 bytes, and
//! the lookups reuse the analyzer's buffers, so most entries allocate nothing of their own.

mod analyzer;
mod claim;
mod clean;
mod entry;
mod highlight;
mod korean;
mod lookup;

pub use claim::{Claim, ClaimTarget};
pub use entry::{Entry, Flags, Match, OnePercent};
pub use highlight::Highlight;
pub use korean::{KoreanReading, READ_CONFIDENCE, read_korean};

use serde::Serialize;

use crate::kb::KnowledgeBase;
use crate::label::sun_claims::DeclaredSpf;
use crate::label::{self, HeadingKind};
use analyzer::Analyzer;

/// The analysis of one label text.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Analysis {
    /// The ingredient lists found: one per product, usually exactly one.
    pub products: Vec<ProductList>,
    /// What the analyzer noticed, dropped or guessed.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// Every entry of every product, in order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.products.iter().flat_map(|p| &p.entries)
    }
}

/// One product's ingredient list.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductList {
    /// The product's heading when the text held several ("Cleanser").
    pub title: Option<String>,
    /// The ingredients, in label order.
    pub entries: Vec<Entry>,
    /// Position of the first ingredient estimated to be below 1%, if one was found.
    pub one_percent_line: Option<usize>,
    /// Position of the first entry whose place says nothing of its amount: a US Drug Facts
    /// panel lists its inactive ingredients alphabetically, after the actives and their
    /// strengths. None for a list in order of amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alphabetical_from: Option<usize>,
    /// Sun protection the label's text declares outside the list ("Broad Spectrum SPF 30"): the
    /// product's heading, or, when the text holds one product, a line of its own that gives no
    /// advice ("use an SPF 30 daily" declares nothing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uv_declared: Option<DeclaredSpf>,
    /// What the label claims the product is free of ("formulated without parabens"): never
    /// entries of the list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub claims: Vec<Claim>,
    /// Names a retailer's page highlights outside the list ("-Zinc Oxide 14.5%: Sunscreen"):
    /// hints, never entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Highlight>,
}

/// What kind of thing a diagnostic reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// Text that is not an ingredient list was dropped.
    DroppedProse,
    /// A footnote ("*organic") was read and attached to its entries.
    Footnote,
    /// A free-from claim ("formulated without: parabens, sulfates") was read as a claim, not as
    /// ingredients.
    FreeFromClaim,
    /// A retailer's highlight bullet ("-Hyaluronic Acid: Locks in moisture") was read as a
    /// hint, not as ingredients.
    Highlight,
    /// A "may contain" section begins.
    MayContain,
    /// The text holds several products' lists.
    MultipleProducts,
    /// A name was matched by similarity, not exactly.
    FuzzyMatch,
    /// A Korean name the table of Korean names lacks was read by the Korean naming rules.
    KoreanRules,
    /// A name was not recognised.
    Unknown,
    /// Known names ran together without a separator ("Water Glycerin").
    MissingSeparator,
    /// A name was read with its spaces or hyphens mended: a word broken at a line end ("Aden-
    /// Osine") or run into the next ("AlpiniaGalanga").
    WordBreaks,
    /// The same ingredient is listed more than once.
    Duplicate,
    /// No ingredient list was found.
    Empty,
}

/// Something the analyzer noticed, dropped or guessed.
#[derive(Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Diagnostic {
    /// What kind of thing.
    pub kind: DiagnosticKind,
    /// A sentence for people.
    pub message: String,
}

impl Diagnostic {
    pub(super) fn new(kind: DiagnosticKind, message: String) -> Diagnostic {
        Diagnostic { kind, message }
    }
}

/// Whether a text holds a control character other than a line break. One pass without an early
/// exit, so that it runs as vector instructions.
fn has_control(text: &str) -> bool {
    text.bytes()
        .fold(0u8, |any, b| any | u8::from(b < b' ' && b != b'\n'))
        != 0
}

/// Analyses a label. Never fails: any text gives its best reading plus diagnostics.
pub fn analyze(text: &str, kb: &KnowledgeBase) -> Analysis {
    let text = label::normalize_text(text);
    // Free-from claims and highlight bullets come out of the text before its list is read, and
    // a Drug Facts panel is reduced to its lists: none of that text names an entry.
    let claims = label::find_claims(&text);
    let highlights = label::find_highlights(&text);
    // A Korean back panel's heading, footer lines and ※ notes are rewritten the same way.
    let mut panel = label::rewrite_panel(&text);
    let korean = label::rewrite_korean(&text);
    if !korean.is_empty() {
        panel.extend(korean);
        panel.sort_by_key(|r| r.span.start);
    }
    let edited = without_page_parts(&text, &claims, &highlights, &panel);
    let list_text = edited.as_deref().unwrap_or(&text);
    let sections = label::sections(list_text);
    let mut analyzer = Analyzer {
        kb,
        // Scratch space. Few lists need the full rules' key: it is allocated when first needed.
        key: String::new(),
        plain_key: Vec::with_capacity(64),
        outside: String::with_capacity(64),
        diagnostics: Vec::new(),
        footnotes: Vec::new(),
        uv_declared: None,
        has_sentence_end: label::has_sentence_end(list_text),
        has_control: has_control(list_text),
        claims: Vec::new(),
        highlights: Vec::new(),
    };
    // The panel's furniture is said to be dropped, as any prose is.
    for rewrite in panel.iter().filter(|r| r.with.trim().is_empty()) {
        analyzer.dropped(None, &text[rewrite.span.clone()]);
    }
    for highlight in &highlights {
        analyzer.highlight(&text[highlight.span.clone()], &highlight.names);
    }
    for claim in &claims {
        analyzer.claim(&text[claim.span.clone()], &claim.terms);
    }

    // Group the sections into products: a product heading starts one, ingredient headings add to
    // the current one, prose is dropped.
    let has_list_heading = sections.iter().any(|s| {
        matches!(
            s.kind,
            Some(HeadingKind::Ingredients) | Some(HeadingKind::Product)
        )
    });
    let mut drafts: Vec<(Option<String>, Vec<&str>)> = Vec::new();
    for section in &sections {
        let items = label::split_items(section.body);
        match section.kind {
            Some(HeadingKind::Prose) => {
                analyzer.dropped(section.heading, section.body);
            }
            None if has_list_heading && !looks_like_list(&items) => {
                analyzer.dropped(None, section.body);
            }
            Some(HeadingKind::Product) if looks_like_list(&items) => {
                drafts.push((section.heading.map(str::to_owned), items));
            }
            Some(HeadingKind::Product) => {
                analyzer.dropped(section.heading, section.body);
            }
            _ => match drafts.last_mut() {
                Some((_, list)) => list.extend(items),
                None => drafts.push((None, items)),
            },
        }
    }

    // Collected into a new vector: collecting in place would resize the drafts' allocation.
    let mut products: Vec<ProductList> = Vec::with_capacity(drafts.len());
    for (title, items) in drafts {
        let product = analyzer.product(title, &items);
        if !product.entries.is_empty() {
            products.push(product);
        }
    }
    if products.len() > 1 {
        let titles: Vec<&str> = products
            .iter()
            .map(|p| p.title.as_deref().unwrap_or("(untitled)"))
            .collect();
        analyzer.diagnose(
            DiagnosticKind::MultipleProducts,
            format!(
                "found {} products' lists: {}",
                products.len(),
                titles.join(", ")
            ),
        );
    } else if let Some(only) = products.first_mut() {
        only.title = None;
        if only.uv_declared.is_none() {
            only.uv_declared = analyzer.uv_declared.take();
        }
    }
    if products.is_empty() {
        analyzer.diagnose(DiagnosticKind::Empty, "no ingredient list found".to_owned());
        // A page that gives its actives only in highlights ("-Octinoxate 7.5%: Sunscreen") still
        // says what the product holds: an empty list carries them.
        if analyzer.highlights.iter().any(Highlight::names_an_active) {
            products.push(ProductList {
                title: None,
                entries: Vec::new(),
                one_percent_line: None,
                alphabetical_from: None,
                uv_declared: analyzer.uv_declared.take(),
                claims: Vec::new(),
                highlights: Vec::new(),
            });
        }
    }
    analyzer.attach_footnotes(&mut products);
    for product in &mut products {
        product.claims.clone_from(&analyzer.claims);
        product.highlights.clone_from(&analyzer.highlights);
    }
    Analysis {
        products,
        diagnostics: analyzer.diagnostics,
    }
}

/// The text with its claims and highlight bullets cut out and its Drug Facts panel rewritten,
/// when it has any. The panel's rewrites carry its actives: a claim or bullet inside the panel
/// goes with them.
fn without_page_parts(
    text: &str,
    claims: &[label::FoundClaim<'_>],
    highlights: &[label::FoundHighlight<'_>],
    panel: &[label::Rewrite],
) -> Option<String> {
    if claims.is_empty() && highlights.is_empty() && panel.is_empty() {
        return None;
    }
    let outside_panel = |span: &&std::ops::Range<usize>| {
        panel
            .iter()
            .all(|r| span.end <= r.span.start || r.span.end <= span.start)
    };
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = claims
        .iter()
        .map(|c| &c.span)
        .chain(highlights.iter().map(|h| &h.span))
        .filter(outside_panel)
        .map(|span| (span.clone(), "\n"))
        .chain(panel.iter().map(|r| (r.span.clone(), r.with.as_str())))
        .collect();
    edits.sort_by_key(|(span, _)| span.start);
    Some(apply_edits(text, edits))
}

/// The text with each span replaced, in order. A span that overlaps the one before is cut from
/// where that one ended, and its replacement dropped.
fn apply_edits(text: &str, edits: Vec<(std::ops::Range<usize>, &str)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, with) in edits {
        if span.end <= at {
            continue;
        }
        out.push_str(&text[at..span.start.max(at)]);
        out.push_str(if span.start >= at { with } else { "\n" });
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether items read as an ingredient list rather than a sentence.
fn looks_like_list(items: &[&str]) -> bool {
    items.len() >= 2 && items.iter().filter(|i| !looks_like_prose(i)).count() * 2 > items.len()
}

/// Sorted, for binary search.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "an", "and", "any", "apply", "are", "as", "at", "avoid", "be",
    "before", "by", "can", "contact", "daily", "do", "does", "each", "every", "eyes", "face",
    "for", "formula", "from", "gently", "has", "have", "helps", "if", "in", "into", "is", "it",
    "its", "keep", "may", "more", "not", "of", "on", "our", "out", "over", "please", "product",
    "products", "skin", "so", "that", "the", "their", "these", "this", "to", "up", "use", "used",
    "using", "we", "when", "which", "while", "will", "with", "without", "you", "your",
];

/// Whether a word is one of [`STOPWORDS`], in any case.
fn is_stopword(word: &str) -> bool {
    STOPWORDS
        .binary_search_by(|s| s.bytes().cmp(word.bytes().map(|b| b.to_ascii_lowercase())))
        .is_ok()
}

/// Whether an item reads as a sentence rather than an ingredient name.
fn looks_like_prose(item: &str) -> bool {
    let item = item.trim();
    let bytes = item.as_bytes();
    if item.contains('©') || bytes.windows(4).any(|w| w == b"http" || w == b"www.") {
        return true;
    }
    if item.ends_with(['!', '?']) {
        return true;
    }
    // A formula code ("F.I.L. D12345/1", printed by L'Oréal's brands) or a phone number
    // ("1-800-555-0100") is label furniture.
    let head = item.get(..6).unwrap_or(item);
    if head.eq_ignore_ascii_case("F.I.L.") || item.contains("1-800-") || item.contains("1-888-") {
        return true;
    }
    // Every rule below needs four words; most names have fewer.
    if bytes.iter().filter(|&&b| b == b' ').count() < 3 {
        return false;
    }
    let mut words = 0;
    let mut stop = 0;
    for word in item.split_whitespace() {
        words += 1;
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if is_stopword(word) {
            stop += 1;
        }
    }
    (stop >= 2 && words >= 4) || (stop >= 1 && words >= 6) || words >= 12
}

#[cfg(test)]
mod tests;
