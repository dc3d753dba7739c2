//! Free-from claims: what a label says its product is made without ("Clean at Sephora products
//! are formulated without: Parabens, Phthalates", "Free of sulfates and silicones", "0% alcohol",
//! "paraben-free"). The names in a claim are not in the product, so its text is taken out before
//! the list is read, and its terms are kept for the analysis to check against the list.

use std::ops::Range;

use super::byte_scan::has_trigram;

/// A claim found in a label's text.
#[derive(Debug, PartialEq, Eq)]
pub struct FoundClaim<'t> {
    /// The bytes of the text it covers, from its sentence's start to its end.
    pub span: Range<usize>,
    /// What it says the product is free of, as written ("Parabens", "Formaldehyde-Releasing
    /// Agents").
    pub terms: Vec<&'t str>,
}

/// Phrases that open a claim, lower case, the longer first where two start alike. "Without"
/// alone opens one only at a sentence's start or before a colon: "hydrates without feeling
/// greasy" claims nothing.
const OPENERS: &[&str] = &[
    "formulated without",
    "formulated free of",
    "made without",
    "crafted without",
    "created without",
    "developed without",
    "manufactured without",
    "produced without",
    "free of",
    "free from",
    "does not contain",
    "doesn't contain",
    "do not contain",
    "containing no",
    "contains no",
    "contain no",
    "without",
    "0%",
];

/// Every free-from claim in `text`, in order, their spans disjoint.
pub fn find_claims(text: &str) -> Vec<FoundClaim<'_>> {
    let bytes = text.as_bytes();
    // Nearly every list has none of the openers' telling letters ("free", "without",
    // "contain", "0% "): one vector pass rules it out.
    let contains = || {
        has_trigram(bytes, [*b"ont"])
            && [&b"ontain"[..], b"ONTAIN"]
                .iter()
                .any(|n| memchr::memmem::find(bytes, n).is_some())
    };
    if !has_trigram(bytes, [*b"fre", *b"hou"]) && !has_zero_percent(bytes) && !contains() {
        return Vec::new();
    }
    let mut claims: Vec<FoundClaim<'_>> = Vec::new();
    let mut at = 0;
    while let Some((start, opener)) = next_opener(text, at) {
        at = start + opener.len();
        if claims.last().is_some_and(|c| start < c.span.end) {
            continue;
        }
        let sentence_start = claim_start(text, start);
        if opener == "without" && !opens_alone(text, sentence_start, start, at) {
            continue;
        }
        let body_start = at;
        let end = claim_end(text, body_start);
        let terms = claim_terms(&text[body_start..end]);
        if terms.is_empty() {
            continue;
        }
        claims.push(FoundClaim {
            span: sentence_start..end,
            terms,
        });
        at = end;
    }
    claims
}

/// Whether "0%" is written anywhere: found by its rare "%".
fn has_zero_percent(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'%', bytes).any(|p| p > 0 && bytes[p - 1] == b'0')
}

/// The next opener at or after `from`, as a whole word, in one pass over the text: at each
/// word's start whose first two letters some opener has, the longest opener written there.
fn next_opener(text: &str, from: usize) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    (from..bytes.len().saturating_sub(1)).find_map(|start| {
        // Every opener starts with one of these pairs; a word's start is rarely one of them.
        let pair = [bytes[start] | 0x20, bytes[start + 1] | 0x20];
        if !matches!(
            &pair,
            b"fo" | b"fr" | b"ma" | b"cr" | b"de" | b"pr" | b"do" | b"co" | b"wi" | b"0%"
        ) {
            return None;
        }
        let before = start.checked_sub(1).map(|p| bytes[p]);
        let word_start = match bytes[start] {
            b'0' => before.is_none_or(|b| !b.is_ascii_digit() && !matches!(b, b'.' | b',')),
            _ => before.is_none_or(|b| !b.is_ascii_alphanumeric()),
        };
        if !word_start {
            return None;
        }
        OPENERS.iter().find_map(|opener| {
            let end = start + opener.len();
            let written = bytes.get(start..end)?;
            let after_ok = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
            (written.eq_ignore_ascii_case(opener.as_bytes()) && after_ok)
                .then_some((start, *opener))
        })
    })
}

/// Whether a bare "without" opens a claim: at its sentence's start, or before a colon.
fn opens_alone(text: &str, sentence_start: usize, start: usize, end: usize) -> bool {
    text[sentence_start..start].trim().is_empty()
        || text[end..].trim_start_matches(' ').starts_with(':')
}

/// Where the claim around an opener at `at` starts: its sentence's start, or the item it opens
/// when it sits in a list ("…, Tocopherol, Free of parabens").
fn claim_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let bytes = before.as_bytes();
    let sentence = (0..bytes.len())
        .rev()
        .find(|&i| {
            bytes[i] == b'\n'
                || (matches!(bytes[i], b'.' | b'!' | b'?')
                    && bytes.get(i + 1) == Some(&b' ')
                    && !abbreviation_before(before, i))
        })
        .map_or(0, |i| i + 1);
    let item = before[sentence..]
        .rfind([',', ';'])
        .map_or(sentence, |p| sentence + p + 1);
    let start = if item > sentence { item } else { sentence };
    start + (text[start..at].len() - text[start..at].trim_start().len())
}

/// Whether the full stop at `dot` ends an abbreviation, not a sentence ("Alcohol Denat. Free").
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let word_start = text[..dot]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &text[word_start..dot];
    ["denat", "no", "st", "var", "sp", "spp", "vit", "etc"]
        .iter()
        .any(|a| word.eq_ignore_ascii_case(a))
}

/// Where a claim whose body starts at `from` ends: its sentence's end, the end of its line, or
/// an ingredients heading. A claim that ends its line at its colon ("Free of:") takes the short
/// lines below it.
fn claim_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let rest = text[from..].trim_start_matches([' ', ':']);
    let mut i = text.len() - rest.len();
    if let Some(lines) = rest.strip_prefix('\n') {
        // One term a line, until a blank line or a line that is a list or a heading.
        let mut end = i;
        for line in lines.split('\n') {
            let words = line.split_whitespace().count();
            if words == 0 || words > 4 || line.contains([',', ':']) {
                break;
            }
            end += 1 + line.len();
        }
        return end;
    }
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i,
            b'.' | b'!' | b'?'
                if bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
                    && !abbreviation_before(text, i) =>
            {
                return i + 1;
            }
            // An ingredients heading, not "animal-derived ingredients".
            b'i' | b'I'
                if text
                    .get(i..i + 11)
                    .is_some_and(|w| w.eq_ignore_ascii_case("ingredients"))
                    && !bytes[i - 1].is_ascii_alphanumeric()
                    && text[i + 11..].trim_start_matches(' ').starts_with(':') =>
            {
                return i;
            }
            _ => {}
        }
        i += 1;
    }
    text.len()
}

/// A claim's body split into what it names: at commas, semicolons, "+", "&", "/", brackets and
/// the words "and", "or", "nor"; each without "no", "any", "0%" or a trailing "-free".
pub fn claim_terms(body: &str) -> Vec<&str> {
    let mut terms = Vec::new();
    for piece in body.split([',', ';', '+', '&', '/', '(', ')', '\n']) {
        let mut rest = piece;
        // " and ", " or ", " nor " join terms within a piece.
        loop {
            let lower = rest.to_ascii_lowercase();
            let cut = [" and ", " or ", " nor "]
                .iter()
                .filter_map(|w| lower.find(w).map(|p| (p, w.len())))
                .min();
            match cut {
                Some((p, len)) => {
                    push_term(&mut terms, &rest[..p]);
                    rest = &rest[p + len..];
                }
                None => {
                    push_term(&mut terms, rest);
                    break;
                }
            }
        }
    }
    terms
}

fn push_term<'t>(terms: &mut Vec<&'t str>, piece: &'t str) {
    let mut term = piece
        .trim()
        .trim_start_matches([':', '-', ' '])
        .trim_end_matches(['.', '!', ':', '*'])
        .trim();
    loop {
        let before = term;
        for prefix in ["and ", "or ", "nor ", "no ", "any ", "0% ", "0 % ", "- "] {
            if term.len() > prefix.len()
                && term
                    .get(..prefix.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
            {
                term = term[prefix.len()..].trim_start();
            }
        }
        if term == before {
            break;
        }
    }
    if let Some(word) = free_word(term) {
        term = word;
    }
    let letters = term.bytes().filter(u8::is_ascii_alphabetic).count();
    if letters >= 2 && term.split_whitespace().count() <= 6 {
        terms.push(term);
    }
}

/// The substance an "X-free" word names ("paraben-free" → "paraben", "Sulfate Free" →
/// "Sulfate"), if the text is one.
pub fn free_word(text: &str) -> Option<&str> {
    // Nearly every item is a name: its last letter says it is not "…free", and that is all
    // it costs.
    if !text
        .as_bytes()
        .last()
        .is_some_and(|&b| matches!(b | 0x20, b'e' | b'.' | b'!' | b'*' | b' '))
    {
        return None;
    }
    let text = text.trim_end_matches(['.', '!', '*', ' ']);
    let last = text.as_bytes().get(text.len().checked_sub(4)?..)?;
    if !last.eq_ignore_ascii_case(b"free") {
        return None;
    }
    let text = text.trim_start();
    let cut = text.len().checked_sub(5)?;
    let (head, tail) = (text.get(..cut)?, text.get(cut..)?);
    if !tail.eq_ignore_ascii_case(" free") && !tail.eq_ignore_ascii_case("-free") {
        return None;
    }
    let head = head.trim();
    (head.split_whitespace().count() <= 3 && head.bytes().any(|b| b.is_ascii_alphabetic()))
        .then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<Vec<&str>> {
        find_claims(text).into_iter().map(|c| c.terms).collect()
    }

    #[test]
    fn a_retailers_note_after_the_list_is_a_claim() {
        let text = "Water, Glycerin. Clean at Sephora products are formulated without: Sulfates-SLS + SLES, Parabens, Formaldehyde-Releasing Agents, Coal Tar, Hydroquinone, Triclosan, and Triclocarban. All products have less than 1% synthetic fragrance.";
        let found = find_claims(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].terms,
            [
                "Sulfates-SLS",
                "SLES",
                "Parabens",
                "Formaldehyde-Releasing Agents",
                "Coal Tar",
                "Hydroquinone",
                "Triclosan",
                "Triclocarban"
            ]
        );
        assert_eq!(&text[found[0].span.clone()][..5], "Clean");
        assert!(text[found[0].span.clone()].ends_with("Triclocarban."));
    }

    #[test]
    fn claims_in_many_phrasings() {
        assert_eq!(
            terms("Free of parabens, sulfates and phthalates."),
            [["parabens", "sulfates", "phthalates"]]
        );
        assert_eq!(terms("This toner contains no alcohol."), [["alcohol"]]);
        assert_eq!(
            terms("0% Parabens, 0% Mineral Oil"),
            [vec!["Parabens", "Mineral Oil"]]
        );
        assert_eq!(
            terms("Water, Glycerin, Tocopherol, Free from silicones"),
            [["silicones"]]
        );
        assert_eq!(
            terms("Does not contain: fragrance or dyes"),
            [["fragrance", "dyes"]]
        );
        assert_eq!(
            terms("Without:\nParabens\nSilicones\n\nWater, Glycerin"),
            [["Parabens", "Silicones"]]
        );
        // A claim ends where an ingredients heading begins.
        let text = "Made without mineral oil Ingredients: Water, Glycerin";
        let found = find_claims(text);
        assert_eq!(found[0].terms, ["mineral oil"]);
        assert_eq!(&text[found[0].span.end..], "Ingredients: Water, Glycerin");
    }

    #[test]
    fn names_and_prose_that_only_look_like_claims_are_not() {
        assert!(find_claims("Water, Niacinamide 10%, Zinc PCA 1%").is_empty());
        assert!(find_claims("Free Fatty Acids, Water").is_empty());
        assert!(find_claims("A gel that hydrates without feeling greasy.").is_empty());
        assert!(find_claims("May contain: Mica, CI 77891").is_empty());
        assert!(find_claims("Withania Somnifera Root Extract, Water").is_empty());
    }

    #[test]
    fn text_in_any_script_is_read_without_splitting_a_character() {
        assert!(find_claims("0%\u{fffc}").is_empty());
        let korean = "정제수, 글리세린, 아르지닌. This product is formulated without: petrolatum.";
        assert_eq!(terms(korean), [["petrolatum"]]);
        assert!(find_claims("0% \u{00e9}\u{00e9}, and \u{00e9}").len() <= 1);
    }

    #[test]
    fn free_words_name_their_substance() {
        assert_eq!(free_word("paraben-free"), Some("paraben"));
        assert_eq!(free_word("Sulfate Free."), Some("Sulfate"));
        assert_eq!(free_word("Free Fatty Acids"), None);
        assert_eq!(free_word("free"), None);
    }
}
