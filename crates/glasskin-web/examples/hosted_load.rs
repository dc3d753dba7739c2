//! The hosted load test's load (`bench/hosted.sh`): people, each with their own session cookie
//! and keep-alive connection to one of the nodes, sending requests at a fixed rate in all (an
//! open loop, as wrk2 sends). A request's latency counts from when it was due, not from when
//! it went, so a server that falls behind is charged for the wait as well (no coordinated
//! omission). With `--rate 0` each person sends as soon as the last answer came (a closed
//! loop, as wrk sends): the most the servers answer a second, at whatever latency.
//!
//! ```text
//! hosted_load USERS.txt --node http://127.0.0.1:P1 --node http://127.0.0.1:P2 \
//!     --mode mixed --rate 2000 --people 200 --seconds 10 --warm-up 3 --today 2026-12-07
//! ```
//!
//! `USERS.txt` is `examples/seed_hosted.rs`'s: a line a person, `SECRET am:ID pm:ID …` (the
//! session secret, then the steps of their routine). Sign-in (`--mode signin`) also needs
//! `--emails` and `--password`. Person *i* is line *i* (round the file), on node *i* (round
//! the nodes). Prints, with latencies in milliseconds:
//!
//! `RESULT requests seconds errors p50 p90 p99 p99.9 max`, where `seconds` runs from the end
//! of the warm-up to the last answer.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use jiff::civil::Date;
use tokio::net::TcpStream;
use tokio::time::Instant;

/// A request without an answer after this long is an error.
const TIMEOUT: Duration = Duration::from_secs(5);

struct Args {
    users: String,
    nodes: Vec<String>,
    mode: Mode,
    /// Requests a second, all people together; 0: as fast as answers come.
    rate: f64,
    people: usize,
    seconds: f64,
    warm_up: f64,
    today: Date,
    emails: Option<String>,
    password: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Today,
    Week,
    Shelf,
    Tick,
    Diary,
    Mixed,
    /// Today, Week and the shelf at random: a warm-up, as people opening the app.
    Visit,
    SignIn,
}

impl Mode {
    fn parse(s: &str) -> Option<Mode> {
        Some(match s {
            "today" => Mode::Today,
            "week" => Mode::Week,
            "shelf" => Mode::Shelf,
            "tick" => Mode::Tick,
            "diary" => Mode::Diary,
            "mixed" => Mode::Mixed,
            "visit" => Mode::Visit,
            "signin" => Mode::SignIn,
            _ => return None,
        })
    }

    /// The mix: Today 35 %, Week 15 %, shelf 15 %, tick 25 %, diary 10 %.
    fn draw(self, rng: &mut fastrand::Rng) -> Mode {
        if self == Mode::Visit {
            return [Mode::Today, Mode::Week, Mode::Shelf][rng.usize(0..3)];
        }
        if self != Mode::Mixed {
            return self;
        }
        match rng.u32(0..100) {
            0..35 => Mode::Today,
            35..50 => Mode::Week,
            50..65 => Mode::Shelf,
            65..90 => Mode::Tick,
            _ => Mode::Diary,
        }
    }
}

fn usage(why: &str) -> ! {
    eprintln!(
        "{why}\nusage: hosted_load USERS.txt --node URL [--node URL] [--mode today|week|shelf|tick|diary|mixed|visit|signin] \
         [--rate N (0: closed loop)] [--people N (100)] [--seconds S (10)] [--warm-up S (0)] \
         [--today YYYY-MM-DD] [--emails FILE --password P]"
    );
    std::process::exit(2)
}

fn args() -> Args {
    let mut args = std::env::args().skip(1);
    let mut parsed = Args {
        users: args.next().unwrap_or_else(|| usage("no USERS.txt")),
        nodes: Vec::new(),
        mode: Mode::Mixed,
        rate: 0.0,
        people: 100,
        seconds: 10.0,
        warm_up: 0.0,
        today: jiff::Zoned::now().date(),
        emails: None,
        password: String::new(),
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        let number = || -> f64 {
            value
                .parse()
                .unwrap_or_else(|_| usage(&format!("{flag} takes a number, not {value}")))
        };
        match flag.as_str() {
            "--node" => parsed.nodes.push(value.clone()),
            "--mode" => {
                parsed.mode = Mode::parse(&value).unwrap_or_else(|| usage("unknown mode"));
            }
            "--rate" => parsed.rate = number(),
            "--people" => parsed.people = number() as usize,
            "--seconds" => parsed.seconds = number(),
            "--warm-up" => parsed.warm_up = number(),
            "--today" => {
                parsed.today = value
                    .parse()
                    .unwrap_or_else(|_| usage("--today YYYY-MM-DD"));
            }
            "--emails" => parsed.emails = Some(value),
            "--password" => parsed.password = value,
            _ => usage(&format!("unknown {flag}")),
        }
    }
    if parsed.nodes.is_empty() || parsed.people == 0 {
        usage("needs a --node and at least one person");
    }
    parsed
}

/// One of the seeded people.
struct User {
    cookie: String,
    /// Their routine's steps, `("am", product id)`.
    steps: Vec<(String, i64)>,
    email: String,
}

fn users(args: &Args) -> Vec<User> {
    let text = std::fs::read_to_string(&args.users)
        .unwrap_or_else(|e| usage(&format!("{}: {e}", args.users)));
    let emails: Vec<String> = match &args.emails {
        Some(path) => std::fs::read_to_string(path)
            .unwrap_or_else(|e| usage(&format!("{path}: {e}")))
            .lines()
            .map(str::to_owned)
            .collect(),
        None => Vec::new(),
    };
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let mut fields = line.split_whitespace();
            let secret = fields.next()?;
            let steps = fields
                .filter_map(|f| {
                    let (time, id) = f.split_once(':')?;
                    Some((time.to_owned(), id.parse().ok()?))
                })
                .collect();
            Some(User {
                cookie: format!("__Host-glasskin_session={secret}"),
                steps,
                email: emails.get(n).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

/// What one person saw.
struct Tally {
    latencies: Histogram<u64>,
    errors: u64,
    /// When their last answer came.
    last: Instant,
}

/// A keep-alive connection to one node.
async fn connect(node: &str) -> Option<SendRequest<Full<Bytes>>> {
    let address = node.trim_start_matches("http://");
    let stream = TcpStream::connect(address).await.ok()?;
    stream.set_nodelay(true).ok()?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .ok()?;
    tokio::spawn(connection);
    Some(sender)
}

fn request(
    mode: Mode,
    user: &User,
    node: &str,
    args: &Args,
    rng: &mut fastrand::Rng,
) -> Request<Full<Bytes>> {
    let host = node.trim_start_matches("http://");
    let (method, path, kind, body) = match mode {
        Mode::Today | Mode::Mixed | Mode::Visit => (Method::GET, "/today", "", String::new()),
        Mode::Week => (Method::GET, "/week", "", String::new()),
        Mode::Shelf => (Method::GET, "/shelf", "", String::new()),
        Mode::Tick => {
            let (time, id) = &user.steps[rng.usize(0..user.steps.len())];
            let body = format!(
                r#"{{"date":"{}","time":"{time}","product_id":{id},"done":{}}}"#,
                args.today,
                rng.bool()
            );
            (Method::POST, "/api/checkoffs", "application/json", body)
        }
        Mode::Diary => {
            // A day of the past year, rewritten (a second entry for a day replaces the first).
            let day = args
                .today
                .checked_sub(jiff::Span::new().days(rng.i64(1..=360)))
                .unwrap_or(args.today);
            let mut score = || rng.u8(1..=5);
            let body = format!(
                r#"{{"date":"{day}","hydration":{},"oiliness":{},"breakouts":{},"redness":{},"texture":{},"glow":{},"breakout_count":{},"notes":"Calm skin today.","tags":[]}}"#,
                score(),
                score(),
                score(),
                score(),
                score(),
                score(),
                rng.u8(0..=6)
            );
            (Method::POST, "/api/diary", "application/json", body)
        }
        Mode::SignIn => {
            let body = format!(
                "email={}&password={}",
                user.email.replace('@', "%40").replace('+', "%2B"),
                args.password
            );
            (
                Method::POST,
                "/signin",
                "application/x-www-form-urlencoded",
                body,
            )
        }
    };
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header("host", host)
        .header("origin", node);
    if mode != Mode::SignIn {
        builder = builder.header("cookie", &user.cookie);
    }
    if !kind.is_empty() {
        builder = builder.header("content-type", kind);
    }
    builder
        .body(Full::new(Bytes::from(body)))
        .expect("a request from fixed parts")
}

/// One person's requests from `start` to `end`: each due `every` after the last (or, with no
/// interval, as soon as the last is answered), recorded from `counted` on.
async fn person(
    n: usize,
    user: Arc<User>,
    node: String,
    args: Arc<Args>,
    (start, counted, end): (Instant, Instant, Instant),
) -> Tally {
    let mut tally = Tally {
        latencies: Histogram::new_with_bounds(1, 60_000_000, 3).expect("fixed bounds"),
        errors: 0,
        last: counted,
    };
    let mut rng = fastrand::Rng::with_seed(n as u64);
    let every = (args.rate > 0.0).then(|| Duration::from_secs_f64(args.people as f64 / args.rate));
    // People start spread over one interval, not all at once.
    let mut due = start + every.map_or(Duration::ZERO, |e| e.mul_f64(rng.f64()));
    let mut sender = None;
    loop {
        match every {
            Some(_) => tokio::time::sleep_until(due).await,
            None => due = Instant::now(),
        }
        if due >= end {
            return tally;
        }
        let mode = args.mode.draw(&mut rng);
        let request = request(mode, &user, &node, &args, &mut rng);
        let answered = tokio::time::timeout(TIMEOUT, async {
            if sender
                .as_ref()
                .is_none_or(|s: &SendRequest<_>| s.is_closed())
            {
                sender = connect(&node).await;
            }
            let s = sender.as_mut()?;
            s.ready().await.ok()?;
            let response = s.send_request(request).await.ok()?;
            let ok = response.status().is_success() || response.status().is_redirection();
            response.into_body().collect().await.ok()?;
            Some(ok)
        })
        .await;
        if due >= counted {
            tally.last = Instant::now();
            let took = due.elapsed().as_micros().max(1) as u64;
            tally.latencies.saturating_record(took);
            if answered != Ok(Some(true)) {
                tally.errors += 1;
            }
        }
        if answered.is_err() {
            // Timed out mid-request: the connection's state is unknown.
            sender = None;
        }
        if let Some(every) = every {
            due += every;
        }
    }
}

fn main() {
    let args = Arc::new(args());
    let users: Vec<Arc<User>> = users(&args).into_iter().map(Arc::new).collect();
    if users.is_empty() || users.iter().any(|u| u.steps.is_empty()) {
        usage("USERS.txt has no people, or one without steps");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (tallies, counted) = runtime.block_on(async {
        let start = Instant::now() + Duration::from_millis(200);
        let counted = start + Duration::from_secs_f64(args.warm_up);
        let end = counted + Duration::from_secs_f64(args.seconds);
        let people: Vec<_> = (0..args.people)
            .map(|n| {
                let user = Arc::clone(&users[n % users.len()]);
                let node = args.nodes[n % args.nodes.len()].clone();
                tokio::spawn(person(
                    n,
                    user,
                    node,
                    Arc::clone(&args),
                    (start, counted, end),
                ))
            })
            .collect();
        let mut tallies = Vec::new();
        for p in people {
            tallies.push(p.await.expect("a person's task does not panic"));
        }
        (tallies, counted)
    });
    let mut all = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("fixed bounds");
    let mut errors = 0;
    // Answers a second are counted to the last answer: a server behind at the end of the run
    // answers fewer a second than were sent.
    let mut last = counted + Duration::from_secs_f64(args.seconds);
    for t in &tallies {
        all.add(&t.latencies).expect("the same bounds");
        errors += t.errors;
        last = last.max(t.last);
    }
    let ms = |q: f64| all.value_at_quantile(q) as f64 / 1000.0;
    println!(
        "RESULT {} {:.3} {errors} {:.2} {:.2} {:.2} {:.2} {:.2}",
        all.len(),
        (last - counted).as_secs_f64(),
        ms(0.5),
        ms(0.9),
        ms(0.99),
        ms(0.999),
        all.max() as f64 / 1000.0
    );
}
