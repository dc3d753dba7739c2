//! A second look at a page read: the lines read with little confidence, and the lines of ink
//! the engine read no word on (it drops a line of bold blurred print whole now and then), are
//! cut out of the levelled grey image (the ink of other lines whitened), enlarged, given a
//! threshold of their own rather than the whole photo's, and read again, one under another,
//! in two runs of the engine at once. Each word of a line is then read as the surer of its two
//! readings; a line found again is put where it stands on the page.

use image::{GrayImage, Luma, imageops};

use crate::OcrError;
use crate::engine::{Layout, Page, PageWord, Scanner, parse_tsv};
use crate::prepare::{Prepared, box_mean, columns, otsu_of};

/// A line whose least sure word is under this (0..=100) is read again.
const DOUBTFUL_BELOW: f32 = 75.0;

/// How much the lines are enlarged for their second reading.
const ENLARGE: f32 = 1.4;

/// A line found again (no word read on it the first time) is kept when the engine reads it
/// with at least this mean confidence: ink the engine cannot read well is a picture, a rule
/// or a bottle's edge more often than text.
const FOUND_AT_LEAST: f32 = 65.0;

/// At most this many lines are read again (the time a photo takes).
const MAX_LINES: usize = 40;

/// One line to read again: where it is on the prepared image, the boxes of the words on it
/// (the ink outside them is another line's), and the first reading's line, if any.
struct Strip {
    region: [u32; 4],
    keep: Option<Vec<[u32; 4]>>,
    line: Option<usize>,
}

fn inside(b: &[u32; 4], x: u32, y: u32) -> bool {
    x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + b[3]
}

/// The page with its doubtful lines read again and its dropped lines found.
pub(crate) fn second_look(
    scanner: &Scanner,
    prepared: &Prepared,
    page: Page,
) -> Result<Page, OcrError> {
    // Hangul is read at the size chosen for it (docs/ocr.md): enlarged, the Korean model read
    // the Korean labels worse (clean 94.6% against 95.9%, moderate 83.0% against 84.4%).
    if scanner.is_korean()
        || page.words.is_empty()
        || prepared.gray.dimensions() != prepared.image.dimensions()
    {
        return Ok(page);
    }
    let lines = lines(&page.words);
    let letter = letter_height(&page.words);
    let (w, h) = prepared.image.dimensions();
    let mut strips = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let words = &page.words[line.clone()];
        let least = words
            .iter()
            .map(|w| w.confidence)
            .fold(f32::INFINITY, f32::min);
        if least >= DOUBTFUL_BELOW {
            continue;
        }
        let pad_y = (letter * 0.1) as u32;
        let pad_x = (letter * 0.5) as u32;
        let boxes: Vec<[u32; 4]> = words
            .iter()
            .map(|word| grow(word.bbox, pad_x / 2, pad_y, w, h))
            .collect();
        let region = union(&boxes);
        strips.push(Strip {
            region,
            keep: Some(boxes),
            line: Some(n),
        });
    }
    for region in dropped_lines(&prepared.image, &page.words, letter) {
        strips.push(Strip {
            region,
            keep: None,
            line: None,
        });
    }
    if strips.is_empty() {
        return Ok(page);
    }
    strips.truncate(MAX_LINES);

    // Each strip cut out and made black on white again, on its own.
    let slots: Vec<(usize, GrayImage)> = strips
        .iter()
        .enumerate()
        .map(|(i, strip)| {
            let grey = strip_grey(&prepared.gray, strip, &page.words, &lines);
            (i, threshold(&grey))
        })
        .collect();
    // The strips one under another, a line's height of white between them, on two canvases
    // read at once (a photo has the two cores to itself while it is read).
    let gap = (letter * ENLARGE * 1.2) as u32;
    let groups: Vec<Vec<usize>> = (0..2)
        .map(|g| (0..slots.len()).filter(|i| i % 2 == g).collect())
        .filter(|g: &Vec<usize>| !g.is_empty())
        .collect();
    let mut tops = vec![0u32; slots.len()];
    let canvases: Vec<GrayImage> = groups
        .iter()
        .map(|group| {
            let width = group.iter().map(|&i| slots[i].1.width()).max().unwrap_or(0) + 2 * gap;
            let height = group
                .iter()
                .map(|&i| slots[i].1.height() + gap)
                .sum::<u32>()
                + gap;
            let mut canvas = GrayImage::from_pixel(width, height, Luma([255]));
            let mut y = gap;
            for &i in group {
                imageops::replace(&mut canvas, &slots[i].1, i64::from(gap), i64::from(y));
                tops[i] = y;
                y += slots[i].1.height() + gap;
            }
            canvas
        })
        .collect();
    let tsvs = scanner.run_all(&canvases, Layout::Block);
    // Each word read to the slot its middle is on, back in the page's coordinates.
    let mut again: Vec<Vec<PageWord>> = vec![Vec::new(); slots.len()];
    for (group, tsv) in groups.iter().zip(tsvs) {
        let read = parse_tsv(&tsv?);
        for mut word in read {
            let middle = word.bbox[1] + word.bbox[3] / 2;
            let Some(&i) = group
                .iter()
                .find(|&&i| middle >= tops[i] && middle < tops[i] + slots[i].1.height())
            else {
                continue;
            };
            let region = strips[slots[i].0].region;
            let back =
                |v: u32, from: u32, to: u32| to + (v.saturating_sub(from) as f32 / ENLARGE) as u32;
            word.bbox = [
                back(word.bbox[0], gap, region[0]),
                back(word.bbox[1], tops[i], region[1]),
                (word.bbox[2] as f32 / ENLARGE) as u32,
                (word.bbox[3] as f32 / ENLARGE) as u32,
            ];
            again[i].push(word);
        }
    }

    let mut replaced: Vec<Option<Vec<PageWord>>> = vec![None; lines.len()];
    let mut found: Vec<(u32, [u32; 4], Vec<PageWord>)> = Vec::new();
    for (i, strip) in strips.iter().enumerate() {
        let mut readings: Vec<Vec<PageWord>> = slots
            .iter()
            .zip(&again)
            .filter(|((s, _), words)| *s == i && !words.is_empty())
            .map(|(_, words)| words.clone())
            .collect();
        let first = strip.line.map(|n| &page.words[lines[n].clone()]);
        if let Some(first) = first {
            readings.retain(|r| similar_length(r, first));
            readings.push(first.to_vec());
        }
        let merged = merge(&readings);
        if merged.is_empty() {
            continue;
        }
        match (strip.line, first) {
            (Some(n), Some(first)) => {
                if mean(&merged) > mean(first) + 2.0 {
                    let like = &first[0];
                    replaced[n] = Some(
                        merged
                            .into_iter()
                            .map(|w| PageWord {
                                block: like.block,
                                paragraph: like.paragraph,
                                line: like.line,
                                ..w
                            })
                            .collect(),
                    );
                }
            }
            _ => {
                if mean(&merged) >= FOUND_AT_LEAST && letters_share(&merged) >= 0.6 {
                    found.push((strip.region[1] + strip.region[3] / 2, strip.region, merged));
                }
            }
        }
    }
    if replaced.iter().all(Option::is_none) && found.is_empty() {
        return Ok(page);
    }

    // The lines in the first reading's order, each found line before the first line of its
    // column below it.
    let mut out: Vec<PageWord> = Vec::with_capacity(page.words.len());
    let mut placed = vec![false; found.len()];
    let mut fresh_line = 100_000;
    for (n, line) in lines.iter().enumerate() {
        let words = &page.words[line.clone()];
        let bbox = union(&words.iter().map(|w| w.bbox).collect::<Vec<_>>());
        let middle = bbox[1] + bbox[3] / 2;
        for (f, (found_middle, region, found_words)) in found.iter().enumerate() {
            if placed[f] || *found_middle > middle || !overlaps_x(*region, bbox) {
                continue;
            }
            placed[f] = true;
            // In the block of the nearer line, above or below.
            let above = out
                .iter()
                .rev()
                .find(|w| overlaps_x(*region, w.bbox) && w.bbox[1] < *found_middle);
            let below = &words[0];
            let like = match above {
                Some(a)
                    if found_middle.saturating_sub(a.bbox[1] + a.bbox[3])
                        < bbox[1].saturating_sub(*found_middle) =>
                {
                    a.clone()
                }
                _ => below.clone(),
            };
            fresh_line += 1;
            out.extend(found_words.iter().cloned().map(|w| PageWord {
                block: like.block,
                paragraph: like.paragraph,
                line: fresh_line,
                ..w
            }));
        }
        match &replaced[n] {
            Some(words) => out.extend(words.iter().cloned()),
            None => out.extend(words.iter().cloned()),
        }
    }
    // Found below every line of its column: after the last line it shares a column with.
    for (f, (_, region, found_words)) in found.iter().enumerate() {
        if placed[f] {
            continue;
        }
        let at = out
            .iter()
            .rposition(|w| overlaps_x(*region, w.bbox))
            .map_or(out.len(), |i| i + 1);
        let like = at.checked_sub(1).map(|i| out[i].clone());
        fresh_line += 1;
        let words: Vec<PageWord> = found_words
            .iter()
            .cloned()
            .map(|w| PageWord {
                block: like.as_ref().map_or(w.block, |l| l.block),
                paragraph: like.as_ref().map_or(w.paragraph, |l| l.paragraph),
                line: fresh_line,
                ..w
            })
            .collect();
        out.splice(at..at, words);
    }
    Ok(Page { words: out, ..page })
}

/// Whether a second reading of a line is about as long as the first: not a part of it, not
/// two lines.
fn similar_length(again: &[PageWord], first: &[PageWord]) -> bool {
    let (a, f) = (chars(again), chars(first));
    a * 10 >= f * 8 && a * 10 <= f * 12
}

fn chars(words: &[PageWord]) -> usize {
    words
        .iter()
        .map(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count())
        .sum()
}

/// Several readings of one line made one: the most confident reading, each of its words
/// replaced by a surer reading of the same place (a word whose box matches its box, and no
/// other's) in another.
fn merge(readings: &[Vec<PageWord>]) -> Vec<PageWord> {
    let Some(base) = readings
        .iter()
        .max_by(|a, b| mean(a).total_cmp(&mean(b)).then(a.len().cmp(&b.len())))
    else {
        return Vec::new();
    };
    let span = |w: &PageWord| (w.bbox[0], w.bbox[0] + w.bbox[2]);
    let overlap = |a: (u32, u32), b: (u32, u32)| a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let same_place = |a: &PageWord, b: &PageWord| {
        let o = overlap(span(a), span(b));
        o * 10 >= a.bbox[2] * 7 && o * 10 >= b.bbox[2] * 7
    };
    base.iter()
        .map(|word| {
            let mut best = word.clone();
            for other in readings.iter().flatten() {
                if other.confidence > best.confidence && same_place(word, other) {
                    best = PageWord {
                        text: other.text.clone(),
                        confidence: other.confidence,
                        ..word.clone()
                    };
                }
            }
            best
        })
        .collect()
}

fn mean(words: &[PageWord]) -> f32 {
    words.iter().map(|w| w.confidence).sum::<f32>() / words.len().max(1) as f32
}

/// The share of a reading's characters that are letters or digits.
fn letters_share(words: &[PageWord]) -> f32 {
    let (mut letters, mut all) = (0usize, 0usize);
    for c in words.iter().flat_map(|w| w.text.chars()) {
        all += 1;
        letters += usize::from(c.is_alphanumeric());
    }
    letters as f32 / all.max(1) as f32
}

/// The ranges of `words` that are one line each, in order.
fn lines(words: &[PageWord]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=words.len() {
        let key = |w: &PageWord| (w.block, w.paragraph, w.line);
        if i == words.len() || key(&words[i]) != key(&words[start]) {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// The median height of the words' boxes: a line's height, ascenders and descenders in.
fn letter_height(words: &[PageWord]) -> f32 {
    let mut heights: Vec<u32> = words.iter().map(|w| w.bbox[3]).collect();
    heights.sort_unstable();
    heights.get(heights.len() / 2).copied().unwrap_or(40).max(8) as f32
}

fn grow(b: [u32; 4], dx: u32, dy: u32, w: u32, h: u32) -> [u32; 4] {
    let x0 = b[0].saturating_sub(dx);
    let y0 = b[1].saturating_sub(dy);
    let x1 = (b[0] + b[2] + dx).min(w);
    let y1 = (b[1] + b[3] + dy).min(h);
    [x0, y0, x1.saturating_sub(x0), y1.saturating_sub(y0)]
}

fn union(boxes: &[[u32; 4]]) -> [u32; 4] {
    let x0 = boxes.iter().map(|b| b[0]).min().unwrap_or(0);
    let y0 = boxes.iter().map(|b| b[1]).min().unwrap_or(0);
    let x1 = boxes.iter().map(|b| b[0] + b[2]).max().unwrap_or(0);
    let y1 = boxes.iter().map(|b| b[1] + b[3]).max().unwrap_or(0);
    [x0, y0, x1 - x0, y1 - y0]
}

fn overlaps_x(a: [u32; 4], b: [u32; 4]) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2]
}

/// A strip cut out of the grey image, the ink outside its words' boxes whitened.
fn strip_grey(
    gray: &GrayImage,
    strip: &Strip,
    words: &[PageWord],
    lines: &[std::ops::Range<usize>],
) -> GrayImage {
    let [x, y, w, h] = strip.region;
    let mut crop = imageops::crop_imm(gray, x, y, w.max(1), h.max(1)).to_image();
    // Other lines' words that reach into the strip.
    let others: Vec<[u32; 4]> = lines
        .iter()
        .enumerate()
        .filter(|(n, _)| Some(*n) != strip.line)
        .flat_map(|(_, l)| words[l.clone()].iter().map(|w| w.bbox))
        .filter(|b| b[0] < x + w && x < b[0] + b[2] && b[1] < y + h && y < b[1] + b[3])
        .collect();
    for (px, py, p) in crop.enumerate_pixels_mut() {
        let (gx, gy) = (px + x, py + y);
        let own = strip
            .keep
            .as_ref()
            .is_none_or(|boxes| boxes.iter().any(|b| inside(b, gx, gy)));
        let own = own && !(strip.keep.is_some() && others.iter().any(|b| inside(b, gx, gy)));
        let other = strip.keep.is_none() && others.iter().any(|b| inside(b, gx, gy));
        if !own || other {
            p.0[0] = 255;
        }
    }
    crop
}

/// A strip enlarged and made black on white: a mean over 3x3 pixels, then Otsu's threshold
/// over the strip alone, so that a faint line on a shaded part of a photo gets a threshold
/// of its own. (Sauvola's local threshold, measured against it, read fewer of the hard
/// photos' entries right: 92.0% against 94.0%; both, merged, 94.4% for another run.)
fn threshold(grey: &GrayImage) -> GrayImage {
    let smooth = box_mean(grey, 1);
    let big = imageops::resize(
        &smooth,
        ((smooth.width() as f32 * ENLARGE).round() as u32).max(1),
        ((smooth.height() as f32 * ENLARGE).round() as u32).max(1),
        imageops::FilterType::Triangle,
    );
    let t = otsu_of(&big);
    GrayImage::from_fn(big.width(), big.height(), |x, y| {
        Luma([if big.get_pixel(x, y).0[0] <= t {
            0
        } else {
            255
        }])
    })
}

/// Lines of ink on a prepared (black on white) image that no word read covers: in each
/// column, bands of rows whose ink outside the words' boxes is about a line high and a few
/// letters wide. Their regions, top to bottom.
fn dropped_lines(img: &GrayImage, words: &[PageWord], letter: f32) -> Vec<[u32; 4]> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let raw = img.as_raw();
    let pad = (letter * 0.2) as u32;
    let mut covered = vec![false; w * h];
    for word in words {
        let [x, y, bw, bh] = grow(word.bbox, pad, pad, w as u32, h as u32);
        for yy in y..y + bh {
            let row = yy as usize * w;
            covered[row + x as usize..row + (x + bw) as usize].fill(true);
        }
    }
    let ink = |i: usize| raw[i] < 128 && !covered[i];
    let mut out = Vec::new();
    let mut columns = columns(img);
    if columns.is_empty() {
        columns.push(0..img.width());
    }
    for column in columns {
        let (cx0, cx1) = (column.start as usize, column.end as usize);
        let rows: Vec<usize> = (0..h)
            .map(|y| (cx0..cx1).filter(|&x| ink(y * w + x)).count())
            .collect();
        // Rows with a little ink, gaps shorter than a third of a line bridged.
        let busy = |n: usize| n >= 3;
        let bridge = (letter / 3.0) as usize;
        let mut y = 0;
        while y < h {
            if !busy(rows[y]) {
                y += 1;
                continue;
            }
            let start = y;
            let mut end = y;
            let mut quiet = 0;
            while y < h && quiet <= bridge {
                if busy(rows[y]) {
                    end = y;
                    quiet = 0;
                } else {
                    quiet += 1;
                }
                y += 1;
            }
            let band = end + 1 - start;
            if (band as f32) < letter * 0.6 || (band as f32) > letter * 2.5 {
                continue;
            }
            // Its ink's extent, and whether there is a few letters' worth of it.
            let mut left = cx1;
            let mut right = cx0;
            let mut total = 0usize;
            for yy in start..=end {
                for x in cx0..cx1 {
                    if ink(yy * w + x) {
                        left = left.min(x);
                        right = right.max(x);
                        total += 1;
                    }
                }
            }
            let wide = right.saturating_sub(left) as f32;
            if wide < letter * 3.0 || (total as f32) < letter * letter * 1.5 {
                continue;
            }
            // A word read in this band: its rest is a part of a line read, not a line dropped.
            let (top, bottom) = (start as u32, end as u32);
            if words.iter().any(|w| {
                let middle = w.bbox[1] + w.bbox[3] / 2;
                middle >= top
                    && middle <= bottom
                    && (w.bbox[0] as usize) < cx1
                    && (w.bbox[0] + w.bbox[2]) as usize > cx0
            }) {
                continue;
            }
            let m = (letter * 0.25) as usize;
            let x0 = left.saturating_sub(m);
            let y0 = start.saturating_sub(m);
            let x1 = (right + m + 1).min(w);
            let y1 = (end + m + 1).min(h);
            out.push([x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, line: u32, bbox: [u32; 4], confidence: f32) -> PageWord {
        PageWord {
            text: text.into(),
            confidence,
            block: 1,
            paragraph: 1,
            line,
            bbox,
        }
    }

    #[test]
    fn a_line_no_word_was_read_on_is_found() {
        // Three lines of ink 40 px high; words read on the first and the third.
        let img = GrayImage::from_fn(600, 300, |x, y| {
            let on_line = [(20..60), (100..140), (180..220)]
                .iter()
                .any(|r| r.contains(&y));
            Luma([if on_line && (50..550).contains(&x) && x % 12 < 7 {
                0
            } else {
                255
            }])
        });
        let words = vec![
            word("Water,", 1, [50, 20, 500, 40], 90.0),
            word("Glycerin.", 3, [50, 180, 500, 40], 90.0),
        ];
        let found = dropped_lines(&img, &words, 40.0);
        assert_eq!(found.len(), 1, "{found:?}");
        let [_, y, _, h] = found[0];
        assert!(y <= 100 && y + h >= 140, "{found:?}");
    }

    #[test]
    fn readings_of_a_line_are_merged_word_by_word() {
        let first = vec![
            word("Sodhem", 1, [0, 0, 100, 40], 40.0),
            word("Hyaluronate,", 1, [110, 0, 200, 40], 80.0),
        ];
        let again = vec![
            word("Sodium", 1, [2, 0, 96, 40], 85.0),
            word("Hyelwonate,", 1, [112, 0, 196, 40], 50.0),
        ];
        let merged = merge(&[first.clone(), again.clone()]);
        let texts: Vec<&str> = merged.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Sodium", "Hyaluronate,"]);
        // A word read where two were is not either of them.
        let joined = vec![word("SodiumHyaluronate,", 1, [0, 0, 310, 40], 99.0)];
        let merged = merge(&[first.clone(), joined]);
        assert_eq!(merged.len(), 1);
        let half = vec![word("Sodium", 1, [0; 4], 95.0)];
        assert!(!similar_length(&half, &first));
        assert!(similar_length(&again, &first));
    }
}
