//! Highlight bullets, as retailer pages print them above the list: "-Hyaluronic Acid: Locks in
//! moisture.", "-Zinc Oxide 14.5%: Sunscreen.", "-Octinoxate, Oxybenzone, and Titanium Dioxide:
//! Provide broad spectrum protection." The names before the colon are what the page highlights,
//! not entries of the list: the bullet is taken out of the text, and its names are kept as hints
//! (a sunscreen's page may give its filters only there).

use std::ops::Range;

use memchr::memchr_iter;

/// A highlight bullet found in a label's text.
#[derive(Debug, PartialEq, Eq)]
pub struct FoundHighlight<'t> {
    /// The bytes of the text it covers: the bullet, its names and its first sentence of benefit.
    pub span: Range<usize>,
    /// The names it highlights, as written, with any percentage ("Zinc Oxide 14.5%").
    pub names: Vec<&'t str>,
}

/// The longest name part a bullet may have before its colon.
const MAX_NAMES_LEN: usize = 90;

/// Every highlight bullet in `text`: a hyphen at the text's start, a line's start or after a
/// sentence's end, then names, a colon, and words that are not a list.
pub fn find_highlights(text: &str) -> Vec<FoundHighlight<'_>> {
    let bytes = text.as_bytes();
    let mut found: Vec<FoundHighlight<'_>> = Vec::new();
    for dash in memchr_iter(b'-', bytes) {
        if found.last().is_some_and(|h| dash < h.span.end) {
            continue;
        }
        let opens = dash == 0
            || bytes[dash - 1] == b'\n'
            || (dash >= 2 && bytes[dash - 1] == b' ' && matches!(bytes[dash - 2], b'.' | b'!'));
        if !opens {
            continue;
        }
        if let Some(highlight) = highlight_at(text, dash) {
            found.push(highlight);
        }
    }
    found
}

fn highlight_at(text: &str, dash: usize) -> Option<FoundHighlight<'_>> {
    let rest = &text[dash + 1..];
    let head = rest.trim_start_matches(' ');
    if !head.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let names_start = text.len() - head.len();
    let colon = head
        .char_indices()
        .take_while(|&(i, c)| i <= MAX_NAMES_LEN && c != '\n')
        .find(|&(i, c)| c == ':' || (c == '.' && head.as_bytes().get(i + 1) == Some(&b' ')))
        .filter(|&(_, c)| c == ':')?
        .0;
    let names_text = &head[..colon];
    let benefit_start = names_start + colon + 1;
    let benefit_end = sentence_end(text, benefit_start);
    let benefit = &text[benefit_start..benefit_end];
    if reads_as_list(benefit) || benefit.trim().is_empty() {
        return None;
    }
    let names: Vec<&str> = split_names(names_text);
    if names.is_empty() {
        return None;
    }
    Some(FoundHighlight {
        span: dash..benefit_end,
        names,
    })
}

/// The end of the sentence that starts at `from`: after its full stop, or at its line's end.
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i,
            b'.' | b'!' if bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) => {
                return i + 1;
            }
            _ => i += 1,
        }
    }
    text.len()
}

/// Whether text after a colon is an ingredient list ("Step 1: Water, Glycerin, …") rather than
/// a benefit: several commas between short pieces.
fn reads_as_list(text: &str) -> bool {
    let commas = text.bytes().filter(|&b| b == b',').count();
    let words = text.split_whitespace().count();
    commas >= 3 && words < 4 * (commas + 1)
}

/// The names of a bullet: "Octinoxate, Oxybenzone, and Titanium Dioxide" → three.
fn split_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for piece in text.split([',', '&', '+', '/']) {
        let mut rest = piece;
        while let Some(p) = rest.to_ascii_lowercase().find(" and ") {
            push_name(&mut names, &rest[..p]);
            rest = &rest[p + 5..];
        }
        push_name(&mut names, rest);
    }
    names
}

fn push_name<'t>(names: &mut Vec<&'t str>, piece: &'t str) {
    let mut name = piece.trim();
    if name.len() > 4
        && name
            .get(..4)
            .is_some_and(|h| h.eq_ignore_ascii_case("and "))
    {
        name = name[4..].trim_start();
    }
    if name.bytes().filter(u8::is_ascii_alphabetic).count() >= 2 {
        names.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<Vec<&str>> {
        find_highlights(text).into_iter().map(|h| h.names).collect()
    }

    #[test]
    fn bullets_above_the_list_are_highlights() {
        let text = "-Niacinamide: Minimizes the look of pores. -Zinc Oxide 14.5%: Sunscreen. -Avobenzone 3% and Octisalate 5%: Provide sunscreen protection. Water, Glycerin, Dimethicone";
        assert_eq!(
            names(text),
            [
                vec!["Niacinamide"],
                vec!["Zinc Oxide 14.5%"],
                vec!["Avobenzone 3%", "Octisalate 5%"]
            ]
        );
        let last = find_highlights(text).pop().expect("three highlights");
        assert_eq!(text[last.span.end..].trim(), "Water, Glycerin, Dimethicone");
        assert_eq!(
            names(
                "-Octinoxate, Oxybenzone, and Titanium Dioxide: Provide broad spectrum protection.\nWater"
            ),
            [["Octinoxate", "Oxybenzone", "Titanium Dioxide"]]
        );
    }

    #[test]
    fn lists_and_hyphenated_names_are_not_highlights() {
        assert!(find_highlights("Water, Glycerin, 1,2-Hexanediol, Tocopherol").is_empty());
        assert!(find_highlights("- Water\n- Glycerin\n- Niacinamide").is_empty());
        assert!(
            find_highlights("-Step 1: Water, Glycerin, Butylene Glycol, Carbomer, Niacinamide")
                .is_empty()
        );
        assert!(find_highlights("Sodium C14-16 Olefin Sulfonate: a wash").is_empty());
    }
}
