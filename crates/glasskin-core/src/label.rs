//! Reading the shape of a label: headings, product sections and list items.
//!
//! Nothing here knows ingredients; [`crate::analyze`] decides what each item is. Every function
//! accepts any text and returns its best reading.

use std::borrow::Cow;

use memchr::{memchr, memchr_iter, memchr2, memchr2_iter, memchr3, memchr3_iter};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Unicode NFKC, with the punctuation of real labels folded to the few characters the splitter
/// knows: bullets become commas, smart quotes plain ones, invisible characters go. HTML entities
/// left in text copied from a web page are decoded first ("&amp;", "&#x2F;", "&nbsp;").
pub fn normalize_text(text: &str) -> Cow<'_, str> {
    if memchr(b'&', text.as_bytes()).is_some()
        && let Cow::Owned(decoded) = html_escape::decode_html_entities(text)
    {
        return Cow::Owned(fold_text(&decoded).into_owned());
    }
    fold_text(text)
}

/// [`normalize_text`] once any entities are decoded.
fn fold_text(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let needs_work = !text.is_ascii() || memchr3(b'\r', b'\t', b'\\', bytes).is_some();
    if !needs_work {
        return Cow::Borrowed(text);
    }
    // NFKC never joins a character to an ASCII one after it, so a text normalizes piece by
    // piece, each piece ending before an ASCII character. ASCII is copied as it stands; only
    // each run of other characters, with the ASCII letter before it (an "e" takes a following
    // accent), goes through the normalizer: a long label with one "™" costs a few bytes' work.
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let run_start = bytes[at..]
            .iter()
            .position(|b| !b.is_ascii())
            .map_or(text.len(), |p| at + p);
        // The ASCII before the run, but for its last character, which joins the run.
        let piece_start = if run_start < text.len() {
            run_start.saturating_sub(1).max(at)
        } else {
            run_start
        };
        fold_ascii(&text[at..piece_start], &mut out);
        let piece_end = bytes[run_start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(text.len(), |p| run_start + p);
        let piece = &text[piece_start..piece_end];
        if is_nfkc_quick(piece.chars()) == IsNormalized::Yes {
            piece.chars().for_each(|c| fold_char(c, &mut out));
        } else {
            piece.nfkc().for_each(|c| fold_char(c, &mut out));
        }
        at = piece_end;
    }
    Cow::Owned(out)
}

/// Appends ASCII text folded as [`fold_char`] folds it, copying the runs that need nothing.
fn fold_ascii(ascii: &str, out: &mut String) {
    let mut rest = ascii;
    while let Some(at) = memchr3(b'\r', b'\t', b'\\', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        fold_char(char::from(rest.as_bytes()[at]), out);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Folds one character of a label to what the splitter knows.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\r' => {}
        '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
        '•' | '●' | '▪' | '◦' | '∙' | '・' | '·' | '⋅' | '■' | '□' | '♦' | '❖' | '►' => {
            out.push(',')
        }
        '、' => out.push(','),
        // Some brands join synonyms with backslashes: "Water\Aqua\Eau".
        '\\' => out.push('/'),
        '‘' | '’' | '‚' | '′' => out.push('\''),
        '“' | '”' | '„' | '″' => out.push('"'),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => out.push('-'),
        '【' | '〔' => out.push('['),
        '】' | '〕' => out.push(']'),
        c => out.push(c),
    }
}

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

/// The first four bytes of a text with 0x20 set in each, as one word (0 for a shorter text):
/// a text that starts with a phrase in any case has the phrase's head word. Comparing it with
/// the heads of a few phrases rules out nearly every item at once, where comparing first
/// letters would leave many ("Methyl…" for "May contain") and mispredict.
pub(crate) const fn head_word(bytes: &[u8]) -> u32 {
    if bytes.len() < 4 {
        return 0;
    }
    // One load and one OR: the bytes read as a word first.
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) | 0x2020_2020
}

/// The [`head_word`]s of some phrases.
pub(crate) const fn head_words<const N: usize>(phrases: &[&str]) -> [u32; N] {
    let mut heads = [0; N];
    let mut i = 0;
    while i < N {
        heads[i] = head_word(phrases[i].as_bytes());
        i += 1;
    }
    heads
}

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

/// Splits an ingredient list into items at commas, semicolons and line breaks that are not inside
/// brackets, and not between digits ("1,2-Hexanediol", "0,5%").
///
/// A bracket that opens a "may contain" part ("[+/- CI 77891, CI 77491]") does not group: its
/// items are separate ingredients. Unbalanced brackets do not group either.
pub fn split_items(body: &str) -> Vec<&str> {
    let numbers = item_numbers(body);
    if numbers.is_empty() {
        return split_unnumbered(body);
    }
    // A numbered list: each number ends the item before it, as a comma would.
    let mut items = Vec::new();
    let mut start = 0;
    for number in numbers {
        items.extend(split_unnumbered(&body[start..number.start]));
        start = number.end;
    }
    items.extend(split_unnumbered(&body[start..]));
    items
}

/// Where the numbers of a numbered list are ("1. Water 2. Glycerin", "1) Water, 2) Glycerin"):
/// 1, 2, 3 and on, each with its "." or ")" and the space after, each at the start of the text
/// or after a space, comma, semicolon or line break. None unless there are three or more: "1,2-
/// Hexanediol" and "Ceramide 3. May contain" number nothing.
fn item_numbers(body: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = body.as_bytes();
    let first = bytes.len() - body.trim_start().len();
    // Nearly every list: it does not begin "1." or "1)".
    if !matches!(bytes.get(first..first + 2), Some(b"1." | b"1)")) {
        return Vec::new();
    }
    let mut numbers = Vec::new();
    let mut from = first;
    let mut next = 1usize;
    while let Some(at) = find_number(bytes, from, next) {
        numbers.push(at.clone());
        from = at.end;
        next += 1;
    }
    if numbers.len() < 3 {
        numbers.clear();
    }
    numbers
}

/// The first place at or after `from` where `number` is written as a list number (see
/// [`item_numbers`]), with its mark and the space after.
fn find_number(bytes: &[u8], from: usize, number: usize) -> Option<std::ops::Range<usize>> {
    let digits = number.to_string();
    let digits = digits.as_bytes();
    memchr_iter(digits[0], &bytes[from..])
        .map(|at| from + at)
        .find_map(|at| {
            let starts_word = at == 0 || matches!(bytes[at - 1], b' ' | b',' | b';' | b'\n');
            let end = at + digits.len();
            let marked = bytes.get(at..end) == Some(digits)
                && matches!(bytes.get(end), Some(b'.' | b')'))
                && matches!(bytes.get(end + 1), None | Some(b' ' | b'\n'));
            (starts_word && marked).then(|| at..(end + 2).min(bytes.len()))
        })
}

/// [`split_items`] for a list that is not numbered.
fn split_unnumbered<'t>(body: &'t str) -> Vec<&'t str> {
    let bytes = body.as_bytes();
    // Most lists use only commas and round brackets: those are found with a vectorised search.
    let only_round = memchr3(b'[', b'{', b'\n', bytes).is_none();
    // Round brackets alone pair by depth: each opening one is followed to its close when the
    // split meets it. Other kinds need every pair worked out first.
    let brackets = (!only_round).then(|| Brackets::of(body));
    let close_of = |open: usize| match &brackets {
        Some(brackets) => brackets.close_of(open),
        None => round_close(bytes, open),
    };
    let separators = RoundSplits::new();
    let next_split = |from: usize| {
        let rest = &bytes[from..];
        let found = if only_round {
            separators.find(rest)
        } else {
            rest.iter().position(|&b| SPLIT_BYTES[usize::from(b)])
        };
        found.map(|at| from + at)
    };
    // Names average some 20 bytes: room for most lists without growing.
    let mut items = Vec::with_capacity(body.len() / 16 + 1);
    // Blank items are left out. A visible ASCII byte settles it without decoding characters.
    let mut push = |item: &'t str| {
        if item.bytes().any(|b| b.is_ascii_graphic()) || !item.trim().is_empty() {
            items.push(item);
        }
    };
    let mut start = 0;
    let mut from = 0;
    while let Some(i) = next_split(from) {
        from = i + 1;
        match bytes[i] {
            b'(' | b'[' | b'{' => {
                if let Some(close) = close_of(i)
                    && !starts_may_contain(&body[i + 1..])
                {
                    from = close + 1;
                }
            }
            b',' if !is_numeric_comma(bytes, i) => {
                push(&body[start..i]);
                start = i + 1;
            }
            b';' | b'\n' => {
                push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(&body[start..]);
    items
}

/// The search for the bytes that may end an item in a list whose only brackets are round: a
/// comma, a semicolon or an opening bracket. Set up once for a list, where `memchr3` sets its
/// vectors up again for each item.
enum RoundSplits {
    #[cfg(target_arch = "x86_64")]
    Avx2(memchr::arch::x86_64::avx2::memchr::Three),
    Portable,
}

impl RoundSplits {
    fn new() -> RoundSplits {
        #[cfg(target_arch = "x86_64")]
        if let Some(three) = memchr::arch::x86_64::avx2::memchr::Three::new(b',', b';', b'(') {
            return RoundSplits::Avx2(three);
        }
        RoundSplits::Portable
    }

    fn find(&self, haystack: &[u8]) -> Option<usize> {
        match self {
            #[cfg(target_arch = "x86_64")]
            RoundSplits::Avx2(three) => three.find(haystack),
            RoundSplits::Portable => memchr3(b',', b';', b'(', haystack),
        }
    }
}

/// Where the round bracket opened at `open` closes, in a text with no other kind of bracket.
fn round_close(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    memchr2_iter(b'(', b')', &bytes[open..]).find_map(|at| {
        if bytes[open + at] == b'(' {
            depth += 1;
        } else {
            depth -= 1;
        }
        (depth == 0).then_some(open + at)
    })
}

/// Whether the comma at `i` sits inside a number or a locant: "1,2-Hexanediol", "0,5%", and
/// "1, 2-Hexanediol" as some labels space it.
fn is_numeric_comma(bytes: &[u8], i: usize) -> bool {
    let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
    if !digit_before {
        return false;
    }
    match bytes.get(i + 1) {
        Some(b) if b.is_ascii_digit() => true,
        // A spaced locant: a lone digit, ", ", a digit, then a hyphen.
        Some(b' ') => {
            let lone = i < 2 || !bytes[i - 2].is_ascii_alphanumeric();
            lone && bytes.get(i + 2).is_some_and(u8::is_ascii_digit)
                && bytes.get(i + 3) == Some(&b'-')
        }
        _ => false,
    }
}

/// Whether an item holds a full stop followed by a space or line break.
pub fn has_sentence_end(item: &str) -> bool {
    let bytes = item.as_bytes();
    memchr_iter(b'.', bytes).any(|i| matches!(bytes.get(i + 1), Some(b' ' | b'\n')))
}

/// Splits an item at full stops that end a sentence ("Tocopherol. Made in Korea"), but not inside
/// brackets ("(St. Paul's Wort)"), before a digit ("No. 5") or after an abbreviation ("var.").
pub fn sentences(item: &str) -> Vec<&str> {
    const ABBREVIATIONS: &[&str] = &[
        "no", "st", "var", "ext", "subsp", "ssp", "spp", "sp", "cv", "fl", "oz", "vit",
    ];
    let bytes = item.as_bytes();
    let ends_sentence =
        |i: usize| bytes[i] == b'.' && matches!(bytes.get(i + 1), Some(b' ' | b'\n'));
    if !has_sentence_end(item) {
        return vec![item];
    }
    let brackets = Brackets::of(item);
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(close) = brackets.close_of(i) {
            i = close + 1;
            continue;
        }
        if ends_sentence(i) {
            let word_start = item[..i]
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(0, |(p, c)| p + c.len_utf8());
            let word = &item[word_start..i];
            let next = item[i + 1..].trim_start();
            // A single letter ("Vitamin E.") may be an abbreviation; a dot after a bracket,
            // percent or footnote mark ("Citric Acid*. *Organic") ends a sentence.
            let abbreviation = word.len() == 1
                || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
                || next.starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase());
            if !abbreviation && !next.is_empty() {
                parts.push(&item[start..=i]);
                start = i + 1;
            }
        }
        i += 1;
    }
    parts.push(&item[start..]);
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// A byte table: `true` for the given bytes.
pub(crate) const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < members.len() {
        set[members[i] as usize] = true;
        i += 1;
    }
    set
}

/// Whether `bytes` hold any of `trigrams` (given in lower case) in any case. One pass with no
/// early exit and no branch on the bytes: it runs as vector instructions, and a long text costs
/// no mispredicted branch per letter.
pub(crate) fn has_trigram<const N: usize>(bytes: &[u8], trigrams: [[u8; 3]; N]) -> bool {
    let next = bytes.get(1..).unwrap_or_default();
    let after = bytes.get(2..).unwrap_or_default();
    bytes
        .iter()
        .zip(next)
        .zip(after)
        .fold(false, |found, ((&a, &b), &c)| {
            let (a, b, c) = (a | 0x20, b | 0x20, c | 0x20);
            trigrams.iter().fold(found, |found, t| {
                found | (a == t[0]) & (b == t[1]) & (c == t[2])
            })
        })
}

const SPLIT_BYTES: [bool; 256] = byte_set(b"([{,;\n");
const BRACKET_BYTES: [bool; 256] = byte_set(b"()[]{}\n");

/// The matched bracket pairs of a text, as (open, close) byte positions sorted by open.
struct Brackets(Vec<(usize, usize)>);

impl Brackets {
    fn of(text: &str) -> Brackets {
        let bytes = text.as_bytes();
        let mut pairs = Vec::new();
        let mut stack: Vec<(u8, usize)> = Vec::new();
        let mut pair = |i: usize, b: u8| match b {
            b'(' | b'[' | b'{' => stack.push((b, i)),
            b')' | b']' | b'}' => {
                let open = match b {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                // Drop unmatched openers of another kind, then match.
                if let Some(pos) = stack.iter().rposition(|(o, _)| *o == open) {
                    pairs.push((stack[pos].1, i));
                    stack.truncate(pos);
                }
            }
            // A line break ends any group: brackets do not span lines on real labels.
            b'\n' => stack.clear(),
            _ => {}
        };
        for (i, &b) in bytes.iter().enumerate() {
            if BRACKET_BYTES[usize::from(b)] {
                pair(i, b);
            }
        }
        pairs.sort_unstable();
        Brackets(pairs)
    }

    /// Where the bracket opened at `open` closes, if it is matched.
    fn close_of(&self, open: usize) -> Option<usize> {
        let at = self.0.binary_search_by_key(&open, |(o, _)| *o).ok()?;
        Some(self.0[at].1)
    }
}

const MAY_CONTAIN: &[&str] = &[
    "+/-",
    "+-",
    "±",
    "may contain",
    "may also contain",
    "peut contenir",
    "kann enthalten",
    "puede contener",
    "può contenere",
    "pode conter",
];

/// Whether text starts with a "may contain" marker (after brackets and spaces).
pub fn starts_may_contain(text: &str) -> bool {
    may_contain_marker_len(text).is_some()
}

/// The [`head_word`]s of the markers of four bytes or more; the shorter ones start with "+" or
/// "±".
const MAY_CONTAIN_HEADS: [u32; MAY_CONTAIN.len()] = head_words(MAY_CONTAIN);

/// The bytes a "may contain" marker can start with: a marker's first byte in either case, or a
/// bracket or space before it.
const MAY_CONTAIN_STARTS: [bool; 256] = {
    let mut set = byte_set(b" [({");
    let mut i = 0;
    while i < MAY_CONTAIN.len() {
        let first = MAY_CONTAIN[i].as_bytes()[0];
        set[first.to_ascii_lowercase() as usize] = true;
        set[first.to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    set
};

/// The length of a leading "may contain" marker with its brackets, slashes and colon, if any.
#[inline]
pub fn may_contain_marker_len(text: &str) -> Option<usize> {
    // Nearly every item starts with a letter no marker starts with: only the rest pay for a call.
    if !text
        .as_bytes()
        .first()
        .is_some_and(|&b| MAY_CONTAIN_STARTS[usize::from(b)])
    {
        return None;
    }
    marker_len(text)
}

/// [`may_contain_marker_len`] for a text whose first byte may start a marker.
#[inline(never)]
fn marker_len(text: &str) -> Option<usize> {
    let mut at = text
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'[' | b'(' | b'{'))
        .count();
    let rest = &text.as_bytes()[at..];
    if !matches!(rest.first(), Some(b'+' | 0xC2)) && !MAY_CONTAIN_HEADS.contains(&head_word(rest)) {
        return None;
    }
    let mut found = false;
    loop {
        let rest = &text.as_bytes()[at..];
        let first = rest.first().copied().unwrap_or_default();
        let Some(marker) = MAY_CONTAIN.iter().find(|m| {
            m.as_bytes()[0].eq_ignore_ascii_case(&first)
                && rest
                    .get(..m.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(m.as_bytes()))
        }) else {
            break;
        };
        found = true;
        at += marker.len();
        at += text[at..].len()
            - text[at..]
                .trim_start_matches([' ', ')', ']', '}', '/', ':', '(', '['])
                .len();
    }
    found.then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_separators_but_not_inside_brackets_or_numbers() {
        let items = split_items("Water (Aqua, Eau), 1,2-Hexanediol; Glycerin\nNiacinamide");
        assert_eq!(
            items,
            [
                "Water (Aqua, Eau)",
                " 1,2-Hexanediol",
                " Glycerin",
                "Niacinamide"
            ]
        );
    }

    #[test]
    fn trigrams_are_found_in_any_case_and_anywhere() {
        assert!(has_trigram(b"ngr", [*b"ngr"]));
        assert!(has_trigram(b"Full INGREDIENT list", [*b"ngr"]));
        assert!(has_trigram(b"Sodium Lauryl SulPHate", [*b"xyz", *b"lph"]));
        assert!(!has_trigram(b"Water, Glycerin", [*b"ngr"]));
        // Not across a gap, and not in a text shorter than a trigram.
        assert!(!has_trigram(b"n gr", [*b"ngr"]));
        assert!(!has_trigram(b"ng", [*b"ngr"]));
        assert!(!has_trigram(b"", [*b"ngr"]));
    }

    #[test]
    fn may_contain_brackets_do_not_group() {
        let items = split_items("Silica, [+/- CI 77891, CI 77491]");
        assert_eq!(items, ["Silica", " [+/- CI 77891", " CI 77491]"]);
    }

    #[test]
    fn spaced_locants_stay_whole() {
        assert_eq!(split_items("Water, 1, 2-Hexanediol, Glycerin").len(), 3);
        assert_eq!(split_items("Vitamin B1, 2 Drops").len(), 2);
    }

    #[test]
    fn sentences_split_only_at_sentence_ends() {
        assert_eq!(
            sentences("Sigesbeckia Orientalis (St. Paul's Wort) Extract"),
            ["Sigesbeckia Orientalis (St. Paul's Wort) Extract"]
        );
        assert_eq!(sentences("FD&C Yellow No. 5"), ["FD&C Yellow No. 5"]);
        assert_eq!(sentences("Citrus Aurantium var. Amara Oil").len(), 1);
        assert_eq!(
            sentences("Tocopherol. Made in Korea."),
            ["Tocopherol.", " Made in Korea."]
        );
        assert_eq!(
            sentences("Citric Acid*. *Organic"),
            ["Citric Acid*.", " *Organic"]
        );
        assert_eq!(sentences("Vitamin E. Oil").len(), 1);
        assert_eq!(
            sentences("Alcohol Denat. Please note"),
            ["Alcohol Denat.", " Please note"]
        );
    }

    #[test]
    fn unbalanced_brackets_do_not_swallow_the_list() {
        let items = split_items("Water (Aqua, Glycerin, Niacinamide");
        assert_eq!(items.len(), 3);
    }

    #[test]
    fn finds_ingredient_heading_and_prose() {
        let text = "A gentle gel. Directions: apply to wet skin.\nIngredients: Water, Glycerin";
        let s = sections(text);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].kind, None);
        assert_eq!(s[1].kind, Some(HeadingKind::Prose));
        assert_eq!(s[2].kind, Some(HeadingKind::Ingredients));
        assert_eq!(s[2].body.trim(), "Water, Glycerin");
    }

    #[test]
    fn free_from_claims_are_prose() {
        let s = sections("Water, Glycerin. Free of parabens, sulfates.");
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[1].heading, Some("Free of"));
        assert_eq!(s[1].kind, Some(HeadingKind::Prose));
        assert_eq!(s[1].body.trim(), "parabens, sulfates.");
        let s = sections("Water, Glycerin\nThis product is formulated without: petrolatum");
        assert_eq!(s[1].kind, Some(HeadingKind::Prose));
        assert_eq!(claim_len("Formulated Without: parabens"), Some(18));
        assert_eq!(claim_len("Made in Korea"), Some(7));
        // A claim needs its whole phrase: "Free Fatty Acids" is an ingredient.
        assert_eq!(claim_len("Free Fatty Acids"), None);
        assert_eq!(claim_len("Withania Somnifera Root Extract"), None);
    }

    #[test]
    fn finds_product_headings() {
        let s = sections("Cleanser: Water, Glycerin.\nToner: Water, Butylene Glycol");
        let kinds: Vec<_> = s.iter().map(|s| (s.heading, s.kind)).collect();
        assert_eq!(
            kinds,
            [
                (Some("Cleanser"), Some(HeadingKind::Product)),
                (Some("Toner"), Some(HeadingKind::Product))
            ]
        );
    }

    #[test]
    fn may_contain_is_not_a_heading() {
        let s = sections("Cleanser: Water, Glycerin\nToner: Water, Mica\nMay contain: CI 77891");
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[1].body.contains("May contain: CI 77891"));
    }

    #[test]
    fn inline_ingredients_heading() {
        let s = sections("Soothing cream for dry skin Inactive Ingredients: Water, Glycerin");
        assert_eq!(
            s.last().map(|s| s.kind),
            Some(Some(HeadingKind::Ingredients))
        );
    }

    #[test]
    fn normalizes_fullwidth_and_bullets() {
        assert_eq!(
            normalize_text("Water，Glycerin • Niacinamide"),
            "Water,Glycerin , Niacinamide"
        );
        assert_eq!(normalize_text("Aqua\u{a0}(Water)"), "Aqua (Water)");
    }

    #[test]
    fn decodes_html_entities_of_copied_web_text() {
        assert_eq!(
            normalize_text("Caprylic&#x2F;Capric Triglyceride, Glycerin&nbsp;&amp; Water"),
            "Caprylic/Capric Triglyceride, Glycerin & Water"
        );
        // An ampersand that starts no entity stays, and text without one is not copied.
        assert_eq!(
            normalize_text("Alcohol & Water, R&D;"),
            "Alcohol & Water, R&D;"
        );
        assert!(matches!(
            normalize_text("Water, Glycerin"),
            Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        /// Normalizing piece by piece gives what normalizing the whole text gives, for texts
        /// that mix ASCII with accents, combining marks that reorder, compatibility characters
        /// and Hangul jamo that compose.
        #[test]
        fn folding_piece_by_piece_is_folding_the_whole(
            text in "[aeAE 1,/()\t\r\\\\\u{301}\u{300}\u{316}\u{327}é™µ\u{a0}ｱ（가\u{1161}\u{11a8}ﬁ•]{0,24}"
        ) {
            let mut whole = String::new();
            text.nfkc().for_each(|c| fold_char(c, &mut whole));
            proptest::prop_assert_eq!(fold_text(&text), whole);
        }
    }

    proptest::proptest! {
        /// With round brackets alone, following a bracket to its close by depth pairs it as
        /// working out every pair does, unbalanced text included.
        #[test]
        fn round_brackets_close_by_depth(text in "[()a,]{0,24}") {
            let pairs = Brackets::of(&text);
            for (open, _) in text.match_indices('(') {
                proptest::prop_assert_eq!(round_close(text.as_bytes(), open), pairs.close_of(open));
            }
        }
    }

    #[test]
    fn numbered_lists_split_at_their_numbers() {
        assert_eq!(
            split_items("1. Water 2. Glycerin 3. 1,2-Hexanediol"),
            ["Water ", "Glycerin ", "1,2-Hexanediol"]
        );
        assert_eq!(
            split_items("1) Water,\n2) Glycerin,\n3) Niacinamide, Zinc PCA"),
            ["Water", "Glycerin", "Niacinamide", " Zinc PCA"]
        );
        // Two numbers, numbers out of order, and numbers inside names number nothing.
        assert_eq!(split_items("1. Water 2. Glycerin").len(), 1);
        assert_eq!(split_items("1. Water 3. Glycerin 2. Niacinamide").len(), 1);
        assert_eq!(
            split_items("1,2-Hexanediol, Ceramide 3. Water, Vitamin B3. Glycerin").len(),
            3
        );
    }

    #[test]
    fn may_contain_markers() {
        assert_eq!(may_contain_marker_len("[+/- CI 77891"), Some(5));
        assert_eq!(
            may_contain_marker_len("May Contain/Peut Contenir: Mica"),
            Some(27)
        );
        assert_eq!(may_contain_marker_len("Mica"), None);
    }
}
