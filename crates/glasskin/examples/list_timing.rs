//! Times the analysis of each list of a JSON Lines corpus (`{"ingredients", "source"?}` per line)
//! and prints the mean and median per list. Where `cargo bench` gives the figures, this shows
//! where a list's time goes, by what the processor has seen just before it:
//!
//! ```sh
//! cargo run --release -p glasskin --example list_timing -- ../shared/dev-corpus/products.jsonl
//! cargo run --release -p glasskin --example list_timing -- ../shared/dev-corpus/products.jsonl --again
//! cargo run --release -p glasskin --example list_timing -- ../shared/dev-corpus/products.jsonl --after-others
//! ```
//!
//! By default each list is timed in corpus order, as a batch meets it. `--again` analyses each
//! list three times before timing it: caches and branch predictors have seen it. `--after-others`
//! analyses it, then the next two lists, then times it. `--common` keeps only the lists that are
//! ASCII and have no heading, the analyzer's common case. `--understand` also times product
//! understanding of each list, apart, and gives its share of the analysis time: by the means, by
//! the medians, and the median of each list's share of its own analysis. `--passes N` goes N
//! times through the corpus (default 6). The damaged `lookfantastic_kaggle` lists are left out,
//! as in the bench.

// The binary's allocator, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or(
        "usage: list_timing CORPUS.jsonl [--again | --after-others] [--common] [--understand] [--passes N]",
    )?;
    let (mut again, mut after_others, mut common, mut understand, mut passes) =
        (false, false, false, false, 6);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--again" => again = true,
            "--after-others" => after_others = true,
            "--common" => common = true,
            "--understand" => understand = true,
            "--passes" => {
                passes = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--passes needs a number")?
            }
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    let text = std::fs::read_to_string(&path)?;
    let labels: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["source"] != "lookfantastic_kaggle")
        .filter_map(|v| v["ingredients"].as_str().map(str::to_owned))
        .filter(|l| !common || (l.is_ascii() && !l.contains(':')))
        .collect();
    if labels.is_empty() {
        return Err(format!("{path} holds no lists").into());
    }
    let kb = glasskin_kb::kb();
    let mut times = Vec::with_capacity(labels.len() * passes);
    // Understanding, timed apart from the analysis it follows.
    let mut understand_times = Vec::new();
    for _ in 0..passes {
        for (n, label) in labels.iter().enumerate() {
            if again {
                for _ in 0..3 {
                    black_box(glasskin_core::analyze(label, kb));
                }
            }
            if after_others {
                black_box(glasskin_core::analyze(label, kb));
                for other in 1..=2 {
                    black_box(glasskin_core::analyze(
                        &labels[(n + other) % labels.len()],
                        kb,
                    ));
                }
            }
            let start = Instant::now();
            let analysis = black_box(glasskin_core::analyze(black_box(label), kb));
            times.push(start.elapsed());
            if understand {
                let start = Instant::now();
                let products = black_box(glasskin_core::understand_all(None, &analysis, None));
                understand_times.push(start.elapsed());
                // Like the analysis, the products are freed outside the time.
                drop(products);
            }
            drop(analysis);
        }
    }
    // Each list's understanding as a share of its own analysis, before the times are sorted.
    let mut shares: Vec<f64> = understand_times
        .iter()
        .zip(times.iter())
        .map(|(u, a)| u.as_secs_f64() / a.as_secs_f64())
        .collect();
    shares.sort_unstable_by(f64::total_cmp);
    let (mean, median) = mean_and_median(&mut times);
    println!(
        "{} lists x {passes}: mean {mean:.1} µs, median {median:.1} µs",
        labels.len()
    );
    if understand {
        let (u_mean, u_median) = mean_and_median(&mut understand_times);
        println!(
            "understanding: mean {u_mean:.2} µs ({:.0}% of the analysis), median {u_median:.2} µs ({:.0}%); each list's share of its own analysis: median {:.0}%",
            100.0 * u_mean / mean,
            100.0 * u_median / median,
            100.0 * shares[shares.len() / 2]
        );
    }
    Ok(())
}

/// The mean and median of some times, in µs.
fn mean_and_median(times: &mut [std::time::Duration]) -> (f64, f64) {
    let mean = times.iter().sum::<std::time::Duration>() / times.len() as u32;
    times.sort_unstable();
    (
        mean.as_secs_f64() * 1e6,
        times[times.len() / 2].as_secs_f64() * 1e6,
    )
}
