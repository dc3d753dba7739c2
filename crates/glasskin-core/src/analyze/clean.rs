//! Taking an item's decorations off before it is looked up: footnote marks, percentages and
//! parts per million, "nano", qualifiers ("organic", "USP") and stray brackets.
//!
//! Parts per million or billion, as Korean labels give concentrations ("Niacinamide
//! 20,000ppm"), are read as a percentage. Each item is asked whether it ends with one; the
//! question costs one compare for nearly every name, whose last letter no unit ends with
//! ([`ends_with_parts_per`]). A plain item is seen to be one, with no "nano" in it, in the same
//! pass over its bytes that finds its key's shape ([`plain_shape`]), and loses only its
//! qualifiers and stray brackets.

use crate::key::{PlainShape, ShapeTable, plain_shape, shape_table};
use crate::label::{self};

/// An item with its decorations taken off.
pub(super) struct Cleaned<'t> {
    /// The name to look up: markers, percentages and "nano" removed.
    pub(super) name: Cow<'t>,
    /// The name's lookup key is its bytes in lower case ([`PlainShape::Lowered`]).
    pub(super) lowered: bool,
    pub(super) percent: Option<f32>,
    pub(super) nano: bool,
    pub(super) marker: &'t str,
}

type Cow<'t> = std::borrow::Cow<'t, str>;

impl<'t> Cleaned<'t> {
    /// A name with nothing taken off it: no marker, percentage or "nano".
    pub(super) fn bare(name: &'t str, lowered: bool) -> Cleaned<'t> {
        Cleaned {
            name: Cow::Borrowed(name),
            lowered,
            percent: None,
            nano: false,
            marker: "",
        }
    }
}

/// Takes footnote markers, percentages, "nano" and stray brackets off an item.
#[inline]
pub(super) fn clean(raw: &str) -> Cleaned<'_> {
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
///
/// [`Analyzer::push_unrecognised`]: super::analyzer::Analyzer::push_unrecognised
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
pub(super) fn says_nano(text: &str) -> bool {
    // Only N and n become n with the 0x20 bit set, and so on: exact for these letters. One
    // compare per window, where a branch on each letter would mispredict.
    const NANO: u32 = u32::from_le_bytes(*b"nano");
    text.as_bytes()
        .windows(4)
        .any(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]) | 0x2020_2020 == NANO)
}

/// `str::trim`, without decoding characters when both ends are visible ASCII (nearly always).
pub(super) fn trim(s: &str) -> &str {
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

pub(super) fn may_have_qualifier(name: &str) -> bool {
    may_start_with_qualifier(name) || may_end_with_qualifier(name)
}

/// "Organic Glycerin" → "Glycerin", "Petrolatum USP" → "Petrolatum": claims about sourcing and
/// pharmacopoeia grades are not part of the INCI name.
#[inline]
pub(super) fn strip_qualifiers(name: &str) -> &str {
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
pub(super) fn ends_with_parts_per(name: &str) -> bool {
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
pub(super) fn take_concentration(name: &str) -> (String, Option<f32>) {
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
pub(super) fn outside_brackets(name: &str, out: &mut String) {
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
pub(super) fn bracketed(name: &str) -> impl Iterator<Item = &str> {
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
