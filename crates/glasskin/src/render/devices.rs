//! Paired devices: a line each.

use std::io::{self, Write};

use glasskin_store::Device;

/// A time on this computer's clock, to the minute.
fn local(at: jiff::Timestamp) -> String {
    at.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// `glasskin devices`: each paired device with when it was paired and last seen.
pub fn write(out: &mut impl Write, devices: &[Device]) -> io::Result<()> {
    if devices.is_empty() {
        return writeln!(
            out,
            "No device is paired; `glasskin serve --lan` shows a code to pair a phone."
        );
    }
    for d in devices {
        writeln!(
            out,
            "#{:<3} {:<40} paired {}, last seen {}",
            d.id,
            d.name,
            local(d.created),
            local(d.last_seen)
        )?;
    }
    Ok(())
}
