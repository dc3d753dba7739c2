//! The shelf: adding a product, what happens to it (opened, finished, stopped, patch tested,
//! removed), and each product as a person sees it: its step and its expiry.

use glasskin_core::Step;
use glasskin_core::expiry::{self, Status as Expiry};
use glasskin_store::{NewProduct, ProductId, ShelfProduct, Status, Store};
use jiff::civil::Date;
use serde::Deserialize;

use crate::analysis::{self, Report};
use crate::error::{Error, Result};

/// Every product on the shelf, oldest first.
pub fn list<S: Store + ?Sized>(store: &S) -> Result<Vec<ShelfProduct>> {
    Ok(store.products()?)
}

/// One product.
pub fn get<S: Store + ?Sized>(store: &S, id: ProductId) -> Result<ShelfProduct> {
    Ok(store.product(id)?)
}

/// Puts a product on the shelf and returns it as stored.
pub fn add<S: Store + ?Sized>(
    store: &mut S,
    product: &NewProduct,
    today: Date,
) -> Result<ShelfProduct> {
    let id = store.add_product(product, today)?;
    Ok(store.product(id)?)
}

/// A change to a product: what the person says of it (name, brand, label, step, best-before)
/// and what happened to it (opened, finished, stopped, patch tested). Every door (the CLI's
/// `shelf edit|open|finish|stop|tested`, the Shelf page's buttons, `PATCH /api/products/{id}`)
/// makes its change through this one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// A new name.
    #[serde(default)]
    pub name: Option<String>,
    /// A new brand; an empty one clears it.
    #[serde(default)]
    pub brand: Option<String>,
    /// A new label text.
    #[serde(default)]
    pub label: Option<String>,
    /// Its routine step, when the person knows better than glasskin.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub step: Option<Step>,
    /// Its best-before date.
    #[serde(default)]
    pub best_before: Option<Date>,
    /// Opened on this day (today when `open` is true and this is left out).
    #[serde(default)]
    pub opened: Option<Date>,
    /// Mark it opened today.
    #[serde(default)]
    pub open: bool,
    /// Its period after opening, in months (1 to 120), given with `opened` or `open`.
    #[serde(default)]
    pub pao_months: Option<u16>,
    /// Its new status; `finished` and `stopped` are dated today.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub status: Option<Status>,
    /// Why it was finished or stopped; a stop needs one.
    #[serde(default)]
    pub reason: Option<String>,
    /// Patch tested and fine: no longer new.
    #[serde(default)]
    pub tested: bool,
}

/// Makes a change to a product and returns it as it now stands. A refused change changes
/// nothing.
pub fn change<S: Store + ?Sized>(
    store: &mut S,
    id: ProductId,
    change: Change,
    today: Date,
) -> Result<ShelfProduct> {
    let opened = change.opened.or(change.open.then_some(today));
    if change.pao_months.is_some() && opened.is_none() {
        return Err(Error::invalid(
            "pao_months: give the day it was opened (`opened` or `open`) with it",
        ));
    }
    glasskin_store::check_pao(change.pao_months)?;
    if let Some(day) = opened {
        glasskin_store::check_opened(day, today)?;
    }
    let reason = change
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if change.status == Some(Status::Stopped) && reason.is_none() {
        return Err(Error::invalid(
            "reason: say why you stopped it; it helps later",
        ));
    }
    // An unknown id is refused before anything changes.
    let current = store.product(id)?;
    if let Some(product) = edited(&current, &change) {
        // Checked as a new product is, before anything is written.
        store.edit_product(id, &product, today)?;
    }
    if let Some(day) = opened {
        store.open_product(id, day, change.pao_months, today)?;
    }
    if let Some(status) = change.status {
        store.set_status(id, status, reason, today)?;
    }
    if change.tested {
        store.set_tested(id)?;
    }
    Ok(store.product(id)?)
}

/// The product as the change edits it; `None` when the change edits nothing the person says.
fn edited(current: &ShelfProduct, change: &Change) -> Option<NewProduct> {
    let edits = change.name.is_some()
        || change.brand.is_some()
        || change.label.is_some()
        || change.step.is_some()
        || change.best_before.is_some();
    edits.then(|| {
        let mut product = NewProduct::from(current);
        if let Some(name) = &change.name {
            product.name.clone_from(name);
        }
        if let Some(brand) = &change.brand {
            product.brand = Some(brand.trim().to_owned()).filter(|b| !b.is_empty());
        }
        if let Some(label) = &change.label {
            product.label.clone_from(label);
        }
        product.step = change.step.or(product.step);
        product.best_before = change.best_before.or(product.best_before);
        product
    })
}

/// Takes a product off the shelf.
pub fn remove<S: Store + ?Sized>(store: &mut S, id: ProductId) -> Result<()> {
    Ok(store.remove_product(id)?)
}

/// A product's label read, with its name and declared step.
pub fn report(product: &ShelfProduct) -> Report {
    analysis::analyse(&product.label, Some(&product.name), product.step)
}

/// A product as the shelf shows it.
#[derive(Clone, Debug)]
pub struct Row {
    /// The stored product.
    pub product: ShelfProduct,
    /// The step glasskin understands it to be; `None` when its label holds no list.
    pub step: Option<Step>,
    /// Why that step and what the label says are doubtful, when most of the label could not be
    /// read.
    pub caution: Option<String>,
    /// When it expires.
    pub expiry: ExpiryNote,
}

/// The shelf as people see it.
pub fn rows<S: Store + ?Sized>(store: &S, today: Date) -> Result<Vec<Row>> {
    Ok(store
        .products()?
        .into_iter()
        .map(|product| row(product, today))
        .collect())
}

/// One product as the shelf shows it.
pub fn row(product: ShelfProduct, today: Date) -> Row {
    let (step, caution) = understood_step(&product.label, &product.name, product.step);
    let expiry = ExpiryNote::of(&product, today);
    Row {
        product,
        step,
        caution,
        expiry,
    }
}

/// Where a product stands against its expiry, with the words for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiryNote {
    /// The core's reading.
    pub status: Expiry,
    /// The period after opening of a product not opened yet, which says how long it will
    /// last once it is.
    pub pao_unopened: Option<u16>,
}

impl ExpiryNote {
    /// The note for a product on `today`.
    pub fn of(product: &ShelfProduct, today: Date) -> ExpiryNote {
        let expiry = expiry::expiry(product.opened, product.pao_months, product.best_before);
        ExpiryNote {
            status: expiry::status(&expiry, today),
            pao_unopened: product.pao_months.filter(|_| product.opened.is_none()),
        }
    }

    /// Expired or expiring soon: worth a warning.
    pub fn warns(&self) -> bool {
        matches!(
            self.status,
            Expiry::Expired { .. } | Expiry::ExpiringSoon { .. }
        )
    }

    /// The sentence: "expired 3 days ago", "expires in 12 days", "good for 200 days",
    /// "12 months once opened", "expiry unknown".
    pub fn sentence(&self) -> String {
        match self.status {
            Expiry::Expired { days_ago } => format!("expired {days_ago} days ago"),
            Expiry::ExpiringSoon { days_left } => format!("expires in {days_left} days"),
            Expiry::Fine { days_left } => format!("good for {days_left} days"),
            Expiry::Unknown => match self.pao_unopened {
                Some(months) => format!("{months} months once opened"),
                None => "expiry unknown".to_owned(),
            },
        }
    }
}

/// The step a shelf product is understood to be; `None` when its label holds no list.
/// The step glasskin understands a product to be, and its caution when the label could not be
/// read well enough to tell ("none of its 6 ingredients was recognised: … any step comes from its
/// name alone").
fn understood_step(
    label: &str,
    name: &str,
    declared: Option<Step>,
) -> (Option<Step>, Option<String>) {
    let analysis = glasskin_core::analyze(label, glasskin_kb::kb());
    let Some(list) = analysis.products.first() else {
        return (None, None);
    };
    let product = glasskin_core::understand(Some(name), list, declared);
    (Some(product.step), product.caution)
}
