//! The benefits an ingredient list can carry, and the ingredients that carry each.

use crate::analyze::Entry;

use super::flags::push_unique;
use super::{Benefit, Carries};

pub(super) fn benefits(entries: &[Entry]) -> Vec<Carries> {
    let mut carried: [Vec<&'static str>; Benefit::ALL.len()] = Default::default();
    // From each entry's summary: only an ingredient that carries a benefit has its record read,
    // for its name.
    for e in entries {
        let mut bits = Benefit::carried_by(e.summary.classes(), e.summary.traits());
        let Some(i) = e.ingredient.filter(|_| bits != 0) else {
            continue;
        };
        while bits != 0 {
            push_unique(&mut carried[bits.trailing_zeros() as usize], i.inci());
            bits &= bits - 1;
        }
    }
    Benefit::ALL
        .into_iter()
        .zip(carried)
        .filter(|(_, ingredients)| !ingredients.is_empty())
        .map(|(benefit, ingredients)| Carries {
            benefit,
            ingredients,
        })
        .collect()
}
