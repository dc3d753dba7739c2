//! From the engine's words to a label's text: the ingredients block of each photo, lines joined
//! where a name was hyphenated across them, and the confusions OCR usually makes corrected where
//! the knowledge base is sure — each correction marked, each doubtful word kept and marked.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use glasskin_core::KnowledgeBase;
use glasskin_core::kb::NameKind;
use serde::Serialize;

use crate::UNREADABLE_BELOW;
use crate::engine::{Page, PageWord};

/// The text read from one or more photos of a label.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reading {
    /// The text, as it is analysed: the ingredients block of each photo, in order, a line per
    /// block of text (the lines that wrap within one joined by spaces).
    pub text: String,
    /// Every word of `text`, in order.
    pub words: Vec<ReadWord>,
    /// The mean confidence of the words, 0..=1.
    pub confidence: f32,
    /// Whether an "Ingredients" heading was found (else every word of the photos was kept).
    pub heading_found: bool,
    /// The entries of `text` that could not be read: a word unreadable and no known ingredient
    /// named, or only a piece of a known name. They stay in `text`, for a person to correct,
    /// but are not analysed ([`Reading::analysed_text`]): an unreadable entry is not an
    /// ingredient.
    #[serde(skip)]
    pub unreadable_entries: Vec<Range<usize>>,
}

/// One word read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadWord {
    /// The word as it stands in the reading's text.
    pub text: String,
    /// Its byte range in the reading's text.
    #[serde(skip)]
    pub span: Range<usize>,
    /// The engine's confidence, 0..=1.
    pub confidence: f32,
    /// The engine was not sure of it and the knowledge base could not confirm it, or its entry
    /// is only a piece of a known name (a name a line cut): a person should check it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unreadable: bool,
    /// What the knowledge base changed in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<Correction>,
    /// The photo it is on, from 0.
    pub image: usize,
}

/// A correction of what the engine read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Correction {
    /// What the engine read.
    pub read: String,
    /// Why it was changed, in a few words ("rn read for m").
    pub why: String,
}

impl Reading {
    /// The text to analyse: `text` less its unreadable entries (and the comma after each).
    pub fn analysed_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for span in &self.unreadable_entries {
            // An entry may begin in the marks skipped after the one before (". ite").
            out.push_str(self.text.get(at..span.start).unwrap_or_default());
            let end = span.end.max(at);
            let rest = self.text.get(end..).unwrap_or_default();
            at = end + (rest.len() - rest.trim_start_matches([',', ';', '.', ' ']).len());
        }
        out.push_str(self.text.get(at..).unwrap_or_default());
        out
    }

    /// The text of each unreadable entry.
    pub fn unreadable_entry_texts(&self) -> Vec<String> {
        self.unreadable_entries
            .iter()
            .map(|span| self.text[span.clone()].to_owned())
            .collect()
    }

    /// The words that overlap a byte range of the text.
    pub fn words_in(&self, range: Range<usize>) -> impl Iterator<Item = &ReadWord> {
        self.words
            .iter()
            .filter(move |w| w.span.start < range.end && range.start < w.span.end)
    }
}

/// Headings that open an ingredient list, lower case.
const HEADINGS: [&str; 9] = [
    "ingredients",
    "ingredient",
    "ingrédients",
    "ingredientes",
    "ingredienti",
    "zutaten",
    "inci",
    "composition",
    "전성분",
];

/// Words that open a block that is not the list.
const OTHER_HEADINGS: [&str; 17] = [
    "directions",
    "direction",
    "how",
    "usage",
    "use",
    "caution",
    "cautions",
    "warning",
    "warnings",
    "precautions",
    "storage",
    "manufactured",
    "사용법",
    "사용방법",
    "주의사항",
    "사용시주의사항",
    "보관방법",
];

/// Marks that, read as a word of their own within the list, are specks.
const LONE_SPECKS: [char; 8] = [':', ';', '·', 'ㆍ', '•', '|', '¦', '…'];

/// Quotation marks, which no ingredient's name has.
const QUOTES: [char; 7] = [
    '"', '\'', '`', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
];

/// Confusions an OCR engine makes, as (read, meant), lower case.
const CONFUSIONS: [(&str, &str, &str); 21] = [
    ("t", "l", "t read for l"),
    ("rn", "m", "rn read for m"),
    ("m", "rn", "m read for rn"),
    ("cl", "d", "cl read for d"),
    ("d", "cl", "d read for cl"),
    ("vv", "w", "vv read for w"),
    ("ri", "n", "ri read for n"),
    ("li", "h", "li read for h"),
    ("1", "l", "1 read for l"),
    ("1", "i", "1 read for i"),
    ("l", "i", "l read for i"),
    ("i", "l", "i read for l"),
    ("|", "l", "| read for l"),
    ("!", "l", "! read for l"),
    ("0", "o", "0 read for O"),
    ("5", "s", "5 read for S"),
    ("8", "b", "8 read for B"),
    ("e", "c", "e read for c"),
    ("c", "e", "c read for e"),
    ("u", "ii", "u read for ii"),
    ("n", "ri", "n read for ri"),
];

/// Whether a page has an "Ingredients" heading.
pub fn has_heading(page: &Page) -> bool {
    list_words(page).1
}

/// The words of each page that belong to the list: from its "Ingredients" heading on (from the
/// start where a page has none: the rest of a label that wraps round a bottle), less blocks
/// that open with another heading.
fn list_words(page: &Page) -> (Vec<&PageWord>, bool) {
    let heading = page.words.iter().position(|w| {
        let lower = w.text.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        HEADINGS.contains(&bare)
            || HEADINGS
                .iter()
                .any(|h| lower.starts_with(h) && lower[h.len()..].starts_with([':', '：']))
            // Blurred print: "Ingredicans:", 건성분:, a colon after it.
            || (lower.ends_with(':')
                && (edit_distance("ingredients", bare) <= 3
                    || edit_distance(&jamo("전성분"), &jamo(bare)) <= 1))
    });
    let start = heading.unwrap_or(0);
    let mut kept = Vec::new();
    let mut skipping = false;
    let mut previous: Option<&PageWord> = None;
    for w in &page.words[start..] {
        let new_block = previous.is_none_or(|p| (p.block, p.paragraph) != (w.block, w.paragraph));
        let new_line = new_block || previous.is_some_and(|p| p.line != w.line);
        if new_block {
            skipping = false;
        }
        // Directions, warnings: the list is over until the next block.
        if previous.is_some()
            && ((new_line && is_other_heading(&w.text)) || closes_list_midline(&w.text))
        {
            skipping = true;
        }
        if !skipping {
            kept.push(w);
        }
        previous = Some(w);
    }
    (kept, heading.is_some())
}

/// Puts the pages' list words together into a [`Reading`], correcting with the knowledge base.
pub fn assemble(pages: &[Page], kb: &KnowledgeBase) -> Reading {
    // (text, confidence, image, correction, starts a new line, starts a new block)
    struct Raw {
        text: String,
        confidence: f32,
        image: usize,
        corrected: Option<Correction>,
        new_line: bool,
        new_block: bool,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut heading_found = false;
    for (image, page) in pages.iter().enumerate() {
        let (mut words, found) = list_words(page);
        heading_found |= found;
        if !found {
            // With no heading, a first block of one line that is no part of a list, more
            // below it, is the product's name above a heading the engine lost ("VITAMIN C
            // DROPS").
            let first = words
                .iter()
                .take_while(|w| (w.block, w.paragraph) == (words[0].block, words[0].paragraph))
                .count();
            let title: Vec<&str> = words[..first].iter().map(|w| w.text.as_str()).collect();
            if first >= 2
                && first < words.len()
                && words[..first].iter().all(|w| w.line == words[0].line)
                && !title.iter().any(|t| t.ends_with([',', ';', '.']))
                && !all_known(&title.join(" "), kb)
            {
                words.drain(..first);
            }
        }
        let mut previous: Option<&PageWord> = None;
        for w in words {
            let new_block =
                previous.is_none_or(|p| (p.block, p.paragraph) != (w.block, w.paragraph));
            let new_line = new_block || previous.is_some_and(|p| p.line != w.line);
            raws.push(Raw {
                text: w.text.clone(),
                confidence: w.confidence,
                image,
                corrected: None,
                new_line,
                new_block: new_block || previous.is_none(),
            });
            previous = Some(w);
        }
    }

    // A mark read as a word of its own between names is a speck (dust, a bullet, a line's
    // edge): no name is a lone colon or dot ("글리세린, : 1,2-헥산다이올,").
    let mut i = 0;
    while i < raws.len() {
        if raws.len() > 1 && raws[i].text.chars().all(|c| LONE_SPECKS.contains(&c)) {
            let speck = raws.remove(i);
            if let Some(next) = raws.get_mut(i) {
                next.new_line |= speck.new_line;
                next.new_block |= speck.new_block;
            }
        } else {
            i += 1;
        }
    }

    // A name hyphenated across two lines is one word again.
    let mut i = 0;
    while i + 1 < raws.len() {
        let (this, next) = (&raws[i], &raws[i + 1]);
        let stem = this.text.trim_end_matches('-');
        if this.text.ends_with('-')
            && stem.len() < this.text.len()
            && next.new_line
            && !next.new_block
            && stem.chars().last().is_some_and(char::is_alphanumeric)
        {
            let next_core = leading_letters(&next.text);
            // The last run of letters before the hyphen: "Hexa" of "1,2-Hexa-".
            let stem_tail = stem
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or_default();
            let joined = format!("{stem_tail}{next_core}").to_lowercase();
            // Two known words keep their hyphen ("Beta-Glucan"); halves of one word lose it.
            let halves = !(kb.knows_word(&stem_tail.to_lowercase())
                && kb.knows_word(&next_core.to_lowercase()));
            let (text, corrected) = if !stem_tail.is_empty()
                && !next_core.is_empty()
                && halves
                && kb.knows_word(&joined)
            {
                (
                    format!("{stem}{}", next.text),
                    Some(Correction {
                        read: format!("{} {}", this.text, next.text),
                        why: "a word hyphenated across two lines".into(),
                    }),
                )
            } else {
                // "PEG-" and "100", "Beta-" and "Glucan": the hyphen is the name's.
                (format!("{}{}", this.text, next.text), None)
            };
            let confidence = this.confidence.min(next.confidence);
            let removed = raws.remove(i + 1);
            let this = &mut raws[i];
            this.text = text;
            this.confidence = confidence;
            this.corrected = corrected.or(removed.corrected);
        } else {
            i += 1;
        }
    }

    // Korean names are written without spaces, so two Hangul words of one block are one name
    // when a line ends between them (a Korean label wraps anywhere), or when the engine read
    // one name in pieces on a line ("부틸렌글라이 콜,") and together they make a known name,
    // or, read doubtfully, the one known name close enough to correct them to ("판 테늘,").
    use glasskin_core::key::is_hangul;
    let mut i = 0;
    while i + 1 < raws.len() {
        let (this, next) = (&raws[i], &raws[i + 1]);
        let hangul_either_side = !next.new_block
            && this.text.chars().next_back().is_some_and(is_hangul)
            && next.text.chars().next().is_some_and(is_hangul);
        let joined = || format!("{}{}", this.text, next.text);
        let in_pieces = || {
            if next.new_line || recognised(&this.text, kb) {
                return false;
            }
            let joined = joined();
            recognised(joined.trim_end_matches([',', ';', '.']), kb)
                || (this.confidence.min(next.confidence) < DOUBTFUL_BELOW
                    && correct_entry(&[joined.as_str()], kb, Closeness::Doubtful).is_some())
        };
        if hangul_either_side && (next.new_line || in_pieces()) {
            let next = raws.remove(i + 1);
            let this = &mut raws[i];
            if next.new_line {
                this.corrected = this.corrected.take().or(next.corrected);
            } else {
                this.corrected = Some(Correction {
                    read: format!("{} {}", this.text, next.text),
                    why: "a Hangul name read in pieces".into(),
                });
            }
            this.text.push_str(&next.text);
            this.confidence = this.confidence.min(next.confidence);
        } else {
            i += 1;
        }
    }

    // OCR's usual confusions, where exactly one reading is a word the knowledge base knows.
    let vocabulary = Vocabulary::cached(kb);
    for raw in &mut raws {
        if let Some((text, why)) = correct_word(&raw.text, kb, &vocabulary) {
            raw.corrected = Some(Correction {
                read: std::mem::replace(&mut raw.text, text),
                why,
            });
        }
    }

    // Quotation marks are specks: no INCI name has one ("Dipropylene \"Glycol"), though an
    // apostrophe may stand within a word ("Job's Tears").
    for raw in &mut raws {
        let text = raw.text.trim_start_matches(QUOTES);
        let (word, stop) = text.split_at(text.trim_end_matches([',', ';', '.']).len());
        let word = word.trim_end_matches(QUOTES);
        let bare: String = word
            .chars()
            .filter(|c| !matches!(c, '"' | '`' | '\u{201C}' | '\u{201D}'))
            .chain(stop.chars())
            .collect();
        if bare.len() < raw.text.len() && bare.chars().any(char::is_alphabetic) {
            raw.corrected = Some(Correction {
                read: std::mem::replace(&mut raw.text, bare),
                why: "a speck read as a quotation mark".into(),
            });
        }
    }

    // "Disodium: EDTA": a colon within a name is a speck, where the words either side of it
    // make a known name.
    for i in 0..raws.len().saturating_sub(1) {
        let (this, next) = (&raws[i], &raws[i + 1]);
        let Some(word) = this.text.strip_suffix(':') else {
            continue;
        };
        let next_word = next.text.trim_end_matches([',', ';', '.']);
        if !next.new_block
            && !is_other_heading(word)
            && !HEADINGS.contains(&word.to_lowercase().as_str())
            && recognised(&format!("{word} {next_word}"), kb)
        {
            let raw = &mut raws[i];
            raw.corrected = Some(Correction {
                read: raw.text.clone(),
                why: "a speck read as a colon within a name".into(),
            });
            raw.text.pop();
        }
    }

    // A whole entry a few letters from one known name: "Suty! Methoxydibenzoylmethane".
    let mut start = 0;
    for end in 0..raws.len() {
        if raws[end].new_block || raws[end].text.ends_with(':') {
            start = end + usize::from(raws[end].text.ends_with(':'));
        }
        let last = end + 1 == raws.len() || raws[end + 1].new_block;
        if !(last || raws[end].text.ends_with([',', ';', '.'])) || start > end {
            continue;
        }
        let entry = &raws[start..=end];
        let doubtful = entry.iter().any(|r| r.confidence < DOUBTFUL_BELOW);
        let words: Vec<&str> = entry.iter().map(|r| r.text.as_str()).collect();
        if let Some(at) = missing_comma(&words, kb) {
            // "Arginine Disodium EDTA.": two known names, the comma between them not read.
            let raw = &mut raws[start + at - 1];
            let read = raw.text.clone();
            raw.text.push(',');
            raw.corrected = Some(Correction {
                read,
                why: "a comma not read between two names".into(),
            });
        } else if let Some((name, why)) = correct_entry(
            &words,
            kb,
            if doubtful {
                Closeness::Doubtful
            } else {
                Closeness::Sure
            },
        ) {
            for (raw, word) in raws[start..=end].iter_mut().zip(name) {
                if raw.text != word {
                    let read = std::mem::replace(&mut raw.text, word);
                    raw.corrected = Some(Correction {
                        read,
                        why: why.clone(),
                    });
                }
            }
        }
        start = end + 1;
    }

    // "Cl 77499": a colour index read with an l.
    for i in 0..raws.len().saturating_sub(1) {
        let next_is_number = {
            let digits = raws[i + 1].text.trim_end_matches([',', '.']);
            digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit())
        };
        let this = &mut raws[i];
        if next_is_number && ["Cl", "C1", "cl", "C|"].contains(&this.text.as_str()) {
            this.corrected = Some(Correction {
                read: std::mem::replace(&mut this.text, "CI".into()),
                why: "a colour index's I read as l".into(),
            });
        }
    }

    // "1.2-Hexanediol": the comma of a locant read as a period.
    for raw in &mut raws {
        let b = raw.text.as_bytes();
        if b.len() > 4
            && b[0].is_ascii_digit()
            && b[1] == b'.'
            && b[2].is_ascii_digit()
            && b[3] == b'-'
        {
            let read = raw.text.clone();
            raw.text.replace_range(1..2, ",");
            raw.corrected = Some(Correction {
                read,
                why: "a comma read as a period".into(),
            });
        }
    }

    // "77499," alone between two commas: a colour index whose "CI" was lost.
    for i in 0..raws.len() {
        let entry_start = i == 0
            || raws[i].new_block
            || raws[i - 1].text.ends_with([',', ';', ':'])
            || raws[i - 1].text == "CI";
        let digits = raws[i].text.trim_end_matches([',', '.', ';']);
        let entry_end =
            raws[i].text.len() > digits.len() || raws.get(i + 1).is_none_or(|next| next.new_block);
        if entry_start
            && entry_end
            && (i == 0 || raws[i - 1].text != "CI")
            && digits.len() == 5
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (b"14567").contains(&digits.as_bytes()[0])
        {
            let raw = &mut raws[i];
            raw.corrected = Some(Correction {
                read: raw.text.clone(),
                why: "a colour index's CI not read".into(),
            });
            raw.text.insert_str(0, "CI ");
        }
    }

    // A comma read as a period between two names of the list.
    for i in 0..raws.len().saturating_sub(1) {
        let next_known = {
            let next = &raws[i + 1];
            !next.new_block && all_known(&next.text, kb) && !is_other_heading(&next.text)
        };
        let this = &mut raws[i];
        if next_known
            && this.text.ends_with('.')
            && !this.text.ends_with("..")
            && this.text.len() > 3
            && all_known(&this.text, kb)
            && this.corrected.is_none()
        {
            let read = this.text.clone();
            this.text.pop();
            this.text.push(',');
            this.corrected = Some(Correction {
                read,
                why: "a comma read as a period".into(),
            });
        }
    }

    let mut reading = Reading {
        heading_found,
        ..Reading::default()
    };
    let mut previous_image = None;
    for raw in raws {
        if !reading.text.is_empty() {
            // A line that wraps is a space: the core reads a line break as the end of an item
            // ("Zinc" / "PCA"). A new block or photo continues the list on a new line.
            let separator = if previous_image != Some(raw.image) || raw.new_block {
                "\n"
            } else {
                " "
            };
            reading.text.push_str(separator);
        }
        previous_image = Some(raw.image);
        let start = reading.text.len();
        reading.text.push_str(&raw.text);
        let alnum = raw.text.chars().filter(|c| c.is_alphanumeric()).count();
        let garbage = alnum * 2 < raw.text.chars().count();
        let unreadable = raw.corrected.is_none()
            && (garbage || (raw.confidence < UNREADABLE_BELOW && !all_known(&raw.text, kb)));
        reading.words.push(ReadWord {
            span: start..reading.text.len(),
            text: raw.text,
            confidence: (raw.confidence / 100.0).clamp(0.0, 1.0),
            unreadable,
            corrected: raw.corrected,
            image: raw.image,
        });
    }
    if !reading.words.is_empty() {
        reading.confidence =
            reading.words.iter().map(|w| w.confidence).sum::<f32>() / reading.words.len() as f32;
    }
    reading.unreadable_entries = unreadable_entries(&reading, kb);
    // The doubtful words of those entries are what a person should look at; all the words of
    // a piece of a name read surely.
    for span in &reading.unreadable_entries {
        let within = |w: &ReadWord| w.span.start < span.end && span.start < w.span.end;
        let any_doubtful = reading.words.iter().any(|w| within(w) && doubtful(w, kb));
        for w in &mut reading.words {
            if within(w) && (!any_doubtful || doubtful(w, kb)) {
                w.unreadable = true;
            }
        }
    }
    reading
}

/// A word the engine was not sure of (under [`DOUBTFUL_BELOW`]) that the knowledge base did
/// not correct and does not know.
fn doubtful(word: &ReadWord, kb: &KnowledgeBase) -> bool {
    word.corrected.is_none()
        && word.confidence * 100.0 < DOUBTFUL_BELOW
        && !all_known(&word.text, kb)
}

/// The spans of the entries the analyzer finds in the reading's text that name no known
/// ingredient and hold a word that could not be read, or one the engine was not sure of that
/// the knowledge base does not know, or that are a piece of a known name ([`fragment`]), a
/// name run into such a piece ([`run_together`]) or a [`scrap`]: what they are is not known,
/// so they are shown to be corrected rather than analysed as an unknown ingredient (a misread
/// name is not a new ingredient).
fn unreadable_entries(reading: &Reading, kb: &KnowledgeBase) -> Vec<Range<usize>> {
    let analysis = glasskin_core::analyze(&reading.text, kb);
    let mut cursor = 0;
    let mut spans = Vec::new();
    for entry in analysis.entries() {
        let raw = entry.raw.as_str();
        let Some(at) = (!raw.is_empty())
            .then(|| reading.text.get(cursor..).and_then(|rest| rest.find(raw)))
            .flatten()
        else {
            continue;
        };
        let span = cursor + at..cursor + at + raw.len();
        cursor = span.end;
        if entry.inci().is_none()
            && (reading
                .words_in(span.clone())
                .any(|w| w.unreadable || doubtful(w, kb))
                || fragment(raw, kb)
                || run_together(raw, kb)
                || scrap(raw)
                || near_miss(raw, kb))
        {
            spans.push(span);
        }
    }
    spans
}

/// A word read with less confidence than this (0..=100) makes its entry doubtful: only a
/// doubtful entry is corrected to a known name as a whole.
const DOUBTFUL_BELOW: f32 = 80.0;

/// How close a known name must be for an entry no name is known by to be corrected to it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Closeness {
    /// For an entry with a word the engine was not sure of: within a fifth of its letters, no
    /// other name within one edit more.
    Doubtful,
    /// For an entry read surely: within a sixth of its letters, no other name within two edits
    /// more (engines are often sure of a misread, but a real name the knowledge base does not
    /// know must not become a known one).
    Sure,
}

/// The words of an entry no name is known by, corrected to the one known name close enough
/// ([`Closeness`]); the same number of words, each keeping its case and punctuation.
fn correct_entry(
    words: &[&str],
    kb: &KnowledgeBase,
    closeness: Closeness,
) -> Option<(Vec<String>, String)> {
    let name = words.join(" ");
    let name = name.trim_end_matches([',', ';', '.']);
    if words.len() > 6 || name.contains(['(', ')', ':']) || recognised(name, kb) {
        return None;
    }
    let key = spelled_key(name);
    let n = key.chars().count();
    // In half edits (Hangul letters of one shape are half an edit apart): a fifth of the
    // letters is `2 * n / 5` halves.
    let (most, margin) = match closeness {
        Closeness::Doubtful => ((2 * n / 5).min(8), 2),
        Closeness::Sure => ((n / 3).min(6), 4),
    };
    if most < 2 || !key.chars().any(char::is_alphabetic) {
        return None;
    }
    let spaces = key.matches(' ').count();
    // Names as far as a runner-up that would make the nearest one unsure, in letters.
    let reach = (most + margin).div_ceil(2);
    // A syllable is two or three letters: a Hangul key may be a third as long before spelling.
    let shortest = if key.chars().any(|c| ('\u{1100}'..='\u{11FF}').contains(&c)) {
        n.saturating_sub(reach) / 3
    } else {
        n.saturating_sub(reach)
    };
    let mut best: Option<(usize, &'static str, u32)> = None;
    let mut runner_up = usize::MAX;
    for (candidate, found) in kb.sorted_keys.iter() {
        let length = candidate.chars().count();
        if length > n + reach || length < shortest || candidate.matches(' ').count() != spaces {
            continue;
        }
        let spelled = jamo(candidate);
        let length = spelled.chars().count();
        if length + reach < n || length > n + reach {
            continue;
        }
        let d = half_edits(&key, &spelled);
        match best {
            // Another key of the same ingredient (a synonym) does not compete; its INCI name
            // is preferred at the same distance.
            Some((b, _, index)) if index == found.index => {
                if d < b || (d == b && found.kind == NameKind::Inci) {
                    best = Some((d, candidate, found.index));
                }
            }
            Some((b, _, _)) if d < b => {
                runner_up = b;
                best = Some((d, candidate, found.index));
            }
            Some(_) => runner_up = runner_up.min(d),
            None => best = Some((d, candidate, found.index)),
        }
    }
    let (d, candidate, _) = best?;
    // A number read surely is the number: PEG-2 is not PEG-20.
    let digits = |text: &str| {
        text.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
    };
    if closeness == Closeness::Sure && digits(&key) != digits(candidate) {
        return None;
    }
    // Word for word: "1,2- Hexanediol" is two words, its key one.
    if d == 0 || d > most || runner_up <= d + margin || candidate.split(' ').count() != words.len()
    {
        return None;
    }
    let corrected: Vec<String> = words
        .iter()
        .zip(candidate.split(' '))
        .map(|(word, meant)| {
            let core_start = word.len()
                - word
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len();
            let core_end = word.trim_end_matches([',', ';', '.']).len().max(core_start);
            let core = &word[core_start..core_end];
            if core.to_lowercase() == meant {
                return (*word).to_owned();
            }
            format!(
                "{}{}{}",
                &word[..core_start],
                recase(core, meant),
                &word[core_end..]
            )
        })
        .collect();
    Some((
        corrected,
        format!("the one known name this close: {candidate}"),
    ))
}

/// Where an entry the analyzer does not recognise is two names it does, when it splits so at
/// exactly one word: the index of the second name's first word.
fn missing_comma(words: &[&str], kb: &KnowledgeBase) -> Option<usize> {
    if words.len() < 2 || words.len() > 8 {
        return None;
    }
    let name = words.join(" ");
    let name = name.trim_end_matches([',', ';', '.']);
    if name.contains(['(', ')', ':', ',']) || recognised(name, kb) {
        return None;
    }
    let mut splits = (1..words.len()).filter(|&at| {
        let first = words[..at].join(" ");
        let second = words[at..].join(" ");
        recognised(&first, kb) && recognised(second.trim_end_matches([',', ';', '.']), kb)
    });
    match (splits.next(), splits.next()) {
        (Some(at), None) => Some(at),
        _ => None,
    }
}

/// Whether an entry no name is known by is a piece of one: whole words of a known name, not
/// all of them ("Cocamidopropyl", "Seed Extract"). On a photo that is a name a line cut, its
/// other words lost, not an ingredient.
fn fragment(name: &str, kb: &KnowledgeBase) -> bool {
    let name = name.trim_end_matches([',', ';', '.']);
    if !all_known(name, kb) || recognised(name, kb) {
        return false;
    }
    let mut key = String::new();
    glasskin_core::key::lookup_key(name, &mut key);
    if key.is_empty() {
        return false;
    }
    kb.sorted_keys.iter().any(|(candidate, _)| {
        candidate.len() > key.len()
            && candidate.match_indices(key.as_str()).any(|(at, _)| {
                let before = candidate[..at].chars().next_back();
                let after = candidate[at + key.len()..].chars().next();
                before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
            })
    })
}

/// Whether an entry no name is known by is a known name run into a piece of another, or a
/// piece into a name, at exactly one word ("Caprylic/Capric Squalane"): on a photo, a comma and
/// a word lost. (On pasted pages such entries are as often real names the knowledge base does
/// not know, so they are not split, only shown to be checked.)
fn run_together(name: &str, kb: &KnowledgeBase) -> bool {
    let name = name.trim_end_matches([',', ';', '.']);
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 || words.len() > 8 || recognised(name, kb) {
        return false;
    }
    let mut splits = (1..words.len()).filter(|&at| {
        let (first, second) = (words[..at].join(" "), words[at..].join(" "));
        (recognised(&first, kb) && fragment(&second, kb))
            || (fragment(&first, kb) && recognised(&second, kb))
    });
    splits.next().is_some() && splits.next().is_none()
}

/// Whether an entry no name is known by is within a few letters of one (a quarter of them, at
/// least two, at most four, as many words): read surely or not, it is likelier a misread of
/// that name than an ingredient the knowledge base does not know ("Weter", "Perfurn"), but
/// not sure enough to correct.
fn near_miss(name: &str, kb: &KnowledgeBase) -> bool {
    let name = name.trim_end_matches([',', ';', '.']);
    if recognised(name, kb) {
        return false;
    }
    let key = spelled_key(name);
    let n = key.chars().count();
    let most = (n / 4).clamp(2, 4);
    if n < 4 || !key.chars().any(char::is_alphabetic) {
        return false;
    }
    let spaces = key.matches(' ').count();
    kb.sorted_keys.iter().any(|(candidate, _)| {
        // Hangul spells out to two or three letters a syllable: compare what it spells.
        let rough = candidate.chars().count();
        if rough > n + most || candidate.matches(' ').count() != spaces {
            return false;
        }
        let spelled = jamo(candidate);
        let length = spelled.chars().count();
        length + most >= n && length <= n + most && half_edits(&key, &spelled) <= 2 * most
    })
}

/// Whether an entry is a scrap: one Latin word of three letters or fewer and no digit, or one
/// Hangul syllable, which no ingredient the knowledge base does not know is named ("Coc", 피:
/// the rest of the line lost).
fn scrap(name: &str) -> bool {
    let name = name.trim_end_matches([',', ';', '.']);
    let latin = name.is_ascii()
        && !name.contains(' ')
        && name.chars().count() <= 3
        && !name.chars().any(|c| c.is_ascii_digit());
    latin || (name.chars().count() == 1 && name.chars().all(glasskin_core::key::is_hangul))
}

/// A name's lookup key, its Hangul spelled as letters: what names are compared by (판태놀 is one
/// letter from 판테놀).
fn spelled_key(name: &str) -> String {
    let mut key = String::new();
    glasskin_core::key::lookup_key(name, &mut key);
    match jamo(&key) {
        std::borrow::Cow::Borrowed(_) => key,
        std::borrow::Cow::Owned(spelled) => spelled,
    }
}

/// A text with each Hangul syllable spelled as its letters (jamo: initial, vowel, final), so
/// that an edit is one misread letter as in Latin.
fn jamo(text: &str) -> std::borrow::Cow<'_, str> {
    // Most keys are Latin: nothing to spell.
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        let index = u32::from(c).wrapping_sub(0xAC00);
        if index >= 11_172 {
            out.push(c);
            continue;
        }
        // Unicode orders syllables by initial (19), vowel (21) and final (28, the first none).
        let (initial, vowel, last) = (index / 588, index % 588 / 28, index % 28);
        out.extend(char::from_u32(0x1100 + initial));
        out.extend(char::from_u32(0x1161 + vowel));
        if last > 0 {
            out.extend(char::from_u32(0x11A7 + last));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether the analyzer recognises `name` as one known ingredient, as it would in a list.
fn recognised(name: &str, kb: &KnowledgeBase) -> bool {
    let analysis = glasskin_core::analyze(name, kb);
    let mut entries = analysis.entries();
    matches!((entries.next(), entries.next()), (Some(e), None) if e.inci().is_some())
}

fn leading_letters(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Whether a word is a heading of something other than the list, allowing one misread letter
/// in a long one ("pirections").
fn is_other_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    OTHER_HEADINGS
        .iter()
        .any(|h| *h == bare || (h.len() >= 7 && edit_distance(h, bare) <= 1))
}

/// Whether a word within a line is a heading that ends the list: followed by a colon, two
/// misread letters allowed in a long one ("Dwections:", where blurred lines ran together).
fn closes_list_midline(text: &str) -> bool {
    let Some(word) = text.strip_suffix([':', '：']) else {
        return false;
    };
    let bare = word.to_lowercase();
    is_other_heading(word)
        || OTHER_HEADINGS
            .iter()
            .any(|h| h.len() >= 9 && edit_distance(h, &bare) <= 2)
}

/// Pairs of letters an OCR engine reads as one, and the one: each counts as one edit.
const LOOKALIKES: [([char; 2], char); 6] = [
    (['r', 'n'], 'm'),
    (['c', 'l'], 'd'),
    (['l', 'i'], 'h'),
    (['v', 'v'], 'w'),
    (['r', 'i'], 'n'),
    (['i', 'i'], 'u'),
];

/// Edit distance over characters, two letters swapped counting as one edit ("Oli" for Oil),
/// and so does two letters read for one that looks like them, or one for two ("Perfurn"); a
/// Hangul letter read as one of its own shape counts as half an edit, rounded up.
fn edit_distance(a: &str, b: &str) -> usize {
    half_edits(a, b).div_ceil(2)
}

/// Twice [`edit_distance`], before its rounding: one Hangul letter read as another of its
/// shape (ㅔ as ㅐ, ㅌ as ㄷ) is 1, any other edit 2. Blurred Hangul keeps a letter's shape and
/// loses its small strokes: 판테놀 is read 판태늘, two such halves.
fn half_edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2, i-1 and i: the one two back for a swap or a pair read as one letter.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut above: Vec<usize> = (0..=b.len()).map(|j| 2 * j).collect();
    let mut row = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = 2 * i;
        for j in 1..=b.len() {
            let cost = substitution(a[i - 1], b[j - 1]);
            row[j] = (above[j] + 2).min(row[j - 1] + 2).min(above[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 2);
            }
            let lookalike = |c: char| matches!(c, 'm' | 'd' | 'h' | 'w' | 'n' | 'u');
            if !lookalike(a[i - 1]) && !lookalike(b[j - 1]) {
                continue;
            }
            for (pair, one) in LOOKALIKES {
                if b[j - 1] == one && i > 1 && a[i - 2..i] == pair {
                    row[j] = row[j].min(before[j - 1] + 2);
                }
                if a[i - 1] == one && j > 1 && b[j - 2..j] == pair {
                    row[j] = row[j].min(above[j - 2] + 2);
                }
            }
        }
        std::mem::swap(&mut before, &mut above);
        std::mem::swap(&mut above, &mut row);
    }
    above[b.len()]
}

/// The cost in halves of reading `b` where `a` is: 0 the same, 1 a Hangul letter of the same
/// shape, 2 any other.
fn substitution(a: char, b: char) -> usize {
    if a == b {
        0
    } else if !a.is_ascii()
        && !b.is_ascii()
        && hangul_shape(a).is_some_and(|s| Some(s) == hangul_shape(b))
    {
        1
    } else {
        2
    }
}

/// The shape a spelled Hangul letter (a conjoining jamo, as [`jamo`] writes them) shares with
/// others, told apart by a small stroke that blur loses. Initials and finals are apart: a
/// letter's place in its syllable is never misread.
fn hangul_shape(c: char) -> Option<u8> {
    // Consonants by the strokes they build on: ㄱ ㄲ ㅋ (0); ㄴ ㄷ ㄸ ㅌ ㄹ (1); ㅁ ㅂ ㅃ ㅍ
    // (2); ㅅ ㅆ ㅈ ㅉ ㅊ (3); ㅇ ㅎ (4); a final of two letters is its own (5..).
    const INITIALS: [u8; 19] = [0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 3, 3, 3, 0, 1, 2, 4];
    const FINALS: [u8; 27] = [
        0, 0, 5, 1, 6, 7, 1, 1, 8, 9, 10, 11, 12, 13, 14, 2, 2, 15, 3, 3, 4, 3, 3, 0, 1, 2, 4,
    ];
    // Vowels, a long stroke with ticks, read with a tick more or less or on the other side:
    // ㅏ ㅑ ㅓ ㅕ ㅣ (0); ㅐ ㅒ ㅔ ㅖ (1); ㅗ ㅛ ㅜ ㅠ ㅡ (2); ㅘ ㅙ ㅚ (3); ㅝ ㅞ ㅟ (4); ㅢ (5).
    const VOWELS: [u8; 21] = [
        0, 1, 0, 1, 0, 1, 0, 1, 2, 3, 3, 3, 2, 2, 4, 4, 4, 2, 2, 5, 0,
    ];
    let at = |table: &[u8], first: u32| table.get((u32::from(c) - first) as usize).copied();
    match c {
        '\u{1100}'..='\u{1112}' => at(&INITIALS, 0x1100),
        '\u{1161}'..='\u{1175}' => at(&VOWELS, 0x1161).map(|s| s + 20),
        '\u{11A8}'..='\u{11C2}' => at(&FINALS, 0x11A8).map(|s| s + 40),
        _ => None,
    }
}

/// Whether every run of letters of three or more in a word is a word of a known name.
fn all_known(text: &str, kb: &KnowledgeBase) -> bool {
    let mut any = false;
    for token in text.split(|c: char| !c.is_alphanumeric()) {
        if token.chars().any(char::is_alphabetic) && token.chars().count() >= 3 {
            any = true;
            if !kb.knows_word(&token.to_lowercase()) {
                return false;
            }
        }
    }
    any
}

/// The word with its tokens corrected, when one of them is unknown and exactly one reading of
/// it with one or two of OCR's confusions undone is known.
fn correct_word(
    text: &str,
    kb: &KnowledgeBase,
    vocabulary: &Vocabulary,
) -> Option<(String, String)> {
    let mut out = String::with_capacity(text.len());
    let mut whys = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        // Tokens are letters, digits and the confusable marks; anything else passes through.
        let is_token = |c: char| c.is_alphanumeric() || c == '|' || c == '!';
        let start = rest.find(is_token).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(|c: char| !is_token(c)).unwrap_or(rest.len());
        let token = &rest[..end];
        rest = &rest[end..];
        // A mark before a word is punctuation; after one, it is often an l ("Glycery!").
        let inner_start = token.len() - token.trim_start_matches(['|', '!']).len();
        let inner_end = token.len();
        let inner = &token[inner_start..inner_end];
        out.push_str(&token[..inner_start]);
        match correct_token(inner, kb, vocabulary) {
            Some((fixed, why)) => {
                out.push_str(&fixed);
                whys.push(why);
            }
            None => out.push_str(inner),
        }
        out.push_str(&token[inner_end..]);
    }
    (!whys.is_empty()).then(|| (out, whys.join(", ")))
}

fn correct_token(
    token: &str,
    kb: &KnowledgeBase,
    vocabulary: &Vocabulary,
) -> Option<(String, String)> {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || token.chars().count() < 4 {
        return None;
    }
    let lower = token.to_lowercase();
    if kb.knows_word(&lower) {
        return None;
    }
    // A slash read as a letter between two known words: "CapryliciCapric".
    let splits: Vec<String> = lower
        .char_indices()
        .filter(|&(at, c)| {
            matches!(c, 'i' | 'l' | '1' | '|')
                && at >= 3
                && lower.len() - at > 3
                && kb.knows_word(&lower[..at])
                && kb.knows_word(&lower[at + 1..])
        })
        .map(|(at, _)| format!("{}/{}", &token[..at], &token[at + 1..]))
        .collect();
    if let [split] = splits.as_slice() {
        return Some((split.clone(), "a slash read as a letter".into()));
    }
    let mut found: Vec<(String, String)> = Vec::new();
    let add = |found: &mut Vec<(String, String)>, candidate: String, why: String| {
        if kb.knows_word(&candidate) && !found.iter().any(|(c, _)| *c == candidate) {
            found.push((candidate, why));
        }
    };
    let once = variants(&lower);
    for (candidate, why) in &once {
        add(&mut found, candidate.clone(), why.to_string());
    }
    if found.is_empty() {
        for (first, why1) in &once {
            for (candidate, why2) in variants(first) {
                add(&mut found, candidate, format!("{why1}, {why2}"));
            }
        }
    }
    if found.is_empty()
        && let Some(nearest) = vocabulary.nearest(&lower)
    {
        found.push((nearest.to_owned(), "the one known word this close".into()));
    }
    if found.len() != 1 {
        return None;
    }
    let (candidate, why) = found.pop()?;
    Some((recase(token, &candidate), why))
}

/// The words of every known name, by length in characters: the nearest-word correction's
/// dictionary.
struct Vocabulary {
    by_length: Vec<Vec<&'static str>>,
}

impl Vocabulary {
    /// The vocabulary of `kb`, built once per knowledge base (there is one in practice).
    fn cached(kb: &KnowledgeBase) -> std::sync::Arc<Vocabulary> {
        type Cache = Mutex<Vec<(usize, Arc<Vocabulary>)>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let id = std::ptr::from_ref(kb) as usize;
        let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
        // A poisoned lock only means another thread panicked while building: build again.
        let mut cache = cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, v)) = cache.iter().find(|(k, _)| *k == id) {
            return Arc::clone(v);
        }
        let v = Arc::new(Vocabulary::of(kb));
        cache.push((id, Arc::clone(&v)));
        v
    }

    fn of(kb: &KnowledgeBase) -> Vocabulary {
        let mut words: Vec<&'static str> = kb
            .sorted_keys
            .iter()
            .flat_map(|(key, _)| key.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.len() >= 5 && w.chars().all(char::is_alphabetic))
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut by_length: Vec<Vec<&'static str>> = Vec::new();
        for w in words {
            let n = w.chars().count();
            if by_length.len() <= n {
                by_length.resize_with(n + 1, Vec::new);
            }
            by_length[n].push(w);
        }
        Vocabulary { by_length }
    }

    /// The one known word within one edit of a word of 6 to 9 letters, or two of a longer one,
    /// when no other is as close.
    fn nearest(&self, word: &str) -> Option<&'static str> {
        if !word.chars().all(char::is_alphabetic) {
            return None;
        }
        let n = word.chars().count();
        let most = match n {
            0..=5 => return None,
            6..=9 => 1,
            _ => 2,
        };
        let mut best: Option<(usize, &'static str)> = None;
        let mut ties = 0;
        for length in n - most..=n + most {
            for &candidate in self.by_length.get(length).into_iter().flatten() {
                let d = edit_distance(word, candidate);
                match best {
                    Some((b, _)) if d > b => {}
                    Some((b, _)) if d == b => ties += 1,
                    _ if d <= most => {
                        best = Some((d, candidate));
                        ties = 0;
                    }
                    _ => {}
                }
            }
        }
        best.filter(|_| ties == 0).map(|(_, w)| w)
    }
}

/// Every reading of `word` with one confusion undone.
fn variants(word: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for (read, meant, why) in CONFUSIONS {
        let mut from = 0;
        while let Some(at) = word[from..].find(read) {
            let at = from + at;
            out.push((
                format!("{}{meant}{}", &word[..at], &word[at + read.len()..]),
                why,
            ));
            from = at + read.len();
        }
    }
    out
}

/// `word` in the case pattern of `like`: all capitals, a capital first, or lower case.
fn recase(like: &str, word: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        return chars
            .next()
            .map(|f| f.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_entry_starting_in_the_marks_after_another_is_left_out_too() {
        let text = "Aqua, Qx, . ite, Glycerin";
        let span = |entry: &str| {
            let at = text.find(entry).expect("in the text");
            at..at + entry.len()
        };
        let reading = Reading {
            text: text.into(),
            unreadable_entries: vec![span("Qx"), span(". ite")],
            ..Reading::default()
        };
        assert_eq!(reading.analysed_text(), "Aqua, Glycerin");
    }
    #[test]
    fn headings_are_recognised_with_one_letter_misread() {
        assert!(is_other_heading("Directions:"));
        assert!(is_other_heading("pirections:"));
        assert!(!is_other_heading("Glycerin,"));
        assert!(closes_list_midline("Dwections:"));
        assert!(!closes_list_midline("Dwections"));
        assert!(!closes_list_midline("Ingredients:"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("seed oli", "seed oil"), 1);
        assert_eq!(edit_distance("", "oil"), 3);
        // Two letters read for one that looks like them, or one for two.
        assert_eq!(edit_distance("perfurn", "parfum"), 2);
        assert_eq!(edit_distance("parfum", "perfurn"), 2);
        assert_eq!(edit_distance("acicl", "acid"), 1);
        assert_eq!(edit_distance(&jamo("판태놀"), &jamo("판테놀")), 1);
        // Hangul letters of one shape, a tick more or less, are half an edit; others a whole.
        assert_eq!(half_edits(&jamo("판태늘"), &jamo("판테놀")), 2);
        assert_eq!(half_edits(&jamo("단"), &jamo("탄")), 1);
        assert_eq!(half_edits(&jamo("칸"), &jamo("판")), 2);
        // An initial is never read as a final, though they are the same letter.
        assert_eq!(half_edits("\u{1102}", "\u{11AB}"), 2);
        assert_eq!(half_edits("glycerin", "glycerol"), 4);
        assert_eq!(jamo("a판"), "a\u{1111}\u{1161}\u{11AB}");
    }

    #[test]
    fn recase_follows_the_word_read() {
        assert_eq!(recase("GLYCER1N", "glycerin"), "GLYCERIN");
        assert_eq!(recase("G1ycerin", "glycerin"), "Glycerin");
        assert_eq!(recase("g1ycerin", "glycerin"), "glycerin");
    }

    #[test]
    fn variants_undo_each_confusion_at_each_place() {
        let v: Vec<String> = variants("rnrn").into_iter().map(|(w, _)| w).collect();
        assert!(v.contains(&"mrn".to_owned()));
        assert!(v.contains(&"rnm".to_owned()));
    }
}

#[cfg(test)]
mod entry_tests {
    use super::*;
    use crate::engine::{Page, PageWord};

    fn page(words: &[(&str, f32)]) -> Page {
        Page {
            words: words
                .iter()
                .enumerate()
                .map(|(n, &(text, confidence))| PageWord {
                    text: text.to_owned(),
                    confidence,
                    block: 1,
                    paragraph: 1,
                    line: 1 + u32::try_from(n / 4).unwrap_or(0),
                    bbox: [0, 0, 10, 10],
                })
                .collect(),
            turned_deg: 0.0,
            scale: 1.0,
            inverted: false,
        }
    }

    #[test]
    fn a_doubtful_entry_a_few_letters_from_one_known_name_is_corrected() {
        let kb = glasskin_kb::kb();
        let (words, why) = correct_entry(
            &["Suty!", "Methoxydibenzoylmethane,"],
            kb,
            Closeness::Doubtful,
        )
        .expect("corrected");
        assert_eq!(words, ["Butyl", "Methoxydibenzoylmethane,"]);
        assert!(why.contains("butyl methoxydibenzoylmethane"));
        // Two names as close: no correction ("Zinc Guide" is three edits from Zinc Oxide).
        assert_eq!(
            correct_entry(&["Zinc", "Guide,"], kb, Closeness::Doubtful),
            None
        );
        assert_eq!(
            missing_comma(&["Arginine", "Disodium", "EDTA."], kb),
            Some(1)
        );
        assert_eq!(missing_comma(&["Sodium", "Hyaluronate,"], kb), None);
        // A name the analyzer already reads is left alone.
        assert_eq!(correct_entry(&["Glycerin,"], kb, Closeness::Doubtful), None);
        let reading = assemble(
            &[page(&[
                ("Ingredients:", 95.0),
                ("Aqua,", 95.0),
                ("Suty!", 50.0),
                ("Methoxydibenzoylmethane,", 90.0),
                ("Glycerin.", 95.0),
            ])],
            kb,
        );
        assert_eq!(
            reading.text,
            "Ingredients: Aqua, Butyl Methoxydibenzoylmethane, Glycerin."
        );
        let fixed = reading
            .words
            .iter()
            .find(|w| w.text == "Butyl")
            .expect("word");
        assert_eq!(
            fixed.corrected.as_ref().map(|c| c.read.as_str()),
            Some("Suty!")
        );
    }

    #[test]
    fn an_entry_with_an_unreadable_word_and_no_known_name_is_kept_out_of_the_analysis() {
        let kb = glasskin_kb::kb();
        let reading = assemble(
            &[page(&[
                ("Ingredients:", 95.0),
                ("Aqua,", 95.0),
                ("Sodium", 89.0),
                ("Hyshwonste,", 30.0),
                ("Glycerin,", 40.0),
                ("77499.", 70.0),
            ])],
            kb,
        );
        assert_eq!(
            reading.text,
            "Ingredients: Aqua, Sodium Hyshwonste, Glycerin, CI 77499."
        );
        assert_eq!(reading.unreadable_entry_texts(), ["Sodium Hyshwonste"]);
        assert_eq!(
            reading.analysed_text(),
            "Ingredients: Aqua, Glycerin, CI 77499."
        );
        // The word stays marked in the text, for the person to correct.
        assert!(
            reading
                .words
                .iter()
                .any(|w| w.text == "Hyshwonste," && w.unreadable)
        );
        // A known name read with low confidence is not unreadable.
        assert!(
            reading
                .words
                .iter()
                .any(|w| w.text == "Glycerin," && !w.unreadable)
        );
    }

    #[test]
    fn an_unknown_entry_read_with_doubt_is_kept_out_of_the_analysis() {
        let kb = glasskin_kb::kb();
        let reading = assemble(
            &[page(&[
                ("Ingredients:", 95.0),
                ("Aqua,", 95.0),
                ("Sodium", 92.0),
                ("Blorptide,", 70.0),
                ("Frobnicol,", 96.0),
                ("Glycerin.", 95.0),
            ])],
            kb,
        );
        // Read at 70%, nothing known: shown to be corrected, its doubtful word marked.
        assert_eq!(reading.unreadable_entry_texts(), ["Sodium Blorptide"]);
        let marked: Vec<&str> = reading
            .words
            .iter()
            .filter(|w| w.unreadable)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(marked, ["Blorptide,"]);
        // Read surely, an unknown name is an unknown ingredient, analysed as such.
        assert!(reading.analysed_text().contains("Frobnicol"));
    }

    #[test]
    fn an_entry_read_surely_is_corrected_only_to_a_name_much_closer_than_any_other() {
        let kb = glasskin_kb::kb();
        // Two letters off in twelve, nothing else near: "Tartaric Add" is Tartaric Acid.
        let (words, _) =
            correct_entry(&["Tartaric", "Add,"], kb, Closeness::Sure).expect("corrected");
        assert_eq!(words, ["Tartaric", "Acid,"]);
        // A number read surely is not changed: PEG-2 is not PEG-20.
        assert_eq!(
            correct_entry(
                &["PEG-2", "Methyl", "Glucose", "Sesquistearate,"],
                kb,
                Closeness::Sure
            ),
            None
        );
        // Within a fifth of its letters is enough for a doubtful entry, not for a sure one.
        let (words, _) =
            correct_entry(&["Nlacinamlde,"], kb, Closeness::Doubtful).expect("corrected");
        assert_eq!(words, ["Niacinamide,"]);
        assert_eq!(correct_entry(&["Nlacinamlde,"], kb, Closeness::Sure), None);
        let reading = assemble(
            &[page(&[
                ("Ingredients:", 95.0),
                ("Water,", 95.0),
                ("Tartaric", 93.0),
                ("Add,", 91.0),
                ("Glycerin.", 95.0),
            ])],
            kb,
        );
        assert_eq!(reading.text, "Ingredients: Water, Tartaric Acid, Glycerin.");
    }

    #[test]
    fn a_piece_of_a_name_a_scrap_or_a_near_miss_is_shown_to_be_checked_not_analysed() {
        let kb = glasskin_kb::kb();
        assert!(fragment("Cocamidopropyl", kb));
        assert!(fragment("Leaf Extract,", kb));
        assert!(!fragment("Glycerin,", kb));
        assert!(!fragment("Frobnicol", kb));
        assert!(run_together("Caprylic/Capric Squalane", kb));
        assert!(!run_together("Squalane", kb));
        assert!(scrap("Coc,"));
        assert!(!scrap("Aqua"));
        assert!(near_miss("Weter,", kb));
        assert!(near_miss("Sodium Chrate", kb));
        assert!(!near_miss("Frobnicol", kb));
        assert!(!near_miss("Water", kb));
        assert!(scrap("피,"));
        assert!(!scrap("정제"));
        let reading = assemble(
            &[page(&[
                ("Ingredients:", 95.0),
                ("Water,", 95.0),
                ("Cocamidopropyl,", 92.0),
                ("Coc,", 90.0),
                ("Caprylic/Capric", 91.0),
                ("Squalane,", 93.0),
                ("Frobnicol,", 96.0),
                ("Weter,", 89.0),
                ("Glycerin.", 95.0),
            ])],
            kb,
        );
        assert_eq!(
            reading.unreadable_entry_texts(),
            ["Cocamidopropyl", "Coc", "Caprylic/Capric Squalane", "Weter"]
        );
        assert_eq!(
            reading.analysed_text(),
            "Ingredients: Water, Frobnicol, Glycerin."
        );
        // Read surely, all the words of such an entry are marked for the person to check.
        for word in ["Cocamidopropyl,", "Coc,", "Caprylic/Capric", "Squalane,"] {
            assert!(
                reading.words.iter().any(|w| w.text == word && w.unreadable),
                "{word} marked"
            );
        }
    }

    #[test]
    fn specks_read_as_quotation_marks_or_a_colon_within_a_name_are_dropped() {
        let kb = glasskin_kb::kb();
        let reading = assemble(
            &[page(&[
                ("Ingredients:", 95.0),
                ("Dipropylene", 90.0),
                ("\"Glycol,", 88.0),
                ("Disodium:", 85.0),
                ("EDTA,", 92.0),
                ("Coix", 95.0),
                ("Lacryma-Jobi", 95.0),
                ("(Job's", 95.0),
                ("Tears)", 95.0),
                ("Seed", 95.0),
                ("Extract.", 95.0),
            ])],
            kb,
        );
        assert_eq!(
            reading.text,
            "Ingredients: Dipropylene Glycol, Disodium EDTA, Coix Lacryma-Jobi (Job's Tears) Seed Extract."
        );
        let why: Vec<&str> = reading
            .words
            .iter()
            .filter_map(|w| w.corrected.as_ref().map(|c| c.why.as_str()))
            .collect();
        assert_eq!(
            why,
            [
                "a speck read as a quotation mark",
                "a speck read as a colon within a name"
            ]
        );
    }

    #[test]
    fn without_a_heading_a_first_block_that_is_no_part_of_a_list_is_the_name() {
        let kb = glasskin_kb::kb();
        let mut photo = page(&[
            ("VITAMIN", 93.0),
            ("C", 93.0),
            ("DROPS", 96.0),
            ("Propylene", 90.0),
            ("Glycol,", 90.0),
            ("Glycerin.", 95.0),
        ]);
        for w in &mut photo.words[3..] {
            w.block = 2;
        }
        let reading = assemble(std::slice::from_ref(&photo), kb);
        assert_eq!(reading.text, "Propylene Glycol, Glycerin.");
        // The rest of a label round a bottle, its first block a part of the list, is kept.
        let mut rest = page(&[("Seed", 90.0), ("Oil,", 90.0), ("Glycerin.", 95.0)]);
        rest.words[2].block = 2;
        let reading = assemble(std::slice::from_ref(&rest), kb);
        assert_eq!(reading.text, "Seed Oil,\nGlycerin.");
    }

    #[test]
    fn a_blurred_hangul_name_is_corrected_by_the_shapes_of_its_letters() {
        let kb = glasskin_kb::kb();
        // Two letters each a tick off (ㅔ read ㅐ, ㅗ read ㅡ): one edit by shape, where a
        // short name allows only one.
        let (words, _) = correct_entry(&["판태늘,"], kb, Closeness::Doubtful).expect("corrected");
        assert_eq!(words, ["판테놀,"]);
        // Two letters of other shapes are two edits: too far for so short a name.
        assert_eq!(correct_entry(&["판메칼,"], kb, Closeness::Doubtful), None);
    }

    #[test]
    fn a_hangul_name_read_doubtfully_in_pieces_is_joined_and_corrected() {
        let kb = glasskin_kb::kb();
        let words = |confidence: f32| {
            page(&[
                ("전성분:", 93.0),
                ("정제수,", 90.0),
                ("판", confidence),
                ("태늘,", confidence),
                ("글리세린", 90.0),
            ])
        };
        let reading = assemble(&[words(60.0)], kb);
        assert_eq!(reading.text, "전성분: 정제수, 판테놀, 글리세린");
        // Read surely, pieces that make no known name are left as read, for a person.
        let reading = assemble(&[words(90.0)], kb);
        assert_eq!(reading.text, "전성분: 정제수, 판 태늘, 글리세린");
    }

    #[test]
    fn a_lone_mark_between_names_is_a_speck() {
        let kb = glasskin_kb::kb();
        let mut photo = page(&[
            ("Ingredients:", 93.0),
            ("Water,", 90.0),
            ("Glycerin,", 90.0),
            (":", 85.0),
            ("Niacinamide,", 88.0),
            ("•", 60.0),
            ("Squalane", 90.0),
        ]);
        // The bullet starts the second line: the line goes on at the name after it.
        photo.words[4].line = 1;
        let reading = assemble(std::slice::from_ref(&photo), kb);
        assert_eq!(
            reading.text,
            "Ingredients: Water, Glycerin, Niacinamide, Squalane"
        );
        assert!(reading.unreadable_entries.is_empty());
        // A slash between two names is kept: it joins them.
        let reading = assemble(
            &[page(&[("Caprylic", 90.0), ("/", 90.0), ("Capric", 90.0)])],
            kb,
        );
        assert_eq!(reading.text, "Caprylic / Capric");
    }

    #[test]
    fn a_blurred_korean_heading_opens_the_list() {
        let photo = page(&[("제품명", 90.0), ("건성분:", 60.0), ("정제수,", 90.0)]);
        assert!(has_heading(&photo));
        assert!(!has_heading(&page(&[("건성분", 60.0), ("정제수,", 90.0)])));
    }

    #[test]
    fn a_hangul_name_wrapped_onto_the_next_line_is_one_word() {
        let kb = glasskin_kb::kb();
        let mut photo = page(&[
            ("전성분:", 93.0),
            ("정제수,", 90.0),
            ("소듐하", 85.0),
            ("이알루로네이트,", 80.0),
            ("글리세린", 90.0),
        ]);
        photo.words[3].line = 2;
        photo.words[4].line = 2;
        let reading = assemble(std::slice::from_ref(&photo), kb);
        assert_eq!(
            reading.text,
            "전성분: 정제수, 소듐하이알루로네이트, 글리세린"
        );
    }

    #[test]
    fn a_hangul_name_read_in_pieces_on_one_line_is_one_word() {
        let kb = glasskin_kb::kb();
        let reading = assemble(
            &[page(&[
                ("전성분:", 93.0),
                ("정제수,", 90.0),
                ("부틸렌글라이", 93.0),
                ("콜,", 93.0),
                ("글리세린", 90.0),
            ])],
            kb,
        );
        assert_eq!(reading.text, "전성분: 정제수, 부틸렌글라이콜, 글리세린");
        let fixed = reading.words.iter().find(|w| w.corrected.is_some());
        assert_eq!(
            fixed
                .and_then(|w| w.corrected.as_ref())
                .map(|c| c.read.as_str()),
            Some("부틸렌글라이 콜,")
        );
    }
}
