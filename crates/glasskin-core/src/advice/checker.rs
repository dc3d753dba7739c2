//! The checker: evaluates one rule against a routine, scope by scope, and words what it finds.

use crate::kb::rules::{ProfileCondition, Rule, RuleKind, Scope, Term};

use super::{Finding, Library, Routine, Time, When};

pub(super) struct Checker<'r> {
    routine: &'r Routine,
}

/// Which products meet a term, and with which ingredient.
type Meets = Vec<Option<&'static str>>;

impl<'r> Checker<'r> {
    pub(super) fn new(routine: &'r Routine) -> Checker<'r> {
        Checker { routine }
    }

    pub(super) fn profile_matches(&self, condition: &ProfileCondition) -> bool {
        condition.matches(&self.routine.profile)
    }

    /// For each product, the first ingredient that meets the term.
    fn meets(&self, term: &Term) -> Meets {
        self.routine
            .products
            .iter()
            .map(|p| term.met_by(p))
            .collect()
    }

    /// The units of a scope: each a place in the week and the products used there.
    fn units(&self, scope: Scope) -> Vec<(Option<When>, Vec<usize>)> {
        let sessions = &self.routine.sessions;
        match scope {
            Scope::Session => sessions
                .iter()
                .map(|s| {
                    (
                        Some(When {
                            day: s.day,
                            time: Some(s.time),
                        }),
                        s.products.clone(),
                    )
                })
                .collect(),
            Scope::Day => (0..7)
                .map(|day| {
                    let mut products: Vec<usize> = sessions
                        .iter()
                        .filter(|s| s.day == day)
                        .flat_map(|s| s.products.iter().copied())
                        .collect();
                    products.sort_unstable();
                    products.dedup();
                    (Some(When { day, time: None }), products)
                })
                .collect(),
            Scope::Week => {
                let mut products: Vec<usize> = sessions
                    .iter()
                    .flat_map(|s| s.products.iter().copied())
                    .collect();
                products.sort_unstable();
                products.dedup();
                vec![(None, products)]
            }
        }
    }

    fn used(&self) -> Vec<usize> {
        let mut used: Vec<usize> = self
            .routine
            .sessions
            .iter()
            .flat_map(|s| s.products.iter().copied())
            .collect();
        used.sort_unstable();
        used.dedup();
        used
    }

    pub(super) fn evaluate(&self, rule: &'static Rule, library: &Library) -> Option<Finding> {
        let meets: Vec<Meets> = rule.terms.iter().map(|t| self.meets(t)).collect();
        let mut hit = Hit::default();
        let message = match rule.kind {
            RuleKind::Together => {
                for (when, products) in self.units(rule.scope) {
                    if let Some(chosen) = distinct_cover(&meets, &products) {
                        hit.add(when, &chosen, &meets);
                    }
                }
                hit.any().then(|| {
                    format!(
                        "{} {}",
                        self.names(&hit.products).join(" and "),
                        rule.scope.label()
                    )
                })?
            }
            RuleKind::Several => {
                let first = meets.first()?;
                let at_least = usize::from(rule.at_least.max(2));
                for (when, products) in self.units(rule.scope) {
                    let meeting: Vec<usize> = products
                        .into_iter()
                        .filter(|&p| first[p].is_some())
                        .collect();
                    if meeting.len() >= at_least {
                        let pairs: Vec<(usize, usize)> = meeting.iter().map(|&p| (0, p)).collect();
                        hit.add(when, &pairs, &meets);
                    }
                }
                hit.any().then(|| {
                    format!(
                        "{} products meet it {}: {}",
                        hit.products.len(),
                        rule.scope.label(),
                        self.names(&hit.products).join(", ")
                    )
                })?
            }
            RuleKind::Profile => {
                for p in self.used() {
                    if let Some(term) = meets.iter().position(|m| m[p].is_some()) {
                        hit.add(None, &[(term, p)], &meets);
                    }
                }
                hit.any()
                    .then(|| format!("in {}", self.names(&hit.products).join(", ")))?
            }
            RuleKind::Stack => {
                let at_least = usize::from(rule.at_least.max(2));
                for (when, products) in self.units(Scope::Session) {
                    let meeting: Vec<(usize, usize)> = products
                        .iter()
                        .filter_map(|&p| meets.iter().position(|m| m[p].is_some()).map(|t| (t, p)))
                        .collect();
                    if meeting.len() >= at_least {
                        hit.add(when, &meeting, &meets);
                    }
                }
                hit.any().then(|| {
                    format!(
                        "{} irritating products in one session: {}",
                        hit.products.len().max(at_least),
                        self.names(&hit.products).join(", ")
                    )
                })?
            }
            RuleKind::Morning => {
                for (when, products) in self.units(Scope::Session) {
                    if when.is_some_and(|w| w.time == Some(Time::Am)) {
                        for p in products {
                            if let Some(term) = meets.iter().position(|m| m[p].is_some()) {
                                hit.add(when, &[(term, p)], &meets);
                            }
                        }
                    }
                }
                hit.any()
                    .then(|| format!("{} in the morning", self.names(&hit.products).join(", ")))?
            }
            RuleKind::WithoutSunscreen => {
                for p in self.used() {
                    if let Some(term) = meets.iter().position(|m| m[p].is_some()) {
                        hit.add(None, &[(term, p)], &meets);
                    }
                }
                if !hit.any() {
                    return None;
                }
                let bare: Vec<usize> = (0..7).filter(|&d| !self.sunscreen_on(d)).collect();
                if bare.is_empty() {
                    return None;
                }
                hit.when = bare.iter().map(|&day| When { day, time: None }).collect();
                format!(
                    "{} in the routine, and mornings without sunscreen",
                    self.names(&hit.products).join(", ")
                )
            }
            RuleKind::ExfoliationBudget => {
                let profile = &self.routine.profile;
                let allowed = rule.budget.as_ref()?.nights(profile);
                let starting_retinoid = profile.new_to_retinoids;
                let days: Vec<usize> = (0..7)
                    .filter(|&d| {
                        self.routine
                            .sessions
                            .iter()
                            .filter(|s| s.day == d)
                            .flat_map(|s| &s.products)
                            .any(|&p| {
                                let exfoliates = self.exfoliates(p);
                                if exfoliates {
                                    hit.products.push(p);
                                }
                                exfoliates
                            })
                    })
                    .collect();
                if days.len() <= usize::from(allowed) {
                    return None;
                }
                hit.products.sort_unstable();
                hit.products.dedup();
                hit.when = days.iter().map(|&day| When { day, time: None }).collect();
                let why = if profile.irritated {
                    " while the skin is irritated".to_owned()
                } else if starting_retinoid {
                    format!(
                        " for {} skin while starting a retinoid",
                        profile.skin_type.label()
                    )
                } else {
                    format!(" for {} skin", profile.skin_type.label())
                };
                format!(
                    "exfoliating on {} days a week with {}; the budget is {allowed}{why}",
                    days.len(),
                    self.names(&hit.products).join(", ")
                )
            }
            RuleKind::NewProducts => {
                let used = self.used();
                let meets_a_term =
                    |p: usize| meets.is_empty() || meets.iter().any(|m| m[p].is_some());
                for p in used.into_iter().filter(|&p| self.routine.products[p].new) {
                    if let Some(term) = meets.iter().position(|m| m[p].is_some()) {
                        hit.add(None, &[(term, p)], &meets);
                    } else if meets_a_term(p) {
                        hit.products.push(p);
                    }
                }
                let at_least = usize::from(rule.at_least.max(1));
                if hit.products.len() < at_least {
                    return None;
                }
                let names = self.names(&hit.products).join(", ");
                match hit.products.len() {
                    1 => format!("new: {names}"),
                    n => format!("{n} new products at once: {names}"),
                }
            }
        };
        // A sunscreen is never to be used less, moved or dropped: when it is all the rule met,
        // only the fixes that keep it stand.
        let only_sunscreens = hit.products.iter().all(|&p| self.is_sunscreen(p));
        let fixes = rule
            .fixes
            .iter()
            .copied()
            .filter(|fix| !(only_sunscreens && fix.changes_use()))
            .collect();
        Some(Finding {
            rule,
            message,
            fixes,
            products: self
                .names(&hit.products)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            ingredients: hit.ingredients,
            when: hit.when,
            tips: rule
                .tips
                .iter()
                .filter_map(|id| library.tips.iter().find(|t| t.id == *id))
                .collect(),
        })
    }

    fn names(&self, products: &[usize]) -> Vec<&str> {
        products
            .iter()
            .map(|&p| self.routine.products[p].name.as_str())
            .collect()
    }

    fn sunscreen_on(&self, day: usize) -> bool {
        self.routine
            .sessions
            .iter()
            .filter(|s| s.day == day && s.time == Time::Am)
            .flat_map(|s| &s.products)
            .any(|&p| self.is_sunscreen(p))
    }

    fn is_sunscreen(&self, p: usize) -> bool {
        self.routine.products[p].product.is_sunscreen()
    }

    /// A product whose nights count against the exfoliation budget.
    fn exfoliates(&self, p: usize) -> bool {
        self.routine.products[p].product.exfoliates()
    }
}

/// What a rule matched, gathered across the units of its scope.
#[derive(Default)]
struct Hit {
    products: Vec<usize>,
    ingredients: Vec<&'static str>,
    when: Vec<When>,
}

impl Hit {
    /// Adds a unit where the rule matched: `(term, product)` pairs.
    fn add(&mut self, when: Option<When>, chosen: &[(usize, usize)], meets: &[Meets]) {
        if let Some(when) = when {
            self.when.push(when);
        }
        for &(term, product) in chosen {
            if !self.products.contains(&product) {
                self.products.push(product);
            }
            if let Some(inci) = meets[term][product]
                && !self.ingredients.contains(&inci)
            {
                self.ingredients.push(inci);
            }
        }
    }

    fn any(&self) -> bool {
        !self.products.is_empty()
    }
}

/// Picks a different product for each term from `products`, if possible: `(term, product)`.
/// Rules have two or three terms, so a small backtracking search is enough.
fn distinct_cover(meets: &[Meets], products: &[usize]) -> Option<Vec<(usize, usize)>> {
    fn go(
        term: usize,
        meets: &[Meets],
        products: &[usize],
        chosen: &mut Vec<(usize, usize)>,
    ) -> bool {
        if term == meets.len() {
            return true;
        }
        for &p in products {
            if meets[term][p].is_some() && !chosen.iter().any(|&(_, q)| q == p) {
                chosen.push((term, p));
                if go(term + 1, meets, products, chosen) {
                    return true;
                }
                chosen.pop();
            }
        }
        false
    }
    if meets.is_empty() {
        return None;
    }
    let mut chosen = Vec::with_capacity(meets.len());
    go(0, meets, products, &mut chosen).then_some(chosen)
}
