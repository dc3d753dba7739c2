//! US Drug Facts panels, whether printed line by line or flattened onto one line by a retailer's
//! page: "Active ingredients Purpose Zinc Oxide 14.5% ........ Sunscreen Uses • helps prevent
//! sunburn Warnings … Inactive ingredients Water, … Questions? 1-800-555-0100". The panel's
//! furniture (Uses, Warnings, Directions, Other information, Questions) is not a list, and the
//! Purpose column is not part of an active's name: the panel is rewritten as
//! "Active ingredients: Zinc Oxide 14.5%" and its inactive list, and the rest taken out.

use std::ops::Range;

use super::byte_scan::has_trigram;

/// A part of a panel to rewrite: its bytes and what replaces them.
#[derive(Debug, PartialEq, Eq)]
pub struct Rewrite {
    /// The bytes replaced.
    pub span: Range<usize>,
    /// The text put in their place.
    pub with: String,
}

/// Headings of the panel's parts that are not lists, as printed (title case). "Use" and
/// "Uses" count only inside a panel.
const FURNITURE: &[&str] = &[
    "Drug Facts (continued)",
    "Drug Facts",
    "Uses",
    "Use",
    "Warnings",
    "Warning",
    "For external use only",
    "Do not use",
    "When using this product",
    "Stop use and ask a doctor",
    "Keep out of reach of children",
    "Directions",
    "Other information",
    "Questions or comments?",
    "Questions?",
];

/// What the Purpose column says; each is taken off the active before it.
const PURPOSES: &[&str] = &[
    "sunscreens",
    "sunscreen",
    "acne treatment",
    "acne medication",
    "skin protectant",
    "skin lightener",
    "skin bleaching",
    "anti-itch",
    "antifungal",
    "antiseptic",
    "antiperspirant",
    "anti-dandruff",
    "external analgesic",
    "analgesic",
    "first aid antiseptic",
    "purposes",
    "purpose",
];

/// The rewrites that turn a Drug Facts panel in `text` into its lists, in order; none when the
/// text has no panel.
pub fn rewrite_panel(text: &str) -> Vec<Rewrite> {
    // A panel has "active" and its "Purpose", "Drug Facts" or "Warnings": one vector pass
    // rules out nearly every list.
    let bytes = text.as_bytes();
    if !has_trigram(bytes, [*b"tiv"]) || !has_trigram(bytes, [*b"urp", *b"rug", *b"arn"]) {
        return Vec::new();
    }
    let lower = text.to_ascii_lowercase();
    // A word's start: "inactive ingredients" holds no actives heading.
    let Some(actives_at) = find_word(&lower, "active ingredient", 0) else {
        return Vec::new();
    };
    let is_panel = lower.contains("drug facts")
        || FURNITURE
            .iter()
            .any(|f| find_heading(text, f, actives_at).is_some());
    if !is_panel {
        return Vec::new();
    }
    // Every heading after the actives, in order: furniture, and the inactive list.
    let mut headings: Vec<(usize, usize, bool)> = Vec::new();
    for f in FURNITURE {
        let mut from = 0;
        while let Some(at) = find_heading(text, f, from) {
            headings.push((at, at + f.len(), true));
            from = at + f.len();
        }
    }
    if let Some(at) = find_word(&lower, "inactive ingredient", 0) {
        headings.push((at, at, false));
    }
    headings.sort_unstable();
    let mut rewrites = Vec::new();
    // The panel's title before the actives.
    for &(start, end, furniture) in headings.iter().filter(|h| h.0 < actives_at) {
        if furniture {
            rewrites.push(Rewrite {
                span: start..end,
                with: "\n".to_owned(),
            });
        }
    }
    // The heading's plural and its colon, then the body.
    let after = &text[actives_at + "active ingredient".len()..];
    let after = after
        .strip_prefix("(s)")
        .or_else(|| after.strip_prefix(['s', 'S']))
        .unwrap_or(after);
    let body_start = text.len() - after.trim_start_matches([' ', ':', '\n']).len();
    let next = |from: usize| {
        headings
            .iter()
            .find(|h| h.0 >= from)
            .map_or(text.len(), |h| h.0)
    };
    let actives_end = next(body_start);
    let actives = read_actives(&text[body_start..actives_end]);
    rewrites.push(Rewrite {
        span: actives_at..actives_end,
        with: format!("\nActive ingredients: {}\n", actives.join(", ")),
    });
    for &(start, _, furniture) in headings.iter().filter(|h| h.0 >= actives_end) {
        if furniture {
            let end = next(start + 1);
            rewrites.push(Rewrite {
                span: start..end,
                with: "\n".to_owned(),
            });
        }
    }
    rewrites.sort_by_key(|r| r.span.start);
    rewrites.dedup_by(|b, a| b.span.start < a.span.end);
    rewrites
}

/// The actives of a panel's body: each name with its percentage, without the Purpose column's
/// leader dots and words.
fn read_actives(body: &str) -> Vec<String> {
    let mut actives = Vec::new();
    let mut rest = body;
    while let Some(percent) = rest.find('%') {
        // "Salicylic Acid (2%)" keeps its bracket.
        let end = percent + 1 + usize::from(rest[percent + 1..].starts_with(')'));
        let name = clean_active(&rest[..end]);
        if !name.is_empty() {
            actives.push(name);
        }
        rest = &rest[end..];
    }
    actives
}

/// One active: leader dots, a purpose and separators before its name taken off.
fn clean_active(text: &str) -> String {
    let mut name = text.replace(['\n', ',', ':'], " ");
    // Leader dots: "…… Sunscreen Octinoxate 7.5%".
    if let Some(p) = name.rfind("..") {
        name = name[p + 2..].to_owned();
    }
    let mut words: Vec<&str> = name.split_whitespace().collect();
    // The purpose of the active before: the leading words that are a purpose.
    loop {
        let joined = words.join(" ").to_ascii_lowercase();
        let Some(purpose) = PURPOSES
            .iter()
            .find(|p| joined.starts_with(*p) && joined[p.len()..].starts_with(' '))
        else {
            break;
        };
        words.drain(..purpose.split(' ').count());
    }
    words
        .into_iter()
        .filter(|w| !w.chars().all(|c| matches!(c, '.' | '•' | '-')) && *w != "w/w")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a phrase starts, in any case, at or after `from`, with no letter right before it.
fn find_word(lower: &str, phrase: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(p) = lower.get(at..)?.find(phrase) {
        let start = at + p;
        let before = lower[..start].chars().next_back();
        if before.is_none_or(|c| !c.is_alphabetic()) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// Where a furniture heading starts at or after `from`: written as printed (capitalised), at
/// the start of the text, a line or after a space, and not followed by a letter.
fn find_heading(text: &str, heading: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(p) = text.get(at..)?.find(heading) {
        let start = at + p;
        let end = start + heading.len();
        let before_ok = start == 0 || matches!(text.as_bytes()[start - 1], b' ' | b'\n');
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(start);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in rewrite_panel(text) {
            out.push_str(&text[at..r.span.start]);
            out.push_str(&r.with);
            at = r.span.end;
        }
        out.push_str(&text[at..]);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_flattened_panel_keeps_its_lists_only() {
        let text = "Drug Facts Active ingredients Purpose Zinc Oxide 14.5% Sunscreen Octinoxate 7.5% Sunscreen Uses • helps prevent sunburn Warnings For external use only. Inactive ingredients: Water, Glycerin, Dimethicone. Other information • protect from heat. Questions? 1-800-555-0100";
        assert_eq!(
            rewritten(text),
            "Active ingredients: Zinc Oxide 14.5%, Octinoxate 7.5% Inactive ingredients: Water, Glycerin, Dimethicone."
        );
    }

    #[test]
    fn a_printed_panel_loses_its_leader_dots_and_purposes() {
        let text = "Drug Facts\nActive ingredient                Purpose\nAdapalene 0.1% .............. Acne treatment\nUses\n• treats acne\nWarnings\nFor external use only\nInactive ingredients carbomer, edetate disodium, water";
        assert_eq!(
            rewritten(text),
            "Active ingredients: Adapalene 0.1% Inactive ingredients carbomer, edetate disodium, water"
        );
    }

    #[test]
    fn lists_without_a_panel_are_left_alone() {
        assert!(rewrite_panel("Water, Glycerin, Niacinamide").is_empty());
        assert!(rewrite_panel("Key active ingredients: niacinamide and zinc.").is_empty());
    }
}
