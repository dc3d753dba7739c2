//! Reading the shape of a label: headings, product sections and list items.
//!
//! Nothing here knows ingredients; [`crate::analyze()`] decides what each item is. Every function
//! accepts any text and returns its best reading. This file finds the headings and sections;
//! the text's folding, the list's items, "may contain" markers, declared sun protection, and
//! what a pasted page holds besides its list (free-from claims, highlight bullets, a Drug Facts
//! panel's furniture) each have a module of their own.
//!
//! `CLAIMS` below also names free-from phrases: a claim the claims module read no terms from
//! ("Free of:" with nothing after it) is still a heading of prose, not a list.

mod byte_scan;
mod claims;
mod drug_facts;
mod highlights;
mod korean;
mod list_items;
mod may_contain;
mod normalize;
pub mod sun_claims;

pub(crate) use byte_scan::{byte_set, has_trigram, head_word, head_words};
pub use claims::{FoundClaim, claim_terms, find_claims, free_word};
pub use drug_facts::{Rewrite, rewrite_panel};
pub use highlights::{FoundHighlight, find_highlights};
pub use korean::rewrite_korean;
pub use list_items::{has_sentence_end, sentences, split_items};
pub use may_contain::{may_contain_marker_len, starts_may_contain};
pub use normalize::normalize_text;

use memchr::{memchr_iter, memchr2, memchr2_iter, memchr3_iter};

/// What a heading introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingKind {
    /// An ingredient list ("Ingredients:", "Inactive ingredients:").
    Ingredients,
    /// Text that is not a list ("Directions:", "Warnings:", "Key ingredients:").
    Prose,
    /// The name of one product of several ("Cleanser:").
    Product,
}

/// A part of a label under one heading.
#[derive(Debug, PartialEq, Eq)]
pub struct Section<'t> {
    /// The heading text without its colon, if the part has one.
    pub heading: Option<&'t str>,
    /// What the heading introduces; `None` for the text before any heading.
    pub kind: Option<HeadingKind>,
    /// The text under the heading.
    pub body: &'t str,
}

const PROSE_HEADINGS: &[&str] = &[
    "about",
    "application",
    "benefits",
    "caution",
    "cautions",
    "claims",
    "clinical results",
    "description",
    "details",
    "directions",
    "directions for use",
    "disclaimer",
    "drug facts",
    "drug facts (continued)",
    "do not use",
    "features",
    "free of",
    "good to know",
    "highlighted ingredients",
    "how to apply",
    "how to use",
    "key benefits",
    "key ingredients",
    "made in",
    "net wt",
    "note",
    "other information",
    "precautions",
    "purpose",
    "questions",
    "skin type",
    "size",
    "stop use and ask a doctor if",
    "storage",
    "suggested use",
    "suggested usage",
    "texture",
    "to use",
    "usage",
    "use",
    "uses",
    "warning",
    "warnings",
    "what it does",
    "what it is",
    "when using this product",
    "why it works",
];

/// Claims that end an ingredient list: what the product leaves out ("Free of: parabens,
/// sulfates", "Formulated without …"), and the maker's footer ("Made in Korea", "Distributed
/// by …"). The names after them are not in the product.
const CLAIMS: &[&str] = &[
    "free of",
    "free from",
    "formulated without",
    "made without",
    "does not contain",
    "contains no",
    "without",
    "made in",
    "product of",
    "distributed by",
    "manufactured by",
    "manufactured for",
    "imported by",
];

const CLAIM_HEADS: [u32; CLAIMS.len()] = head_words(CLAIMS);

/// The length of the claim that opens `text` ("Free of", "Made in"), when a space or colon
/// follows it.
pub fn claim_len(text: &str) -> Option<usize> {
    if !CLAIM_HEADS.contains(&head_word(text.as_bytes())) {
        return None;
    }
    CLAIMS.iter().find_map(|claim| {
        let head = text.get(..claim.len())?;
        let next = text[claim.len()..].bytes().next();
        (head.eq_ignore_ascii_case(claim) && matches!(next, Some(b' ' | b':')))
            .then_some(claim.len())
    })
}

fn heading_kind(label: &str) -> HeadingKind {
    let lower = label.trim().to_lowercase();
    // "This product is formulated without:" as well as "Free of:".
    if PROSE_HEADINGS.contains(&lower.as_str()) || CLAIMS.iter().any(|c| lower.contains(c)) {
        return HeadingKind::Prose;
    }
    let lists = [
        "ingredient",
        "ingrédient",
        "inci",
        "composition",
        "ingredienti",
    ];
    if lists.iter().any(|w| lower.contains(w)) && !lower.starts_with("key ") {
        return HeadingKind::Ingredients;
    }
    HeadingKind::Product
}

/// A heading candidate: the label and where its colon ends.
struct Heading<'t> {
    start: usize,
    label: &'t str,
    body_start: usize,
}

const LIST_HEADINGS: &[&str] = &[
    "active ingredients",
    "active ingredient",
    "inactive ingredients",
    "inactive ingredient",
    "other ingredients",
    "ingredients",
    "ingredient list",
];

/// Finds an ingredient heading without a colon at a line start, as drug-facts panels print
/// them ("Active ingredient   Purpose", "Inactive ingredients carbomer, …", "INGREDIENTS - Aqua").
fn list_heading_at(text: &str, label_start: usize) -> Option<Heading<'_>> {
    let rest = &text[label_start..];
    let head = rest
        .get(..24.min(rest.len()))
        .unwrap_or(rest)
        .to_ascii_lowercase();
    let keyword = LIST_HEADINGS.iter().find(|k| head.starts_with(*k))?;
    let after = &rest[keyword.len()..];
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // "INGREDIENTS/INGRÉDIENTS:", "Ingredients / Ingredientes:": the translations are part of
    // the heading, up to its colon.
    let after = match after.strip_prefix(['/', '|']) {
        Some(rest) => rest
            .find(':')
            .filter(|&colon| colon <= 40 && !rest[..colon].contains(['\n', ',']))
            .map_or(after, |colon| &rest[colon..]),
        None => after,
    };
    // Skip the separator and a "Purpose" column title on the same line.
    let mut body = after.trim_start_matches([' ', ':', '-', '(', 's', ')']);
    let line_end = body.find('\n').unwrap_or(body.len());
    if body[..line_end].trim().eq_ignore_ascii_case("purpose")
        || body[..line_end].trim().eq_ignore_ascii_case("purposes")
    {
        body = &body[line_end..];
    }
    Some(Heading {
        start: label_start,
        label: &rest[..keyword.len()],
        body_start: text.len() - body.len(),
    })
}

/// Finds `Label:` at `start` (a line start, sentence start or the text start).
fn heading_at(text: &str, start: usize) -> Option<Heading<'_>> {
    let rest = &text[start..];
    let trimmed = rest.trim_start_matches([' ', '\n']);
    let label_start = start + (rest.len() - trimmed.len());
    if let Some(h) = list_heading_at(text, label_start) {
        return Some(h);
    }
    // "Free of parabens, sulfates…" opening a line or sentence: a claim, colon or not.
    if let Some(len) = claim_len(trimmed) {
        let body = &trimmed[len..];
        let body = body.strip_prefix(':').unwrap_or(body);
        return Some(Heading {
            start: label_start,
            label: &trimmed[..len],
            body_start: text.len() - body.len(),
        });
    }
    let mut end = None;
    for (i, c) in trimmed.char_indices() {
        if i > 48 {
            break;
        }
        match c {
            ':' => {
                end = Some(i);
                break;
            }
            '\n' => {
                // A bare "Ingredients" or "Drug Facts" line is a heading too.
                let label = &trimmed[..i];
                if heading_kind(label) != HeadingKind::Product && label.split(' ').count() <= 3 {
                    end = Some(i);
                }
                break;
            }
            c if c.is_alphanumeric() || matches!(c, ' ' | '&' | '-' | '\'' | '(' | ')' | '/') => {}
            _ => break,
        }
    }
    let end = end?;
    let label = trimmed[..end].trim();
    // "May contain:" opens part of the list above it, not a section of its own.
    if starts_may_contain(label) {
        return None;
    }
    let words = label.split_whitespace().count();
    if label.is_empty() || words > 6 || !label.starts_with(char::is_alphabetic) {
        return None;
    }
    Some(Heading {
        start: label_start,
        label,
        body_start: label_start + end + 1,
    })
}

/// Splits a label into sections at its headings.
///
/// Headings are recognised at the start of the text, of a line or of a sentence; an ingredients
/// heading ("Ingredients:") anywhere. Text before the first heading is a section of its own.
pub fn sections(text: &str) -> Vec<Section<'_>> {
    let bytes = text.as_bytes();
    // Every heading has a colon, starts a line or sentence, or names "ingredients": most lists
    // have none.
    let ingredient_words = || {
        memchr2_iter(b'g', b'G', bytes).filter_map(|g| {
            let start = g.checked_sub(2)?;
            bytes
                .get(start..g + 8)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"ingredient"))
                .then_some(start)
        })
    };
    let may_have_heading = memchr2(b':', b'\n', bytes).is_some()
        || has_sentence_end(text)
        || has_trigram(bytes, [*b"ngr"]) && ingredient_words().next().is_some();
    if !may_have_heading {
        return vec![Section {
            heading: None,
            kind: None,
            body: text,
        }];
    }
    // A heading begins at the start, after a line break or a sentence's end, or where
    // "ingredients" is written: only those places are visited, found by vectorised search. Each
    // follows an ASCII byte or starts an ASCII word, so slicing there never splits a character.
    let mut places: Vec<usize> = std::iter::once(0)
        .chain(memchr_iter(b'\n', bytes).map(|p| p + 1))
        .chain(
            memchr3_iter(b'.', b'!', b'?', bytes)
                .filter(|&p| bytes.get(p + 1) == Some(&b' '))
                .map(|p| p + 2),
        )
        .chain(ingredient_words())
        .filter(|&p| p < text.len())
        .collect();
    places.sort_unstable();
    places.dedup();
    let mut headings: Vec<Heading<'_>> = Vec::new();
    let mut i = 0;
    for &place in &places {
        if place < i {
            continue;
        }
        i = place;
        let at_boundary = i == 0
            || bytes[i - 1] == b'\n'
            || (i >= 2 && bytes[i - 1] == b' ' && matches!(bytes[i - 2], b'.' | b'!' | b'?'));
        if at_boundary
            && let Some(h) = heading_at(text, i)
            && headings
                .last()
                .is_none_or(|last| h.start >= last.body_start)
        {
            i = h.body_start;
            headings.push(h);
            continue;
        }
        // "Ingredients:" anywhere, e.g. after a product description on the same line.
        let starts = |word: &[u8]| {
            bytes
                .get(i..i + word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word))
        };
        if matches!(bytes[i], b'i' | b'I') && (starts(b"ingredients:") || starts(b"ingredients :"))
        {
            let word_start = i == 0 || !bytes[i - 1].is_ascii_alphabetic();
            if word_start {
                let colon = i + text[i..].find(':').unwrap_or(0);
                // Take "Inactive ingredients" or "Full ingredients list" with it.
                let line_start = text[..i].rfind(['\n', '.', ',', ';']).map_or(0, |p| p + 1);
                let label_start = if text[line_start..i].split_whitespace().count() <= 2 {
                    line_start
                } else {
                    i
                };
                let label = text[label_start..colon].trim();
                headings.push(Heading {
                    start: label_start,
                    label,
                    body_start: colon + 1,
                });
                i = colon + 1;
                continue;
            }
        }
    }

    // A short line right above an ingredients heading names its product ("Squalane Cleanser
    // 50ml\nIngredients: …"): with two or more of them the text holds several products.
    let titled: Vec<Option<usize>> = headings
        .iter()
        .enumerate()
        .map(|(n, h)| {
            let floor = n.checked_sub(1).map_or(0, |p| headings[p].body_start);
            title_line_before(text, h.start).filter(|&t| t >= floor)
        })
        .collect();
    let mut kinds: Vec<HeadingKind> = headings.iter().map(|h| heading_kind(h.label)).collect();
    let titles = titled.iter().filter(|t| t.is_some()).count();
    if titles >= 2 {
        for (n, title) in titled.iter().enumerate() {
            if let Some(title_start) = *title
                && kinds[n] == HeadingKind::Ingredients
            {
                let line_end = headings[n].start;
                headings[n].label = text[title_start..line_end].trim();
                headings[n].start = title_start;
                kinds[n] = HeadingKind::Product;
            }
        }
    }

    let mut out = Vec::with_capacity(headings.len() + 1);
    let first = headings.first().map_or(text.len(), |h| h.start);
    if !text[..first].trim().is_empty() {
        out.push(Section {
            heading: None,
            kind: None,
            body: &text[..first],
        });
    }
    for (n, h) in headings.iter().enumerate() {
        let end = headings.get(n + 1).map_or(text.len(), |next| next.start);
        out.push(Section {
            heading: Some(h.label),
            kind: Some(kinds[n]),
            body: &text[h.body_start.min(end)..end],
        });
    }
    out
}

/// The start of a title line directly above `at` (which must begin a line): short, no commas,
/// not a sentence.
fn title_line_before(text: &str, at: usize) -> Option<usize> {
    if at == 0 || text.as_bytes()[at - 1] != b'\n' {
        return None;
    }
    let above = &text[..at - 1];
    let start = above.rfind('\n').map_or(0, |p| p + 1);
    let line = above[start..].trim();
    let words = line.split_whitespace().count();
    let plausible = (1..=8).contains(&words)
        && !line.contains([',', ';', ':'])
        && !line.contains("...")
        && !line.ends_with('.')
        && line.starts_with(char::is_alphanumeric);
    plausible.then_some(start)
}

#[cfg(test)]
mod tests;
