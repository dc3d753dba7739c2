//! SVG charts, written by hand: skin ratings over time with product changes marked, and an
//! adherence calendar. Plain SVG 1.1 with a title and description for screen readers; text uses
//! the viewer's sans-serif font, so nothing needs to be installed to draw them.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::insights::{ChangeKind, DiaryDay, ProductChange, SkinMetric};

const HEIGHT: f64 = 320.0;
const LEFT: f64 = 40.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 40.0;
/// A legend line's height.
const LEGEND_ROW: f64 = 18.0;

/// How wide a chart is drawn: text stays readable when a narrow chart fills a phone's screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// 720 units, the legend on the right.
    Wide,
    /// 360 units, the legend below.
    Narrow,
}

/// One colour per metric, distinguishable for common colour-vision deficiencies (Okabe–Ito).
const COLOURS: [&str; 6] = [
    "#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#009E73", "#56B4E9",
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

/// Skin ratings (1–5) over the `days` days ending on `today`, a line per metric that has any
/// ratings, with product starts and stops as labelled vertical lines.
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
    let (width, right) = match size {
        Width::Wide => (720.0, 150.0),
        Width::Narrow => (360.0, 12.0),
    };
    // Below a narrow chart, the legend takes two columns of up to three rows.
    let total_height = match size {
        Width::Wide => HEIGHT,
        Width::Narrow => HEIGHT + 3.0 * LEGEND_ROW + 8.0,
    };
    let plot_w = width - LEFT - right;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |d: Date| LEFT + plot_w * days_between(start, d) as f64 / (days - 1) as f64;
    let y = |r: f64| TOP + plot_h * (5.0 - r) / 4.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total_height}" viewBox="0 0 {width} {total_height}" role="img" aria-labelledby="t d" font-family="sans-serif" font-size="12">
<title id="t">Skin ratings, {start} to {today}</title>
<desc id="d">Daily ratings from 1 to 5 for each skin measure, with product starts and stops marked.</desc>
<rect width="100%" height="100%" fill="#fff"/>
"##
    );
    for r in 1..=5 {
        let yy = y(f64::from(r));
        let _ = writeln!(
            svg,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{r}</text>"##,
            LEFT + plot_w,
            LEFT - 8.0,
            yy + 4.0
        );
    }
    let _ = writeln!(
        svg,
        r##"<text x="{LEFT}" y="{:.1}" fill="#555">{start}</text><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{today}</text>"##,
        HEIGHT - 12.0,
        LEFT + plot_w,
        HEIGHT - 12.0
    );
    for change in changes
        .iter()
        .filter(|c| c.date >= start && c.date <= today)
    {
        let xx = x(change.date);
        let verb = match change.kind {
            ChangeKind::Started => "started",
            ChangeKind::Stopped => "stopped",
        };
        // Labels of late changes end at their line, so they stay inside the chart.
        let (tx, anchor) = if xx > LEFT + plot_w * 0.6 {
            (xx - 3.0, "end")
        } else {
            (xx + 3.0, "start")
        };
        let _ = writeln!(
            svg,
            r##"<line x1="{xx:.1}" y1="{TOP}" x2="{xx:.1}" y2="{:.1}" stroke="#333" stroke-dasharray="4 3"><title>{} {verb} {}</title></line><text x="{tx:.1}" y="{:.1}" fill="#333" font-size="10" text-anchor="{anchor}">{} {verb}</text>"##,
            TOP + plot_h,
            escape(&change.product),
            change.date,
            TOP - 8.0,
            escape(&change.product)
        );
    }
    let mut legend_row = 0.0;
    for (metric, colour) in SkinMetric::ALL.iter().zip(COLOURS) {
        let mut points: Vec<(Date, f64)> = diary
            .iter()
            .filter(|d| d.date >= start && d.date <= today)
            .filter_map(|d| d.ratings.get(*metric).map(|r| (d.date, f64::from(r))))
            .collect();
        if points.is_empty() {
            continue;
        }
        points.sort_by_key(|(d, _)| *d);
        let path: Vec<String> = points
            .iter()
            .map(|(d, r)| format!("{:.1},{:.1}", x(*d), y(*r)))
            .collect();
        let _ = writeln!(
            svg,
            r##"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"><title>{}</title></polyline>"##,
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
        let (lx, ly) = match size {
            Width::Wide => (LEFT + plot_w + 16.0, TOP + 10.0 + legend_row * LEGEND_ROW),
            Width::Narrow => (
                LEFT + (legend_row % 2.0) * 150.0,
                HEIGHT + 4.0 + (legend_row / 2.0).floor() * LEGEND_ROW,
            ),
        };
        let _ = writeln!(
            svg,
            r##"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="3"/><text x="{:.1}" y="{:.1}">{}</text>"##,
            lx + 18.0,
            lx + 24.0,
            ly + 4.0,
            metric.label()
        );
        legend_row += 1.0;
    }
    if legend_row == 0.0 {
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">No ratings logged in these days yet.</text>"##,
            LEFT + plot_w / 2.0,
            TOP + plot_h / 2.0
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// An adherence calendar: a square per day (weeks as columns, Monday at the top), shaded by the
/// share of planned steps done; days with nothing planned are left grey.
pub fn adherence_calendar(days: &[(Date, Option<f32>)]) -> String {
    const CELL: f64 = 16.0;
    const GAP: f64 = 3.0;
    let Some(first) = days.iter().map(|(d, _)| *d).min() else {
        return r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40" viewBox="0 0 300 40" role="img" aria-label="No adherence data yet"><text x="10" y="25" font-family="sans-serif" font-size="12">No plan days yet.</text></svg>
"##
        .to_owned();
    };
    let monday = first
        .checked_sub(jiff::Span::new().days(i64::from(first.weekday().to_monday_zero_offset())))
        .unwrap_or(first);
    let weeks = days
        .iter()
        .map(|(d, _)| days_between(monday, *d) / 7)
        .max()
        .unwrap_or(0)
        + 1;
    let width = 40.0 + weeks as f64 * (CELL + GAP);
    let height = 7.0 * (CELL + GAP) + 40.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="t d" font-family="sans-serif" font-size="10">
<title id="t">Routine adherence by day</title>
<desc id="d">Each square is a day; darker means more of the planned steps were done.</desc>
"##
    );
    for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let _ = writeln!(
            svg,
            r##"<text x="0" y="{:.1}" fill="#555">{name}</text>"##,
            row as f64 * (CELL + GAP) + CELL - 3.0
        );
    }
    for (date, share) in days {
        let offset = days_between(monday, *date);
        let (col, row) = (offset / 7, offset % 7);
        let fill = match share {
            None => "#eeeeee".to_owned(),
            Some(s) => {
                // From pale to deep green as the share of steps done grows.
                let s = s.clamp(0.0, 1.0);
                let light = 92.0 - 62.0 * f64::from(s);
                format!("hsl(150, 55%, {light:.0}%)")
            }
        };
        let label = match share {
            None => format!("{date}: nothing planned"),
            Some(s) => format!("{date}: {:.0}% of planned steps done", s * 100.0),
        };
        let _ = writeln!(
            svg,
            r##"<rect x="{:.1}" y="{:.1}" width="{CELL}" height="{CELL}" rx="3" fill="{fill}"><title>{label}</title></rect>"##,
            30.0 + col as f64 * (CELL + GAP),
            row as f64 * (CELL + GAP)
        );
    }
    svg.push_str("</svg>\n");
    svg
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
        assert_eq!(svg.matches("<circle").count(), 0, "every day is joined");
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
        assert_eq!(svg.matches("<circle").count(), 1, "{svg}");
        assert!(svg.contains("Glow 2026-11-01: 2"));
    }

    #[test]
    fn adherence_calendar_shades_days() {
        let days = [
            (date(2026, 11, 23), Some(1.0)),
            (date(2026, 11, 24), Some(0.0)),
            (date(2026, 11, 25), None),
        ];
        let svg = adherence_calendar(&days);
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("100% of planned steps done"));
        assert!(svg.contains("nothing planned"));
        assert!(adherence_calendar(&[]).contains("No plan days yet"));
    }
}
