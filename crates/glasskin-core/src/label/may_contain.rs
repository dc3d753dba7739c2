//! "May contain" markers ("+/-", "may contain", "peut contenir"): what opens the part of a
//! list that a product may or may not hold.

use super::byte_scan::{byte_set, head_word, head_words};

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
