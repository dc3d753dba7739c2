//! Paired devices: a name and the hash of a secret only the device's browser holds.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, params};

use super::SqliteStore;
use crate::model::{Device, DeviceId};
use crate::{Result, StoreError};

/// A device's last-seen time is written when it is older than this, not on every request.
const SEEN_EVERY: jiff::SignedDuration = jiff::SignedDuration::from_secs(60);

fn check_hash(secret_hash: &[u8]) -> Result<()> {
    if secret_hash.len() == 32 {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "a device's secret hash is 32 bytes (SHA-256), not {}",
            secret_hash.len()
        )))
    }
}

fn timestamp_from(row: &Row, i: usize) -> rusqlite::Result<Timestamp> {
    let text: String = row.get(i)?;
    text.parse().map_err(|e: jiff::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

fn device_from(row: &Row) -> rusqlite::Result<Device> {
    Ok(Device {
        id: row.get(0)?,
        name: row.get(1)?,
        created: timestamp_from(row, 2)?,
        last_seen: timestamp_from(row, 3)?,
    })
}

impl SqliteStore {
    pub(super) fn insert_device(
        &mut self,
        name: &str,
        secret_hash: &[u8],
        now: Timestamp,
    ) -> Result<Device> {
        let name = Device::check_name(name)?;
        check_hash(secret_hash)?;
        // Whole seconds: the page shows minutes, and the text stays short.
        let now = now.round(jiff::Unit::Second).unwrap_or(now);
        self.conn.execute(
            "INSERT INTO device (owner, name, secret_hash, created, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![self.owner, name, secret_hash, now.to_string()],
        )?;
        Ok(Device {
            id: self.conn.last_insert_rowid(),
            name,
            created: now,
            last_seen: now,
        })
    }

    pub(super) fn find_device(
        &mut self,
        secret_hash: &[u8],
        now: Timestamp,
    ) -> Result<Option<Device>> {
        check_hash(secret_hash)?;
        let found = self
            .conn
            .query_row(
                "SELECT id, name, created, last_seen FROM device
                 WHERE owner = ?1 AND secret_hash = ?2",
                params![self.owner, secret_hash],
                device_from,
            )
            .optional()?;
        let Some(mut device) = found else {
            return Ok(None);
        };
        if now.duration_since(device.last_seen) >= SEEN_EVERY {
            let now = now.round(jiff::Unit::Second).unwrap_or(now);
            // A file opened read-only still lets a paired device in; only the time waits.
            let touched = self.conn.execute(
                "UPDATE device SET last_seen = ?1 WHERE id = ?2 AND owner = ?3",
                params![now.to_string(), device.id, self.owner],
            );
            if touched.is_ok() {
                device.last_seen = now;
            }
        }
        Ok(Some(device))
    }

    pub(super) fn all_devices(&self) -> Result<Vec<Device>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, created, last_seen FROM device WHERE owner = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([&self.owner], device_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn set_device_name(&mut self, id: DeviceId, name: &str) -> Result<bool> {
        let name = Device::check_name(name)?;
        let changed = self.conn.execute(
            "UPDATE device SET name = ?1 WHERE id = ?2 AND owner = ?3",
            params![name, id, self.owner],
        )?;
        Ok(changed == 1)
    }

    pub(super) fn delete_device(&mut self, id: DeviceId) -> Result<bool> {
        let changed = self.conn.execute(
            "DELETE FROM device WHERE id = ?1 AND owner = ?2",
            params![id, self.owner],
        )?;
        Ok(changed == 1)
    }
}
