//! Product expiry: period-after-opening labels and best-before dates.
//!
//! EU labelling gives a product either a best-before date (when it keeps 30 months or less) or a
//! period-after-opening symbol (the open jar with "12M"). A product's expiry is the earlier of
//! opened + PAO and best-before; when the PAO is unknown it is not invented.
//!
//! Everything here is pure: `today` is always passed in, and dates are civil dates (no time zones).
//!
//! ```
//! use glasskin_core::expiry::{Basis, Status, expiry, parse_pao, status};
//! use jiff::civil::date;
//!
//! let pao = parse_pao("⌓ 12M").expect("a valid PAO");
//! let e = expiry(Some(date(2024, 1, 31)), Some(pao), Some(date(2026, 1, 1)));
//! assert_eq!(e.date, Some(date(2025, 1, 31)));
//! assert_eq!(e.basis, Basis::OpenedEarlier);
//! assert_eq!(status(&e, date(2025, 1, 20)), Status::ExpiringSoon { days_left: 11 });
//! ```

use std::fmt;

use jiff::Span;
use jiff::civil::Date;
use serde::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

/// The longest period after opening accepted, in months (10 years). Real labels stop at 36M or
/// so; anything far beyond is a misreading, not a product.
pub const MAX_PAO_MONTHS: u16 = 120;

/// Days before the expiry date from which a product counts as expiring soon (inclusive).
pub const SOON_DAYS: i64 = 30;

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

/// When a product expires, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Expiry {
    /// The last day the product is good to use; `None` when nothing says (see [`Basis`]).
    /// Serialized as an ISO 8601 date ("2025-01-31") or null.
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<Date>,
    /// Which rule gave the date, or why there is none.
    pub basis: Basis,
}

/// Why an [`Expiry`] has its date (or none). Its `Display` is a sentence for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Opened date + PAO; there is no best-before date.
    Opened,
    /// The best-before date; there is no opened date + PAO (not opened, or PAO unknown).
    BestBefore,
    /// Both apply and opened + PAO comes first (or on the same day).
    OpenedEarlier,
    /// Both apply and the best-before date comes first.
    BestBeforeEarlier,
    /// Opened, but the PAO is unknown and there is no best-before date: ask for the PAO, do not
    /// invent one. The date is `None`.
    PaoUnknown,
    /// Not opened (or the opening date is unknown) and no best-before date. The date is `None`.
    NotOpened,
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Basis::Opened => "opened date plus period after opening",
            Basis::BestBefore => "best-before date",
            Basis::OpenedEarlier => {
                "opened date plus period after opening, which comes before the best-before date"
            }
            Basis::BestBeforeEarlier => {
                "best-before date, which comes before opened date plus period after opening"
            }
            Basis::PaoUnknown => {
                "opened, but the period after opening is unknown and there is no best-before date"
            }
            Basis::NotOpened => "not opened and no best-before date",
        })
    }
}

/// The earlier of opened + PAO months and the best-before date.
///
/// Month arithmetic is calendar arithmetic, clamped to the month's end: opened 31 January with
/// 1 month expires 28 February (29 in a leap year). A PAO of zero counts as unknown (no label
/// prints 0M). A date past jiff's range (year 9999) saturates to `Date::MAX`.
pub fn expiry(opened: Option<Date>, pao_months: Option<u16>, best_before: Option<Date>) -> Expiry {
    let pao_months = pao_months.filter(|&m| m > 0);
    let after_opening = opened
        .zip(pao_months)
        .map(|(date, months)| add_months(date, months));
    let (date, basis) = match (after_opening, best_before) {
        (Some(a), Some(b)) if a <= b => (Some(a), Basis::OpenedEarlier),
        (Some(_), Some(b)) => (Some(b), Basis::BestBeforeEarlier),
        (Some(a), None) => (Some(a), Basis::Opened),
        (None, Some(b)) => (Some(b), Basis::BestBefore),
        (None, None) if opened.is_some() => (None, Basis::PaoUnknown),
        (None, None) => (None, Basis::NotOpened),
    };
    Expiry { date, basis }
}

fn add_months(date: Date, months: u16) -> Date {
    Span::new()
        .try_months(months)
        .and_then(|span| date.checked_add(span))
        .unwrap_or(Date::MAX)
}

/// How a product stands today.
///
/// The expiry date itself is the last usable day: on it the product is `ExpiringSoon` with
/// `days_left: 0`, and the next day it is `Expired` with `days_ago: 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Status {
    /// Past its expiry date.
    Expired {
        /// Days since the expiry date (1 the day after it).
        days_ago: i64,
    },
    /// At most [`SOON_DAYS`] days left, counting the expiry date as usable.
    ExpiringSoon {
        /// Days until the expiry date (0 on the expiry date itself).
        days_left: i64,
    },
    /// More than [`SOON_DAYS`] days left.
    Fine {
        /// Days until the expiry date.
        days_left: i64,
    },
    /// No expiry date is known.
    Unknown,
}

/// The status of `expiry` on `today`: expired after the expiry date, expiring soon from
/// [`SOON_DAYS`] days before it through the expiry date itself, fine before that.
pub fn status(expiry: &Expiry, today: Date) -> Status {
    let Some(date) = expiry.date else {
        return Status::Unknown;
    };
    // Civil days are exactly 24 hours, so this is exact.
    let days_left = date.duration_since(today).as_hours() / 24;
    if days_left < 0 {
        Status::Expired {
            days_ago: -days_left,
        }
    } else if days_left <= SOON_DAYS {
        Status::ExpiringSoon { days_left }
    } else {
        Status::Fine { days_left }
    }
}

/// Dates as ISO 8601 text ("2025-01-31"), without jiff's serde feature.
fn serialize_date<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.collect_str(date),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn months(text: &str) -> u16 {
        parse_pao(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
    }

    #[test]
    fn reads_every_printed_and_typed_form() {
        let cases = [
            ("12M", 12),
            ("12 M", 12),
            ("12m", 12),
            ("12 months", 12),
            ("1 month", 1),
            ("12 month", 12),
            ("12months", 12),
            ("6 mois", 6),
            ("24 mesi", 24),
            ("12 Monate", 12),
            ("12 meses", 12),
            ("18 maanden", 18),
            ("12 mån", 12),
            ("12 MÅN", 12),
            ("6 måneder", 6),
            ("12 miesięcy", 12),
            ("⌓ 12M", 12),
            ("⌓12M", 12),
            ("🫙 12M", 12),
            ("◔ 6M", 6),
            ("(12M)", 12),
            ("PAO: 12M", 12),
            ("pao 24 months", 24),
            ("  \t12M \n", 12),
            ("\u{a0}12\u{a0}M\u{a0}", 12),
            ("12 m.", 12),
            ("１２Ｍ", 12),
            ("12", 12),
            ("012M", 12),
            ("1M", 1),
            ("120M", 120),
        ];
        for (text, expected) in cases {
            assert_eq!(months(text), expected, "{text:?}");
        }
    }

    #[test]
    fn decomposed_unit_is_folded() {
        // "mån" with a combining ring above, as some keyboards type it.
        assert_eq!(months("12 ma\u{30a}n"), 12);
    }

    #[test]
    fn rejects_bad_labels_with_clear_errors() {
        let quoted = |s: &str| s.to_owned();
        assert_eq!(parse_pao(""), Err(PaoError::Empty));
        assert_eq!(parse_pao("   "), Err(PaoError::Empty));
        assert_eq!(parse_pao("0M"), Err(PaoError::Zero { text: quoted("0M") }));
        assert_eq!(
            parse_pao("000 months"),
            Err(PaoError::Zero {
                text: quoted("000 months")
            })
        );
        assert_eq!(
            parse_pao("121M"),
            Err(PaoError::TooLong {
                text: quoted("121M")
            })
        );
        assert_eq!(
            parse_pao("99999999999999999999M"),
            Err(PaoError::TooLong {
                text: quoted("99999999999999999999M")
            })
        );
        assert_eq!(
            parse_pao("-12M"),
            Err(PaoError::Negative {
                text: quoted("-12M")
            })
        );
        assert_eq!(
            parse_pao("⌓ − 6M"),
            Err(PaoError::Negative {
                text: quoted("⌓ − 6M")
            })
        );
        assert_eq!(
            parse_pao("M"),
            Err(PaoError::MissingNumber { text: quoted("M") })
        );
        assert_eq!(
            parse_pao("⌓"),
            Err(PaoError::MissingNumber {
                text: quoted("⌓")
            })
        );
        assert_eq!(
            parse_pao("months"),
            Err(PaoError::MissingNumber {
                text: quoted("months")
            })
        );
        assert_eq!(
            parse_pao("-M"),
            Err(PaoError::MissingNumber { text: quoted("-M") })
        );
        assert_eq!(
            parse_pao("1.5M"),
            Err(PaoError::NotWhole {
                text: quoted("1.5M")
            })
        );
        assert_eq!(
            parse_pao("12,5 mois"),
            Err(PaoError::NotWhole {
                text: quoted("12,5 mois")
            })
        );
        assert_eq!(
            parse_pao(" 12 weeks "),
            Err(PaoError::UnknownUnit {
                text: quoted("12 weeks"),
                unit: quoted("weeks")
            })
        );
        assert_eq!(
            parse_pao("2Y"),
            Err(PaoError::UnknownUnit {
                text: quoted("2Y"),
                unit: quoted("Y")
            })
        );
        assert_eq!(
            parse_pao("12 %"),
            Err(PaoError::UnknownUnit {
                text: quoted("12 %"),
                unit: quoted("%")
            })
        );
    }

    #[test]
    fn error_messages_read_well() {
        let message = |text: &str| parse_pao(text).expect_err("should fail").to_string();
        assert_eq!(
            message("12 weeks"),
            "PAO `12 weeks`: unit `weeks` is not months; write it like 12M"
        );
        assert_eq!(message(""), "PAO is empty; write it like 12M");
        assert_eq!(
            message("0M"),
            "PAO `0M`: zero months is not a period after opening; write it like 12M"
        );
        assert_eq!(
            message("200M"),
            "PAO `200M`: more than 120 months (10 years); check the label"
        );
        assert_eq!(
            message("-6M"),
            "PAO `-6M`: months cannot be negative; write it like 12M"
        );
        assert_eq!(
            message("M"),
            "PAO `M`: expected a number of months first; write it like 12M"
        );
        assert_eq!(
            message("1.5M"),
            "PAO `1.5M`: months must be a whole number; write it like 12M"
        );
    }

    #[test]
    fn month_end_is_clamped() {
        let e = expiry(Some(date(2023, 1, 31)), Some(1), None);
        assert_eq!(e.date, Some(date(2023, 2, 28)));
        let e = expiry(Some(date(2023, 3, 31)), Some(6), None);
        assert_eq!(e.date, Some(date(2023, 9, 30)));
        let e = expiry(Some(date(2023, 8, 31)), Some(12), None);
        assert_eq!(e.date, Some(date(2024, 8, 31)));
    }

    #[test]
    fn leap_years() {
        assert_eq!(
            expiry(Some(date(2024, 1, 31)), Some(1), None).date,
            Some(date(2024, 2, 29))
        );
        // Opened on a leap day: a year later there is no 29 February.
        assert_eq!(
            expiry(Some(date(2024, 2, 29)), Some(12), None).date,
            Some(date(2025, 2, 28))
        );
        assert_eq!(
            expiry(Some(date(2024, 2, 29)), Some(48), None).date,
            Some(date(2028, 2, 29))
        );
        // 1900 was not a leap year, 2000 was.
        assert_eq!(
            expiry(Some(date(1900, 1, 31)), Some(1), None).date,
            Some(date(1900, 2, 28))
        );
        assert_eq!(
            expiry(Some(date(2000, 1, 31)), Some(1), None).date,
            Some(date(2000, 2, 29))
        );
    }

    #[test]
    fn earlier_of_opened_and_best_before() {
        let opened = Some(date(2024, 3, 1));
        let e = expiry(opened, Some(12), Some(date(2026, 1, 1)));
        assert_eq!(
            e,
            Expiry {
                date: Some(date(2025, 3, 1)),
                basis: Basis::OpenedEarlier
            }
        );
        let e = expiry(opened, Some(12), Some(date(2024, 12, 1)));
        assert_eq!(
            e,
            Expiry {
                date: Some(date(2024, 12, 1)),
                basis: Basis::BestBeforeEarlier
            }
        );
        let e = expiry(opened, Some(12), Some(date(2025, 3, 1)));
        assert_eq!(
            e,
            Expiry {
                date: Some(date(2025, 3, 1)),
                basis: Basis::OpenedEarlier
            }
        );
        let e = expiry(opened, Some(12), None);
        assert_eq!(
            e,
            Expiry {
                date: Some(date(2025, 3, 1)),
                basis: Basis::Opened
            }
        );
    }

    #[test]
    fn unknown_pao_is_not_invented() {
        let bb = Some(date(2025, 6, 1));
        let opened = Some(date(2024, 3, 1));
        assert_eq!(
            expiry(opened, None, None),
            Expiry {
                date: None,
                basis: Basis::PaoUnknown
            }
        );
        assert_eq!(
            expiry(opened, Some(0), None),
            Expiry {
                date: None,
                basis: Basis::PaoUnknown
            }
        );
        assert_eq!(
            expiry(opened, None, bb),
            Expiry {
                date: bb,
                basis: Basis::BestBefore
            }
        );
        assert_eq!(
            expiry(None, Some(12), bb),
            Expiry {
                date: bb,
                basis: Basis::BestBefore
            }
        );
        assert_eq!(
            expiry(None, Some(12), None),
            Expiry {
                date: None,
                basis: Basis::NotOpened
            }
        );
        assert_eq!(
            expiry(None, None, None),
            Expiry {
                date: None,
                basis: Basis::NotOpened
            }
        );
    }

    #[test]
    fn far_future_saturates() {
        let e = expiry(Some(date(9999, 6, 1)), Some(u16::MAX), None);
        assert_eq!(e.date, Some(Date::MAX));
    }

    #[test]
    fn thirty_day_boundary() {
        let e = Expiry {
            date: Some(date(2025, 3, 31)),
            basis: Basis::Opened,
        };
        assert_eq!(
            status(&e, date(2025, 2, 28)),
            Status::Fine { days_left: 31 }
        );
        assert_eq!(
            status(&e, date(2025, 3, 1)),
            Status::ExpiringSoon { days_left: 30 }
        );
        assert_eq!(
            status(&e, date(2025, 3, 30)),
            Status::ExpiringSoon { days_left: 1 }
        );
        assert_eq!(
            status(&e, date(2025, 3, 31)),
            Status::ExpiringSoon { days_left: 0 }
        );
        assert_eq!(
            status(&e, date(2025, 4, 1)),
            Status::Expired { days_ago: 1 }
        );
        assert_eq!(
            status(&e, date(2026, 3, 31)),
            Status::Expired { days_ago: 365 }
        );
        let unknown = Expiry {
            date: None,
            basis: Basis::PaoUnknown,
        };
        assert_eq!(status(&unknown, date(2025, 3, 31)), Status::Unknown);
    }

    #[test]
    fn basis_reads_as_a_reason() {
        assert_eq!(
            Basis::BestBeforeEarlier.to_string(),
            "best-before date, which comes before opened date plus period after opening"
        );
    }

    #[test]
    fn serializes_with_snake_case_tags() {
        let e = expiry(Some(date(2024, 1, 31)), Some(1), Some(date(2025, 1, 1)));
        assert_eq!(
            json::to_string(&e),
            r#"{"date":"2024-02-29","basis":"opened_earlier"}"#
        );
        let none = expiry(Some(date(2024, 1, 31)), None, None);
        assert_eq!(
            json::to_string(&none),
            r#"{"date":null,"basis":"pao_unknown"}"#
        );
        assert_eq!(
            json::to_string(&Status::ExpiringSoon { days_left: 3 }),
            r#"{"kind":"expiring_soon","days_left":3}"#
        );
        assert_eq!(
            json::to_string(&Status::Expired { days_ago: 2 }),
            r#"{"kind":"expired","days_ago":2}"#
        );
        assert_eq!(json::to_string(&Status::Unknown), r#"{"kind":"unknown"}"#);
        let err = parse_pao("12 weeks").expect_err("weeks");
        assert_eq!(
            json::to_string(&err),
            r#"{"kind":"unknown_unit","text":"12 weeks","unit":"weeks"}"#
        );
    }

    /// Just enough of a JSON writer to pin the serde shapes here (serde_json is not a
    /// dependency of the core): strings, null, integers, unit variants and structs.
    mod json {
        use serde::Serialize;
        use serde::ser::{self, Impossible, SerializeStruct};
        use std::fmt::{self, Write};

        pub fn to_string<T: Serialize>(value: &T) -> String {
            let mut out = String::new();
            value.serialize(Writer(&mut out)).expect("supported shape");
            out
        }

        #[derive(Debug)]
        pub struct Error(String);

        impl fmt::Display for Error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::error::Error for Error {}

        impl ser::Error for Error {
            fn custom<T: fmt::Display>(msg: T) -> Self {
                Error(msg.to_string())
            }
        }

        struct Writer<'a>(&'a mut String);

        fn unsupported<T>(what: &str) -> Result<T, Error> {
            Err(Error(format!("unsupported in the test writer: {what}")))
        }

        macro_rules! unsupported {
            ($($method:ident($ty:ty);)*) => {$(
                fn $method(self, _: $ty) -> Result<(), Error> {
                    unsupported(stringify!($method))
                }
            )*};
        }

        impl<'a> ser::Serializer for Writer<'a> {
            type Ok = ();
            type Error = Error;
            type SerializeSeq = Impossible<(), Error>;
            type SerializeTuple = Impossible<(), Error>;
            type SerializeTupleStruct = Impossible<(), Error>;
            type SerializeTupleVariant = Impossible<(), Error>;
            type SerializeMap = Impossible<(), Error>;
            type SerializeStruct = Fields<'a>;
            type SerializeStructVariant = Impossible<(), Error>;

            unsupported! {
                serialize_bool(bool);
                serialize_i8(i8);
                serialize_i16(i16);
                serialize_i32(i32);
                serialize_u8(u8);
                serialize_u16(u16);
                serialize_u32(u32);
                serialize_u64(u64);
                serialize_f32(f32);
                serialize_f64(f64);
                serialize_char(char);
                serialize_bytes(&[u8]);
                serialize_unit_struct(&'static str);
            }

            fn serialize_i64(self, v: i64) -> Result<(), Error> {
                write!(self.0, "{v}").map_err(ser::Error::custom)
            }

            fn serialize_str(self, v: &str) -> Result<(), Error> {
                write!(
                    self.0,
                    "\"{}\"",
                    v.replace('\\', "\\\\").replace('"', "\\\"")
                )
                .map_err(ser::Error::custom)
            }

            fn serialize_none(self) -> Result<(), Error> {
                self.0.push_str("null");
                Ok(())
            }

            fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
                value.serialize(self)
            }

            fn serialize_unit(self) -> Result<(), Error> {
                self.serialize_none()
            }

            fn serialize_unit_variant(
                self,
                _: &'static str,
                _: u32,
                variant: &'static str,
            ) -> Result<(), Error> {
                self.serialize_str(variant)
            }

            fn serialize_newtype_struct<T: Serialize + ?Sized>(
                self,
                _: &'static str,
                _: &T,
            ) -> Result<(), Error> {
                unsupported("newtype struct")
            }

            fn serialize_newtype_variant<T: Serialize + ?Sized>(
                self,
                _: &'static str,
                _: u32,
                _: &'static str,
                _: &T,
            ) -> Result<(), Error> {
                unsupported("newtype variant")
            }

            fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
                unsupported("seq")
            }

            fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
                unsupported("tuple")
            }

            fn serialize_tuple_struct(
                self,
                _: &'static str,
                _: usize,
            ) -> Result<Self::SerializeTupleStruct, Error> {
                unsupported("tuple struct")
            }

            fn serialize_tuple_variant(
                self,
                _: &'static str,
                _: u32,
                _: &'static str,
                _: usize,
            ) -> Result<Self::SerializeTupleVariant, Error> {
                unsupported("tuple variant")
            }

            fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
                unsupported("map")
            }

            fn serialize_struct(
                self,
                _: &'static str,
                _: usize,
            ) -> Result<Self::SerializeStruct, Error> {
                self.0.push('{');
                Ok(Fields {
                    out: self.0,
                    first: true,
                })
            }

            fn serialize_struct_variant(
                self,
                _: &'static str,
                _: u32,
                _: &'static str,
                _: usize,
            ) -> Result<Self::SerializeStructVariant, Error> {
                unsupported("struct variant")
            }
        }

        struct Fields<'a> {
            out: &'a mut String,
            first: bool,
        }

        impl SerializeStruct for Fields<'_> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                if !self.first {
                    self.out.push(',');
                }
                self.first = false;
                write!(self.out, "\"{key}\":").map_err(ser::Error::custom)?;
                value.serialize(Writer(self.out))
            }

            fn end(self) -> Result<(), Error> {
                self.out.push('}');
                Ok(())
            }
        }
    }

    proptest! {
        #[test]
        fn parse_pao_never_panics(text in any::<String>()) {
            let _ = parse_pao(&text);
        }

        #[test]
        fn parse_pao_near_misses_never_panic(
            text in "[ ⌓🫙(PAOpao:−-]{0,4}[0-9]{0,25}[.,]?[0-9]{0,2}[ ]{0,2}[a-zA-ZåÅäëęěсяц.)]{0,9}",
        ) {
            if let Ok(months) = parse_pao(&text) {
                prop_assert!((1..=MAX_PAO_MONTHS).contains(&months));
            }
        }
    }
}
