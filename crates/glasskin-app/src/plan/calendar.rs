//! A plan as an iCalendar file (RFC 5545), for `glasskin plan --ics` and `GET /api/plan.ics`.

use std::fmt::Write as _;

use glasskin_core::advice::{DAYS, Time};
use glasskin_core::plan::Plan;

/// "Mon AM".
fn title(day: usize, time: Time) -> String {
    let day = DAYS.get(day).copied().unwrap_or("?");
    let mut name = day.to_owned();
    name[..1].make_ascii_uppercase();
    format!("{name} {}", if time == Time::Am { "AM" } else { "PM" })
}

/// The plan as an iCalendar file: each session a weekly event at 07:30 or 21:30 local time with a
/// reminder, from the Monday after `today`; ramp-up weeks as events that end.
pub fn ics(plan: &Plan, today: jiff::civil::Date) -> String {
    let days_to_monday = 7 - i64::from(today.weekday().to_monday_zero_offset());
    let monday = today
        .checked_add(jiff::Span::new().days(days_to_monday))
        .unwrap_or(today);
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//glasskin//plan//EN\r\nCALSCALE:GREGORIAN\r\n",
    );
    for week in &plan.weeks {
        let first = monday
            .checked_add(jiff::Span::new().weeks(i64::from(week.from_week) - 1))
            .unwrap_or(monday);
        for session in week.sessions.iter().filter(|s| !s.steps.is_empty()) {
            let date = first
                .checked_add(jiff::Span::new().days(session.day as i64))
                .unwrap_or(first);
            let time = if session.time == Time::Am {
                "073000"
            } else {
                "213000"
            };
            let repeat = match week.to_week {
                None => "RRULE:FREQ=WEEKLY\r\n".to_owned(),
                Some(to) => format!("RRULE:FREQ=WEEKLY;COUNT={}\r\n", to - week.from_week + 1),
            };
            let steps: Vec<&str> = session.steps.iter().map(|s| s.name.as_str()).collect();
            let summary = format!("Skin care: {}", title(session.day, session.time));
            let _ = write!(
                out,
                "BEGIN:VEVENT\r\nUID:glasskin-w{}-{}-{}@glasskin\r\nDTSTAMP:{}T000000Z\r\nDTSTART:{}T{time}\r\nDURATION:PT15M\r\n{repeat}SUMMARY:{}\r\nDESCRIPTION:{}\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:PT0M\r\nDESCRIPTION:{}\r\nEND:VALARM\r\nEND:VEVENT\r\n",
                week.from_week,
                session.day,
                session.time.id(),
                today.strftime("%Y%m%d"),
                date.strftime("%Y%m%d"),
                escape(&summary),
                escape(&steps.join(" → ")),
                escape(&summary),
            );
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// RFC 5545 text escaping.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}
