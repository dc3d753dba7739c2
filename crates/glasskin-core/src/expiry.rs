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
//!
//! Reading the PAO label, in the many languages labels print it in, is [`parse_pao`]'s, in a
//! module of its own; this file works out dates and status.

mod pao_label;

pub use pao_label::{PaoError, parse_pao};

use std::fmt;

use jiff::Span;
use jiff::civil::Date;
use serde::{Serialize, Serializer};

/// The longest period after opening accepted, in months (10 years). Real labels stop at 36M or
/// so; anything far beyond is a misreading, not a product.
pub const MAX_PAO_MONTHS: u16 = 120;

/// Days before the expiry date from which a product counts as expiring soon (inclusive).
pub const SOON_DAYS: i64 = 30;

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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ExpiryStatus))]
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
mod tests;
