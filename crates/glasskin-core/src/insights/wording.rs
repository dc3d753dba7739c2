//! Words for the sentences: numbers with a true minus sign, diet tags and counts as people
//! write them.

/// A number with a true minus sign and no "−0.0".
pub(super) fn fmt_num(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

pub(super) fn tag_words(tag: &str) -> String {
    tag.replace(['_', '-'], " ")
}

pub(super) fn number_word(n: u8) -> String {
    match n {
        2 => "Two".to_owned(),
        3 => "Three".to_owned(),
        k => k.to_string(),
    }
}

pub(super) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A size in rating points, to a tenth: "1 point", "1.5 points", "2 points".
pub(super) fn points(value: f64) -> String {
    let text = fmt_num(value, 1);
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "1" {
        "1 point".to_owned()
    } else {
        format!("{text} points")
    }
}

/// "+0.3", "−0.4", "0.0": a difference with its sign.
pub(super) fn signed(value: f64) -> String {
    let text = fmt_num(value, 1);
    if value > 0.0 && text != "0.0" {
        format!("+{text}")
    } else {
        text
    }
}
