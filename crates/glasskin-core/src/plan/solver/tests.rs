//! The search's parts, and a property test that it finds the optimum.

use super::*;

#[test]
fn spread_prefers_even_gaps() {
    // Mon + Thu beats Mon + Tue.
    assert!(spread_penalty(0b1001) < spread_penalty(0b11));
    // Three a week: Mon, Wed, Fri beats Mon, Tue, Wed.
    assert!(spread_penalty(0b10101) < spread_penalty(0b111));
    assert_eq!(spread_penalty(0x7f), 0);
}

#[test]
fn candidates_come_largest_and_best_spread_first() {
    let c = candidates(0x7f, 2, None);
    assert_eq!(c[0].0.count_ones(), 2);
    assert!(
        c.windows(2)
            .all(|w| w[0].0.count_ones() >= w[1].0.count_ones())
    );
    assert_eq!(c.last().map(|x| x.0), Some(0));
}

mod optimality {
    use proptest::prelude::*;

    use super::*;

    fn empty() -> State {
        State {
            sessions: [[0; 7]; 2],
            days: [0; 7],
            exfoliation_days: 0,
            retinoid_days: 0,
            irritants: [[0; 7]; 2],
            mask_nights: 0,
            placed: 0,
            penalty: 0,
        }
    }

    /// Every feasible assignment, no pruning: the best (placed, penalty) there is.
    fn brute(search: &Search, i: usize, state: State, best: &mut (u32, u32)) {
        let Some(var) = search.problem.vars.get(i) else {
            if state.placed > best.0 || (state.placed == best.0 && state.penalty < best.1) {
                *best = (state.placed, state.penalty);
            }
            return;
        };
        for &(mask, spread) in &var.candidates {
            let Some(extra) = search.fits(var, mask, &state) else {
                continue;
            };
            let mut next = state;
            search.apply(var, mask, &mut next);
            next.placed += var.weight * mask.count_ones().min(u32::from(var.target));
            next.penalty += spread + extra;
            brute(search, i + 1, next, best);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// On random small problems the branch and bound finds exactly the brute-force optimum.
        #[test]
        fn search_matches_brute_force(
            kinds in proptest::collection::vec(0u8..5, 1..5),
            targets in proptest::collection::vec(1u8..5, 4),
            conflicts in proptest::collection::vec(any::<bool>(), 16),
            budget in 1u8..4,
            keep_clear in any::<bool>(),
        ) {
            let n = kinds.len();
            let mut session_conflicts = vec![0 as Set; n];
            for p in 0..n {
                for q in 0..n {
                    if p < q && conflicts[p * 4 + q] {
                        session_conflicts[p] |= 1 << q;
                        session_conflicts[q] |= 1 << p;
                    }
                }
            }
            let mut vars: Vec<Var> = kinds
                .iter()
                .enumerate()
                .map(|(p, &kind)| {
                    let target = targets[p];
                    Var {
                        product: p,
                        time: 1,
                        target,
                        weight: [8, 4, 2, 2, 3][usize::from(kind)],
                        exfoliates: kind == 1,
                        retinoid: kind == 0,
                        irritant: false,
                        mask: kind == 2 || kind == 3,
                        candidates: candidates(0x7f, target, None),
                        twin: None,
                    }
                })
                .collect();
            vars.sort_by_key(|v| (std::cmp::Reverse(v.weight), v.product));
            let exfoliates: Vec<bool> = kinds.iter().map(|&k| k == 1).collect();
            let retinoid: Vec<bool> = kinds.iter().map(|&k| k == 0).collect();
            let mut day_conflicts = vec![0; n];
            let masks: Vec<bool> = kinds.iter().map(|&k| k == 2 || k == 3).collect();
            let washes = vec![false; n];
            let policy = Policy {
                exfoliates: &exfoliates,
                retinoid: &retinoid,
                washes: &washes,
                masks: &masks,
            };
            add_policy_conflicts(&policy, &mut session_conflicts, &mut day_conflicts);
            mark_twins(&mut vars, &session_conflicts, &day_conflicts);
            let problem = Problem {
                vars,
                session_conflicts,
                day_conflicts,
                budget,
                keep_retinoid_nights_clear: keep_clear,
                irritant_limit: None,
                mask_nights: 0x7f,
            };
            let search = Search::run(&problem, empty());
            prop_assert!(search.nodes < NODE_LIMIT);
            let (placed, penalty, _) = search.best.clone().expect("the empty week is feasible");
            let mut best = (0, u32::MAX);
            brute(&search, 0, empty(), &mut best);
            prop_assert_eq!((placed, penalty), best);
        }
    }
}
