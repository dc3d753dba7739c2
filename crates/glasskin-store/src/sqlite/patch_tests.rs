//! Patch tests: one running at a time, a check a day, ended with a verdict that marks the
//! product tested or stops it, in one transaction.

use jiff::civil::Date;
use rusqlite::params;

use super::{SqliteStore, date_from, id_from};
use crate::model::{PatchCheck, PatchResult, PatchTest, ProductId, Reaction, Verdict, not_future};
use crate::{Result, Store, StoreError};

impl SqliteStore {
    pub(super) fn start_patch(
        &mut self,
        product: ProductId,
        area: &str,
        today: Date,
    ) -> Result<i64> {
        let p = self.product(product)?;
        if let Some(running) = self.running_patch_test()? {
            return Err(StoreError::Conflict(format!(
                "a patch test of product #{} is running since {}; one new product at a time",
                running.product_id, running.started
            )));
        }
        let area = if area.trim().is_empty() {
            "inner arm"
        } else {
            area.trim()
        };
        self.conn.execute(
            "INSERT INTO patch_test (owner, product_id, started, area) VALUES (?1, ?2, ?3, ?4)",
            params![self.owner, p.id, today.to_string(), area],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub(super) fn check_running_patch(
        &mut self,
        date: Date,
        reaction: Reaction,
        today: Date,
    ) -> Result<PatchTest> {
        not_future(date, today)?;
        let Some(test) = self.running_patch_test()? else {
            return Err(StoreError::Conflict(
                "no patch test is running; start one with `glasskin patch start PRODUCT`".into(),
            ));
        };
        if date < test.started {
            return Err(StoreError::Invalid(format!(
                "the patch test started on {}; {date} is before it",
                test.started
            )));
        }
        self.conn.execute(
            "INSERT INTO patch_check (patch_test_id, date, reaction) VALUES (?1, ?2, ?3)
             ON CONFLICT (patch_test_id, date) DO UPDATE SET reaction = excluded.reaction",
            params![test.id, date.to_string(), reaction.id()],
        )?;
        self.running_patch_test()?
            .ok_or_else(|| StoreError::Database("the patch test vanished".into()))
    }

    pub(super) fn end_running_patch(&mut self, today: Date) -> Result<PatchTest> {
        let Some(test) = self.running_patch_test()? else {
            return Err(StoreError::Conflict("no patch test is running".into()));
        };
        let (result, status) = match test.verdict(today) {
            Verdict::Passed => (PatchResult::Passed, None),
            Verdict::Failed { reaction, .. } => (PatchResult::Failed, Some(reaction)),
            Verdict::Running { days_left, checked } => {
                return Err(StoreError::Conflict(format!(
                    "the patch test needs {days_left} more days and a check each day ({checked} logged so far) before it can pass; log a reaction to end it early"
                )));
            }
        };
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE patch_test SET result = ?1, ended = ?2 WHERE id = ?3 AND owner = ?4",
            params![result.id(), today.to_string(), test.id, self.owner],
        )?;
        match status {
            None => tx.execute(
                "UPDATE product SET new = 0 WHERE id = ?1 AND owner = ?2",
                params![test.product_id, self.owner],
            )?,
            Some(reaction) => tx.execute(
                "UPDATE product SET status = 'stopped', status_reason = ?1, status_changed = ?2 WHERE id = ?3 AND owner = ?4",
                params![format!("patch test: {reaction}"), today.to_string(), test.product_id, self.owner],
            )?,
        };
        tx.commit()?;
        self.patch_tests()?
            .into_iter()
            .find(|t| t.id == test.id)
            .ok_or_else(|| StoreError::Database("the patch test vanished".into()))
    }

    pub(super) fn all_patch_tests(&self) -> Result<Vec<PatchTest>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, product_id, started, area, result, ended FROM patch_test
             WHERE owner = ?1 ORDER BY id",
        )?;
        let tests: Vec<PatchTest> = stmt
            .query_map([&self.owner], |r| {
                let ended: Option<String> = r.get(5)?;
                let result: Option<String> = r.get(4)?;
                Ok(PatchTest {
                    id: r.get(0)?,
                    product_id: r.get(1)?,
                    started: date_from(r, 2)?,
                    area: r.get(3)?,
                    result: result.as_deref().and_then(PatchResult::from_id),
                    ended: ended.and_then(|e| e.parse().ok()),
                    checks: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut checks = self.conn.prepare(
            "SELECT date, reaction FROM patch_check WHERE patch_test_id = ?1 ORDER BY date",
        )?;
        tests
            .into_iter()
            .map(|mut t| {
                t.checks = checks
                    .query_map([t.id], |r| {
                        Ok(PatchCheck {
                            date: date_from(r, 0)?,
                            reaction: id_from(r, 1, Reaction::from_id)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(t)
            })
            .collect()
    }
}
