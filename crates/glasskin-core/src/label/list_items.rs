//! Splitting an ingredient list into items at the separators outside brackets and numbers, and
//! an item into sentences where prose is glued to it.

use memchr::{memchr_iter, memchr2_iter, memchr3};

use super::byte_scan::byte_set;
use super::may_contain::starts_may_contain;

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
pub(super) fn round_close(bytes: &[u8], open: usize) -> Option<usize> {
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
            // A single letter ("Vitamin E.") may be an abbreviation, a single digit ("Yellow
            // 6.") is not; a dot after a bracket, percent or footnote mark ("Citric Acid*.
            // *Organic") ends a sentence.
            let abbreviation = word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic()
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

const SPLIT_BYTES: [bool; 256] = byte_set(b"([{,;\n");
const BRACKET_BYTES: [bool; 256] = byte_set(b"()[]{}\n");

/// The matched bracket pairs of a text, as (open, close) byte positions sorted by open.
pub(super) struct Brackets(Vec<(usize, usize)>);

impl Brackets {
    pub(super) fn of(text: &str) -> Brackets {
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
    pub(super) fn close_of(&self, open: usize) -> Option<usize> {
        let at = self.0.binary_search_by_key(&open, |(o, _)| *o).ok()?;
        Some(self.0[at].1)
    }
}
