//! Patch tests: one new product at a time on a small patch of skin, checked daily, ended with a
//! verdict (docs/domain.md, Patch testing and new products).

use glasskin_store::{PatchTest, ProductId, Reaction, Store, Verdict};
use jiff::civil::Date;

use crate::error::{Result, parse};

/// Starts a patch test of a product; refused while another is running.
pub fn start<S: Store + ?Sized>(
    store: &mut S,
    product: ProductId,
    area: &str,
    today: Date,
) -> Result<PatchTest> {
    let id = store.start_patch_test(product, area, today)?;
    store
        .patch_tests()?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| crate::Error::not_found("the patch test just started is gone"))
}

/// Logs a day's look at the running test and gives the verdict so far.
pub fn check<S: Store + ?Sized>(
    store: &mut S,
    date: Date,
    reaction: Reaction,
    today: Date,
) -> Result<(PatchTest, Verdict)> {
    let test = store.check_patch(date, reaction, today)?;
    let verdict = test.verdict(today);
    Ok((test, verdict))
}

/// Ends the running test with its verdict: a pass marks the product tested, a failure stops it.
pub fn end<S: Store + ?Sized>(store: &mut S, today: Date) -> Result<PatchTest> {
    Ok(store.end_patch_test(today)?)
}

/// Every patch test, oldest first.
pub fn list<S: Store + ?Sized>(store: &S) -> Result<Vec<PatchTest>> {
    Ok(store.patch_tests()?)
}

/// The reaction with this id.
pub fn parse_reaction(text: &str) -> Result<Reaction> {
    parse("reaction", text)
}
