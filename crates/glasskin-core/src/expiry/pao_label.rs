//! Reading a period-after-opening label ("12M", "⌓ 12 mois", "24 Monate") as printed or typed:
//! its months, or an error that quotes the text and says what was wrong.

use std::fmt;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::MAX_PAO_MONTHS;

/// Unit words that mean months on labels, lower-cased: English, French, Italian, German,
/// Spanish and Portuguese, Dutch, the Scandinavian languages, Polish, Czech and Russian, with
/// their usual abbreviations. A bare number is also read as months (the PAO is always in months).
#[rustfmt::skip] // One language a line.
const MONTH_UNITS: &[&str] = &[
    "m", "mo", "mos", "mth", "mths", "month", "months", // English
    "mois", // French
    "mese", "mesi", // Italian
    "mon", "monat", "monate", "monaten", // German
    "mes", "meses", "mês", // Spanish, Portuguese
    "mnd", "maand", "maanden", // Dutch
    "mån", "månad", "månader", // Swedish
    "md", "mdr", "måned", "måneder", // Danish, Norwegian
    "mies", "miesiąc", "miesiące", "miesięcy", // Polish
    "měs", "měsíc", "měsíce", "měsíců", // Czech
    "мес", "месяц", "месяца", "месяцев", // Russian
];

/// Why a period-after-opening label could not be read. Each carries the text as written (trimmed),
/// so the message can quote it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaoError {
    /// Nothing was written.
    Empty,
    /// No number of months where one was expected ("M", "⌓", "months 12").
    MissingNumber {
        /// The text as written.
        text: String,
    },
    /// A negative number ("-12M").
    Negative {
        /// The text as written.
        text: String,
    },
    /// A fraction ("1.5M", "12,5 mois"): labels print whole months.
    NotWhole {
        /// The text as written.
        text: String,
    },
    /// Zero months ("0M").
    Zero {
        /// The text as written.
        text: String,
    },
    /// More than [`MAX_PAO_MONTHS`] months.
    TooLong {
        /// The text as written.
        text: String,
    },
    /// A unit that is not months ("12 weeks", "2 years").
    UnknownUnit {
        /// The text as written.
        text: String,
        /// The unit as written.
        unit: String,
    },
}

impl fmt::Display for PaoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HINT: &str = "write it like 12M";
        match self {
            PaoError::Empty => write!(f, "PAO is empty; {HINT}"),
            PaoError::MissingNumber { text } => {
                write!(f, "PAO `{text}`: expected a number of months first; {HINT}")
            }
            PaoError::Negative { text } => {
                write!(f, "PAO `{text}`: months cannot be negative; {HINT}")
            }
            PaoError::NotWhole { text } => {
                write!(f, "PAO `{text}`: months must be a whole number; {HINT}")
            }
            PaoError::Zero { text } => {
                write!(
                    f,
                    "PAO `{text}`: zero months is not a period after opening; {HINT}"
                )
            }
            PaoError::TooLong { text } => write!(
                f,
                "PAO `{text}`: more than {MAX_PAO_MONTHS} months (10 years); check the label"
            ),
            PaoError::UnknownUnit { text, unit } => {
                write!(f, "PAO `{text}`: unit `{unit}` is not months; {HINT}")
            }
        }
    }
}

impl std::error::Error for PaoError {}

/// Reads a period-after-opening label as printed or typed, returning its months (1 to
/// [`MAX_PAO_MONTHS`]).
///
/// Accepts "12M", "12 M", "12m", "12months", "12 months", "6 mois", "24 mesi", "12 Monate",
/// "12 meses", "18 maanden", "12 mån" and the like, a bare "12", and ignores surrounding
/// whitespace, leading symbols (the open-jar "⌓ 12M", bullets, brackets), a leading "PAO" and
/// trailing punctuation ("12 m.", "(12M)"). Full-width and composed forms are folded (NFKC) first.
/// Never panics.
///
/// # Errors
///
/// A [`PaoError`] for empty text, a missing, negative, fractional, zero or too large number, or a
/// unit that is not months.
pub fn parse_pao(text: &str) -> Result<u16, PaoError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(PaoError::Empty);
    }
    let quote = || trimmed.to_owned();
    let folded: String = trimmed.nfkc().collect();

    let rest = skip_leading_symbols(&folded);
    let rest = match strip_prefix_ignore_case(rest, "pao") {
        // "PAO: 12M", "PAO 12M", "PAO12M" — but not a word that merely starts with "pao".
        Some(after) if !after.starts_with(char::is_alphabetic) => skip_leading_symbols(after),
        _ => rest,
    };

    let (negative, rest) = match rest.strip_prefix(['-', '−']) {
        Some(after) => (true, after.trim_start()),
        None => (false, rest),
    };
    let digits_end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_digit())
        .map_or(rest.len(), |(i, _)| i);
    let (digits, after) = rest.split_at(digits_end);
    if digits.is_empty() {
        return Err(PaoError::MissingNumber { text: quote() });
    }
    if negative {
        return Err(PaoError::Negative { text: quote() });
    }
    let mut after_chars = after.chars();
    if matches!(after_chars.next(), Some('.' | ','))
        && after_chars.next().is_some_and(|c| c.is_ascii_digit())
    {
        return Err(PaoError::NotWhole { text: quote() });
    }

    let unit = after
        .trim()
        .trim_end_matches(|c: char| c.is_whitespace() || ".,;:)]}*".contains(c));
    if !unit.is_empty() && !MONTH_UNITS.contains(&unit.to_lowercase().as_str()) {
        return Err(PaoError::UnknownUnit {
            text: quote(),
            unit: unit.to_owned(),
        });
    }

    // Any overflow of u16 is far beyond the limit anyway.
    match digits.parse::<u16>() {
        Ok(0) => Err(PaoError::Zero { text: quote() }),
        Ok(months) if months <= MAX_PAO_MONTHS => Ok(months),
        _ => Err(PaoError::TooLong { text: quote() }),
    }
}

/// Skips whitespace and symbols (the open-jar sign, bullets, brackets) up to the first letter,
/// digit or minus sign.
fn skip_leading_symbols(s: &str) -> &str {
    s.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '−')
}

/// `s` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}
