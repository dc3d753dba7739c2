//! Day numbers and dates: days since 1970-01-01 make every window an integer range, and dates
//! are written as ISO 8601 text.

use jiff::Span;
use jiff::civil::Date;
use serde::Serializer;

/// The day [`day_number`] counts from.
const EPOCH: Date = jiff::civil::date(1970, 1, 1);

/// Days since 1970-01-01, so windows are plain integer ranges.
pub(super) fn day_number(date: Date) -> i64 {
    // Civil days are exactly 24 hours, so this is exact.
    date.duration_since(EPOCH).as_hours() / 24
}

/// The inverse of [`day_number`]; none outside jiff's range of dates.
pub(super) fn date_from_day(days: i64) -> Option<Date> {
    let span = Span::new().try_days(days).ok()?;
    EPOCH.checked_add(span).ok()
}

pub(super) fn ser_date<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

pub(super) fn ser_opt_date<S: Serializer>(
    date: &Option<Date>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.collect_str(d),
        None => serializer.serialize_none(),
    }
}
