//! Replacing everything an owner has with an export document, all or nothing.

use jiff::civil::Date;
use rusqlite::params;

use glasskin_core::Step;

use super::{DIARY_UPSERT, LIFESTYLE_UPSERT, SqliteStore, diary_params, lifestyle_params, text};
use crate::model::{Export, PatchResult};
use crate::{Result, StoreError};

impl SqliteStore {
    pub(super) fn replace_all(&mut self, export: &Export, today: Date) -> Result<()> {
        export.check(today)?;
        let owner = self.owner.clone();
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM product WHERE owner = ?1", [&owner])?;
        tx.execute("DELETE FROM patch_test WHERE owner = ?1", [&owner])?;
        tx.execute("DELETE FROM checkoff WHERE owner = ?1", [&owner])?;
        tx.execute("DELETE FROM plan WHERE owner = ?1", [&owner])?;
        tx.execute("DELETE FROM diary WHERE owner = ?1", [&owner])?;
        tx.execute("DELETE FROM lifestyle WHERE owner = ?1", [&owner])?;
        {
            let mut diary = tx.prepare(DIARY_UPSERT)?;
            for e in &export.diary {
                diary.execute(rusqlite::params_from_iter(diary_params(&owner, e).iter()))?;
            }
            let mut lifestyle = tx.prepare(LIFESTYLE_UPSERT)?;
            for e in &export.lifestyle {
                lifestyle.execute(rusqlite::params_from_iter(
                    lifestyle_params(&owner, e).iter(),
                ))?;
            }
        }
        tx.execute("DELETE FROM profile WHERE owner = ?1", [&owner])?;
        if let Some(profile) = &export.profile {
            let data = serde_json::to_string(profile)
                .map_err(|e| StoreError::Invalid(format!("profile: {e}")))?;
            let updated = export
                .profile_updated
                .map_or_else(String::new, |d| d.to_string());
            tx.execute(
                "INSERT INTO profile (owner, data, updated) VALUES (?1, ?2, ?3)",
                params![owner, data, updated],
            )?;
        }
        for p in &export.products {
            // Ids are kept, so a restore reads exactly like the original. Another owner's
            // product with the same id makes the insert fail, and nothing is changed.
            tx.execute(
                "INSERT INTO product (id, owner, name, brand, label, step, added, opened, pao_months, best_before, status, status_reason, new, status_changed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    p.id,
                    owner,
                    p.name,
                    p.brand,
                    p.label,
                    p.step.map(Step::id),
                    p.added.to_string(),
                    text(p.opened),
                    p.pao_months,
                    text(p.best_before),
                    p.status.id(),
                    p.status_reason,
                    p.new,
                    text(p.status_changed),
                ],
            )?;
        }
        for plan in &export.plans {
            let data = serde_json::to_string(&plan.weeks)
                .map_err(|e| StoreError::Invalid(format!("plan: {e}")))?;
            tx.execute(
                "INSERT INTO plan (id, owner, created, starts, data) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    plan.id,
                    owner,
                    plan.created.to_string(),
                    plan.starts.to_string(),
                    data
                ],
            )?;
        }
        for t in &export.patch_tests {
            tx.execute(
                "INSERT INTO patch_test (id, owner, product_id, started, area, result, ended)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    t.id,
                    owner,
                    t.product_id,
                    t.started.to_string(),
                    t.area,
                    t.result.map(PatchResult::id),
                    text(t.ended)
                ],
            )?;
            for c in &t.checks {
                tx.execute(
                    "INSERT INTO patch_check (patch_test_id, date, reaction) VALUES (?1, ?2, ?3)",
                    params![t.id, c.date.to_string(), c.reaction.id()],
                )?;
            }
        }
        for c in &export.checkoffs {
            tx.execute(
                "INSERT INTO checkoff (owner, date, time, product_id) VALUES (?1, ?2, ?3, ?4)",
                params![owner, c.date.to_string(), c.time.id(), c.product_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
