//! `glasskin today`: the day's sessions with their steps ticked or not, and the week so far.

use std::io::{self, Write};

use glasskin_app::today::{Day, PatchStage};
use glasskin_core::advice::Time;
use glasskin_store::Adherence;

/// The day's sessions, the week so far, then what the sessions leave out.
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
    if let Some(sentence) = glasskin_app::today::so_far_sentence(so_far) {
        let skipped = so_far
            .skipped_by_weekday
            .iter()
            .enumerate()
            .max_by_key(|(_, n)| **n)
            .filter(|(_, n)| **n > 0)
            .map(|(d, _)| format!("; most skipped on {}", glasskin_core::advice::DAYS[d]))
            .unwrap_or_default();
        writeln!(out, "{sentence}{skipped}")?;
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
    notes(out, today)
}

/// What the day's sessions leave out: the kept plan's drift from the shelf, products past their
/// date and the patch tests to do first, in the use cases' words, with the command for each.
fn notes(out: &mut impl Write, day: &Day) -> io::Result<()> {
    if !day.drift.is_empty() {
        writeln!(
            out,
            "Your plan no longer matches your shelf (`glasskin plan --save` plans again):"
        )?;
        for drift in &day.drift {
            writeln!(out, "  {}", drift.sentence())?;
        }
    }
    for expired in &day.expired {
        writeln!(out, "{}", expired.sentence())?;
    }
    for test in &day.patch_tests {
        let command = match test.stage {
            PatchStage::NotStarted { after: None } => {
                format!(" (`glasskin patch start {}`)", test.product_id)
            }
            PatchStage::Running {
                checked_today: false,
                ..
            } => " (`glasskin patch check`)".to_owned(),
            PatchStage::Clear | PatchStage::Reacted { .. } => " (`glasskin patch end`)".to_owned(),
            _ => String::new(),
        };
        writeln!(out, "{}{command}", test.sentence())?;
    }
    Ok(())
}
