//! The INCI analyzer: any label text in, the ingredients it lists and diagnostics out.

use compact_str::CompactString;
use serde::Serialize;

use crate::kb::{
    Allergen, Annex, AnnexEntry, ClassSet, FungalAcneTrigger, Ingredient, KnowledgeBase, NameKind,
    Rating, Resolved, Summary, UvSpectrum,
};
use crate::key::{
    PlainShape, ShapeTable, lookup_key, may_fold, plain_key, plain_shape, shape_table,
};
use crate::label::{self, HeadingKind};
use crate::product::DeclaredSpf;

/// The analysis of one label text.
#[derive(Debug, Serialize)]
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
pub struct ProductList {
    /// The product's heading when the text held several ("Cleanser").
    pub title: Option<String>,
    /// The ingredients, in label order.
    pub entries: Vec<Entry>,
    /// Position of the first ingredient estimated to be below 1%, if one was found.
    pub one_percent_line: Option<usize>,
    /// Sun protection the label's text declares outside the list ("Broad Spectrum SPF 30"): the
    /// product's heading, or, when the text holds one product, a line of its own that gives no
    /// advice ("use an SPF 30 daily" declares nothing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uv_declared: Option<DeclaredSpf>,
}

/// How an entry's name was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// The text is the INCI name.
    Exact,
    /// The text is a known synonym, label variant or common name.
    Synonym,
    /// The text is a near miss of a known name; see the entry's score.
    Fuzzy,
    /// Not recognised.
    Unknown,
}

impl From<NameKind> for Match {
    fn from(kind: NameKind) -> Match {
        match kind {
            NameKind::Inci => Match::Exact,
            NameKind::Synonym => Match::Synonym,
        }
    }
}

/// Where an entry likely sits relative to the 1% line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnePercent {
    /// Listed before the first ingredient normally used below 1% or declared below it (or
    /// itself declared at 1% or more).
    Above,
    /// Listed at or after it (or itself declared below 1%).
    Below,
    /// The label gives nothing to estimate from.
    Unknown,
}

/// The flags that matter to a person, taken from the knowledge base.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Flags {
    /// A labelled EU fragrance allergen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eu_allergen: Option<&'static Allergen>,
    /// Prohibited in EU cosmetics (Annex II).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prohibited: Option<&'static AnnexEntry>,
    /// Allowed only under restrictions (Annex III).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restricted: Option<&'static AnnexEntry>,
    /// Commonly listed as a fungal-acne trigger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fungal_acne: Option<&'static FungalAcneTrigger>,
    /// A published comedogenic rating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comedogenic: Option<&'static Rating>,
    /// UV filter spectrum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uv_filter: Option<&'static UvSpectrum>,
}

impl Flags {
    fn of(ingredient: &'static Ingredient) -> Flags {
        Flags {
            eu_allergen: ingredient.allergen.as_ref(),
            prohibited: ingredient.annex(Annex::II),
            restricted: ingredient.annex(Annex::III),
            fungal_acne: ingredient.fungal_acne.as_ref(),
            comedogenic: ingredient.rating.as_ref(),
            uv_filter: ingredient.uv.as_ref(),
        }
    }
}

/// One ingredient entry of a list. What the knowledge base says of its ingredient (INCI name,
/// classes, form, functions, flags) is read from the record it points at, when asked: the
/// analysis touches no record, and an entry keeps only an 8-byte summary of one.
#[derive(Clone, Debug)]
pub struct Entry {
    /// 1-based position in its list.
    pub position: usize,
    /// The text as written on the label (trimmed).
    pub raw: CompactString,
    /// How the name was recognised.
    pub matched: Match,
    /// Similarity of a fuzzy match, 0..=1.
    pub score: Option<f32>,
    /// A percentage printed with the name ("Niacinamide 10%").
    pub percent: Option<f32>,
    /// Where it likely sits relative to the 1% line.
    pub one_percent: OnePercent,
    /// Listed under "may contain" / "+/-".
    pub may_contain: bool,
    /// Marked as a nanomaterial (`[nano]`).
    pub nano: bool,
    /// The footnote its asterisk or dagger points at ("organic").
    pub note: Option<String>,
    /// The knowledge-base record, when recognised.
    pub ingredient: Option<&'static Ingredient>,
    /// The ingredient's classes, traits, flags and 1% mark, from the knowledge base's small
    /// table: what the analysis and product understanding read of every entry.
    pub(crate) summary: Summary,
}

impl Entry {
    /// The canonical INCI name, when recognised.
    pub fn inci(&self) -> Option<&'static str> {
        self.ingredient.map(|i| i.inci)
    }

    /// Routine classes.
    pub fn classes(&self) -> ClassSet {
        self.ingredient.map_or(ClassSet::EMPTY, |i| i.classes)
    }

    /// The specific form of an active (retinoid, vitamin C).
    pub fn form(&self) -> Option<&'static str> {
        self.ingredient.and_then(|i| i.form)
    }

    /// CosIng functions.
    pub fn functions(&self) -> &'static [&'static str] {
        self.ingredient.map_or(&[], |i| i.functions)
    }

    /// Flags for people.
    pub fn flags(&self) -> Flags {
        self.ingredient.map_or_else(Flags::default, Flags::of)
    }

    /// The entry of item `raw`, cleaned to `cleaned`, naming `found` (matched as `found` says).
    #[inline(always)]
    fn new(
        position: usize,
        raw: &str,
        cleaned: &Cleaned<'_>,
        may_contain: bool,
        found: Option<Resolved>,
    ) -> Entry {
        Entry {
            position,
            raw: CompactString::new(raw),
            matched: found.map_or(Match::Unknown, |r| Match::from(r.kind)),
            score: None,
            percent: cleaned.percent,
            one_percent: OnePercent::Unknown,
            may_contain,
            nano: cleaned.nano,
            note: (!cleaned.marker.is_empty()).then(|| cleaned.marker.to_owned()),
            ingredient: found.map(|r| r.ingredient),
            summary: found.map(|r| r.summary).unwrap_or_default(),
        }
    }

    /// Points the entry at another ingredient, or at none.
    fn set_ingredient(&mut self, found: Option<Resolved>, matched: Match, score: Option<f32>) {
        self.ingredient = found.map(|r| r.ingredient);
        self.summary = found.map(|r| r.summary).unwrap_or_default();
        self.matched = matched;
        self.score = score;
    }
}

/// An entry as JSON: its own fields and what the knowledge base says of its ingredient.
#[derive(Serialize)]
struct EntryJson<'e> {
    position: usize,
    raw: &'e str,
    inci: Option<&'static str>,
    matched: Match,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    percent: Option<f32>,
    one_percent: OnePercent,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    may_contain: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    nano: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'e str>,
    classes: ClassSet,
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<&'static str>,
    functions: &'static [&'static str],
    flags: Flags,
}

impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        EntryJson {
            position: self.position,
            raw: &self.raw,
            inci: self.inci(),
            matched: self.matched,
            score: self.score,
            percent: self.percent,
            one_percent: self.one_percent,
            may_contain: self.may_contain,
            nano: self.nano,
            note: self.note.as_deref(),
            classes: self.classes(),
            form: self.form(),
            functions: self.functions(),
            flags: self.flags(),
        }
        .serialize(serializer)
    }
}

/// What kind of thing a diagnostic reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// Text that is not an ingredient list was dropped.
    DroppedProse,
    /// A footnote ("*organic") was read and attached to its entries.
    Footnote,
    /// A "may contain" section begins.
    MayContain,
    /// The text holds several products' lists.
    MultipleProducts,
    /// A name was matched by similarity, not exactly.
    FuzzyMatch,
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
pub struct Diagnostic {
    /// What kind of thing.
    pub kind: DiagnosticKind,
    /// A sentence for people.
    pub message: String,
}

impl Diagnostic {
    fn new(kind: DiagnosticKind, message: String) -> Diagnostic {
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
    let sections = label::sections(&text);
    let mut analyzer = Analyzer {
        kb,
        // Scratch space. Few lists need the full rules' key: it is allocated when first needed.
        key: String::new(),
        plain_key: Vec::with_capacity(64),
        outside: String::with_capacity(64),
        diagnostics: Vec::new(),
        footnotes: Vec::new(),
        uv_declared: None,
        has_sentence_end: label::has_sentence_end(&text),
        has_control: has_control(&text),
    };

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
    }
    analyzer.attach_footnotes(&mut products);
    Analysis {
        products,
        diagnostics: analyzer.diagnostics,
    }
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
    // Every rule below needs four words; most names have fewer.
    if bytes.iter().filter(|&&b| b == b' ').count() < 3 {
        return false;
    }
    let mut words = 0;
    let mut stop = 0;
    for word in item.split_whitespace() {
        words += 1;
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if STOPWORDS
            .binary_search_by(|s| s.bytes().cmp(word.bytes().map(|b| b.to_ascii_lowercase())))
            .is_ok()
        {
            stop += 1;
        }
    }
    (stop >= 2 && words >= 4) || (stop >= 1 && words >= 6) || words >= 12
}

struct Analyzer<'k> {
    kb: &'k KnowledgeBase,
    key: String,
    /// Scratch space for keys of plain names (see [`plain_key`]).
    plain_key: Vec<u8>,
    /// Scratch space for a name outside its brackets.
    outside: String,
    diagnostics: Vec<Diagnostic>,
    /// Footnote markers ("*", "**", "†") and the text they point at.
    footnotes: Vec<(String, String)>,
    /// Sun protection declared in the text dropped as prose.
    uv_declared: Option<DeclaredSpf>,
    /// Whether a full stop ends a sentence anywhere in the text: when none does, no item needs
    /// the test.
    has_sentence_end: bool,
    /// Whether the text holds a control character other than a line break (which splits the
    /// list, so no item holds one): when none does, no item needs the test.
    has_control: bool,
}

/// An item with its decorations taken off.
struct Cleaned<'t> {
    /// The name to look up: markers, percentages and "nano" removed.
    name: Cow<'t>,
    /// The name's lookup key is its bytes in lower case ([`PlainShape::Lowered`]).
    lowered: bool,
    percent: Option<f32>,
    nano: bool,
    marker: &'t str,
}

type Cow<'t> = std::borrow::Cow<'t, str>;

impl<'t> Cleaned<'t> {
    /// A name with nothing taken off it: no marker, percentage or "nano".
    fn bare(name: &'t str, lowered: bool) -> Cleaned<'t> {
        Cleaned {
            name: Cow::Borrowed(name),
            lowered,
            percent: None,
            nano: false,
            marker: "",
        }
    }
}

impl Analyzer<'_> {
    fn diagnose(&mut self, kind: DiagnosticKind, message: String) {
        self.diagnostics.push(Diagnostic::new(kind, message));
    }

    fn dropped(&mut self, heading: Option<&str>, body: &str) {
        let text = match heading {
            Some(h) => format!("{h}:{body}"),
            None => body.to_owned(),
        };
        if self.uv_declared.is_none() {
            self.uv_declared = crate::product::claims::in_label(&text);
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        self.diagnose(
            DiagnosticKind::DroppedProse,
            format!(
                "dropped text that is not an ingredient: \"{}\"",
                excerpt(&text)
            ),
        );
    }

    fn product(&mut self, title: Option<String>, items: &[&str]) -> ProductList {
        let mut entries: Vec<Entry> = Vec::with_capacity(items.len());
        let mut may_contain = false;
        for (n, item) in items.iter().enumerate() {
            let mut item = trim(item);
            // A bullet drawn with a hyphen: "- Water".
            if let Some(rest) = item.strip_prefix("- ") {
                item = rest.trim_start();
            }
            // "…, Free of parabens, sulfates", "…, Made in Korea": the rest is not the list.
            if label::claim_len(item).is_some() {
                self.dropped(None, &items[n..].join(", "));
                break;
            }
            item = self.may_contain_section(item, &mut may_contain);
            if item.is_empty() {
                continue;
            }
            if !self.has_sentence_end || !label::has_sentence_end(item) {
                // The common case: one name, no sentence to split off.
                self.push_entries(item, &mut entries, may_contain);
                self.join_broken_name(&mut entries);
                continue;
            }
            for part in self.sentences(item) {
                // "Phenoxyethanol. May Contain: Mica": the section starts mid-item.
                let part = self.may_contain_section(part, &mut may_contain);
                if !part.is_empty() {
                    self.push_entries(part, &mut entries, may_contain);
                    self.join_broken_name(&mut entries);
                }
            }
        }
        let one_percent_line = estimate_one_percent(&mut entries);
        self.flag_duplicates(&entries);
        let uv_declared = title.as_deref().and_then(crate::product::claims::in_label);
        ProductList {
            title,
            entries,
            one_percent_line,
            uv_declared,
        }
    }

    /// Strips a leading "may contain" marker from `item`; the first one opens the section, which
    /// runs to the end of the product.
    #[inline(always)]
    fn may_contain_section<'t>(&mut self, item: &'t str, may_contain: &mut bool) -> &'t str {
        // Nearly every item has no marker: only the rest pay for a call.
        match label::may_contain_marker_len(item) {
            None => item,
            Some(len) => self.open_may_contain(item, len, may_contain),
        }
    }

    /// [`Analyzer::may_contain_section`] for an item that starts with a marker `len` bytes long.
    #[cold]
    #[inline(never)]
    fn open_may_contain<'t>(
        &mut self,
        item: &'t str,
        len: usize,
        may_contain: &mut bool,
    ) -> &'t str {
        if !*may_contain {
            self.diagnose(
                DiagnosticKind::MayContain,
                format!(
                    "\"may contain\" section from \"{}\": its ingredients may not be in every shade or batch",
                    excerpt(item)
                ),
            );
        }
        *may_contain = true;
        item[len..].trim()
    }

    /// Splits off sentences of prose glued to an item ("Tocopherol. Made in Korea") and drops
    /// them.
    fn sentences<'t>(&mut self, item: &'t str) -> Vec<&'t str> {
        let parts = label::sentences(item);
        // "Alcohol Denat. SD Alcohol 40-B" is one name, full stop and all, and so is "Alcohol
        // Denat. (SD Alcohol 40-B)". But in "Phenoxyethanol. Titanium Dioxide (CI 77891)" only a
        // bracket resolves, and the first sentence is a name of its own.
        if parts.len() > 1 {
            let cleaned = clean(item);
            let whole = match self.try_shaped(&cleaned.name, cleaned.lowered) {
                Some(_) => true,
                None => {
                    self.part_candidates(&cleaned.name).is_some()
                        && (parts[1..].iter().all(|p| p.trim_start().starts_with('('))
                            || !self.resolves(parts[0]))
                }
            };
            if whole {
                return vec![item];
            }
        }
        let mut kept = Vec::new();
        for sentence in parts {
            let sentence = sentence.trim();
            if sentence.is_empty() {
                continue;
            }
            if !looks_like_prose(sentence)
                || label::starts_may_contain(sentence)
                || self.resolves(sentence)
            {
                kept.push(sentence);
            } else {
                self.dropped(None, sentence);
            }
        }
        kept
    }

    fn resolves(&mut self, text: &str) -> bool {
        let cleaned = clean(text);
        self.candidates(&cleaned.name, cleaned.lowered).is_some()
    }

    /// Reads one item into `entries`: usually one entry, none for a footnote, several when a
    /// label left out the commas between known names.
    fn push_entries(&mut self, item: &str, entries: &mut Vec<Entry>, may_contain: bool) {
        let raw = match item.as_bytes() {
            // Nearly every item: nothing to trim.
            [first, .., last]
                if first.is_ascii_graphic()
                    && last.is_ascii_graphic()
                    && !matches!(last, b'.' | b',') =>
            {
                item
            }
            _ => item.trim().trim_end_matches(['.', ',']).trim(),
        };
        if let Some(found) = self.as_written(raw) {
            let cleaned = Cleaned::bare(raw, true);
            let entry = Entry::new(entries.len() + 1, raw, &cleaned, may_contain, Some(found));
            entries.push(entry);
            return;
        }
        let cleaned = clean(raw);
        if cleaned.name.is_empty() {
            return;
        }
        if let Some(found) = self.candidates(&cleaned.name, cleaned.lowered) {
            let entry = Entry::new(entries.len() + 1, raw, &cleaned, may_contain, Some(found));
            entries.push(entry);
            return;
        }
        self.push_unrecognised(raw, &cleaned, entries, may_contain);
    }

    /// What an item names when it is a known name as written, in any case: most items. Cleaning
    /// it would change nothing, so it is looked up as it stands. `None` says only that the item
    /// needs cleaning first.
    #[inline]
    fn as_written(&self, raw: &str) -> Option<Resolved> {
        let bytes = raw.as_bytes();
        // Lowering turns a control character into a digit or punctuation.
        if self.has_control && has_control(raw)
            || bytes.first() == Some(&b'(')
            || bytes.last() == Some(&b')')
            || may_have_qualifier(raw)
        {
            return None;
        }
        self.kb.lookup_as_written(bytes)
    }

    /// The rest of [`Analyzer::push_entries`], for a name the knowledge base does not hold as
    /// written. Rare, and kept out of line so that the common path stays small in the
    /// processor's instruction cache.
    #[cold]
    #[inline(never)]
    fn push_unrecognised(
        &mut self,
        raw: &str,
        cleaned: &Cleaned<'_>,
        entries: &mut Vec<Entry>,
        may_contain: bool,
    ) {
        let position = entries.len() + 1;
        let new = |found: Option<Resolved>, matched, score| Entry {
            matched,
            score,
            ..Entry::new(position, raw, cleaned, may_contain, found)
        };
        // A leading marker with no ingredient after it is a footnote: "*organic".
        if !cleaned.marker.is_empty() && raw.starts_with(cleaned.marker) {
            self.footnotes
                .push((cleaned.marker.to_owned(), cleaned.name.trim().to_owned()));
            self.diagnose(
                DiagnosticKind::Footnote,
                format!(
                    "footnote \"{}\" read as a note, not an ingredient",
                    excerpt(raw)
                ),
            );
            return;
        }
        // Only now, for names that missed, is it worth asking whether this is prose.
        if looks_like_prose(raw) {
            self.dropped(None, raw);
            return;
        }
        let key = self.fuzzy_key(&cleaned.name);
        if let Some(resolved) = self.kb.lookup_squashed(&key) {
            self.diagnose(
                DiagnosticKind::WordBreaks,
                format!(
                    "\"{}\" read as {}: the same letters, with the spaces or hyphens mended",
                    excerpt(raw),
                    resolved.ingredient.inci
                ),
            );
            entries.push(new(Some(resolved), Match::from(resolved.kind), None));
            return;
        }
        if let Some(pieces) = self.segment(&cleaned.name) {
            let names: Vec<&str> = pieces.iter().map(|(r, _)| r.ingredient.inci).collect();
            self.diagnose(
                DiagnosticKind::MissingSeparator,
                format!(
                    "\"{}\" read as {} names with a missing comma: {}",
                    excerpt(raw),
                    pieces.len(),
                    names.join(", ")
                ),
            );
            for (found, text) in pieces {
                let mut entry = new(Some(found), Match::from(found.kind), None);
                entry.position = entries.len() + 1;
                entry.raw = text.into();
                entries.push(entry);
            }
            return;
        }
        match self.kb.fuzzy(&key) {
            Some((resolved, score)) => {
                self.diagnose(
                    DiagnosticKind::FuzzyMatch,
                    format!(
                        "\"{}\" read as {} (similarity {score:.2})",
                        excerpt(raw),
                        resolved.ingredient.inci
                    ),
                );
                entries.push(new(Some(resolved), Match::Fuzzy, Some(score)));
            }
            None => {
                self.diagnose(
                    DiagnosticKind::Unknown,
                    format!("\"{}\" is not a known ingredient", excerpt(raw)),
                );
                entries.push(new(None, Match::Unknown, None));
            }
        }
    }

    /// Mends a name a label broke in two with a stray comma ("Hydroxyethyl Acrylate, Sodium
    /// Acryloyldimethyl Taurate Copolymer"): when either of the last two entries is unknown and
    /// the two joined make a known name, they become one entry.
    #[inline]
    fn join_broken_name(&mut self, entries: &mut Vec<Entry>) {
        // Nearly always both are known: only the rest pay for a call.
        if let [.., first, second] = entries.as_slice()
            && (first.matched == Match::Unknown || second.matched == Match::Unknown)
        {
            self.join_broken_halves(entries);
        }
    }

    /// [`Analyzer::join_broken_name`] once one of the last two entries is unknown.
    #[cold]
    #[inline(never)]
    fn join_broken_halves(&mut self, entries: &mut Vec<Entry>) {
        let [.., first, second] = entries.as_slice() else {
            return;
        };
        let unknowns = usize::from(first.matched == Match::Unknown)
            + usize::from(second.matched == Match::Unknown);
        let mut joined = String::with_capacity(first.raw.len() + second.raw.len() + 2);
        for separator in ["/", " ", ", "] {
            joined.clear();
            joined.extend([first.raw.as_str(), separator, second.raw.as_str()]);
            // Whole readings only: a slash part would let any half "resolve" the join.
            let cleaned = clean(&joined);
            let hit = match self.try_shaped(&cleaned.name, cleaned.lowered) {
                None if cleaned
                    .name
                    .bytes()
                    .any(|b| matches!(b, b'(' | b'[' | b'{')) =>
                {
                    self.try_outside_brackets(&cleaned.name)
                }
                hit => hit,
            };
            let Some(found) = hit else {
                continue;
            };
            entries.pop();
            let merged = entries.last_mut().expect("two entries");
            merged.raw = joined.as_str().into();
            merged.set_ingredient(Some(found), Match::from(found.kind), None);
            // Take back the "not a known ingredient" notes of the halves.
            for _ in 0..unknowns {
                if let Some(at) = self
                    .diagnostics
                    .iter()
                    .rposition(|d| d.kind == DiagnosticKind::Unknown)
                {
                    self.diagnostics.remove(at);
                }
            }
            return;
        }
    }

    /// Tries the readings of a name in order: whole; without bracketed parts; each bracketed
    /// part; each slash-separated part.
    #[inline]
    fn candidates(&mut self, name: &str, lowered: bool) -> Option<Resolved> {
        match self.try_shaped(name, lowered) {
            Some(hit) => Some(hit),
            None => self.part_candidates(name),
        }
    }

    /// [`Analyzer::candidates`] once the whole name has missed.
    #[inline(never)]
    fn part_candidates(&mut self, name: &str) -> Option<Resolved> {
        // Byte by byte: a pattern of characters would decode each one.
        const PARTS: [bool; 256] = label::byte_set(b"([{/");
        if !name.bytes().any(|b| PARTS[usize::from(b)]) {
            return None;
        }
        // The buffer is taken out of `self` while `try_name` borrows it mutably.
        let mut outside = std::mem::take(&mut self.outside);
        outside_brackets(name, &mut outside);
        let found = self.bracket_candidates(name, &outside);
        self.outside = outside;
        found
    }

    /// [`Analyzer::candidates`] once the whole name has missed: the name outside its brackets,
    /// then its parts.
    fn bracket_candidates(&mut self, name: &str, outside: &str) -> Option<Resolved> {
        if outside.len() != name.len()
            && !outside.trim().is_empty()
            && let Some(hit) = self.try_name(outside)
        {
            // "Iron Oxides (CI 77499)": the INCI name in brackets is more precise than a
            // synonym outside them.
            if hit.kind == NameKind::Synonym
                && let Some(exact) = bracketed(name)
                    .filter_map(|p| self.try_name(p))
                    .find(|r| r.kind == NameKind::Inci)
            {
                return Some(exact);
            }
            return Some(hit);
        }
        bracketed(name)
            .flat_map(|p| p.split(['/', ',']))
            .chain(outside.split('/'))
            .filter(|part| part.trim().len() >= 2)
            .find_map(|part| self.try_name(part))
    }

    /// The key fuzzy matching compares: the name without its bracketed parts.
    fn fuzzy_key(&mut self, name: &str) -> String {
        let mut outside = String::new();
        outside_brackets(name, &mut outside);
        let main = if outside.trim().is_empty() {
            name
        } else {
            &outside
        };
        let mut key = String::new();
        lookup_key(main, &mut key);
        key
    }

    /// Splits "Water Glycerin Niacinamide" into known names at word boundaries, fewest pieces
    /// first. Only a complete reading of two or more pieces counts.
    fn segment(&mut self, name: &str) -> Option<Vec<(Resolved, String)>> {
        // Words in one piece, and in the whole run.
        const MAX_WORDS: usize = 8;
        const MAX_NAME_WORDS: usize = 24;
        // "Sodium Tallowate or Sodium Palmitate", and trade blends' "Dimethicone (and)
        // Dimethiconol": connectives separate names like commas.
        let connective = |w: &str| {
            ["or", "and", "&", "and/or", "(and)"]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(w))
        };
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 || words.len() > MAX_NAME_WORDS {
            return None;
        }
        // Every word must occur in some known name, or no reading can cover it.
        let mut word_key = String::new();
        for word in words.iter().filter(|w| !connective(w)) {
            lookup_key(word, &mut word_key);
            let known = word_key
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .all(|t| self.kb.knows_word(t));
            if !known {
                return None;
            }
        }
        // Brackets opened and closed before each word: a run of words that cuts a bracket in two
        // is no name, and is not looked up.
        let (mut opened, mut closed) = ([0usize; MAX_NAME_WORDS + 1], [0usize; MAX_NAME_WORDS + 1]);
        for (n, word) in words.iter().enumerate() {
            opened[n + 1] = opened[n];
            closed[n + 1] = closed[n];
            for b in word.bytes() {
                opened[n + 1] += usize::from(matches!(b, b'(' | b'[' | b'{'));
                closed[n + 1] += usize::from(matches!(b, b')' | b']' | b'}'));
            }
        }
        // A run of words as one slice of `name` (the key folds the spaces between them).
        let span = |start: usize, end: usize| {
            let from = words[start].as_ptr() as usize - name.as_ptr() as usize;
            let to =
                words[end - 1].as_ptr() as usize - name.as_ptr() as usize + words[end - 1].len();
            &name[from..to]
        };
        // best[i]: fewest pieces covering words[..i], and where the last piece starts.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; words.len() + 1];
        best[0] = Some((0, 0));
        for end in 1..=words.len() {
            if connective(words[end - 1]) {
                // A connective joins nothing itself: carry the cover over it.
                best[end] = best[end - 1].map(|(pieces, _)| (pieces, end - 1));
                continue;
            }
            for start in end.saturating_sub(MAX_WORDS)..end {
                let Some((pieces, _)) = best[start] else {
                    continue;
                };
                if words[start..end].iter().any(|w| connective(w)) {
                    continue;
                }
                if best[end].is_some_and(|(p, _)| p <= pieces + 1) {
                    continue;
                }
                let brackets = opened[end] - opened[start];
                if brackets != closed[end] - closed[start] {
                    continue;
                }
                if self.try_piece(span(start, end), brackets > 0).is_some() {
                    best[end] = Some((pieces + 1, start));
                }
            }
        }
        let (count, _) = best[words.len()]?;
        if count < 2 {
            return None;
        }
        let mut pieces = Vec::with_capacity(count);
        let mut end = words.len();
        while end > 0 {
            let (_, start) = best[end]?;
            if connective(words[end - 1]) {
                end = start;
                continue;
            }
            let text = span(start, end);
            let found = self.try_piece(text, opened[end] > opened[start])?;
            pieces.push((found, text.to_owned()));
            end = start;
        }
        pieces.reverse();
        Some(pieces)
    }

    fn try_name(&mut self, name: &str) -> Option<Resolved> {
        self.try_shaped(name, false)
    }

    /// A piece of a run of names, whose brackets (if it `has_brackets`) close within it: as
    /// written, or by its words outside them ("Oryza Sativa (Rice) Bran Oil"), less a footnote
    /// mark ("Oil** Lavandula").
    fn try_piece(&mut self, text: &str, has_brackets: bool) -> Option<Resolved> {
        let text = match text.as_bytes().last() {
            Some(b'*') | Some(0x80..) => text.trim_end_matches(['*', '†', '‡']),
            _ => text,
        };
        match self.try_name(text) {
            // A common name in brackets follows a name: "(Rice) Bran Oil" is not one.
            None if has_brackets && !text.starts_with(['(', '[', '{']) => {
                self.try_outside_brackets(text)
            }
            hit => hit,
        }
    }

    /// Looks `name` up by its words outside its brackets.
    fn try_outside_brackets(&mut self, name: &str) -> Option<Resolved> {
        // The buffer is taken out of `self` while `try_name` borrows it mutably.
        let mut outside = std::mem::take(&mut self.outside);
        outside_brackets(name, &mut outside);
        let hit = if outside.bytes().all(|b| b == b' ') {
            None
        } else {
            self.try_name(&outside)
        };
        self.outside = outside;
        hit
    }

    /// Looks a name up by its plain key when it has one, by the full rules otherwise. `lowered`
    /// says the name's key is already known to be its bytes in lower case.
    ///
    /// Stored keys are already folded: a hit is the full rules' hit, and a miss is final unless
    /// a fold would change the key.
    #[inline]
    fn try_shaped(&mut self, name: &str, lowered: bool) -> Option<Resolved> {
        if !lowered {
            return self.try_unlowered(name);
        }
        // The common case, inline: a lowered name found.
        match self.kb.lookup_lowered(name.as_bytes()) {
            Some(hit) => Some(hit),
            None => self.try_folded(name, name.as_bytes()),
        }
    }

    /// [`Analyzer::try_shaped`] for a name not known to be lowered.
    #[inline(never)]
    fn try_unlowered(&mut self, name: &str) -> Option<Resolved> {
        // Most such names are parts of a name, known as written ("Titanium Dioxide" of "…
        // (CI 77891)"): a hit on a key that reads as written is the key `plain_key` would build,
        // once no control character can lower to punctuation.
        if !self.has_control
            && let Some(hit) = self.kb.lookup_as_written(name.as_bytes())
        {
            return Some(hit);
        }
        if !plain_key(name.as_bytes(), &mut self.plain_key) {
            return self.try_full_key(name);
        }
        if let Some(hit) = self.kb.lookup_key_bytes(&self.plain_key) {
            return Some(hit);
        }
        let key = std::mem::take(&mut self.plain_key);
        let found = self.try_folded(name, &key);
        self.plain_key = key;
        found
    }

    /// The full rules' reading of a name whose plain `key` missed, when they would fold it.
    #[inline(never)]
    fn try_folded(&mut self, name: &str, key: &[u8]) -> Option<Resolved> {
        if may_fold(key) {
            self.try_full_key(name)
        } else {
            None
        }
    }

    fn try_full_key(&mut self, name: &str) -> Option<Resolved> {
        lookup_key(name, &mut self.key);
        self.kb.lookup_key(&self.key)
    }

    fn flag_duplicates(&mut self, entries: &[Entry]) {
        // Repeats are rare: a 256-bit filter of the names seen so far clears most entries, and
        // only a possible repeat is looked for among the entries before it.
        let mut seen = [0u64; 4];
        for (n, entry) in entries.iter().enumerate() {
            let Some(ingredient) = entry.ingredient else {
                continue;
            };
            let hash =
                (std::ptr::from_ref(ingredient) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56;
            let (word, bit) = ((hash / 64) as usize, 1 << (hash % 64));
            if seen[word] & bit == 0 {
                seen[word] |= bit;
                continue;
            }
            // The knowledge base holds one record per ingredient: a repeat is the same address.
            if entries[..n].iter().any(|e| {
                e.ingredient
                    .is_some_and(|other| std::ptr::eq(other, ingredient))
            }) {
                self.diagnose(
                    DiagnosticKind::Duplicate,
                    format!(
                        "{} is listed more than once (position {})",
                        ingredient.inci, entry.position
                    ),
                );
            }
        }
    }

    fn attach_footnotes(&self, products: &mut [ProductList]) {
        for entry in products.iter_mut().flat_map(|p| &mut p.entries) {
            if let Some(marker) = &entry.note
                && let Some((_, text)) = self.footnotes.iter().find(|(m, _)| m == marker)
            {
                entry.note = Some(text.clone());
            }
        }
    }
}

/// Sets each entry's place relative to the 1% line and returns the line's position: the first
/// ingredient normally used below 1%, or declared below it. Ingredients of 1% or more come first
/// on a label, so all after either are below 1% too. A declared one counts only after the first
/// undeclared one: a drug-facts label's actives ("Salicylic Acid 0.5%") come before a list of
/// their own.
fn estimate_one_percent(entries: &mut [Entry]) -> Option<usize> {
    let mut undeclared_before = false;
    let line = entries.iter().position(|e| {
        let declared_below = undeclared_before && e.percent.is_some_and(|p| p < 1.0);
        undeclared_before |= e.percent.is_none();
        !e.may_contain && (e.summary.marks_one_percent_line() || declared_below)
    });
    for (n, entry) in entries.iter_mut().enumerate() {
        entry.one_percent = match (entry.percent, line) {
            (Some(p), _) if p >= 1.0 => OnePercent::Above,
            (Some(_), _) => OnePercent::Below,
            _ if entry.may_contain => OnePercent::Below,
            (None, Some(line)) if n < line => OnePercent::Above,
            (None, Some(_)) => OnePercent::Below,
            // The first ingredient is the largest, so at least 1% in any list under 100 items.
            (None, None) if n == 0 => OnePercent::Above,
            (None, None) => OnePercent::Unknown,
        };
    }
    line.map(|l| l + 1)
}

/// Takes footnote markers, percentages, "nano" and stray brackets off an item.
#[inline]
fn clean(raw: &str) -> Cleaned<'_> {
    // Most items are a bare name: letters, digits, spaces, round brackets and the punctuation of
    // INCI names.
    let (shape, seen) = plain_shape(raw.as_bytes(), &SHAPES_AND_KINDS);
    let may_say_nano = seen & NANO_LETTERS == NANO_LETTERS;
    // A concentration in parts per million, as Korean labels give it ("Niacinamide 20,000ppm",
    // "Centella Asiatica Extract (10,000ppm)"), is taken off like a percentage.
    if shape != PlainShape::NotPlain
        && !(may_say_nano && says_nano(raw))
        && !ends_with_parts_per(raw)
    {
        let name = if seen & ROUND_BRACKET != 0 {
            tidy(raw)
        } else {
            trim(raw)
        };
        // Trimming and stripping a name leave a part of it that keys the same way.
        return Cleaned::bare(strip_qualifiers(name), shape == PlainShape::Lowered);
    }
    clean_decorated(raw)
}

/// [`clean`] for an item with more than a plain name: footnote marks, a percentage, "nano",
/// trade marks or a dotted leader. Out of line, like [`Analyzer::push_unrecognised`].
#[cold]
#[inline(never)]
fn clean_decorated(raw: &str) -> Cleaned<'_> {
    let marks = |c: char| matches!(c, '*' | '†' | '‡' | '°' | '¹' | '²' | '³' | '^' | '#' | '+');
    let lead = raw.len() - raw.trim_start_matches(marks).len();
    // Trailing marks may be spaced: "Stellaria Media Extract+ **".
    let body = &raw[lead..];
    let trail = body.len() - body.trim_end_matches(|c| marks(c) || c == ' ').len();
    let marker = if lead > 0 {
        &raw[..lead]
    } else {
        raw[raw.len() - trail..].trim_start()
    };
    let mut name: Cow<'_> = Cow::Borrowed(raw[lead..raw.len() - trail].trim());
    // A dotted leader runs to the drug-facts "Purpose" column: "Adapalene 0.1% ..... Acne treatment".
    if name.contains('.')
        && let Some(at) = name.find("...")
    {
        name = Cow::Owned(name[..at].trim().to_owned());
    }
    if name.contains(['®', '™']) {
        name = Cow::Owned(name.replace(['®', '™'], ""));
    }
    let mut percent = None;
    if name.contains('%') || ends_with_parts_per(&name) {
        let (rest, p) = take_concentration(&name);
        percent = p;
        name = Cow::Owned(rest);
    }
    let mut nano = false;
    let has_nano = says_nano(&name);
    let lower = if has_nano {
        name.to_ascii_lowercase()
    } else {
        String::new()
    };
    for pattern in ["[nano]", "(nano)", " nano", "nano "]
        .iter()
        .filter(|_| has_nano)
    {
        if let Some(at) = lower.find(pattern) {
            let whole_word =
                pattern.starts_with(['[', '(']) || at == 0 || at + pattern.len() == lower.len();
            if whole_word {
                nano = true;
                let mut s = name.into_owned();
                s.replace_range(at..at + pattern.len(), " ");
                name = Cow::Owned(s);
                break;
            }
        }
    }
    let name = match name {
        Cow::Borrowed(s) => Cow::Borrowed(strip_qualifiers(tidy(s))),
        Cow::Owned(s) => Cow::Owned(strip_qualifiers(tidy(&s)).to_owned()),
    };
    Cleaned {
        name,
        lowered: false,
        percent,
        nano,
        marker,
    }
}

// What [`clean`] needs to know of an item's bytes beyond its plain shape, gathered in the same
// pass: round brackets, and the letters of "nano".
const ROUND_BRACKET: u8 = 1;
const NANO_LETTERS: u8 = 2 | 4 | 8;
/// [`BYTE_KINDS`] with each byte's class: what [`clean`] asks of every byte.
const SHAPES_AND_KINDS: ShapeTable = shape_table(&BYTE_KINDS);
const BYTE_KINDS: [u8; 256] = {
    let mut table = [0; 256];
    table[b'(' as usize] = ROUND_BRACKET;
    table[b')' as usize] = ROUND_BRACKET;
    let letters = [(b'n', 2), (b'a', 4), (b'o', 8)];
    let mut i = 0;
    while i < letters.len() {
        let (letter, bit) = letters[i];
        table[letter as usize] = bit;
        table[letter.to_ascii_uppercase() as usize] = bit;
        i += 1;
    }
    table
};

/// Whether "nano" occurs in the text, in any case.
fn says_nano(text: &str) -> bool {
    // Only N and n become n with the 0x20 bit set, and so on: exact for these letters. One
    // compare per window, where a branch on each letter would mispredict.
    const NANO: u32 = u32::from_le_bytes(*b"nano");
    text.as_bytes()
        .windows(4)
        .any(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]) | 0x2020_2020 == NANO)
}

/// `str::trim`, without decoding characters when both ends are visible ASCII (nearly always).
fn trim(s: &str) -> &str {
    // Items after the first keep the space that followed their comma: ASCII spaces come off
    // byte by byte, and only what they leave at either end that is not visible ASCII needs the
    // full rules.
    let ascii = s.trim_ascii();
    match ascii.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => ascii,
        _ => ascii.trim(),
    }
}

const QUALIFIER_PREFIXES: &[&str] = &["certified organic ", "organic ", "natural ", "pure "];
const QUALIFIER_SUFFIXES: &[&str] = &[" usp", " nf", " bp", " ph eur", " ph. eur"];

// Few names carry a qualifier: the first four bytes and the last three, lowered and read as one
// word each, rule out the rest with a compare or two, where a branch on each letter would
// mispredict.
const QUALIFIER_STARTS: [u32; QUALIFIER_PREFIXES.len()] = label::head_words(QUALIFIER_PREFIXES);
const QUALIFIER_ENDS: [u32; QUALIFIER_SUFFIXES.len()] = {
    let mut ends = [0; QUALIFIER_SUFFIXES.len()];
    let mut i = 0;
    while i < QUALIFIER_SUFFIXES.len() {
        ends[i] = last_three(QUALIFIER_SUFFIXES[i].as_bytes());
        i += 1;
    }
    ends
};

/// The last three bytes lowered, as one word; 0 for a shorter text.
const fn last_three(bytes: &[u8]) -> u32 {
    match bytes {
        [.., a, b, c] => u32::from_le_bytes([*a, *b, *c, 0]) | 0x20_2020,
        _ => 0,
    }
}

fn may_start_with_qualifier(name: &str) -> bool {
    QUALIFIER_STARTS.contains(&label::head_word(name.as_bytes()))
}

fn may_end_with_qualifier(name: &str) -> bool {
    QUALIFIER_ENDS.contains(&last_three(name.as_bytes()))
}

fn may_have_qualifier(name: &str) -> bool {
    may_start_with_qualifier(name) || may_end_with_qualifier(name)
}

/// "Organic Glycerin" → "Glycerin", "Petrolatum USP" → "Petrolatum": claims about sourcing and
/// pharmacopoeia grades are not part of the INCI name.
#[inline]
fn strip_qualifiers(name: &str) -> &str {
    // Inline, so that nearly every name, which has none, pays no call.
    if may_have_qualifier(name) {
        strip_found_qualifiers(name)
    } else {
        name
    }
}

/// [`strip_qualifiers`] for a name that may have one.
#[inline(never)]
fn strip_found_qualifiers(name: &str) -> &str {
    let mut name = name;
    while may_start_with_qualifier(name)
        && let Some(prefix) = QUALIFIER_PREFIXES.iter().find(|p| {
            name.len() > p.len()
                && name
                    .get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p))
        })
    {
        name = &name[prefix.len()..];
    }
    for suffix in QUALIFIER_SUFFIXES {
        if !may_end_with_qualifier(name) {
            break;
        }
        if name.len() > suffix.len()
            && name
                .get(name.len() - suffix.len()..)
                .is_some_and(|t| t.eq_ignore_ascii_case(suffix))
        {
            name = name[..name.len() - suffix.len()].trim_end();
        }
    }
    name
}

fn tidy(s: &str) -> &str {
    let s = match s.as_bytes() {
        // Nearly every name: nothing to trim.
        [first, .., last]
            if first.is_ascii_graphic()
                && last.is_ascii_graphic()
                && !matches!(last, b'.' | b',' | b':' | b'*') =>
        {
            s
        }
        _ => s
            .trim_start()
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ':' | '*')),
    };
    // Only a bracket at either end can be stray.
    if s.starts_with(['(', '[', '{']) || s.ends_with([')', ']', '}']) {
        trim_stray_brackets(s)
    } else {
        s
    }
}

/// Removes a bracket at either end that has no partner ("[+/- CI 77891" leaves "CI 77891]").
fn trim_stray_brackets(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s.len();
        let (opens, closes) = brackets_in(s).fold((0, 0), |(opens, closes), (_, b)| {
            let open = matches!(b, b'(' | b'[' | b'{');
            (opens + usize::from(open), closes + usize::from(!open))
        });
        if closes > opens && s.ends_with([')', ']', '}']) {
            s = s[..s.len() - 1].trim_end();
        } else if opens > closes && s.starts_with(['(', '[', '{']) {
            s = s[1..].trim_start();
        } else if s.starts_with(['(', '[']) && s.ends_with([')', ']']) && opens == 1 && closes == 1
        {
            s = s[1..s.len() - 1].trim();
        }
        // Each step only shortens the text.
        if s.len() == before {
            return s;
        }
    }
}

/// Whether a name ends with a number of parts per million or billion, before closing brackets
/// and marks: Korean labels give concentrations so, "Niacinamide 20,000ppm", "Panax Ginseng
/// Root Extract (0.3 ppb)".
#[inline]
fn ends_with_parts_per(name: &str) -> bool {
    // Nearly every name ends with a letter no unit ends with: only the rest pay for a call.
    matches!(
        name.as_bytes().last(),
        Some(b'm' | b'M' | b'b' | b'B' | b')' | b']' | b' ' | b'*' | b'.')
    ) && parts_per(name).is_some()
}

/// Where a number of parts per million or billion ends (the unit's first byte), and how many
/// parts make one percent.
fn parts_per(name: &str) -> Option<(usize, f32)> {
    let bytes = name.as_bytes();
    let unit_end = 1 + bytes
        .iter()
        .rposition(|b| !matches!(b, b')' | b']' | b' ' | b'*' | b'.'))?;
    let at = unit_end.checked_sub(3)?;
    let unit = &bytes[at..unit_end];
    let per_percent = if unit.eq_ignore_ascii_case(b"ppm") {
        1e4
    } else if unit.eq_ignore_ascii_case(b"ppb") {
        1e7
    } else {
        return None;
    };
    name[..at]
        .trim_end()
        .ends_with(|c: char| c.is_ascii_digit())
        .then_some((at, per_percent))
}

/// Takes a concentration out of a name and returns the rest and the percentage: "10%", "(2%)",
/// "0.5 %" or "0,5%"; or parts per million or billion at the end, "(10,000ppm)", "400 PPM" or
/// "(1.1 ppb)", where a comma groups thousands.
fn take_concentration(name: &str) -> (String, Option<f32>) {
    let (at, unit_len, per_percent) = match name.find('%') {
        Some(at) => (at, 1, 1.0),
        None => match parts_per(name) {
            Some((at, per_percent)) => (at, 3, per_percent),
            None => return (name.to_owned(), None),
        },
    };
    let before = name[..at].trim_end();
    let num_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let digits = &before[num_start..];
    // A comma is a decimal point in a percentage ("0,5%") and groups thousands in parts per
    // million ("10,000ppm").
    let number = if unit_len == 1 {
        digits.replace(',', ".")
    } else {
        digits.replace(',', "")
    };
    let value = number
        .parse::<f32>()
        .ok()
        .map(|v| v / per_percent)
        .filter(|v| (0.0..=100.0).contains(v));
    let mut rest = String::with_capacity(name.len());
    rest.push_str(&name[..num_start]);
    rest.push_str(&name[at + unit_len..]);
    let rest = rest.replace("()", "").replace("[]", "");
    (rest.split_whitespace().collect::<Vec<_>>().join(" "), value)
}

/// Writes the text of a name outside its brackets into `out`, each bracketed part replaced by a
/// space: "Camellia Sinensis (Green Tea) Leaf Extract" → "Camellia Sinensis Leaf Extract". Spaces
/// left doubled or at either end by a removed part are dropped, as keys drop them, so the text
/// keys on the fast path.
fn outside_brackets(name: &str, out: &mut String) {
    // Appends a part, without the spaces it would double.
    fn append(out: &mut String, part: &str) {
        out.push_str(if out.is_empty() || out.ends_with(' ') {
            part.trim_start_matches(' ')
        } else {
            part
        });
    }
    out.clear();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, b) in brackets_in(name) {
        match b {
            b'(' | b'[' | b'{' => {
                if depth == 0 {
                    append(out, &name[start..i]);
                }
                depth += 1;
            }
            _ if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if depth == 0 {
        append(out, &name[start..]);
    }
    out.truncate(out.trim_end_matches(' ').len());
}

/// The brackets of a name and where they are. Only they matter to [`outside_brackets`] and
/// [`bracketed`]: the bytes between are skipped with a table test each, where a test of each
/// kind of bracket would take several branches.
fn brackets_in(name: &str) -> impl Iterator<Item = (usize, u8)> {
    const BRACKETS: [bool; 256] = label::byte_set(b"()[]{}");
    let bytes = name.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from
            + bytes[from..]
                .iter()
                .position(|&b| BRACKETS[usize::from(b)])?;
        from = at + 1;
        Some((at, bytes[at]))
    })
}

/// The parts of a name in brackets, outermost only: "Water (Aqua) (Eau)" → "Aqua", "Eau".
fn bracketed(name: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    let mut start = 0;
    brackets_in(name).filter_map(move |(i, b)| match b {
        b'(' | b'[' | b'{' => {
            if depth == 0 {
                start = i + 1;
            }
            depth += 1;
            None
        }
        b')' | b']' | b'}' if depth > 0 => {
            depth -= 1;
            (depth == 0).then(|| &name[start..i])
        }
        _ => None,
    })
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_taken_out() {
        assert_eq!(
            take_concentration("Niacinamide 10%"),
            ("Niacinamide".to_owned(), Some(10.0))
        );
        assert_eq!(
            take_concentration("Zinc Oxide (9.0%)"),
            ("Zinc Oxide".to_owned(), Some(9.0))
        );
        assert_eq!(
            take_concentration("Salicylic Acid 0,5 %"),
            ("Salicylic Acid".to_owned(), Some(0.5))
        );
    }

    #[test]
    fn parts_per_million_are_a_percentage() {
        assert_eq!(
            take_concentration("Centella Asiatica Extract(10,000ppm)"),
            ("Centella Asiatica Extract".to_owned(), Some(1.0))
        );
        assert_eq!(
            take_concentration("Adenosine 400 PPM"),
            ("Adenosine".to_owned(), Some(0.04))
        );
        assert_eq!(
            take_concentration("Panax Ginseng Berry Extract(1.1 ppb)"),
            ("Panax Ginseng Berry Extract".to_owned(), Some(1.1e-7))
        );
        // "ppm" after no number is not a concentration.
        assert_eq!(
            take_concentration("Ppm Extract"),
            ("Ppm Extract".to_owned(), None)
        );
        assert!(
            ends_with_parts_per("Niacinamide 20,000PPM")
                && ends_with_parts_per("Extract (10 ppm)*")
        );
        assert!(!ends_with_parts_per("Polymethyl Methacrylate") && !ends_with_parts_per("pm"));
    }

    #[test]
    fn brackets_split() {
        let name = "Camellia Sinensis (Green Tea) Leaf Extract";
        let mut outside = String::new();
        outside_brackets(name, &mut outside);
        assert_eq!(outside, "Camellia Sinensis Leaf Extract");
        assert_eq!(bracketed(name).collect::<Vec<_>>(), ["Green Tea"]);
        outside_brackets("(Aqua) Water(Eau)/ Glycerin (Vegetable)", &mut outside);
        assert_eq!(outside, "Water / Glycerin");
        // An unclosed bracket hides the rest, as before.
        outside_brackets("Water (Aqua", &mut outside);
        assert_eq!(outside, "Water");
        assert_eq!(
            bracketed("Mica [CI 77019 (x)] Talc").collect::<Vec<_>>(),
            ["CI 77019 (x)"]
        );
    }

    #[test]
    fn qualifiers_come_off_in_any_case() {
        for (name, left) in [
            ("Organic Glycerin", "Glycerin"),
            (
                "CERTIFIED ORGANIC Aloe Barbadensis Leaf Juice",
                "Aloe Barbadensis Leaf Juice",
            ),
            ("natural pure Squalane", "Squalane"),
            ("Petrolatum USP", "Petrolatum"),
            ("Zinc Oxide usp", "Zinc Oxide"),
            ("Lanolin Ph. Eur", "Lanolin"),
            ("Glycerin BP", "Glycerin"),
            ("Sorbitol NF", "Sorbitol"),
            // Names that only look like it keep every letter.
            ("Purified Water", "Purified Water"),
            ("Natto Gum", "Natto Gum"),
            (
                "Organically Grown Rice Extract",
                "Organically Grown Rice Extract",
            ),
            ("Jojoba Esters", "Jojoba Esters"),
            ("Pure", "Pure"),
            ("Cera Alba", "Cera Alba"),
        ] {
            assert_eq!(strip_qualifiers(name), left, "{name}");
        }
    }

    #[test]
    fn control_characters_other_than_line_breaks_are_found() {
        assert!(!has_control("Water, Glycerin\nNiacinamide"));
        assert!(has_control("Water,\tGlycerin"));
        assert!(has_control("Glycerin\r"));
        assert!(has_control("\u{1}Water"));
        assert!(!has_control(""));
    }

    #[test]
    fn cleaning_takes_markers_and_nano() {
        assert!(says_nano("Titanium Dioxide (NaNo)"));
        assert!(!says_nano("Niacinamide, Sodium Hyaluronate"));
        let c = clean("Titanium Dioxide [nano]*");
        assert_eq!(c.name, "Titanium Dioxide");
        assert!(c.nano);
        assert_eq!(c.marker, "*");
        assert_eq!(clean("[+/- CI 77891]").name, "+/- CI 77891");
        assert_eq!(clean("CI 77491]").name, "CI 77491");
    }

    #[test]
    fn prose_is_told_from_names() {
        assert!(looks_like_prose(
            "Please be aware that ingredient lists may change"
        ));
        assert!(looks_like_prose("Apply to clean skin morning and night"));
        assert!(!looks_like_prose("Camellia Sinensis Leaf Extract"));
        assert!(!looks_like_prose(
            "Acrylates/C10-30 Alkyl Acrylate Crosspolymer"
        ));
    }
}
