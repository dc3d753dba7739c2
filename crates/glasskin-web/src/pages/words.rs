//! What several pages show the same way: the days of the week as checkboxes, and a source's
//! citation.

use glasskin_core::kb::Source;

/// A day's checkbox: its number (0 = Monday), short and full names, ticked or not.
pub(super) struct DayView {
    pub(super) value: usize,
    pub(super) short: &'static str,
    pub(super) name: &'static str,
    pub(super) on: bool,
}

/// Each day's short name, for the eye, and full name, for screen readers.
pub(super) const DAY_NAMES: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// The seven days, those in `on` ticked.
pub(super) fn days(on: impl Fn(usize) -> bool) -> Vec<DayView> {
    DAY_NAMES
        .iter()
        .enumerate()
        .map(|(value, (short, name))| DayView {
            value,
            short,
            name,
            on: on(value),
        })
        .collect()
}

/// "(B) Draelos ZD. Cosmetic Dermatology, 2016. https://…": the grade, the citation and the
/// address when there is one.
pub(super) fn source(s: &Source) -> String {
    if s.url.is_empty() {
        format!("({:?}) {}", s.grade, s.citation)
    } else {
        format!("({:?}) {} {}", s.grade, s.citation, s.url)
    }
}
