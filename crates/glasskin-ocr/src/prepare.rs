//! A photo made ready for the engine: decoded and turned as its camera says, grey, text dark on
//! light, levelled, scaled so its letters are about the height the engine reads best, and its
//! contrast stretched.
//!
//! Everything is measured on a small copy (at most [`ANALYSIS_SIDE`] pixels on its long side):
//! the polarity from Otsu's threshold (text is the minority class), the skew as the angle whose
//! row profile of text pixels is sharpest, and the letters' height as the median height of the
//! connected components of text. The full image is then resampled once.

use std::io::Cursor;

use image::{DynamicImage, GrayImage, ImageReader, Luma, imageops};

use crate::OcrError;

/// The long side of the copy that polarity, skew and letter size are measured on.
const ANALYSIS_SIDE: u32 = 1400;

/// The median height of a letter's connected component, in pixels, that the engine is given:
/// Tesseract reads best with an x-height of 20 to 30 pixels, and small blurred print better a
/// little larger (docs/ocr.md: 40 read 4 points more of the hard photos than 30).
pub(crate) const TARGET_GLYPH_HEIGHT: f32 = 40.0;

/// The radius of the mean taken before thresholding, at the engine's scale: 2 (a 5x5 square)
/// read hard photos best; 1 keeps the noise, 3 fills letters in.
const SMOOTHING: usize = 2;

/// The longest side the engine is given, which bounds its time.
const MAX_SIDE: f32 = 4200.0;

/// Skews up to this many degrees are levelled; more is left to the orientation pass.
const MAX_SKEW: f32 = 30.0;

/// A photo ready for the engine, and what was done to it.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Dark text on a light ground, black on white.
    pub image: GrayImage,
    /// The same, in grey before its threshold: what a second look at a line thresholds again.
    pub gray: GrayImage,
    /// The degrees the text was turned to level it.
    pub skew_deg: f32,
    /// The factor the photo was scaled by.
    pub scale: f32,
    /// Whether the text was light on dark (and so was inverted).
    pub inverted: bool,
}

/// Decodes a JPEG or PNG photo, turned as its EXIF orientation says, in grey.
pub fn decode(bytes: &[u8]) -> Result<GrayImage, OcrError> {
    if let Some(format) = unsupported_format(bytes) {
        return Err(OcrError::Unsupported(format));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| OcrError::NotAnImage(e.to_string()))?;
    match reader.format() {
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg) => {}
        _ => return Err(OcrError::NotAnImage("unrecognised format".into())),
    }
    let mut limits = image::Limits::default();
    // A phone's photo is at most about 50 megapixels; more is not a photo of a label.
    limits.max_image_width = Some(16_384);
    limits.max_image_height = Some(16_384);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| OcrError::NotAnImage(e.to_string()))?;
    use image::ImageDecoder;
    let orientation = decoder.orientation().ok();
    let mut img =
        DynamicImage::from_decoder(decoder).map_err(|e| OcrError::NotAnImage(e.to_string()))?;
    if let Some(orientation) = orientation {
        img.apply_orientation(orientation);
    }
    let (width, height) = (img.width(), img.height());
    if width.min(height) < 16 {
        return Err(OcrError::BadSize { width, height });
    }
    Ok(img.to_luma8())
}

/// The name of an image format recognised by its first bytes that is not decoded here.
fn unsupported_format(bytes: &[u8]) -> Option<&'static str> {
    let at = |start: usize, magic: &[u8]| bytes.get(start..start + magic.len()) == Some(magic);
    if at(4, b"ftyp") {
        let brand = bytes.get(8..12)?;
        return match brand {
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" => Some("HEIC"),
            b"avif" | b"avis" => Some("AVIF"),
            _ => None,
        };
    }
    if at(0, b"RIFF") && at(8, b"WEBP") {
        return Some("WebP");
    }
    if at(0, b"GIF8") {
        return Some("GIF");
    }
    if at(0, b"II*\0") || at(0, b"MM\0*") {
        return Some("TIFF");
    }
    if at(0, b"BM") {
        return Some("BMP");
    }
    None
}

/// Decodes and prepares a photo: see the module's doc.
pub fn prepare(bytes: &[u8]) -> Result<Prepared, OcrError> {
    let gray = decode(bytes)?;
    Ok(prepare_gray(&gray))
}

/// Prepares a grey image: see the module's doc.
pub fn prepare_gray(gray: &GrayImage) -> Prepared {
    prepare_gray_at(gray, TARGET_GLYPH_HEIGHT, SMOOTHING)
}

/// Prepares a grey image with its letters scaled to `target` pixels, smoothed over a square of
/// `2 * smoothing + 1` before its threshold.
pub fn prepare_gray_at(gray: &GrayImage, target: f32, smoothing: usize) -> Prepared {
    let long = gray.width().max(gray.height());
    let small = if long > ANALYSIS_SIDE {
        let f = ANALYSIS_SIDE as f32 / long as f32;
        imageops::resize(
            gray,
            ((gray.width() as f32 * f).round() as u32).max(1),
            ((gray.height() as f32 * f).round() as u32).max(1),
            imageops::FilterType::Triangle,
        )
    } else {
        gray.clone()
    };
    let small_factor = small.width() as f32 / gray.width() as f32;

    let histogram = histogram(&small);
    let threshold = otsu(&histogram);
    let total: u64 = histogram.iter().sum();
    let dark: u64 = histogram[..=threshold as usize].iter().sum();
    // Text covers less of a label than its ground does.
    let inverted = dark * 2 > total;
    let is_text = |v: u8| (v <= threshold) != inverted;

    // The lines' angle is measured on a copy smoothed over 3x3, thresholded anew: a noisy
    // photo's specks are not text, and would hide the lines.
    let smooth = box_mean(&small, 1);
    let smooth_threshold = otsu_of(&smooth);
    let skew_deg = skew(&smooth, |v| (v <= smooth_threshold) != inverted);
    let glyph = median_glyph_height(&small, is_text).map(|h| h / small_factor);
    let mut scale = glyph.map_or(1.0, |h| (target / h).clamp(0.25, 4.0));
    let long_out = long as f32 * scale;
    if long_out > MAX_SIDE {
        scale *= MAX_SIDE / long_out;
    }
    let (lo, hi) = percentiles(&histogram, total);
    let ground = if inverted { lo } else { hi };

    let scaled = if scale < 0.95 {
        imageops::resize(
            gray,
            ((gray.width() as f32 * scale).round() as u32).max(1),
            ((gray.height() as f32 * scale).round() as u32).max(1),
            imageops::FilterType::Triangle,
        )
    } else {
        gray.clone()
    };
    let upscale = if scale > 1.05 { scale } else { 1.0 };
    let mut image = resample(&scaled, upscale, skew_deg, ground);
    // The contrast stretched between the ground's and the ink's levels, dark text on light.
    let span = f32::from(hi.saturating_sub(lo).max(1));
    for p in image.pixels_mut() {
        let v = (f32::from(p.0[0]) - f32::from(lo)) * 255.0 / span;
        let v = v.clamp(0.0, 255.0) as u8;
        p.0[0] = if inverted { 255 - v } else { v };
    }
    // Black on white: the noise a dim bathroom adds goes, and the engine's page layout sees
    // text, not a speckled picture.
    let gray = image;
    let image = binarize(&gray, smoothing);
    Prepared {
        image,
        gray,
        skew_deg,
        scale,
        inverted,
    }
}

/// A mean over a square of side `2 * radius + 1`, then Otsu's threshold: pure black text on
/// white, the sensor's noise averaged away first.
fn binarize(img: &GrayImage, radius: usize) -> GrayImage {
    let smooth = box_mean(img, radius);
    let t = otsu(&histogram(&smooth));
    GrayImage::from_fn(img.width(), img.height(), |x, y| {
        Luma([if smooth.get_pixel(x, y).0[0] <= t {
            0
        } else {
            255
        }])
    })
}

/// The mean over a square of side `2 * radius + 1`, by running sums along rows then columns.
pub(crate) fn box_mean(img: &GrayImage, radius: usize) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if radius == 0 || w == 0 || h == 0 {
        return img.clone();
    }
    let side = 2 * radius + 1;
    let clamp = |i: isize, n: usize| i.clamp(0, n as isize - 1) as usize;
    let src = img.as_raw();
    let mut rows = vec![0u32; w * h];
    for y in 0..h {
        let line = &src[y * w..(y + 1) * w];
        let mut sum: u32 = (-(radius as isize)..=radius as isize)
            .map(|d| u32::from(line[clamp(d, w)]))
            .sum();
        for x in 0..w {
            rows[y * w + x] = sum;
            let out = clamp(x as isize - radius as isize, w);
            let inn = clamp(x as isize + radius as isize + 1, w);
            sum = sum + u32::from(line[inn]) - u32::from(line[out]);
        }
    }
    let mut out = vec![0u8; w * h];
    let area = (side * side) as u32;
    for x in 0..w {
        let mut sum: u32 = (-(radius as isize)..=radius as isize)
            .map(|d| rows[clamp(d, h) * w + x])
            .sum();
        for y in 0..h {
            out[y * w + x] = (sum / area) as u8;
            let gone = clamp(y as isize - radius as isize, h);
            let come = clamp(y as isize + radius as isize + 1, h);
            sum = sum + rows[come * w + x] - rows[gone * w + x];
        }
    }
    GrayImage::from_raw(img.width(), img.height(), out).unwrap_or_else(|| img.clone())
}

/// The columns of text on a prepared (black on white) image, as ranges of x, left to right:
/// split where a band of white at least twice a letter's target height runs from top to bottom
/// between text, as between a list and the directions printed beside it.
pub fn columns(img: &GrayImage) -> Vec<std::ops::Range<u32>> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let raw = img.as_raw();
    let mut ink = vec![0u32; w];
    for y in 0..h {
        for (x, &v) in raw[y * w..(y + 1) * w].iter().enumerate() {
            ink[x] += u32::from(v < 128);
        }
    }
    // A few specks of noise do not make a column of text.
    let empty = |x: usize| ink[x] <= 2;
    let min_gap = (TARGET_GLYPH_HEIGHT * 2.0) as usize;
    let mut ranges = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap = 0;
    for x in 0..w {
        if empty(x) {
            gap += 1;
            if let Some(s) = start
                && gap >= min_gap
            {
                ranges.push(s..x + 1 - gap);
                start = None;
            }
        } else {
            if start.is_none() {
                start = Some(x);
            }
            gap = 0;
        }
    }
    if let Some(s) = start {
        ranges.push(s..w);
    }
    // A narrow strip (a stray mark, a barcode's edge) is not a column.
    ranges.retain(|r| r.len() >= min_gap);
    let margin = min_gap / 2;
    ranges
        .into_iter()
        .map(|r| r.start.saturating_sub(margin) as u32..(r.end + margin).min(w) as u32)
        .collect()
}

/// Otsu's threshold of an image's levels.
pub(crate) fn otsu_of(img: &GrayImage) -> u8 {
    otsu(&histogram(img))
}

fn histogram(img: &GrayImage) -> [u64; 256] {
    let mut h = [0u64; 256];
    for p in img.pixels() {
        h[p.0[0] as usize] += 1;
    }
    h
}

/// Otsu's threshold: the level that best splits the histogram into two classes.
fn otsu(h: &[u64; 256]) -> u8 {
    let total: f64 = h.iter().sum::<u64>() as f64;
    let sum_all: f64 = h
        .iter()
        .enumerate()
        .map(|(i, &n)| i as f64 * n as f64)
        .sum();
    let (mut weight_b, mut sum_b, mut best, mut best_t) = (0.0, 0.0, -1.0, 127u8);
    for (t, &n) in h.iter().enumerate() {
        weight_b += n as f64;
        if weight_b == 0.0 {
            continue;
        }
        let weight_f = total - weight_b;
        if weight_f == 0.0 {
            break;
        }
        sum_b += t as f64 * n as f64;
        let mean_b = sum_b / weight_b;
        let mean_f = (sum_all - sum_b) / weight_f;
        let between = weight_b * weight_f * (mean_b - mean_f).powi(2);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t
}

/// The 2nd and 98th percentile levels: the ink's and the ground's, past the noise.
fn percentiles(h: &[u64; 256], total: u64) -> (u8, u8) {
    let level = |fraction: f64| {
        let target = (total as f64 * fraction) as u64;
        let mut seen = 0;
        for (i, &n) in h.iter().enumerate() {
            seen += n;
            if seen > target {
                return i as u8;
            }
        }
        255
    };
    (level(0.02), level(0.98))
}

/// The text's angle in degrees (positive: lines go down to the right), found as the angle
/// whose projection of text pixels onto the vertical is sharpest.
fn skew(img: &GrayImage, is_text: impl Fn(u8) -> bool) -> f32 {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let mut points = Vec::new();
    // At most about 80 000 points: enough to find the lines, few enough to try 100 angles.
    let step = (((w * h) as f64 / 400_000.0).sqrt().ceil() as i64).max(1);
    for y in (0..h).step_by(step as usize) {
        for x in (0..w).step_by(step as usize) {
            if is_text(img.get_pixel(x as u32, y as u32).0[0]) {
                points.push((x as f32 - w as f32 / 2.0, y as f32 - h as f32 / 2.0));
            }
        }
    }
    if points.len() < 50 {
        return 0.0;
    }
    let diagonal = ((w * w + h * h) as f32).sqrt();
    // Bins as wide as the sampling step: narrower ones would favour 0°, where every point
    // falls on a sampled row.
    let bin_width = step as f32;
    let bins = (diagonal / bin_width) as usize + 2;
    let mut counts = vec![0u32; bins];
    // The profile of the text's rows at an angle, scored by `criterion`.
    let mut score = |deg: f32, criterion: fn(&[u32]) -> f64| -> f64 {
        counts.iter_mut().for_each(|c| *c = 0);
        let (s, c) = deg.to_radians().sin_cos();
        for &(x, y) in &points {
            let r = (y * c - x * s + diagonal / 2.0) / bin_width;
            let bin = (r.max(0.0) as usize).min(bins - 1);
            counts[bin] += 1;
        }
        criterion(&counts)
    };
    // Which way the lines run, to the degree: Postl's criterion, the squared steps between
    // neighbouring rows, which peaks only where lines and the gaps between them are sharp. The
    // plain sum of squares also rewards the text's mass piling up near 0° when lines are short
    // or in two columns at different heights.
    let steps = |counts: &[u32]| -> f64 {
        counts
            .windows(2)
            .map(|p| (f64::from(p[1]) - f64::from(p[0])).powi(2))
            .sum()
    };
    // Then to a fifth of a degree, by the sum of squares: smoother, it finds the mean angle
    // of curved lines where the steps favour their straightest part.
    let squares = |counts: &[u32]| -> f64 { counts.iter().map(|&n| f64::from(n).powi(2)).sum() };
    let mut best = (score(0.0, steps), 0.0);
    let mut deg = -MAX_SKEW;
    while deg <= MAX_SKEW {
        let s = score(deg, steps);
        if s > best.0 {
            best = (s, deg);
        }
        deg += 1.0;
    }
    let coarse = best.1;
    let mut best = (score(coarse, squares), coarse);
    let mut deg = coarse - 1.0;
    while deg <= coarse + 1.0 {
        let s = score(deg, squares);
        if s > best.0 {
            best = (s, deg);
        }
        deg += 0.2;
    }
    // Less than a third of a degree is not worth a resampling.
    if best.1.abs() < 0.3 { 0.0 } else { best.1 }
}

/// The median height of the text's connected components that look like letters.
fn median_glyph_height(img: &GrayImage, is_text: impl Fn(u8) -> bool) -> Option<f32> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut seen = vec![false; w * h];
    let mut heights = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if seen[start] || !is_text(img.as_raw()[start]) {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut top, mut bottom, mut left, mut right, mut area) = (h, 0, w, 0, 0usize);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            top = top.min(y);
            bottom = bottom.max(y);
            left = left.min(x);
            right = right.max(x);
            area += 1;
            let mut visit = |j: usize| {
                if !seen[j] && is_text(img.as_raw()[j]) {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        let (ch, cw) = (bottom - top + 1, right - left + 1);
        // Letters: not specks of noise, not rules, boxes or the whole ground.
        if ch >= 3 && ch <= h / 4 && cw <= ch * 6 && area >= 6 {
            heights.push(ch);
        }
    }
    if heights.len() < 10 {
        return None;
    }
    heights.sort_unstable();
    Some(heights[heights.len() / 2] as f32)
}

/// The image scaled up by `scale` (at least 1) and turned by `-skew_deg`, in one bilinear pass,
/// on a canvas that holds it all, the corners filled with the ground's level.
fn resample(img: &GrayImage, scale: f32, skew_deg: f32, ground: u8) -> GrayImage {
    if scale == 1.0 && skew_deg == 0.0 {
        return img.clone();
    }
    let (s, c) = skew_deg.to_radians().sin_cos();
    let (w, h) = (img.width() as f32 * scale, img.height() as f32 * scale);
    let nw = (w * c.abs() + h * s.abs()).ceil() as u32;
    let nh = (w * s.abs() + h * c.abs()).ceil() as u32;
    let (cx, cy) = (img.width() as f32 / 2.0, img.height() as f32 / 2.0);
    let (ncx, ncy) = (nw as f32 / 2.0, nh as f32 / 2.0);
    let (iw, ih) = (img.width() as i64, img.height() as i64);
    let raw = img.as_raw();
    let at = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= iw || y >= ih {
            f32::from(ground)
        } else {
            f32::from(raw[(y * iw + x) as usize])
        }
    };
    GrayImage::from_fn(nw, nh, |u, v| {
        let du = u as f32 - ncx;
        let dv = v as f32 - ncy;
        // The level line v = const came from a line at the text's angle.
        let x = (du * c - dv * s) / scale + cx;
        let y = (du * s + dv * c) / scale + cy;
        let (x0, y0) = (x.floor() as i64, y.floor() as i64);
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * fx;
        let bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * fx;
        Luma([(top + (bottom - top) * fy).round().clamp(0.0, 255.0) as u8])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of dashes at `deg` degrees, as text lines are.
    fn lines_at(deg: f32) -> GrayImage {
        let (w, h) = (1800u32, 1000u32);
        let t = deg.to_radians().tan();
        GrayImage::from_fn(w, h, |x, y| {
            let along = y as f32 - x as f32 * t;
            let on_line = along.rem_euclid(40.0) < 9.0;
            let in_word = (x / 25) % 4 != 3;
            Luma([if on_line && in_word && (100..1700).contains(&x) {
                20
            } else {
                235
            }])
        })
    }

    #[test]
    fn the_skew_of_text_lines_is_found() {
        for deg in [-12.0f32, -4.0, 0.0, 3.0, 8.5] {
            let found = skew(&lines_at(deg), |v| v < 128);
            assert!((found - deg).abs() <= 0.5, "{deg}: found {found}");
        }
    }

    /// A label's short lines at `deg` degrees: a column of five lines and, beside it and
    /// higher up, a column of two; `noisy`, on a ground with heavy sensor noise.
    fn short_lines_in_two_columns(deg: f32, noisy: bool) -> GrayImage {
        let t = deg.to_radians().tan();
        GrayImage::from_fn(1000, 460, |x, y| {
            let (start, lines) = if x < 500 { (150.0, 5.0) } else { (120.0, 2.0) };
            let along = y as f32 - (x as f32 - 60.0) * t - start;
            let on_line = along >= 0.0 && along < 22.0 * lines && along.rem_euclid(22.0) < 14.0;
            let in_word = (x / 9) % 7 != 6;
            let text = on_line && in_word && ((60..460).contains(&x) || (600..900).contains(&x));
            // Noise from a hash of the pixel: ±50 levels.
            let noise = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) % 101;
            let noise = if noisy { noise as i32 - 50 } else { 0 };
            let level = if text { 90 } else { 160 } + noise;
            Luma([level.clamp(0, 255) as u8])
        })
    }

    #[test]
    fn the_skew_of_short_lines_in_two_columns_is_found_through_noise() {
        for deg in [-7.0f32, 8.0] {
            let found = skew(&short_lines_in_two_columns(deg, false), |v| v < 128);
            assert!((found - deg).abs() <= 1.0, "{deg}: found {found}");
            let found = prepare_gray(&short_lines_in_two_columns(deg, true)).skew_deg;
            assert!((found - deg).abs() <= 1.0, "{deg}, noisy: found {found}");
        }
    }

    #[test]
    fn columns_are_split_at_a_wide_white_band() {
        // Text from 10 to 300 and from 500 to 700; a word gap of 20 at 150.
        let img = GrayImage::from_fn(800, 100, |x, y| {
            let text =
                ((10..300).contains(&x) || (500..700).contains(&x)) && !(150..170).contains(&x);
            Luma([if text && y % 10 < 5 { 0 } else { 255 }])
        });
        assert_eq!(columns(&img), vec![0..340, 460..740]);
        let blank = GrayImage::from_pixel(300, 100, Luma([255]));
        assert!(columns(&blank).is_empty());
    }

    #[test]
    fn box_mean_averages_a_square() {
        let mut img = GrayImage::from_pixel(7, 7, Luma([0]));
        img.put_pixel(3, 3, Luma([250]));
        let m = box_mean(&img, 1);
        assert_eq!(m.get_pixel(3, 3).0[0], 27);
        assert_eq!(m.get_pixel(2, 2).0[0], 27);
        assert_eq!(m.get_pixel(0, 0).0[0], 0);
    }

    #[test]
    fn otsu_splits_two_levels() {
        let mut h = [0u64; 256];
        h[30] = 100;
        h[220] = 900;
        let t = otsu(&h);
        assert!((30..220).contains(&t), "threshold {t}");
    }

    #[test]
    fn formats_not_decoded_are_named() {
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic");
        heic.extend_from_slice(&[0; 16]);
        assert_eq!(decode(&heic), Err(OcrError::Unsupported("HEIC")));
        assert_eq!(
            decode(b"RIFF\0\0\0\0WEBPVP8 "),
            Err(OcrError::Unsupported("WebP"))
        );
        assert!(matches!(
            decode(b"Water, Glycerin"),
            Err(OcrError::NotAnImage(_))
        ));
        assert!(matches!(decode(b""), Err(OcrError::NotAnImage(_))));
    }

    #[test]
    fn a_truncated_png_is_not_an_image() {
        let img = GrayImage::from_pixel(64, 64, Luma([200]));
        let mut bytes = Vec::new();
        img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .expect("PNG encodes");
        bytes.truncate(bytes.len() / 2);
        assert!(matches!(decode(&bytes), Err(OcrError::NotAnImage(_))));
    }

    #[test]
    fn a_tiny_image_is_refused() {
        let img = GrayImage::from_pixel(8, 200, Luma([200]));
        let mut bytes = Vec::new();
        img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .expect("PNG encodes");
        assert_eq!(
            decode(&bytes),
            Err(OcrError::BadSize {
                width: 8,
                height: 200
            })
        );
    }

    #[test]
    fn a_blank_page_is_prepared_without_a_turn() {
        let img = GrayImage::from_pixel(300, 200, Luma([240]));
        let p = prepare_gray(&img);
        assert_eq!(p.skew_deg, 0.0);
        assert!(!p.inverted);
    }
}
