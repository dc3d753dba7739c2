//! Lookup keys: one spelling for every way a name can be written.
//!
//! The knowledge base is keyed by [`lookup_key`] at build time and labels are looked up with the
//! same function, so "Caprylic / Capric Triglyceride", "CAPRYLIC/CAPRIC TRIGLYCERIDE" and
//! "caprylic/capric triglyceride." all meet.
//!
//! Most names on a label are plain: ASCII letters, digits, spaces, round brackets and
//! `/ - , ' &`. They have a cheaper path than [`lookup_key`]. [`plain_shape`] sees in one pass
//! whether a name is plain, and whether its key is simply its bytes in lower case
//! ([`PlainShape::Lowered`], the common case): then the knowledge base hashes and compares the
//! name itself and no key is built. [`plain_key`] builds the key of the other plain names. Both
//! stop short of the spelling folds ("sulph" → "sulf"), because every stored key is already
//! folded: `lookup_key` of a stored key is the key itself (glasskin-kb's lint
//! `every_key_is_its_own_key` checks it), so a hit on an unfolded key is the full rules' hit.
//! Only a miss that [`may_fold`] flags goes on to the full rules.
//!
//! The build marks each stored key that [`reads_as_written`]: a name whose bytes lower to such a
//! key is that key's name with nothing to clean off, so the analyzer looks most items up as they
//! stand and cleans only the rest.
//!
//! [`key_hash`] places keys in the name table ([`crate::kb::name_table`], which says why a short
//! key is hashed and compared as three fixed windows). [`char_mask`], [`pair_mask`] and [`shape`]
//! feed the fuzzy matcher's prefilters, and [`squash`] the lookup by letters alone.

/// Writes the lookup key of `name` into `out` (cleared first).
///
/// Lower case; Greek letters spelled out (α → alpha); every dash a hyphen; full stops dropped
/// unless between digits; runs of spaces collapsed, and no spaces around `/ - , ( )`; British
/// spellings folded to the American ones INCI uses (sulph → sulf, aluminium → aluminum,
/// -ised → -ized, -lysed → -lyzed).
pub fn lookup_key(name: &str, out: &mut String) {
    out.clear();
    let british = if name.is_ascii() {
        ascii_key(name.as_bytes(), out)
    } else {
        unicode_key(name, out);
        true
    };
    fold_spellings(out, british);
}

// The byte classes of plain names (see [`plain_key`]). A space is written only before a word or
// an opening bracket, and never after joining punctuation or an opening bracket.
const OTHER: u8 = 0;
const WORD: u8 = 1;
const SPACE: u8 = 2;
const JOIN: u8 = 3;
const OPEN: u8 = 4;
const CLOSE: u8 = 5;
const CLASSES: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'\'' | b'&' => WORD,
            b' ' => SPACE,
            b'/' | b'-' | b',' => JOIN,
            b'(' => OPEN,
            b')' => CLOSE,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

/// Flags for each class after each class: whether the byte is not plain, or its spacing
/// differs from the key's. The key of a plain name is the name in lower case byte for byte when
/// every space stands between a word or closing bracket and a word or opening bracket.
const START: u8 = 6;
const NOT_PLAIN: u8 = 1;
const RESPACE: u8 = 2;
const PAIRS: [[u8; 8]; 8] = {
    let mut table = [[0; 8]; 8];
    let mut prev = 0;
    while prev < 8 {
        let mut class = 0;
        while class < 8 {
            let respaced = matches!(
                (prev as u8, class as u8),
                (START, SPACE) | (SPACE, SPACE | JOIN | CLOSE) | (JOIN | OPEN, SPACE)
            );
            table[prev][class] = if class as u8 == OTHER { NOT_PLAIN } else { 0 }
                | if respaced { RESPACE } else { 0 };
            class += 1;
        }
        prev += 1;
    }
    table
};

/// What one pass over a name's bytes says about its lookup key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlainShape {
    /// Some byte is not plain (see [`plain_key`]): only [`lookup_key`] keys it.
    NotPlain,
    /// Plain, but its spaces need collapsing or dropping.
    Respaced,
    /// Plain, and its key before spelling folds is its bytes in lower case: the common case,
    /// looked up without building the key ([`crate::kb::KnowledgeBase::lookup_lowered`]).
    Lowered,
}

/// The byte classes of [`plain_shape`], each with the caller's own bits for the byte in its high
/// byte: one load a byte gives both.
pub type ShapeTable = [u16; 256];

/// The [`ShapeTable`] that adds `extra[b]` to byte `b`'s class.
pub const fn shape_table(extra: &[u8; 256]) -> ShapeTable {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = CLASSES[b] as u16 | (extra[b] as u16) << 8;
        b += 1;
    }
    table
}

/// The table of [`plain_shape`] for callers that need only the shape.
pub const SHAPES: ShapeTable = shape_table(&[0; 256]);

/// The [`PlainShape`] of a name, and the OR of the extra bits `table` gives its bytes (see
/// [`shape_table`]), for callers that need more from the same pass.
pub fn plain_shape(name: &[u8], table: &ShapeTable) -> (PlainShape, u8) {
    let mut prev = START;
    let mut odd = 0;
    let mut seen = 0;
    // The class of each byte is looked up independently of the one before, so the loop carries
    // no chain of memory loads.
    for &b in name {
        let entry = table[usize::from(b)];
        let class = entry as u8;
        odd |= PAIRS[usize::from(prev & 7)][usize::from(class & 7)];
        seen |= entry;
        prev = class;
    }
    let shape = if odd & NOT_PLAIN != 0 {
        PlainShape::NotPlain
    } else if odd & RESPACE != 0 || prev == SPACE {
        PlainShape::Respaced
    } else {
        PlainShape::Lowered
    };
    (shape, (seen >> 8) as u8)
}

/// Whether a name whose bytes lower to this key one for one is read as this key, with nothing
/// taken off: the key is a plain name in lower case ([`PlainShape::Lowered`]) and does not say
/// "nano", which the analyzer takes off as a marker. A name that lowers to such a key, has no
/// control character (which lowering would turn into punctuation) and carries no qualifier or
/// stray bracket is the key's name; the analyzer reads it without cleaning it first.
pub fn reads_as_written(key: &str) -> bool {
    plain_shape(key.as_bytes(), &SHAPES).0 == PlainShape::Lowered && !key.contains("nano")
}

/// The lookup key of a plain name before spelling folds, built in one pass: the common case on
/// real labels.
///
/// A plain name has only ASCII letters, digits, spaces, round brackets and `/ - , ' &`. For such
/// a name `out` gets what [`lookup_key`] writes before it folds British spellings and "Ext"
/// (see [`may_fold`]), and the function returns true. It returns false, with `out`
/// unspecified, for any other name.
pub fn plain_key(name: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    match plain_shape(name, &SHAPES).0 {
        PlainShape::NotPlain => return false,
        // Upper-case letters are the only plain bytes without 0x20 set: this lowers them and
        // keeps the rest.
        PlainShape::Lowered => {
            out.extend_from_slice(name);
            out.iter_mut().for_each(|b| *b |= 0x20);
            return true;
        }
        PlainShape::Respaced => {}
    }
    let mut pending_space = false;
    let mut glue = true;
    for &b in name {
        let class = CLASSES[usize::from(b)];
        if class == SPACE {
            pending_space = true;
            continue;
        }
        if pending_space && !glue && (class == WORD || class == OPEN) {
            out.push(b' ');
        }
        pending_space = false;
        glue = class == JOIN || class == OPEN;
        out.push(b | 0x20);
    }
    true
}

/// Whether [`lookup_key`] would fold a spelling in this key: "sulph", "aluminium", "-ised",
/// "-lysed" or a final "ext". Stored keys are already folded, so a plain key that is found needs
/// no folding; one that is not found is worth folding only when this says so. Letters are
/// compared in any case, so a [`PlainShape::Lowered`] name can be asked directly.
pub fn may_fold(key: &[u8]) -> bool {
    let ext = key.len() >= 4
        && key[key.len() - 4..]
            .iter()
            .zip(b" ext")
            .all(|(k, e)| k | 0x20 == *e);
    ext || has_british_spelling(key)
}

/// The British spellings [`lookup_key`] folds, in lower case.
const BRITISH: [&[u8]; 4] = [b"sulph", b"aluminium", b"lysed", b"ised"];

/// Whether a key holds a British spelling of [`BRITISH`], its letters in any case. Most keys are
/// ruled out by their windows of three letters alone: "Titanium" gets as far as the spellings.
fn has_british_spelling(key: &[u8]) -> bool {
    crate::label::has_trigram(key, [*b"lph", *b"niu", *b"sed"])
        && BRITISH.iter().any(|spelling| {
            key.windows(spelling.len())
                .any(|w| w.iter().zip(*spelling).all(|(k, s)| k | 0x20 == *s))
        })
}

/// The hash of a lookup key that places it in the knowledge base's name table: the build script
/// lays the table out with it and lookups probe with it. A multiply-rotate over 8-byte words: a
/// short key's three windows (see `short_windows`), a longer key's words in turn. The keys are
/// fixed at build time, so there is no flooding to resist, and the build checks the longest
/// probe.
pub fn key_hash(key: &str) -> u64 {
    hash_words(key.as_bytes(), 0)
}

/// A key's place in the fuzzy index were it `len` bytes long: `first byte << 16 | len`.
pub fn shape(key: &str, len: usize) -> u32 {
    let first = key.as_bytes().first().copied().unwrap_or(0);
    u32::from(first) << 16 | u32::try_from(len.min(0xFFFF)).unwrap_or(0xFFFF)
}

/// A key without its spaces and hyphens, into `out`: how a name reads whatever a label did to
/// its word breaks ("Aden- Osine" for "Adenosine", "AlpiniaGalanga" for "Alpinia Galanga").
pub fn squash(key: &str, out: &mut Vec<u8>) {
    out.clear();
    out.extend(key.bytes().filter(|b| !matches!(b, b' ' | b'-')));
}

/// [`key_hash`] of a key held as bytes.
pub fn key_hash_bytes(bytes: &[u8]) -> u64 {
    hash_words(bytes, 0)
}

/// Set in each 8-byte word of a [`PlainShape::Lowered`] name, it lowers the name to its key:
/// upper-case letters are the only plain bytes without 0x20.
pub const LOWERING: u64 = 0x2020_2020_2020_2020;

/// [`key_hash`] of a [`PlainShape::Lowered`] name's key, hashed from the name itself.
pub fn key_hash_lowered(name: &[u8]) -> u64 {
    hash_words(name, LOWERING)
}

/// Keys of at most this many bytes are hashed and compared as their [`short_windows`]: most
/// names a label lists, though under half the stored keys.
pub(crate) const SHORT: usize = 24;

/// The hash of `bytes` with `or` set in each word (lowering a plain name eight bytes at a time).
pub(crate) fn hash_words(bytes: &[u8], or: u64) -> u64 {
    if bytes.len() <= SHORT {
        hash_short(bytes.len(), short_windows(bytes, or))
    } else {
        hash_long(bytes, or)
    }
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// One word into a hash.
#[inline(always)]
fn mix(hash: u64, word: u64) -> u64 {
    (hash ^ word).wrapping_mul(K).rotate_left(31)
}

/// The last step of a hash, which spreads its high bits into the low ones the tag takes.
#[inline(always)]
fn finish(hash: u64) -> u64 {
    (hash ^ (hash >> 29)).wrapping_mul(K)
}

/// [`hash_words`] of a key of `len` bytes, at most [`SHORT`], from its [`short_windows`].
#[inline(always)]
pub(crate) fn hash_short(len: usize, [first, middle, last]: [u64; 3]) -> u64 {
    finish(mix(
        mix(mix((len as u64).wrapping_mul(K), first), middle),
        last,
    ))
}

/// [`hash_words`] of a key longer than [`SHORT`]: each 8-byte word in turn, then the rest.
#[inline(never)]
fn hash_long(bytes: &[u8], or: u64) -> u64 {
    let mut hash = (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0; 8];
        w.copy_from_slice(word);
        hash = mix(hash, u64::from_le_bytes(w) | or);
    }
    let rest = words.remainder().len();
    // Only the bytes present are lowered: the padding stays zero. A remainder has at most seven.
    let or = or & ((1 << (8 * rest)) - 1);
    finish(mix(hash, tail_word(bytes, rest) | or))
}

/// A key of at most [`SHORT`] bytes as three words that, with its length, say what it is, `or`
/// set in each of its bytes: its first eight bytes, eight from the middle and its last eight,
/// overlapping in a key shorter than 24; below eight bytes, its first and last four, or below
/// four, its first, middle and last byte. A fixed number of loads, where a loop over the words
/// would mispredict its end on every key of a new length.
#[inline(always)]
pub(crate) fn short_windows(bytes: &[u8], or: u64) -> [u64; 3] {
    let len = bytes.len();
    if len >= 8 {
        let word = |at: usize| {
            bytes
                .get(at..at + 8)
                .and_then(|w| w.try_into().ok())
                .map_or(0, u64::from_le_bytes)
                | or
        };
        [word(0), word(8.min(len - 8)), word(len - 8)]
    } else if len >= 4 {
        let half = |at: usize| {
            bytes
                .get(at..at + 4)
                .and_then(|w| w.try_into().ok())
                .map_or(0, |w| u64::from(u32::from_le_bytes(w)))
        };
        [(half(0) | half(len - 4) << 32) | or, 0, 0]
    } else if len > 0 {
        let byte = |at: usize| bytes.get(at).map_or(0, |&b| u64::from(b));
        [
            (byte(0) | byte(len / 2) << 8 | byte(len - 1) << 16) | or & 0xFF_FFFF,
            0,
            0,
        ]
    } else {
        [0; 3]
    }
}

/// The last `rest` (at most seven) bytes of `bytes` as a little-endian word, zero above: one
/// 8-byte load when the text is that long, so no copy of a varying length is made.
pub fn tail_word(bytes: &[u8], rest: usize) -> u64 {
    if rest == 0 {
        return 0;
    }
    match bytes.len().checked_sub(8) {
        Some(start) => {
            let last: [u8; 8] = bytes[start..].try_into().unwrap_or_default();
            u64::from_le_bytes(last) >> (8 * (8 - rest))
        }
        None => bytes[bytes.len() - rest..]
            .iter()
            .rev()
            .fold(0, |word, &b| word << 8 | u64::from(b)),
    }
}

/// [`lookup_key`] for any text.
fn unicode_key(name: &str, out: &mut String) {
    let mut pending_space = false;
    let mut glue = true; // no space may follow: start of key, or after `/ - , (`
    let mut chars = name.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        let mut buf = [0u8; 4];
        let folded: &str = match c {
            'A'..='Z' => c.to_ascii_lowercase().encode_utf8(&mut buf),
            'a'..='z' | '0'..='9' => c.encode_utf8(&mut buf),
            '.' if prev.is_ascii_digit() && chars.peek().is_some_and(char::is_ascii_digit) => ".",
            '.' | '_' => {
                pending_space = true;
                prev = c;
                continue;
            }
            c if c.is_whitespace() => {
                pending_space = true;
                prev = c;
                continue;
            }
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '-' => "-",
            '‘' | '’' | '`' | '´' | '\'' => "'",
            'α' | 'Α' => "alpha",
            'β' | 'Β' => "beta",
            'γ' | 'Γ' => "gamma",
            'δ' | 'Δ' => "delta",
            'ω' | 'Ω' => "omega",
            'µ' | 'μ' => "mu",
            c if c.is_alphabetic() => {
                for lower in c.to_lowercase() {
                    push(out, lower, &mut pending_space, &mut glue);
                }
                prev = c;
                continue;
            }
            c => c.encode_utf8(&mut buf),
        };
        for ch in folded.chars() {
            push(out, ch, &mut pending_space, &mut glue);
        }
        prev = c;
    }
}

/// Which of 64 character classes (letters, digits, punctuation folded together) occur in a key.
/// One edit changes at most two bits, so keys whose masks differ in more than `2k` bits are more
/// than `k` edits apart: a cheap filter before computing edit distances.
pub fn char_mask(key: &str) -> u64 {
    key.bytes().fold(0, |mask, b| {
        let bit = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + (b - b'0'),
            b' ' => 36,
            b'-' => 37,
            b'/' => 38,
            b',' => 39,
            b'(' | b')' => 40,
            _ => 41 + b % 23,
        };
        mask | 1 << bit
    })
}

/// Which of 64 buckets the key's adjacent byte pairs fall in. One edit changes at most three pairs
/// on each side, so keys whose masks differ in more than `6k` bits are more than `k` edits apart:
/// a second filter, sharper than [`char_mask`] on long keys.
pub fn pair_mask(key: &str) -> u64 {
    key.as_bytes().windows(2).fold(0, |mask, w| {
        let h = (u32::from(w[0]) * 31 + u32::from(w[1])).wrapping_mul(0x9E37_79B1) >> 26;
        mask | 1 << h
    })
}

/// [`lookup_key`] for ASCII text, byte by byte: the common case, kept fast. Returns whether a
/// British spelling ("sulph", "aluminium", "-ised", "-lysed") may be present.
fn ascii_key(name: &[u8], out: &mut String) -> bool {
    // Built in a local byte buffer: its length stays in a register, where pushing onto the
    // caller's `String` reloads it on every byte.
    let mut key = std::mem::take(out).into_bytes();
    key.clear();
    key.reserve(name.len());
    let mut pending_space = false;
    let mut glue = true;
    let mut british = false;
    for (i, &b) in name.iter().enumerate() {
        let c = match b {
            // Letters and digits, most of every name: no punctuation rules apply.
            b'a'..=b'z' | b'0'..=b'9' | b'A'..=b'Z' => {
                if pending_space && !glue {
                    key.push(b' ');
                }
                pending_space = false;
                glue = false;
                let lower = b.to_ascii_lowercase();
                if matches!(lower, b'h' | b'u' | b'd') {
                    british |= matches!(
                        (key.len().checked_sub(2).map(|n| &key[n..]), lower),
                        (Some(b"lp"), b'h') | (Some(b"ni"), b'u') | (Some(b"se"), b'd')
                    );
                }
                key.push(lower);
                continue;
            }
            b'.' if i > 0
                && name[i - 1].is_ascii_digit()
                && name.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                b'.'
            }
            b'.' | b'_' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => {
                pending_space = true;
                continue;
            }
            b'`' => b'\'',
            _ => b,
        };
        let joins = matches!(c, b'/' | b'-' | b',' | b'(' | b')');
        if pending_space && !glue && !matches!(c, b'/' | b'-' | b',' | b')') {
            key.push(b' ');
        }
        pending_space = false;
        key.push(c);
        glue = joins && c != b')';
    }
    // Every byte pushed is ASCII, so this never fails (and never allocates).
    *out = String::from_utf8(key).unwrap_or_default();
    british
}

/// Whether `c` is a Hangul syllable, the script of Korean labels' ingredient names.
pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Whether `text` holds a Hangul syllable: one pass over its bytes, as every syllable's UTF-8
/// starts with a byte from 0xEA to 0xED.
pub fn has_hangul(text: &str) -> bool {
    !text.is_ascii()
        && text
            .char_indices()
            .filter(|&(i, _)| matches!(text.as_bytes()[i], 0xEA..=0xED))
            .any(|(_, c)| is_hangul(c))
}

fn push(out: &mut String, c: char, pending_space: &mut bool, glue: &mut bool) {
    let joins = matches!(c, '/' | '-' | ',' | '(' | ')');
    // Korean names are one word however a label spaces them ("병풀 추출물", "C12-15 알킬벤조에이트"):
    // a space beside a Hangul syllable is no space.
    let korean = || is_hangul(c) || out.ends_with(is_hangul);
    if *pending_space && !*glue && !matches!(c, '/' | '-' | ',' | ')') && !korean() {
        out.push(' ');
    }
    *pending_space = false;
    out.push(c);
    *glue = joins && c != ')';
}

/// `maybe_british` is false when the caller already knows no British spelling can be present.
fn fold_spellings(key: &mut String, maybe_british: bool) {
    // "Centella Asiatica Ext." is an extract.
    if key.ends_with(" ext") {
        key.push_str("ract");
    }
    if !maybe_british || !has_british_spelling(key.as_bytes()) {
        return;
    }
    if key.contains("sulph") {
        *key = key.replace("sulph", "sulf");
    }
    if key.contains("aluminium") {
        *key = key.replace("aluminium", "aluminum");
    }
    if key.contains("lysed") {
        *key = key.replace("lysed", "lyzed");
    }
    if key.contains("ised") {
        *key = fold_ised(key);
    }
}

/// -ised → -ized at the end of a word (stabilised, micronised), but not in short words (raised).
fn fold_ised(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    while let Some(at) = rest.find("ised") {
        let (before, after) = rest.split_at(at);
        let word_len = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .count();
        let ends_word = !after[4..].starts_with(|c: char| c.is_alphanumeric());
        out.push_str(before);
        out.push_str(if word_len >= 3 && ends_word {
            "ized"
        } else {
            "ised"
        });
        rest = &after[4..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
