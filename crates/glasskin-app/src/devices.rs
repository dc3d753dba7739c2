//! Paired devices: browsers on a phone or tablet let into `glasskin serve --lan`. The door
//! makes the secret and hashes it (that is HTTP's business); here a device is added, found,
//! listed, renamed and revoked, in the same words for the web and the CLI.

use glasskin_store::{Device, DeviceId, Store};
use jiff::Timestamp;

use crate::{Error, Result};

/// Every paired device, oldest first.
pub fn list<S: Store>(store: &S) -> Result<Vec<Device>> {
    Ok(store.devices()?)
}

/// Pairs a device by the hash of its secret, named `name` (a blank name becomes "Phone").
pub fn pair<S: Store>(
    store: &mut S,
    name: &str,
    secret_hash: &[u8; 32],
    now: Timestamp,
) -> Result<Device> {
    let name = if name.trim().is_empty() {
        "Phone"
    } else {
        name
    };
    Ok(store.add_device(name, secret_hash, now)?)
}

/// The device whose secret hashes to `secret_hash`, marked seen, or `None` (never paired, or
/// revoked).
pub fn seen<S: Store>(
    store: &mut S,
    secret_hash: &[u8; 32],
    now: Timestamp,
) -> Result<Option<Device>> {
    Ok(store.device_seen(secret_hash, now)?)
}

/// Renames a device.
pub fn rename<S: Store>(store: &mut S, id: DeviceId, name: &str) -> Result<()> {
    if store.rename_device(id, name)? {
        Ok(())
    } else {
        Err(no_such_device(id))
    }
}

/// Revokes a device: its browser's cookie opens nothing from now on.
pub fn revoke<S: Store>(store: &mut S, id: DeviceId) -> Result<()> {
    if store.remove_device(id)? {
        Ok(())
    } else {
        Err(no_such_device(id))
    }
}

fn no_such_device(id: DeviceId) -> Error {
    Error::not_found(format!(
        "no paired device #{id}; the list of devices shows their numbers"
    ))
}

/// A name for a device from its browser's `User-Agent`, such as "Android phone, Chrome" or
/// "iPhone, Safari"; a person may change it.
pub fn name_from_user_agent(agent: &str) -> String {
    let has = |word: &str| agent.contains(word);
    let device = if has("iPhone") {
        "iPhone"
    } else if has("iPad") {
        "iPad"
    } else if has("Android") && has("Mobile") {
        "Android phone"
    } else if has("Android") {
        "Android tablet"
    } else if has("Windows") {
        "Windows computer"
    } else if has("Macintosh") {
        "Mac"
    } else if has("Linux") {
        "Linux computer"
    } else {
        "Device"
    };
    // Order matters: Edge and Chrome say "Safari" too, and Chrome on iOS says "CriOS".
    let browser = if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        Some("Edge")
    } else if has("Firefox/") || has("FxiOS/") {
        Some("Firefox")
    } else if has("SamsungBrowser/") {
        Some("Samsung Internet")
    } else if has("Chrome/") || has("CriOS/") || has("Chromium/") {
        Some("Chrome")
    } else if has("Safari/") {
        Some("Safari")
    } else {
        None
    };
    match browser {
        Some(browser) => format!("{device}, {browser}"),
        None => device.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::name_from_user_agent;

    #[test]
    fn a_user_agent_gives_a_short_name() {
        for (agent, name) in [
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                "Android phone, Chrome",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                "iPhone, Safari",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1",
                "iPhone, Chrome",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Linux computer, Firefox",
            ),
            ("curl/8.5.0", "Device"),
        ] {
            assert_eq!(name_from_user_agent(agent), name, "{agent}");
        }
    }
}
