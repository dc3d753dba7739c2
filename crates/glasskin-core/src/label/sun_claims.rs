//! Sun protection a product declares: "SPF 50+", "PA+++", "Broad Spectrum", "sunscreen".
//!
//! US listings usually give only the inactive ingredients: the active UV filters are printed apart,
//! in the Drug Facts panel. Such a list has no filter in it, yet the product is a sunscreen, and
//! its name (or its label's text) says so. What a name or label declares is kept apart from the
//! filters found in the list.

use serde::Serialize;

/// Where a declaration was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClaimSource {
    /// The product's name.
    Name,
    /// The label's text around the list ("Broad Spectrum SPF 30 Sunscreen").
    Label,
}

/// The sun protection a product's name or label declares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeclaredSpf {
    /// The SPF number: "SPF 30" → 30.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spf: Option<u8>,
    /// "SPF 50+": more than the number.
    pub plus: bool,
    /// The PA grade's pluses, the Japanese and Korean rating of UVA protection: "PA+++" → 3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pa: Option<u8>,
    /// "Broad Spectrum": the US claim of UVA protection in proportion to UVB.
    pub broad_spectrum: bool,
    /// Where it was read.
    pub from: ClaimSource,
    /// The words that declared it when no number did ("sunscreen", "uv").
    #[serde(skip)]
    pub said: &'static str,
}

impl std::fmt::Display for DeclaredSpf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(spf) = self.spf {
            parts.push(format!("SPF {spf}{}", if self.plus { "+" } else { "" }));
        }
        if let Some(pa) = self.pa {
            parts.push(format!("PA{}", "+".repeat(usize::from(pa))));
        }
        if self.broad_spectrum {
            parts.push("broad spectrum".into());
        }
        if parts.is_empty() {
            return write!(f, "sun protection (\"{}\")", self.said);
        }
        f.write_str(&parts.join(" "))
    }
}

/// The numbers and grades a text declares, read case-insensitively.
#[derive(Default)]
pub(crate) struct Marks {
    pub spf: Option<u8>,
    pub plus: bool,
    pub pa: Option<u8>,
    pub broad_spectrum: bool,
    /// "SPF" with no number ("with SPF").
    pub spf_word: bool,
}

impl Marks {
    pub fn any_number(&self) -> bool {
        self.spf.is_some() || self.pa.is_some()
    }
}

/// Reads "SPF 30", "SPF50+", "50 SPF", "PA++++" and "Broad Spectrum (SPF) 50" from a text.
pub(crate) fn marks(text: &str) -> Marks {
    let b = text.as_bytes();
    let mut marks = Marks::default();
    let word_start = |at: usize| at == 0 || !b[at - 1].is_ascii_alphanumeric();
    let at_ci = |at: usize, word: &[u8]| {
        b.get(at..at + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    for at in 0..b.len() {
        if !word_start(at) {
            continue;
        }
        if at_ci(at, b"spf") {
            marks.spf_word = true;
            let after = number_after(b, at + 3);
            let found = after.or_else(|| number_before(b, at));
            if let (None, Some((n, plus))) = (marks.spf, found) {
                marks.spf = Some(n);
                marks.plus = plus;
            }
        } else if at_ci(at, b"pa+") {
            let pluses = b[at + 2..].iter().take_while(|&&c| c == b'+').count();
            let ends = b
                .get(at + 2 + pluses)
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            if (1..=4).contains(&pluses) && ends && marks.pa.is_none() {
                marks.pa = u8::try_from(pluses).ok();
            }
        } else if at_ci(at, b"broad") {
            let rest = &b[at + 5..];
            let gap = rest.iter().take_while(|c| matches!(c, b' ' | b'-')).count();
            let spectrum = at + 5 + gap;
            if gap > 0 && at_ci(spectrum, b"spectrum") {
                marks.broad_spectrum = true;
                if marks.spf.is_none()
                    && let Some((n, plus)) = number_after(b, spectrum + 8)
                {
                    marks.spf = Some(n);
                    marks.plus = plus;
                }
            }
        }
    }
    marks
}

/// A number of one to three digits (2 to 100) right after `at`, past spaces, hyphens and colons,
/// with a "+" after it.
fn number_after(b: &[u8], at: usize) -> Option<(u8, bool)> {
    let rest = b.get(at..)?;
    let gap = rest
        .iter()
        .take_while(|c| matches!(c, b' ' | b'-' | b':'))
        .count();
    let digits = rest[gap..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let end = gap + digits;
    if rest.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let n = spf_number(&rest[gap..end])?;
    Some((n, rest.get(end) == Some(&b'+')))
}

/// "50 SPF", "50+ SPF": a number just before the word at `at`.
fn number_before(b: &[u8], at: usize) -> Option<(u8, bool)> {
    let head = &b[..at];
    let head = head.trim_ascii_end();
    let (head, plus) = match head.strip_suffix(b"+") {
        Some(h) => (h, true),
        None => (head, false),
    };
    let digits = head.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let start = head.len() - digits;
    if start > 0 && head[start - 1].is_ascii_alphanumeric() {
        return None;
    }
    Some((spf_number(&head[start..])?, plus))
}

fn spf_number(digits: &[u8]) -> Option<u8> {
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let n: u32 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    u8::try_from(n).ok().filter(|n| (2..=100).contains(n))
}

/// Words of a sentence that tell a person what to do, not what the product is: "use a broad
/// spectrum SPF 30 or higher daily" is advice on a retinoid's label, not a claim.
const ADVICE_WORDS: &[&str] = &[
    "use",
    "using",
    "apply",
    "applying",
    "reapply",
    "wear",
    "wearing",
    "follow",
    "higher",
    "more",
    "least",
    "recommend",
    "recommended",
    "always",
    "should",
    "must",
    "need",
    "avoid",
];

/// The protection a label's own text declares: a sentence with an SPF number or a PA grade that
/// gives no advice. Reads only text outside the ingredient list.
pub(crate) fn in_label(text: &str) -> Option<DeclaredSpf> {
    text.split(['.', ';', '\n', '!', '?'])
        .filter(|sentence| {
            !sentence
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| ADVICE_WORDS.iter().any(|a| w.eq_ignore_ascii_case(a)))
        })
        .find_map(|sentence| {
            let marks = marks(sentence);
            marks.any_number().then_some(DeclaredSpf {
                spf: marks.spf,
                plus: marks.plus,
                pa: marks.pa,
                broad_spectrum: marks.broad_spectrum,
                from: ClaimSource::Label,
                said: "spf",
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_grades() {
        let m = marks("Relief Sun: Rice + Probiotics SPF50+ PA++++");
        assert_eq!((m.spf, m.plus, m.pa), (Some(50), true, Some(4)));
        let m = marks("Sun Lotion 50 SPF");
        assert_eq!(m.spf, Some(50));
        let m = marks("Clear Stick UV Protector Broad Spectrum 50+");
        assert_eq!((m.spf, m.plus, m.broad_spectrum), (Some(50), true, true));
        let m = marks("Broad-Spectrum SPF 46");
        assert_eq!((m.spf, m.broad_spectrum), (Some(46), true));
        let m = marks("Oil-Control Mattifier SPF 15 PA++");
        assert_eq!((m.spf, m.pa), (Some(15), Some(2)));
        let m = marks("Spf30 Face Cream");
        assert_eq!(m.spf, Some(30));
        assert!(!marks("Spa Paradise").any_number());
        assert!(!marks("Pack of 3").any_number());
    }

    #[test]
    fn label_text_declares_only_without_advice() {
        let claim = in_label("Broad Spectrum SPF 30 Sunscreen").expect("a claim");
        assert_eq!(claim.spf, Some(30));
        assert_eq!(claim.to_string(), "SPF 30 broad spectrum");
        assert!(in_label("Use a broad spectrum sunscreen SPF 30 or higher daily.").is_none());
        assert!(in_label("Always follow with SPF 50 in the morning").is_none());
        assert!(in_label("Sunburn alert: this product contains an AHA.").is_none());
    }
}
