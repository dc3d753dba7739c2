//! Replacing everything an owner has with an export document, in the caller's transaction.

use postgres::types::Json;

use glasskin_core::Step;

use super::{put_diary, put_lifestyle, small_i16};
use crate::Result;
use crate::model::{Export, PatchResult};

pub(super) fn replace_all(tx: &mut super::Tx<'_>, owner: &str, export: &Export) -> Result<()> {
    // Check-offs, patch tests and their checks go with their products (ON DELETE CASCADE).
    for table in ["product", "plan", "diary", "lifestyle", "profile"] {
        tx.execute(&format!("DELETE FROM {table} WHERE owner = $1"), &[&owner])?;
    }
    for e in &export.diary {
        put_diary(tx, owner, e)?;
    }
    for e in &export.lifestyle {
        put_lifestyle(tx, owner, e)?;
    }
    if let Some(profile) = &export.profile {
        tx.execute(
            "INSERT INTO profile (owner, data, updated) VALUES ($1, $2, $3)",
            &[&owner, &Json(profile), &export.profile_updated],
        )?;
    }
    for p in &export.products {
        // Ids are kept, so a restore reads exactly like the original.
        tx.execute(
            "INSERT INTO product (owner, id, name, brand, label, step, added, opened, pao_months, best_before, status, status_reason, new, status_changed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            &[
                &owner,
                &p.id,
                &p.name,
                &p.brand,
                &p.label,
                &p.step.map(Step::id),
                &p.added,
                &p.opened,
                &small_i16(p.pao_months.map(i32::from)),
                &p.best_before,
                &p.status.id(),
                &p.status_reason,
                &p.new,
                &p.status_changed,
            ],
        )?;
    }
    for plan in &export.plans {
        tx.execute(
            "INSERT INTO plan (owner, id, created, starts, data) VALUES ($1, $2, $3, $4, $5)",
            &[
                &owner,
                &plan.id,
                &plan.created,
                &plan.starts,
                &Json(&plan.weeks),
            ],
        )?;
    }
    for t in &export.patch_tests {
        tx.execute(
            "INSERT INTO patch_test (owner, id, product_id, started, area, result, ended)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &owner,
                &t.id,
                &t.product_id,
                &t.started,
                &t.area,
                &t.result.map(PatchResult::id),
                &t.ended,
            ],
        )?;
        for c in &t.checks {
            tx.execute(
                "INSERT INTO patch_check (owner, patch_test_id, date, reaction)
                 VALUES ($1, $2, $3, $4)",
                &[&owner, &t.id, &c.date, &c.reaction.id()],
            )?;
        }
    }
    for c in &export.checkoffs {
        tx.execute(
            "INSERT INTO checkoff (owner, date, time, product_id) VALUES ($1, $2, $3, $4)",
            &[&owner, &c.date, &c.time.id(), &c.product_id],
        )?;
    }
    // Kept ids were not drawn from the sequences: move each past them, so the next product,
    // plan or test gets a new id. Never backwards (other owners draw from the same sequence).
    for table in ["product", "plan", "patch_test"] {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                     greatest((SELECT max(id) FROM {table} WHERE owner = $1),
                              nextval(pg_get_serial_sequence('{table}', 'id'))))"
            ),
            &[&owner],
        )?;
    }
    Ok(())
}
