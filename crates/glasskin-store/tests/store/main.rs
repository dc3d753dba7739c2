//! The store's stories, written once (`stories.rs`) and run on each backend: SQLite always,
//! PostgreSQL when `GLASSKIN_TEST_DATABASE_URL` names a server (`postgres.rs`, docs/hosted.md).
//! Each backend also has tests of its own: files and readers for SQLite, migrations, roles and
//! row level security for PostgreSQL.

use glasskin_store::Store;

/// A kind of database the stories run on.
pub trait Backend: Sized {
    /// The store it opens.
    type Store: Store;
    /// A new, empty database; `None` when this backend cannot run here (the test passes
    /// without running, and says so).
    fn fresh() -> Option<Self>;
    /// A store for `owner` in this database; two calls are two handles on the same data.
    fn open(&self, owner: &str) -> Self::Store;
}

/// One `#[test]` per story, run on the backend `$backend`.
macro_rules! stories {
    ($backend:ty) => {
        stories!(@each $backend;
            profile_and_shelf_operations,
            one_owner_never_reads_or_writes_anothers_rows,
            two_owners_never_see_each_others_data,
            export_import_export_is_byte_identical,
            bad_input_changes_nothing,
            diary_and_lifestyle_are_one_entry_a_day_and_checked,
            a_version_1_export_still_imports,
            plans_are_versioned_and_check_offs_give_adherence,
            patch_tests_one_at_a_time_with_a_verdict,
            a_day_is_logged_whole_or_not_at_all,
            an_import_the_keys_would_refuse_is_refused_first_naming_the_field,
            devices_are_kept_by_the_hash_of_their_secret_and_can_be_revoked,
            the_revision_moves_with_each_write
        );
    };
    (@each $backend:ty; $($story:ident),* $(,)?) => {
        mod stories {
            use super::*;
            $(
                #[test]
                fn $story() {
                    if let Some(db) = <$backend as Backend>::fresh() {
                        crate::stories::$story(&db);
                    }
                }
            )*
        }
    };
}

// After the macro, so these modules see it.
mod postgres;
mod sqlite;
mod stories;
