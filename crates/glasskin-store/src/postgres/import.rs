//! Replacing everything an owner has with an export document, in the caller's transaction.

use postgres::types::Json;

use glasskin_core::Step;

use super::small_i16;
use crate::Result;
use crate::model::{Export, PatchResult};

pub(super) fn replace_all(tx: &mut super::Tx<'_>, owner: &str, export: &Export) -> Result<()> {
    // Check-offs, patch tests and their checks go with their products (ON DELETE CASCADE).
    for table in ["product", "plan", "diary", "lifestyle", "profile"] {
        tx.execute(&format!("DELETE FROM {table} WHERE owner = $1"), &[&owner])?;
    }
    // A year is thousands of rows: each table's go in one statement, a column an array, not
    // a round trip a row.
    let diary = &export.diary;
    tx.execute(
        "INSERT INTO diary (owner, date, hydration, oiliness, breakouts, redness, texture, glow,
             breakout_count, notes, tags, photo)
         SELECT $1, * FROM unnest($2::date[], $3::smallint[], $4::smallint[], $5::smallint[],
             $6::smallint[], $7::smallint[], $8::smallint[], $9::integer[], $10::text[],
             $11::jsonb[], $12::text[])",
        &[
            &owner,
            &column(diary, |e| e.date),
            &column(diary, |e| small_i16(e.hydration)),
            &column(diary, |e| small_i16(e.oiliness)),
            &column(diary, |e| small_i16(e.breakouts)),
            &column(diary, |e| small_i16(e.redness)),
            &column(diary, |e| small_i16(e.texture)),
            &column(diary, |e| small_i16(e.glow)),
            &column(diary, |e| e.breakout_count.map(i32::from)),
            &column(diary, |e| e.notes.as_deref()),
            &column(diary, |e| Json(&e.tags)),
            &column(diary, |e| e.photo.as_deref()),
        ],
    )?;
    let lifestyle = &export.lifestyle;
    tx.execute(
        "INSERT INTO lifestyle (owner, date, sleep_hours, water_litres, exercise_minutes, stress,
             diet_tags, tags)
         SELECT $1, * FROM unnest($2::date[], $3::real[], $4::real[], $5::integer[],
             $6::smallint[], $7::jsonb[], $8::jsonb[])",
        &[
            &owner,
            &column(lifestyle, |e| e.date),
            &column(lifestyle, |e| e.sleep_hours),
            &column(lifestyle, |e| e.water_litres),
            &column(lifestyle, |e| e.exercise_minutes.map(i32::from)),
            &column(lifestyle, |e| small_i16(e.stress)),
            &column(lifestyle, |e| Json(&e.diet_tags)),
            &column(lifestyle, |e| Json(&e.tags)),
        ],
    )?;
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
    let checkoffs = &export.checkoffs;
    tx.execute(
        "INSERT INTO checkoff (owner, date, time, product_id)
         SELECT $1, * FROM unnest($2::date[], $3::text[], $4::bigint[])",
        &[
            &owner,
            &column(checkoffs, |c| c.date),
            &column(checkoffs, |c| c.time.id()),
            &column(checkoffs, |c| c.product_id),
        ],
    )?;
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

/// One column of `rows`, to send as an array.
fn column<'a, R, T>(rows: &'a [R], value: impl Fn(&'a R) -> T) -> Vec<T> {
    rows.iter().map(value).collect()
}
