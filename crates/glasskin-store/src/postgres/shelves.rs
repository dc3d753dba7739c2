//! What a plan is made of — the shelf, the patch tests and the kept plan — kept per owner by the
//! plan revision they were read at (`Store::plan_revision`). A tick and the Today page read all
//! three on every request, and they change only when the plan revision moves (to the revision
//! of the write that changed them), so a transaction that knows the owner's plan revision from
//! its first round trip answers them from here.
//!
//! A stale answer cannot be given: every write of what a plan is made of moves the plan
//! revision in its own transaction, and what is kept for one plan revision was read in a
//! transaction that saw that revision.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::Result;
use crate::model::{PatchTest, SavedPlan, ShelfProduct};

/// At most this many owners' shelves are kept (some 50 KB each); past that all are dropped and
/// kept again as people come back, so memory stays bounded.
const MOST: usize = 2048;

#[derive(Default)]
pub(super) struct Shelves(Mutex<HashMap<String, Shelf>>);

/// One owner's, at one plan revision: each part once it has been read.
#[derive(Default)]
pub(super) struct Shelf {
    planned: i64,
    pub(super) products: Option<Vec<ShelfProduct>>,
    pub(super) tests: Option<Vec<PatchTest>>,
    pub(super) plan: Option<Option<SavedPlan>>,
}

impl Shelves {
    /// The `part` of `owner`'s shelf at plan revision `planned`: kept, or `read` and kept.
    pub(super) fn kept<T: Clone>(
        &self,
        owner: &str,
        planned: i64,
        part: fn(&mut Shelf) -> &mut Option<T>,
        read: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        if let Some(value) = self.peek(owner, planned, part, T::clone) {
            return Ok(value);
        }
        let value = read()?;
        let mut all = self.lock();
        if all.len() >= MOST && !all.contains_key(owner) {
            all.clear();
        }
        let shelf = all.entry(owner.to_owned()).or_default();
        // Plan revisions only grow: an answer read at an older one is not kept over a newer.
        if shelf.planned < planned {
            *shelf = Shelf {
                planned,
                ..Shelf::default()
            };
        }
        if shelf.planned == planned {
            *part(shelf) = Some(value.clone());
        }
        Ok(value)
    }

    /// The plan revision `owner`'s shelf is kept at, if any of it is.
    pub(super) fn planned(&self, owner: &str) -> Option<i64> {
        self.lock().get(owner).map(|shelf| shelf.planned)
    }

    /// What `look` finds in the `part` of `owner`'s shelf at plan revision `planned`, if it is
    /// kept.
    pub(super) fn peek<T, R>(
        &self,
        owner: &str,
        planned: i64,
        part: fn(&mut Shelf) -> &mut Option<T>,
        look: impl FnOnce(&T) -> R,
    ) -> Option<R> {
        self.lock()
            .get_mut(owner)
            .filter(|shelf| shelf.planned == planned)
            .and_then(|shelf| part(shelf).as_ref().map(look))
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Shelf>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
