//! Patch tests: where each stands.

use std::io::{self, Write};

use glasskin_store::{PatchTest, Verdict};
use jiff::civil::Date;

/// `glasskin patch check`: the running test after today's look.
pub fn write_check(out: &mut impl Write, test: &PatchTest, today: Date) -> io::Result<()> {
    writeln!(out, "#{}: {}", test.product_id, describe(test, today))
}

/// `glasskin patch status`: every test, ended or running.
pub fn write_status(out: &mut impl Write, tests: &[PatchTest], today: Date) -> io::Result<()> {
    if tests.is_empty() {
        writeln!(
            out,
            "No patch tests yet; start one with `glasskin patch start PRODUCT`."
        )?;
    }
    for test in tests {
        let state = match &test.result {
            Some(result) => format!(
                "{result} on {}",
                test.ended.map(|d| d.to_string()).unwrap_or_default()
            ),
            None => describe(test, today),
        };
        writeln!(out, "#{} ({}): {state}", test.product_id, test.area)?;
    }
    Ok(())
}

fn describe(test: &PatchTest, today: Date) -> String {
    match test.verdict(today) {
        Verdict::Running { checked, days_left } => format!(
            "running since {} on the {}: {checked} days checked, {days_left} to go; apply twice a day",
            test.started, test.area
        ),
        Verdict::Failed { reaction, on } => {
            format!("{reaction} on {on}: stop, and do not use it on your face")
        }
        Verdict::Passed => "no reaction in 7 days: it can start (`glasskin patch end`)".into(),
    }
}
