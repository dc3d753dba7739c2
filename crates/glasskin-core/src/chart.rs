//! SVG charts, written by hand: skin ratings over time with product changes marked, and an
//! adherence calendar. Plain SVG 1.1 with a title and description for screen readers; text uses
//! the viewer's sans-serif font, so nothing needs to be installed to draw them.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::insights::{ChangeKind, DiaryDay, ProductChange, SkinMetric};

/// How wide a chart is drawn: text stays readable when a narrow chart fills a phone's screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// 720 units.
    Wide,
    /// 340 units: on a 390 px phone it is drawn about 330 px wide, so its 14-unit text stays
    /// above 12 px.
    Narrow,
}

/// One colour per metric, distinguishable for common colour-vision deficiencies (Okabe–Ito).
const COLOURS: [&str; 6] = [
    "#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#009E73", "#56B4E9",
];

/// Text colours on white with at least 4.5:1 contrast (WCAG AA).
const INK: &str = "#222";
const MUTED: &str = "#595959";

/// A metric's ratings, by day.
type Points = Vec<(Date, f64)>;

/// Left margin, for the 1–5 scale.
const LEFT: f64 = 30.0;
const RIGHT: f64 = 10.0;
/// A numbered product marker's radius, and the height of a row of markers.
const MARKER: f64 = 10.0;
const MARKER_ROW: f64 = 2.0 * MARKER + 4.0;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

/// "7 Dec", with the year when it is not `today`'s.
fn short_date(day: Date, today: Date) -> String {
    if day.year() == today.year() {
        day.strftime("%-d %b").to_string()
    } else {
        day.strftime("%-d %b %Y").to_string()
    }
}

/// `text` cut to `chars` characters, with an ellipsis when it was longer.
fn clip(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(chars.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// Rows for markers at `xs` (in order) so that no two in a row overlap: each goes in the first
/// row whose last marker is far enough to its left.
fn marker_rows(xs: &[f64]) -> Vec<usize> {
    let mut last_in_row: Vec<f64> = Vec::new();
    xs.iter()
        .map(|&x| {
            match last_in_row
                .iter()
                .position(|&last| x - last >= 2.0 * MARKER + 2.0)
            {
                Some(row) => {
                    last_in_row[row] = x;
                    row
                }
                None => {
                    last_in_row.push(x);
                    last_in_row.len() - 1
                }
            }
        })
        .collect()
}

/// Skin ratings (1–5) over the `days` days ending on `today` as small multiples: a panel per
/// metric that has ratings, one above the other on one time axis, so lines never tangle. Product
/// starts and stops are numbered markers with a dashed line through every panel, explained in a
/// key below, one line each, so their words never overlap.
pub fn ratings_over_time(
    diary: &[DiaryDay],
    changes: &[ProductChange],
    today: Date,
    days: i64,
    size: Width,
) -> String {
    let days = days.max(2);
    let start = today
        .checked_sub(jiff::Span::new().days(days - 1))
        .unwrap_or(today);
    let (width, font, panel_h) = match size {
        Width::Wide => (720.0, 13.0, 56.0),
        Width::Narrow => (340.0, 14.0, 60.0),
    };
    let plot_w = width - LEFT - RIGHT;
    let x = |d: Date| LEFT + plot_w * days_between(start, d) as f64 / (days - 1) as f64;
    // Each metric with ratings: its colour and its ratings by day.
    let metrics: Vec<(SkinMetric, &str, Points)> = SkinMetric::ALL
        .iter()
        .zip(COLOURS)
        .filter_map(|(metric, colour)| {
            let mut points: Vec<(Date, f64)> = diary
                .iter()
                .filter(|d| d.date >= start && d.date <= today)
                .filter_map(|d| d.ratings.get(*metric).map(|r| (d.date, f64::from(r))))
                .collect();
            points.sort_by_key(|(d, _)| *d);
            (!points.is_empty()).then_some((*metric, colour, points))
        })
        .collect();
    let mut changes: Vec<&ProductChange> = changes
        .iter()
        .filter(|c| c.date >= start && c.date <= today)
        .collect();
    changes.sort_by_key(|c| c.date);
    let xs: Vec<f64> = changes.iter().map(|c| x(c.date)).collect();
    let rows = marker_rows(&xs);
    let marker_h = rows
        .iter()
        .max()
        .map_or(0.0, |r| (*r + 1) as f64 * MARKER_ROW);
    // A panel: its title line, then the plot.
    let title_h = font + 8.0;
    let panel_block = title_h + panel_h + 20.0;
    let top = 6.0 + marker_h;
    let panels_h = metrics.len().max(1) as f64 * panel_block;
    let axis_y = top + panels_h + font;
    let key_line = font + 8.0;
    let key_top = axis_y + 10.0;
    let height = key_top + changes.len() as f64 * key_line + 4.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0}" viewBox="0 0 {width} {height:.0}" role="img" aria-labelledby="t d" font-family="sans-serif" font-size="{font}">
<title id="t">Skin ratings, {start} to {today}</title>
<desc id="d">Daily ratings from 1 to 5, a panel for each skin measure, with product starts and stops numbered and listed below.</desc>
<rect width="100%" height="100%" fill="#fff"/>
"##
    );
    if metrics.is_empty() {
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{MUTED}">No ratings logged in these days yet.</text>"##,
            LEFT + plot_w / 2.0,
            top + panels_h / 2.0
        );
    }
    for (i, (metric, colour, points)) in metrics.iter().enumerate() {
        let panel_top = top + i as f64 * panel_block;
        let plot_top = panel_top + title_h;
        let y = |r: f64| plot_top + panel_h * (5.0 - r) / 4.0;
        let (last_day, last) = points[points.len() - 1];
        let _ = writeln!(
            svg,
            r##"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="4"/><text x="{:.1}" y="{:.1}" fill="{INK}" font-weight="bold">{}</text><text x="{:.1}" y="{:.1}" fill="{MUTED}" text-anchor="end">latest {last}, {}</text>"##,
            panel_top + font / 2.0,
            LEFT + 14.0,
            panel_top + font / 2.0,
            LEFT + 20.0,
            panel_top + font * 0.9,
            metric.label(),
            LEFT + plot_w,
            panel_top + font * 0.9,
            short_date(last_day, today)
        );
        for r in [1.0, 3.0, 5.0] {
            let yy = y(r);
            let _ = writeln!(
                svg,
                r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#e3e3e3"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="{MUTED}">{r}</text>"##,
                LEFT + plot_w,
                LEFT - 6.0,
                yy + font * 0.35
            );
        }
        let path: Vec<String> = points
            .iter()
            .map(|(d, r)| format!("{:.1},{:.1}", x(*d), y(*r)))
            .collect();
        let _ = writeln!(
            svg,
            r##"<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{}"><title>{}</title></polyline>"##,
            path.join(" "),
            metric.label()
        );
        // A day rated on its own draws no line, so it gets a dot.
        for (i, (day, rating)) in points.iter().enumerate() {
            let joined = |other: Option<&(Date, f64)>| {
                other.is_some_and(|(d, _)| days_between(*d, *day).abs() == 1)
            };
            if !joined(i.checked_sub(1).and_then(|j| points.get(j))) && !joined(points.get(i + 1)) {
                let _ = writeln!(
                    svg,
                    r##"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"><title>{} {day}: {rating}</title></circle>"##,
                    x(*day),
                    y(*rating),
                    metric.label()
                );
            }
        }
    }
    let _ = writeln!(
        svg,
        r##"<text x="{LEFT}" y="{axis_y:.1}" fill="{MUTED}">{}</text><text x="{:.1}" y="{axis_y:.1}" text-anchor="end" fill="{MUTED}">{}</text>"##,
        short_date(start, today),
        LEFT + plot_w,
        short_date(today, today)
    );
    // Characters of the key's text that fit, at a generous average width for sans-serif.
    let key_chars = ((width - LEFT - 2.0 * MARKER - 8.0) / (0.52 * font)) as usize;
    for (n, ((change, xx), row)) in changes.iter().zip(&xs).zip(&rows).enumerate() {
        let n = n + 1;
        let cy = 6.0 + MARKER + *row as f64 * MARKER_ROW;
        let verb = match change.kind {
            ChangeKind::Started => "started",
            ChangeKind::Stopped => "stopped",
        };
        let when = format!(" {verb}, {}", short_date(change.date, today));
        let words = format!("{}{when}", change.product);
        // A long name is cut, never the date.
        let shown = format!(
            "{}{when}",
            clip(
                &change.product,
                key_chars.saturating_sub(when.chars().count()).max(8)
            )
        );
        let _ = writeln!(
            svg,
            r##"<line x1="{xx:.1}" y1="{:.1}" x2="{xx:.1}" y2="{:.1}" stroke="{MUTED}" stroke-dasharray="4 3"/><circle cx="{xx:.1}" cy="{cy:.1}" r="{MARKER}" fill="#fff" stroke="{INK}"><title>{}</title></circle><text x="{xx:.1}" y="{:.1}" text-anchor="middle" font-size="12" font-weight="bold" fill="{INK}">{n}</text>"##,
            cy + MARKER,
            top + panels_h - 10.0,
            escape(&words),
            cy + 4.0
        );
        let ky = key_top + (n - 1) as f64 * key_line + MARKER;
        let _ = writeln!(
            svg,
            r##"<circle cx="{:.1}" cy="{ky:.1}" r="{MARKER}" fill="#fff" stroke="{INK}"/><text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" font-weight="bold" fill="{INK}">{n}</text><text x="{:.1}" y="{:.1}" fill="{INK}">{}</text>"##,
            LEFT + MARKER,
            LEFT + MARKER,
            ky + 4.0,
            LEFT + 2.0 * MARKER + 8.0,
            ky + font * 0.35,
            escape(&shown)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// An adherence calendar of the `weeks` weeks up to `today`'s (weeks as columns, Monday at the
/// top): a square per day, shaded by the share of planned steps done, outlined when steps were
/// planned and none ticked, grey when nothing was planned; with a legend.
pub fn adherence_calendar(days: &[(Date, Option<f32>)], today: Date, weeks: i64) -> String {
    const CELL: f64 = 18.0;
    const GAP: f64 = 3.0;
    const LABELS: f64 = 36.0;
    const TOP: f64 = 20.0;
    let weeks = weeks.max(1);
    let this_monday = today
        .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
        .unwrap_or(today);
    let first = this_monday
        .checked_sub(jiff::Span::new().days(7 * (weeks - 1)))
        .unwrap_or(this_monday);
    let width = LABELS + weeks as f64 * (CELL + GAP);
    let grid_h = 7.0 * (CELL + GAP);
    let legend_y = TOP + grid_h + 14.0;
    let height = legend_y + 2.0 * (CELL + 8.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="t d" font-family="sans-serif" font-size="12">
<title id="t">Routine kept by day, {first} to {today}</title>
<desc id="d">Each square is a day; darker green means more of the planned steps were ticked off.</desc>
"##
    );
    for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let _ = writeln!(
            svg,
            r##"<text x="0" y="{:.1}" fill="{MUTED}">{name}</text>"##,
            TOP + row as f64 * (CELL + GAP) + CELL - 4.0
        );
    }
    let mut month_shown = None;
    let mut last_label_x = f64::NEG_INFINITY;
    for col in 0..weeks {
        let monday = first
            .checked_add(jiff::Span::new().days(7 * col))
            .unwrap_or(first);
        let cx = LABELS + col as f64 * (CELL + GAP);
        // A month's name above the first week that starts in it, if there is room.
        if month_shown != Some(monday.month()) && cx - last_label_x >= 34.0 {
            month_shown = Some(monday.month());
            last_label_x = cx;
            let _ = writeln!(
                svg,
                r##"<text x="{cx:.1}" y="13" fill="{MUTED}">{}</text>"##,
                monday.strftime("%b")
            );
        }
        for row in 0..7 {
            let Ok(date) = monday.checked_add(jiff::Span::new().days(row)) else {
                continue;
            };
            if date > today {
                break;
            }
            let share = days.iter().find(|(d, _)| *d == date).and_then(|(_, s)| *s);
            let (fill, stroke, label) = cell(share, date);
            let _ = writeln!(
                svg,
                r##"<rect x="{cx:.1}" y="{:.1}" width="{CELL}" height="{CELL}" rx="3" fill="{fill}"{stroke}><title>{label}</title></rect>"##,
                TOP + row as f64 * (CELL + GAP)
            );
        }
    }
    // The legend: "Less □ ▪ ▪ ■ More" and what grey and an outline mean.
    let mut lx = 0.0;
    let _ = writeln!(
        svg,
        r##"<text x="{lx}" y="{:.1}" fill="{MUTED}">Less</text>"##,
        legend_y + CELL - 4.0
    );
    lx += 34.0;
    for share in [0.25, 0.5, 0.75, 1.0] {
        let (fill, _, _) = cell(Some(share), today);
        let _ = writeln!(
            svg,
            r##"<rect x="{lx:.1}" y="{legend_y:.1}" width="{CELL}" height="{CELL}" rx="3" fill="{fill}"/>"##
        );
        lx += CELL + GAP;
    }
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" fill="{MUTED}">More</text>"##,
        lx + 4.0,
        legend_y + CELL - 4.0
    );
    let second = legend_y + CELL + 8.0;
    let (missed_fill, missed_stroke, _) = cell(Some(0.0), today);
    let (none_fill, _, _) = cell(None, today);
    let _ = writeln!(
        svg,
        r##"<rect x="0" y="{second:.1}" width="{CELL}" height="{CELL}" rx="3" fill="{missed_fill}"{missed_stroke}/><text x="{:.1}" y="{:.1}" fill="{MUTED}">none ticked</text><rect x="{:.1}" y="{second:.1}" width="{CELL}" height="{CELL}" rx="3" fill="{none_fill}"/><text x="{:.1}" y="{:.1}" fill="{MUTED}">nothing planned</text>"##,
        CELL + 6.0,
        second + CELL - 4.0,
        CELL + 100.0,
        2.0 * CELL + 106.0,
        second + CELL - 4.0
    );
    svg.push_str("</svg>\n");
    svg
}

/// A calendar day's fill, outline and words: from pale to deep green as the share of planned
/// steps done grows; outlined white when none was done; grey when nothing was planned.
fn cell(share: Option<f32>, date: Date) -> (String, &'static str, String) {
    match share {
        None => ("#e4e4e4".to_owned(), "", format!("{date}: nothing planned")),
        Some(s) if s <= 0.0 => (
            "#fff".to_owned(),
            r##" stroke="#767676""##,
            format!("{date}: planned, none ticked"),
        ),
        Some(s) => {
            let s = s.clamp(0.0, 1.0);
            let light = 82.0 - 52.0 * f64::from(s);
            (
                format!("hsl(150, 55%, {light:.0}%)"),
                "",
                format!("{date}: {:.0}% of planned steps done", s * 100.0),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::insights::SkinRatings;

    #[test]
    fn ratings_chart_draws_a_line_per_logged_metric_and_marks_changes() {
        let diary: Vec<DiaryDay> = (1..=20)
            .map(|d| DiaryDay {
                date: date(2026, 11, d),
                ratings: SkinRatings {
                    hydration: Some((d % 5 + 1) as u8),
                    glow: Some(3),
                    ..SkinRatings::default()
                },
                breakouts: None,
            })
            .collect();
        let changes = [ProductChange {
            product: "Retinol <0.5%>".into(),
            date: date(2026, 11, 10),
            kind: ChangeKind::Started,
        }];
        let svg = ratings_over_time(&diary, &changes, date(2026, 11, 20), 30, Width::Wide);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<polyline").count(), 2, "hydration and glow");
        assert!(
            svg.contains("Retinol &lt;0.5%&gt; started"),
            "escaped label"
        );
        assert!(svg.contains("<title id=\"t\">"));
        assert_eq!(svg.matches("r=\"3.5\"").count(), 0, "every day is joined");
        let empty = ratings_over_time(&[], &[], date(2026, 11, 20), 30, Width::Wide);
        assert!(empty.contains("No ratings logged"));
    }

    #[test]
    fn a_day_rated_on_its_own_is_a_dot() {
        let day = |d, glow| DiaryDay {
            date: date(2026, 11, d),
            ratings: SkinRatings {
                glow: Some(glow),
                ..SkinRatings::default()
            },
            breakouts: None,
        };
        // The 1st stands alone; the 10th and 11th are joined by a line.
        let diary = [day(1, 2), day(10, 3), day(11, 4)];
        let svg = ratings_over_time(&diary, &[], date(2026, 11, 20), 30, Width::Narrow);
        assert_eq!(svg.matches("r=\"3.5\"").count(), 1, "{svg}");
        assert!(svg.contains("Glow 2026-11-01: 2"));
    }

    #[test]
    fn adherence_calendar_shades_days_and_explains_itself() {
        // Wednesday 25 November 2026.
        let today = date(2026, 11, 25);
        let days = [
            (date(2026, 11, 23), Some(1.0)),
            (date(2026, 11, 24), Some(0.0)),
            (date(2026, 11, 25), None),
        ];
        let svg = adherence_calendar(&days, today, 12);
        // Eleven whole weeks and this week's Monday to Wednesday, then six legend squares.
        assert_eq!(svg.matches("<rect").count(), 11 * 7 + 3 + 6, "{svg}");
        assert!(svg.contains("2026-11-23: 100% of planned steps done"));
        assert!(svg.contains("2026-11-24: planned, none ticked"));
        assert!(svg.contains("2026-11-25: nothing planned"));
        assert!(
            svg.contains("2026-09-07: nothing planned"),
            "before the plan"
        );
        assert!(!svg.contains("2026-11-26"), "no day after today");
        assert!(svg.contains(">Less<") && svg.contains(">nothing planned<"));
        assert!(svg.contains(">Sep<") && svg.contains(">Nov<"), "months");
        for size in svg.split("font-size=\"").skip(1) {
            assert!(size.starts_with("12\""), "text at least 12 units: {size}");
        }
        // No data yet still draws the weeks, so the calendar is not an empty box.
        assert_eq!(
            adherence_calendar(&[], today, 2)
                .matches("nothing planned")
                .count(),
            10 + 1
        );
    }

    #[test]
    fn changes_on_near_days_get_markers_that_do_not_overlap() {
        let diary = [DiaryDay {
            date: date(2026, 11, 20),
            ratings: SkinRatings {
                glow: Some(4),
                ..SkinRatings::default()
            },
            breakouts: None,
        }];
        let change = |product: &str, day| ProductChange {
            product: product.into(),
            date: date(2026, 11, day),
            kind: ChangeKind::Started,
        };
        let changes = [
            change(
                "A very long product name that could never fit on one line of a phone",
                19,
            ),
            change("Toner", 20),
            change("Cream", 20),
        ];
        let svg = ratings_over_time(&diary, &changes, date(2026, 11, 20), 90, Width::Narrow);
        let markers: Vec<(f64, f64)> = svg
            .split("<circle cx=\"")
            .skip(1)
            .filter(|c| c.contains("r=\"10\""))
            .filter_map(|c| {
                let x: f64 = c.split('"').next()?.parse().ok()?;
                let y: f64 = c.split("cy=\"").nth(1)?.split('"').next()?.parse().ok()?;
                Some((x, y))
            })
            .collect();
        // Three on the chart, three in the key.
        assert_eq!(markers.len(), 6, "{svg}");
        for (i, a) in markers.iter().enumerate() {
            for b in &markers[i + 1..] {
                let apart = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                assert!(apart >= 20.0, "{a:?} and {b:?} overlap");
            }
        }
        assert!(svg.contains("Toner started, 20 Nov") && svg.contains("Cream started, 20 Nov"));
        assert!(
            svg.contains("…"),
            "the long name is cut to the chart's width"
        );
        for size in svg.split("font-size=\"").skip(1) {
            let size: f64 = size
                .split('"')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
            assert!(size >= 12.0, "text at {size} units");
        }
    }
}
