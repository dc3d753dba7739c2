//! Choosing days: an exact branch-and-bound search.
//!
//! Variables are (product, time) pairs that need days chosen; a value is a set of days, as a
//! 7-bit mask. Hard constraints: products a warning- or caution-level rule forbids in one session
//! never share one; two products a day-scoped rule forbids never share a day; one exfoliant a
//! night, never on a retinoid night, within the exfoliation budget, and (for sensitive skin or
//! during a retinoid ramp-up) never the night before or after a retinoid night; at most as many
//! irritants in a session as the irritant-stacking rule allows. The objective, lexicographic:
//! the most weighted uses placed (each product up to its target), then the least spread penalty
//! (uses on neighbouring days, uneven gaps), then the first masks in a fixed order, so the same
//! input always gives the same week.

use crate::advice::Library;
use crate::advice::{RuleKind, Scope, Severity, Time};

use super::placement::{is_core, is_mask, is_wash};
use super::{Placement, PlanProfile, Role, Score, ShelfItem};

/// Search nodes after which the best week found so far is returned, unproven.
const NODE_LIMIT: u64 = 5_000_000;

/// The outcome: for each product, the days chosen at [AM, PM].
pub(super) struct Outcome {
    pub days: Vec<[u8; 2]>,
    pub score: Score,
    pub reasons: Vec<String>,
}

struct Var {
    product: usize,
    time: usize,
    target: u8,
    weight: u32,
    exfoliates: bool,
    retinoid: bool,
    irritant: bool,
    /// An evening mask: masks share the evenings, one a night.
    mask: bool,
    /// Candidate day sets, best first.
    candidates: Vec<(u8, u32)>,
    /// An earlier variable this one is interchangeable with: swapping their day sets changes
    /// nothing, so this one's set is kept no greater than that one's (symmetry breaking).
    twin: Option<usize>,
}

/// A set of up to 128 products, as a bit set.
type Set = u128;

struct Problem {
    vars: Vec<Var>,
    /// Products that may not share a session with each product.
    session_conflicts: Vec<Set>,
    /// Products that may not share a day with each product.
    day_conflicts: Vec<Set>,
    budget: u8,
    keep_retinoid_nights_clear: bool,
    /// Most irritants allowed in one session.
    irritant_limit: Option<u8>,
    /// Evenings any mask may take.
    mask_nights: u8,
}

#[derive(Clone, Copy)]
struct State {
    /// Products in each session: `[time][day]`.
    sessions: [[Set; 7]; 2],
    /// Products on each day.
    days: [Set; 7],
    exfoliation_days: u8,
    retinoid_days: u8,
    irritants: [[u8; 7]; 2],
    /// Evenings with a mask.
    mask_nights: u8,
    placed: u32,
    penalty: u32,
}

struct Search<'p> {
    problem: &'p Problem,
    /// The most weighted uses the variables from each index on could still add.
    remaining: Vec<u32>,
    /// The least spread penalty the variables outside the exfoliant and retinoid groups from
    /// each index on add when they reach their targets.
    least_penalty: Vec<u32>,
    best: Option<(u32, u32, Vec<u8>)>,
    /// The day sets chosen on the current path.
    chosen: Vec<u8>,
    nodes: u64,
}

pub(super) fn solve(
    profile: &PlanProfile,
    shelf: &[ShelfItem],
    placements: &[Placement],
    library: &Library,
) -> Outcome {
    let n = shelf.len().min(128);
    let mut reasons = Vec::new();
    if shelf.len() > 128 {
        reasons.push("only the first 128 products were planned".to_owned());
    }
    let person = &profile.person;

    // Hard pairwise conflicts from the rules that apply to this person.
    let mut session_conflicts = vec![0 as Set; n];
    let mut day_conflicts = vec![0 as Set; n];
    let mut irritant_terms = Vec::new();
    let mut irritant_limit = None;
    for rule in library.rules.iter().filter(|r| r.profile.matches(person)) {
        match (rule.kind, rule.scope) {
            (RuleKind::Together, scope)
                if rule.severity >= Severity::Caution && rule.terms.len() == 2 =>
            {
                let a: Vec<bool> = (0..n)
                    .map(|p| rule.terms[0].met_by(&shelf[p].product).is_some())
                    .collect();
                let b: Vec<bool> = (0..n)
                    .map(|p| rule.terms[1].met_by(&shelf[p].product).is_some())
                    .collect();
                let conflicts = if scope == Scope::Session {
                    &mut session_conflicts
                } else {
                    &mut day_conflicts
                };
                for p in 0..n {
                    for q in 0..n {
                        if p != q && ((a[p] && b[q]) || (a[q] && b[p])) {
                            conflicts[p] |= 1 << q;
                        }
                    }
                }
            }
            (RuleKind::Several, _) if rule.severity >= Severity::Caution => {
                let Some(term) = rule.terms.first() else {
                    continue;
                };
                let meets: Vec<bool> = (0..n)
                    .map(|p| term.met_by(&shelf[p].product).is_some())
                    .collect();
                let conflicts = if rule.scope == Scope::Session {
                    &mut session_conflicts
                } else {
                    &mut day_conflicts
                };
                for p in (0..n).filter(|&p| meets[p]) {
                    for q in (0..n).filter(|&q| q != p && meets[q]) {
                        conflicts[p] |= 1 << q;
                    }
                }
            }
            (RuleKind::Stack, _) => {
                irritant_terms.extend(rule.terms.iter());
                irritant_limit = Some(rule.at_least.saturating_sub(1).max(1));
            }
            _ => {}
        }
    }
    let exfoliates: Vec<bool> = placements.iter().take(n).map(|p| p.exfoliates).collect();
    let retinoid: Vec<bool> = placements.iter().take(n).map(|p| p.retinoid).collect();
    let washes: Vec<bool> = (0..n)
        .map(|p| placements[p].role != Role::Out && is_wash(&shelf[p].product))
        .collect();
    let masks: Vec<bool> = (0..n).map(|p| is_mask(&shelf[p].product)).collect();
    add_policy_conflicts(
        &Policy {
            exfoliates: &exfoliates,
            retinoid: &retinoid,
            washes: &washes,
            masks: &masks,
        },
        &mut session_conflicts,
        &mut day_conflicts,
    );
    let irritant: Vec<bool> = (0..n)
        .map(|p| {
            irritant_terms
                .iter()
                .any(|term| term.met_by(&shelf[p].product).is_some())
        })
        .collect();

    // Which products need days chosen: scheduled ones, and daily ones that clash with another
    // product sharing one of their times.
    let shares_time = |p: usize, q: usize| {
        placements[p]
            .times
            .iter()
            .any(|t| placements[q].times.contains(t))
    };
    let mut scheduled: Vec<bool> = (0..n)
        .map(|p| placements[p].role == Role::Scheduled)
        .collect();
    for p in 0..n {
        if placements[p].role == Role::Daily {
            let clash = (0..n).any(|q| {
                placements[q].role != Role::Out
                    && (session_conflicts[p] >> q) & 1 == 1
                    && shares_time(p, q)
            }) || day_conflicts[p] != 0;
            // Irritants beyond the essentials are chosen around the ones used every session.
            let stacks = irritant_limit.is_some() && irritant[p] && !is_core(&shelf[p].product);
            scheduled[p] |= clash || stacks;
        }
    }

    // The last plan's days for a product, if it was in it: moving a use costs one.
    let previous = |p: usize, t: usize| {
        profile
            .previous
            .iter()
            .find(|(name, _)| *name == shelf[p].product.name)
            .map(|(_, masks)| masks[t])
    };
    let mut fixed: Vec<[u8; 2]> = vec![[0, 0]; shelf.len()];
    let mut vars = Vec::new();
    for p in 0..n {
        let place = &placements[p];
        if place.role == Role::Out {
            continue;
        }
        let allowed = place
            .days
            .iter()
            .filter(|&&d| d < 7)
            .fold(0u8, |m, &d| m | 1 << d);
        for time in [Time::Am, Time::Pm] {
            if !place.times.contains(&time) {
                continue;
            }
            let t = time as usize;
            if !scheduled[p] {
                fixed[p][t] = allowed;
                continue;
            }
            let target = place.target.min(allowed.count_ones() as u8);
            vars.push(Var {
                product: p,
                time: t,

                target,
                weight: place.weight,
                exfoliates: place.exfoliates,
                retinoid: place.retinoid,
                irritant: irritant[p],
                mask: masks[p] && t == 1,
                candidates: candidates(allowed, target, previous(p, t)),
                twin: None,
            });
        }
    }
    // A product no constraint touches (a sheet mask, a plain serum on fixed days) takes its best
    // day set whatever the others do: it needs no search.
    for v in &mut vars {
        let free = !v.exfoliates
            && !v.retinoid
            && !v.irritant
            && session_conflicts[v.product] == 0
            && day_conflicts[v.product] == 0;
        if free {
            v.candidates.truncate(1);
        }
    }
    // Most important first; ties in shelf order, so the search is deterministic.
    vars.sort_by_key(|v| (std::cmp::Reverse(v.weight), v.product, v.time));

    mark_twins(&mut vars, &session_conflicts, &day_conflicts);
    let mask_nights = vars
        .iter()
        .filter(|v| v.mask)
        .flat_map(|v| v.candidates.iter().map(|&(m, _)| m))
        .fold(0, |all, m| all | m);
    let problem = Problem {
        vars,
        session_conflicts,
        day_conflicts,
        budget: library.exfoliation_budget(person),
        keep_retinoid_nights_clear: person.sensitive || person.new_to_retinoids,
        irritant_limit,
        mask_nights,
    };
    let mut state = State {
        sessions: [[0; 7]; 2],
        days: [0; 7],
        exfoliation_days: 0,
        retinoid_days: 0,
        irritants: [[0; 7]; 2],
        mask_nights: 0,
        placed: 0,
        penalty: 0,
    };
    for (p, masks) in fixed.iter().enumerate().take(n) {
        for (t, mask) in masks.iter().enumerate() {
            for d in (0..7).filter(|d| mask >> d & 1 == 1) {
                state.sessions[t][d] |= 1 << p;
                state.days[d] |= 1 << p;
                if irritant[p] {
                    state.irritants[t][d] += 1;
                }
            }
        }
    }
    let fixed_irritants: Vec<&str> = (0..n)
        .filter(|&p| irritant[p] && fixed[p] != [0, 0])
        .map(|p| shelf[p].product.name.as_str())
        .collect();
    let wanted: u32 = problem
        .vars
        .iter()
        .map(|v| v.weight * u32::from(v.target))
        .sum();
    let search = Search::run(&problem, state);
    let proven = search.nodes < NODE_LIMIT;
    let (placed, penalty, chosen) = search.best.unwrap_or((0, 0, vec![0; problem.vars.len()]));

    let chosen_retinoid = problem
        .vars
        .iter()
        .zip(&chosen)
        .filter(|(v, _)| v.retinoid)
        .fold(0u8, |m, (_, mask)| m | mask);
    let mut days = fixed;
    for (v, mask) in problem.vars.iter().zip(&chosen) {
        days[v.product][v.time] = *mask;
    }
    for (v, mask) in problem.vars.iter().zip(&chosen) {
        let name = &shelf[v.product].product.name;
        let got = mask.count_ones() as u8;
        let time = if v.time == 0 { "mornings" } else { "evenings" };
        if got < v.target {
            // Name the products that held the other days, so the person sees which constraint
            // won.
            let blockers: Vec<&str> = (0..n)
                .filter(|&q| q != v.product)
                .filter(|&q| {
                    let session = (problem.session_conflicts[v.product] >> q) & 1 == 1
                        && days[q][v.time] != 0;
                    let day = (problem.day_conflicts[v.product] >> q) & 1 == 1
                        && (days[q][0] | days[q][1]) != 0;
                    session || day
                })
                .map(|q| shelf[q].product.name.as_str())
                .collect();
            let mut why = Vec::new();
            if v.exfoliates {
                why.push(format!(
                    "exfoliation is limited to {} nights a week",
                    problem.budget
                ));
                if problem.keep_retinoid_nights_clear && chosen_retinoid != 0 {
                    why.push(
                        "it stays off the nights beside a retinoid night (sensitive skin, or while starting a retinoid)"
                            .to_owned(),
                    );
                }
            }
            if v.irritant
                && let Some(limit) = problem.irritant_limit
            {
                why.push(if fixed_irritants.is_empty() {
                    format!("sensitive skin takes at most {limit} irritating products a session")
                } else {
                    format!(
                        "sensitive skin takes at most {limit} irritating products a session, and {} {} in every one",
                        fixed_irritants.join(" and "),
                        if fixed_irritants.len() == 1 { "is" } else { "are" }
                    )
                });
            }
            if !blockers.is_empty() {
                why.push(format!(
                    "it must not share a {} with {}",
                    if v.exfoliates || v.retinoid {
                        "night"
                    } else {
                        "session"
                    },
                    blockers.join(", ")
                ));
            }
            if why.is_empty() {
                why.push("the rules leave no more room".to_owned());
            }
            reasons.push(format!(
                "{name}: {got} of the {} {time} wanted; {}",
                v.target,
                why.join("; ")
            ));
        }
        if got > 0 && got < 7 {
            reasons.push(format!("{name}: {time} on {}", day_names(*mask)));
        }
    }
    Outcome {
        days,
        score: Score {
            placed,
            wanted,
            spread_penalty: penalty,
            proven_optimal: proven,
        },
        reasons,
    }
}

/// The products the planner's own rules apply to.
struct Policy<'a> {
    exfoliates: &'a [bool],
    retinoid: &'a [bool],
    washes: &'a [bool],
    masks: &'a [bool],
}

/// The planner's own rules, beyond the rule data: one exfoliant a night, none on a retinoid
/// night, never two retinoids on one day, one water-based wash and one mask a session.
/// [`Search::bound`] relies on the first three.
fn add_policy_conflicts(policy: &Policy, session_conflicts: &mut [Set], day_conflicts: &mut [Set]) {
    let n = policy.exfoliates.len();
    for p in 0..n {
        for q in (0..n).filter(|&q| q != p) {
            let exfoliant_night =
                policy.exfoliates[p] && (policy.exfoliates[q] || policy.retinoid[q]);
            let two_washes = policy.washes[p] && policy.washes[q];
            let two_masks = policy.masks[p] && policy.masks[q];
            if exfoliant_night || two_washes || two_masks {
                session_conflicts[p] |= 1 << q;
                session_conflicts[q] |= 1 << p;
            }
            if policy.retinoid[p] && policy.retinoid[q] {
                day_conflicts[p] |= 1 << q;
            }
        }
    }
}

/// Marks each variable interchangeable with an earlier one (same time, target, weight, kind,
/// candidates and conflicts apart from each other).
fn mark_twins(vars: &mut [Var], session_conflicts: &[Set], day_conflicts: &[Set]) {
    let twins: Vec<Option<usize>> = (0..vars.len())
        .map(|j| {
            (0..j).rev().find(|&i| {
                let (a, b) = (&vars[i], &vars[j]);
                let without = |set: Set, p: usize, q: usize| set & !(1 << p) & !(1 << q);
                a.time == b.time
                    && a.target == b.target
                    && a.weight == b.weight
                    && a.exfoliates == b.exfoliates
                    && a.retinoid == b.retinoid
                    && a.irritant == b.irritant
                    && a.candidates == b.candidates
                    && without(session_conflicts[a.product], a.product, b.product)
                        == without(session_conflicts[b.product], a.product, b.product)
                    && without(day_conflicts[a.product], a.product, b.product)
                        == without(day_conflicts[b.product], a.product, b.product)
            })
        })
        .collect();
    for (v, twin) in vars.iter_mut().zip(twins) {
        v.twin = twin;
    }
}

fn day_names(mask: u8) -> String {
    let names: Vec<&str> = (0..7)
        .filter(|d| mask >> d & 1 == 1)
        .map(|d| crate::advice::DAYS[d])
        .collect();
    names.join(", ")
}

/// Every subset of `allowed` with at most `target` days, most days first, then the least
/// penalty: spread, plus one for each day that differs from the last plan's.
fn candidates(allowed: u8, target: u8, previous: Option<u8>) -> Vec<(u8, u32)> {
    let mut sets: Vec<(u8, u32)> = (0u8..128)
        .filter(|m| m & !allowed == 0 && m.count_ones() <= u32::from(target))
        .map(|m| {
            (
                m,
                spread_penalty(m) + previous.map_or(0, |p| (m ^ p).count_ones()),
            )
        })
        .collect();
    sets.sort_by_key(|&(m, pen)| (std::cmp::Reverse(m.count_ones()), pen, m));
    sets
}

/// Uses on neighbouring days (the week wraps) cost 3 each; uneven gaps cost their spread.
fn spread_penalty(mask: u8) -> u32 {
    let days: Vec<u32> = (0..7).filter(|d| mask >> d & 1 == 1).collect();
    if days.len() < 2 || days.len() == 7 {
        return 0;
    }
    let gaps: Vec<u32> = days
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let next = days.get(i + 1).copied().unwrap_or(days[0] + 7);
            next - d
        })
        .collect();
    let adjacent = gaps.iter().filter(|&&g| g == 1).count() as u32;
    let spread = gaps.iter().max().unwrap_or(&0) - gaps.iter().min().unwrap_or(&0);
    // More uses than days allow apart must sit side by side; only the excess counts.
    let unavoidable = (days.len() as u32 * 2).saturating_sub(7);
    3 * adjacent.saturating_sub(unavoidable) + spread
}

impl<'p> Search<'p> {
    /// Searches from a starting state (the daily products already placed).
    fn run(problem: &'p Problem, mut state: State) -> Search<'p> {
        let mut remaining = vec![0u32; problem.vars.len() + 1];
        for i in (0..problem.vars.len()).rev() {
            let v = &problem.vars[i];
            remaining[i] = remaining[i + 1] + v.weight * u32::from(v.target);
        }
        let mut least_penalty = vec![0u32; problem.vars.len() + 1];
        for i in (0..problem.vars.len()).rev() {
            let v = &problem.vars[i];
            let full = v
                .candidates
                .iter()
                .filter(|(m, _)| m.count_ones() == u32::from(v.target))
                .map(|&(_, pen)| pen)
                .min()
                .unwrap_or(0);
            let grouped = v.exfoliates || v.retinoid || v.mask;
            least_penalty[i] = least_penalty[i + 1] + if grouped { 0 } else { full };
        }
        let mut search = Search {
            problem,
            remaining,
            least_penalty,
            best: None,
            chosen: Vec::with_capacity(problem.vars.len()),
            nodes: 0,
        };
        search.go(0, &mut state);
        search
    }

    fn go(&mut self, i: usize, state: &mut State) {
        self.nodes += 1;
        if self.nodes >= NODE_LIMIT {
            return;
        }
        if let Some((best_placed, best_penalty, _)) = &self.best {
            let bound = state.placed + self.bound(i, state);
            // Matching the best means every unconstrained variable gets its full target, at
            // no less than its least spread penalty.
            if bound < *best_placed
                || (bound == *best_placed && state.penalty + self.least_penalty[i] >= *best_penalty)
            {
                return;
            }
        }
        let Some(var) = self.problem.vars.get(i) else {
            let better = self.best.as_ref().is_none_or(|(p, pen, _)| {
                state.placed > *p || (state.placed == *p && state.penalty < *pen)
            });
            if better {
                self.best = Some((state.placed, state.penalty, self.chosen.clone()));
            }
            return;
        };
        let ceiling = var.twin.map_or(u8::MAX, |t| self.chosen[t]);
        for &(mask, spread) in &var.candidates {
            if mask > ceiling {
                continue;
            }
            let Some(extra) = self.fits(var, mask, state) else {
                continue;
            };
            let saved = *state;
            self.apply(var, mask, state);
            state.placed += var.weight * mask.count_ones().min(u32::from(var.target));
            state.penalty += spread + extra;
            self.chosen.push(mask);
            self.go(i + 1, state);
            self.chosen.pop();
            *state = saved;
        }
    }

    /// The most weighted uses the variables from `i` on could still add. Exfoliants share the
    /// nights left in the budget, and retinoids (never two a day, never on an exfoliation night)
    /// the nights left in the week, so each group is capped as a whole.
    fn bound(&self, i: usize, state: &State) -> u32 {
        let problem = self.problem;
        let (mut free, mut exfoliant, mut retinoid) = (0u32, (0u32, 0u32), (0u32, 0u32));
        let mut mask = (0u32, 0u32);
        for v in &problem.vars[i..] {
            let uses = u32::from(v.target);
            if v.exfoliates {
                exfoliant = (exfoliant.0 + uses, exfoliant.1.max(v.weight));
            } else if v.retinoid && v.time == 1 {
                retinoid = (retinoid.0 + uses, retinoid.1.max(v.weight));
            } else if v.mask {
                mask = (mask.0 + uses, mask.1.max(v.weight));
            } else {
                free += v.weight * uses;
            }
        }
        let nights_left =
            u32::from(problem.budget).saturating_sub(state.exfoliation_days.count_ones());
        let retinoid_nights_left = 7 - (state.retinoid_days | state.exfoliation_days).count_ones();
        let mask_nights_left = (problem.mask_nights & !state.mask_nights).count_ones();
        free.min(self.remaining[i])
            + exfoliant.1 * exfoliant.0.min(nights_left)
            + retinoid.1 * retinoid.0.min(retinoid_nights_left)
            + mask.1 * mask.0.min(mask_nights_left)
    }

    /// Whether a day set satisfies the hard constraints, and the soft penalty it adds.
    fn fits(&self, var: &Var, mask: u8, state: &State) -> Option<u32> {
        let problem = self.problem;
        let p = var.product;
        for d in (0..7).filter(|d| mask >> d & 1 == 1) {
            if state.sessions[var.time][d] & problem.session_conflicts[p] != 0 {
                return None;
            }
            if state.days[d] & problem.day_conflicts[p] & !(1 << p) != 0 {
                return None;
            }
            if var.irritant
                && let Some(limit) = problem.irritant_limit
                && state.irritants[var.time][d] >= limit
            {
                return None;
            }
        }
        let mut penalty = 0;
        let neighbours = |m: u8| (m << 1 | m >> 6 | m >> 1 | (m & 1) << 6) & 0x7f;
        if var.exfoliates {
            if (state.exfoliation_days | mask).count_ones() > u32::from(problem.budget) {
                return None;
            }
            if mask & state.retinoid_days != 0 {
                return None;
            }
            let near = neighbours(mask) & state.retinoid_days;
            if near != 0 {
                if problem.keep_retinoid_nights_clear {
                    return None;
                }
                penalty += near.count_ones();
            }
        }
        if var.retinoid {
            if mask & state.exfoliation_days != 0 {
                return None;
            }
            let near = neighbours(mask) & state.exfoliation_days;
            if near != 0 {
                if problem.keep_retinoid_nights_clear {
                    return None;
                }
                penalty += near.count_ones();
            }
        }
        Some(penalty)
    }

    fn apply(&self, var: &Var, mask: u8, state: &mut State) {
        let p = var.product;
        for d in (0..7).filter(|d| mask >> d & 1 == 1) {
            state.sessions[var.time][d] |= 1 << p;
            state.days[d] |= 1 << p;
            if var.irritant {
                state.irritants[var.time][d] += 1;
            }
        }
        if var.exfoliates {
            state.exfoliation_days |= mask;
        }
        if var.retinoid {
            state.retinoid_days |= mask;
        }
        if var.mask {
            state.mask_nights |= mask;
        }
    }
}

#[cfg(test)]
mod tests;
