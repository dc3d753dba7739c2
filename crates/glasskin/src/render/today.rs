//! `glasskin today`: the day's sessions with their steps ticked or not, and the week so far.

use std::io::{self, Write};

use glasskin_app::today::Day;
use glasskin_core::advice::Time;
use glasskin_store::Adherence;

pub fn write(out: &mut impl Write, today: &Day, so_far: &Adherence) -> io::Result<()> {
    let Day {
        date: day,
        week,
        sessions,
        ..
    } = today;
    writeln!(
        out,
        "{} {day}, week {week} of your plan",
        day.strftime("%A")
    )?;
    for session in sessions {
        writeln!(
            out,
            "{}",
            if session.time == Time::Am {
                "Morning"
            } else {
                "Evening"
            }
        )?;
        if session.steps.is_empty() {
            writeln!(out, "  (nothing planned)")?;
        }
        for step in &session.steps {
            let layers = if step.layers > 1 {
                format!(" ×{} layers", step.layers)
            } else {
                String::new()
            };
            writeln!(
                out,
                "  [{}] #{} {}{layers}",
                if step.done { "x" } else { " " },
                step.product_id,
                step.name
            )?;
        }
    }
    if let Some(rate) = so_far.rate() {
        let skipped = so_far
            .skipped_by_weekday
            .iter()
            .enumerate()
            .max_by_key(|(_, n)| **n)
            .filter(|(_, n)| **n > 0)
            .map(|(d, _)| format!("; most skipped on {}", glasskin_core::advice::DAYS[d]))
            .unwrap_or_default();
        writeln!(
            out,
            "This week so far: {} of {} steps ({:.0}%), a {}-day streak{skipped}",
            so_far.done,
            so_far.planned,
            rate * 100.0,
            so_far.streak
        )?;
        // The steps that get skipped most, so the person sees where the routine slips.
        let mut slipping: Vec<_> = so_far
            .by_step
            .iter()
            .filter(|(_, planned, done)| done < planned)
            .collect();
        slipping.sort_by_key(|(_, planned, done)| std::cmp::Reverse(planned - done));
        if !slipping.is_empty() {
            let parts: Vec<String> = slipping
                .iter()
                .take(3)
                .map(|(step, planned, done)| format!("{} {done} of {planned}", step.label()))
                .collect();
            writeln!(out, "By step: {}", parts.join(", "))?;
        }
    }
    Ok(())
}
