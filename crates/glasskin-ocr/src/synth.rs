//! Synthetic label photos for the tests and the measurement (feature `synth`).
//!
//! A label text is laid out in a font at a size in points, as a phone would see it at
//! [`Spec::dpi`], then put through what a photo of a bottle does to it: rotation, perspective,
//! the curve of a bottle, blur, noise, low contrast, white text on colour, a second column of
//! directions beside the list, JPEG compression. Everything is deterministic: the same spec
//! gives the same pixels.

use std::path::{Path, PathBuf};

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};
use image::{Rgb, RgbImage};
use serde::Deserialize;

/// A font at a size.
type Scaled<'a> = ab_glyph::PxScaleFont<&'a FontVec>;

/// One label text as `testdata/labels.toml` holds it.
#[derive(Clone, Debug, Deserialize)]
pub struct Label {
    /// The product's name, printed above the list.
    pub name: String,
    /// The ingredient list, without its heading.
    pub text: String,
    /// Directions, printed below the list or beside it.
    pub directions: String,
    /// The list's heading: "Ingredients", "전성분".
    #[serde(default = "ingredients")]
    pub heading: String,
    /// The directions' heading: "Directions", "사용법".
    #[serde(default = "directions")]
    pub directions_heading: String,
}

impl Label {
    /// The text as the label prints it under its heading: what a person would paste.
    pub fn with_heading(&self) -> String {
        format!("{}: {}", self.heading, self.text)
    }
}

fn ingredients() -> String {
    "Ingredients".into()
}

fn directions() -> String {
    "Directions".into()
}

#[derive(Deserialize)]
struct LabelFile {
    label: Vec<Label>,
}

/// The label texts of `testdata/labels.toml`, compiled in: the ones the scanner was tuned on.
pub fn labels() -> Vec<Label> {
    parse(include_str!("../testdata/labels.toml"), "labels.toml")
}

/// The label texts of `testdata/labels-holdout.toml`: written from real products and never
/// tuned on, measured apart.
pub fn holdout_labels() -> Vec<Label> {
    parse(
        include_str!("../testdata/labels-holdout.toml"),
        "labels-holdout.toml",
    )
}

/// The Korean label texts of `testdata/labels-kor.toml` (전성분, in Hangul).
pub fn korean_labels() -> Vec<Label> {
    parse(
        include_str!("../testdata/labels-kor.toml"),
        "labels-kor.toml",
    )
}

/// The Korean label texts of `testdata/labels-kor-holdout.toml`: never tuned on, measured
/// apart.
pub fn korean_holdout_labels() -> Vec<Label> {
    parse(
        include_str!("../testdata/labels-kor-holdout.toml"),
        "labels-kor-holdout.toml",
    )
}

fn parse(toml_text: &str, file: &str) -> Vec<Label> {
    let file: LabelFile =
        toml::from_str(toml_text).unwrap_or_else(|e| panic!("testdata/{file} does not parse: {e}"));
    file.label
}

/// The fonts a label may be set in: Debian's packages `fonts-dejavu-core`,
/// `fonts-liberation2` and `fonts-noto-core` (all under free licences), whichever are installed.
pub fn fonts() -> Vec<PathBuf> {
    const CANDIDATES: [&str; 6] = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    ];
    CANDIDATES
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect()
}

/// Fonts with Hangul for the Korean labels: Debian's `fonts-nanum`, whichever are installed.
pub fn korean_fonts() -> Vec<PathBuf> {
    const CANDIDATES: [&str; 3] = [
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
        "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf",
    ];
    CANDIDATES
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect()
}

/// How hard a photo is to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Difficulty {
    /// Flat, sharp, level, 9 pt or more.
    Clean,
    /// A few degrees off level, a little blur and noise, 8 pt, JPEG.
    Moderate,
    /// 7 pt, tilted, in perspective or round a bottle, blurred, noisy, low contrast or
    /// inverted, two columns.
    Hard,
}

impl Difficulty {
    /// All three, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Clean, Difficulty::Moderate, Difficulty::Hard];

    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Clean => "clean",
            Difficulty::Moderate => "moderate",
            Difficulty::Hard => "hard",
        }
    }
}

/// How one photo is made.
#[derive(Clone, Debug)]
pub struct Spec {
    /// The font file.
    pub font: PathBuf,
    /// The text's size in points.
    pub size_pt: f32,
    /// The photo's resolution on the label, in pixels per inch: 220 for clean photos, 300
    /// for the others (a 12-megapixel phone photo of a 6 cm label is about 1500).
    pub dpi: f32,
    /// The width of the list's column, in characters of the font.
    pub column_chars: usize,
    /// Degrees the label is turned, counter-clockwise.
    pub rotate_deg: f32,
    /// How much narrower the far edge is than the near one (0: flat on).
    pub perspective: f32,
    /// How much the label bends round a bottle (0: flat; 1: a half cylinder).
    pub curve: f32,
    /// Box blur radius in pixels, applied twice.
    pub blur: u32,
    /// Noise amplitude, in grey levels.
    pub noise: u8,
    /// Text colour.
    pub ink: [u8; 3],
    /// Background colour.
    pub paper: [u8; 3],
    /// Directions in a column beside the list rather than below it.
    pub two_columns: bool,
    /// Encode as JPEG at this quality; PNG when `None`.
    pub jpeg_quality: Option<u8>,
    /// The seed of the noise.
    pub seed: u64,
}

impl Spec {
    /// A spec of this difficulty; `n` varies the font, angle, colours and layout between
    /// photos of one difficulty.
    pub fn of(difficulty: Difficulty, n: usize, fonts: &[PathBuf]) -> Spec {
        let font = fonts[n % fonts.len()].clone();
        let sign = if n.is_multiple_of(2) { 1.0 } else { -1.0 };
        let base = Spec {
            font,
            size_pt: 10.0,
            dpi: 220.0,
            column_chars: 48,
            rotate_deg: 0.0,
            perspective: 0.0,
            curve: 0.0,
            blur: 0,
            noise: 0,
            ink: [20, 20, 20],
            paper: [250, 250, 245],
            two_columns: false,
            jpeg_quality: None,
            seed: n as u64 + 1,
        };
        match difficulty {
            Difficulty::Clean => Spec {
                size_pt: [9.0, 10.0, 11.0][n % 3],
                ..base
            },
            Difficulty::Moderate => Spec {
                size_pt: 8.0,
                dpi: 300.0,
                rotate_deg: sign * (2.0 + (n % 3) as f32),
                perspective: 0.04,
                blur: 1,
                noise: 12,
                ink: [40, 30, 60],
                paper: [235, 228, 210],
                jpeg_quality: Some(80),
                column_chars: 40,
                ..base
            },
            Difficulty::Hard => {
                // Each hard photo gets one colour scheme and one or two geometric troubles.
                let (ink, paper) = match n % 3 {
                    // White on a coloured label.
                    0 => ([250, 250, 250], [40, 90, 150]),
                    // Low contrast: grey on grey-beige.
                    1 => ([110, 105, 100], [200, 195, 185]),
                    _ => ([30, 30, 30], [230, 225, 215]),
                };
                Spec {
                    size_pt: 7.0,
                    dpi: 300.0,
                    rotate_deg: sign * (6.0 + (n % 4) as f32 * 2.0),
                    perspective: if n.is_multiple_of(2) { 0.10 } else { 0.03 },
                    curve: if n % 2 == 1 { 0.5 } else { 0.0 },
                    blur: 1,
                    noise: 22,
                    ink,
                    paper,
                    two_columns: n % 3 != 1,
                    jpeg_quality: Some(70),
                    column_chars: 34,
                    ..base
                }
            }
        }
    }
}

/// Renders a label as a photo's bytes (PNG or JPEG, as the spec says).
pub fn photo(label: &Label, spec: &Spec) -> Vec<u8> {
    let img = render(label, spec);
    encode(&img, spec.jpeg_quality)
}

/// Encodes an image as PNG, or JPEG at a quality.
pub fn encode(img: &RgbImage, jpeg_quality: Option<u8>) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    match jpeg_quality {
        Some(q) => img
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out, q,
            ))
            .unwrap_or_else(|e| panic!("JPEG encoding failed: {e}")),
        None => img
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap_or_else(|e| panic!("PNG encoding failed: {e}")),
    }
    out.into_inner()
}

/// Renders a label as an image: its name, "Ingredients:" and the list, and the directions.
pub fn render(label: &Label, spec: &Spec) -> RgbImage {
    render_with(label, spec, true)
}

/// Renders the list alone, without name or heading, then the directions: the back of a label
/// that wraps round a bottle.
pub fn render_plain(label: &Label, spec: &Spec) -> RgbImage {
    render_with(label, spec, false)
}

fn render_with(label: &Label, spec: &Spec, heading: bool) -> RgbImage {
    let font = load_font(&spec.font);
    let px = spec.size_pt / 72.0 * spec.dpi;
    let scaled = font.as_scaled(PxScale::from(px));
    let em = scaled.h_advance(scaled.glyph_id('n'));
    let column = em * spec.column_chars as f32;
    let line_height = (scaled.ascent() - scaled.descent() + scaled.line_gap()) * 1.15;

    let mut left = Vec::new();
    if heading {
        left.extend([label.name.to_uppercase(), String::new()]);
        left.extend(wrap(&scaled, &label.with_heading(), column));
    } else {
        left.extend(wrap(&scaled, &label.text, column));
    }
    let mut right = Vec::new();
    let directions = format!("{}: {}", label.directions_heading, label.directions);
    if spec.two_columns {
        right = wrap(&scaled, &directions, column * 0.8);
    } else {
        left.push(String::new());
        left.extend(wrap(&scaled, &directions, column));
    }
    let margin = (px * 2.0) as u32;
    let gutter = (em * 4.0) as u32;
    let right_width = if right.is_empty() {
        0
    } else {
        (column * 0.8) as u32 + gutter
    };
    let width = margin * 2 + column as u32 + right_width;
    let rows = left.len().max(right.len());
    let height = margin * 2 + (rows as f32 * line_height) as u32;
    let mut img = RgbImage::from_pixel(width, height, Rgb(spec.paper));
    for (column_x, lines) in [
        (margin as f32, &left),
        (margin as f32 + column + gutter as f32, &right),
    ] {
        for (n, line) in lines.iter().enumerate() {
            let baseline = margin as f32 + scaled.ascent() + n as f32 * line_height;
            draw_line(&mut img, &scaled, line, column_x, baseline, spec);
        }
    }
    let mut img = if spec.curve > 0.0 {
        curve(&img, spec.curve, spec.paper)
    } else {
        img
    };
    if spec.perspective > 0.0 {
        img = perspective(&img, spec.perspective, spec.paper);
    }
    if spec.rotate_deg != 0.0 {
        img = rotate(&img, spec.rotate_deg, spec.paper);
    }
    for _ in 0..2 {
        if spec.blur > 0 {
            img = box_blur(&img, spec.blur);
        }
    }
    if spec.noise > 0 {
        add_noise(&mut img, spec.noise, spec.seed);
    }
    img
}

fn load_font(path: &Path) -> FontVec {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    FontVec::try_from_vec(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Words laid into lines no wider than `width` pixels.
fn wrap(font: &Scaled<'_>, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(font, &candidate) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn text_width(font: &Scaled<'_>, text: &str) -> f32 {
    text.chars().map(|c| font.h_advance(font.glyph_id(c))).sum()
}

fn draw_line(
    img: &mut RgbImage,
    font: &Scaled<'_>,
    text: &str,
    x: f32,
    baseline: f32,
    spec: &Spec,
) {
    let mut caret = x;
    let mut previous = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            caret += font.kern(p, id);
        }
        let glyph = id.with_scale_and_position(font.scale(), ab_glyph::point(caret, baseline));
        caret += font.h_advance(id);
        previous = Some(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let px = bounds.min.x as i64 + i64::from(gx);
            let py = bounds.min.y as i64 + i64::from(gy);
            if px < 0 || py < 0 || px >= i64::from(img.width()) || py >= i64::from(img.height()) {
                return;
            }
            let pixel = img.get_pixel_mut(px as u32, py as u32);
            for k in 0..3 {
                let under = f32::from(pixel.0[k]);
                let ink = f32::from(spec.ink[k]);
                pixel.0[k] = (under + (ink - under) * coverage.min(1.0)).round() as u8;
            }
        });
    }
}

/// Bilinear sample, `paper` outside the image.
fn sample(img: &RgbImage, x: f32, y: f32, paper: [u8; 3]) -> Rgb<u8> {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let x0 = x.floor() as i64;
    let y0 = y.floor() as i64;
    let fx = x - x0 as f32;
    let fy = y - y0 as f32;
    let at = |xx: i64, yy: i64| -> [f32; 3] {
        if xx < 0 || yy < 0 || xx >= w || yy >= h {
            paper.map(f32::from)
        } else {
            img.get_pixel(xx as u32, yy as u32).0.map(f32::from)
        }
    };
    let (a, b, c, d) = (
        at(x0, y0),
        at(x0 + 1, y0),
        at(x0, y0 + 1),
        at(x0 + 1, y0 + 1),
    );
    let mut out = [0u8; 3];
    for k in 0..3 {
        let top = a[k] + (b[k] - a[k]) * fx;
        let bottom = c[k] + (d[k] - c[k]) * fx;
        out[k] = (top + (bottom - top) * fy).round().clamp(0.0, 255.0) as u8;
    }
    Rgb(out)
}

/// Turned by `degrees` counter-clockwise on a canvas large enough to hold it all.
pub fn rotate(img: &RgbImage, degrees: f32, paper: [u8; 3]) -> RgbImage {
    let (s, c) = degrees.to_radians().sin_cos();
    let (w, h) = (img.width() as f32, img.height() as f32);
    let nw = (w * c.abs() + h * s.abs()).ceil() as u32;
    let nh = (w * s.abs() + h * c.abs()).ceil() as u32;
    let (cx, cy) = (w / 2.0, h / 2.0);
    let (ncx, ncy) = (nw as f32 / 2.0, nh as f32 / 2.0);
    RgbImage::from_fn(nw, nh, |x, y| {
        let dx = x as f32 - ncx;
        let dy = y as f32 - ncy;
        // The inverse rotation: where this pixel came from.
        let sx = c * dx - s * dy + cx;
        let sy = s * dx + c * dy + cy;
        sample(img, sx, sy, paper)
    })
}

/// The label seen from below: its top edge `amount` narrower than its bottom one.
fn perspective(img: &RgbImage, amount: f32, paper: [u8; 3]) -> RgbImage {
    let (w, h) = (img.width() as f32, img.height() as f32);
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let t = y as f32 / h;
        // The row's width shrinks linearly towards the top, and rows bunch up there.
        let scale = 1.0 - amount * (1.0 - t);
        let sx = (x as f32 - w / 2.0) / scale + w / 2.0;
        let sy = h * (t + amount * 0.5 * t * (1.0 - t));
        sample(img, sx, sy, paper)
    })
}

/// The label wrapped round a cylinder and seen from the front: letters narrow towards the
/// edges and lines bow.
fn curve(img: &RgbImage, amount: f32, paper: [u8; 3]) -> RgbImage {
    let (w, h) = (img.width() as f32, img.height() as f32);
    // The radius for which the label's width spans `amount` of a half turn.
    let radius = w / (amount * std::f32::consts::PI);
    let seen = 2.0 * radius * (w / (2.0 * radius)).sin();
    let out_w = seen.ceil() as u32;
    let bow = h * 0.03 * amount;
    RgbImage::from_fn(out_w, img.height() + bow.ceil() as u32, |x, y| {
        let dx = (x as f32 - seen / 2.0) / radius;
        if dx.abs() >= 1.0 {
            return Rgb(paper);
        }
        let angle = dx.asin();
        let sx = angle * radius + w / 2.0;
        let sy = y as f32 - bow * (1.0 - angle.cos()) / (1.0 - (w / (2.0 * radius)).cos());
        sample(img, sx, sy, paper)
    })
}

fn box_blur(img: &RgbImage, radius: u32) -> RgbImage {
    let r = radius as i64;
    let (w, h) = (img.width() as i64, img.height() as i64);
    let pass = |src: &RgbImage, horizontal: bool| {
        RgbImage::from_fn(src.width(), src.height(), |x, y| {
            let mut sum = [0u32; 3];
            let mut n = 0;
            for d in -r..=r {
                let (xx, yy) = if horizontal {
                    ((x as i64 + d).clamp(0, w - 1), y as i64)
                } else {
                    (x as i64, (y as i64 + d).clamp(0, h - 1))
                };
                let p = src.get_pixel(xx as u32, yy as u32).0;
                for k in 0..3 {
                    sum[k] += u32::from(p[k]);
                }
                n += 1;
            }
            Rgb(sum.map(|s| (s / n) as u8))
        })
    };
    pass(&pass(img, true), false)
}

fn add_noise(img: &mut RgbImage, amplitude: u8, seed: u64) {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for pixel in img.pixels_mut() {
        // xorshift64*: cheap, deterministic, good enough for sensor noise.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let r = state.wrapping_mul(0x2545_F491_4F6C_DD1D);
        // The sum of two uniforms: a triangular distribution, closer to a sensor's than flat.
        let a = (r & 0xFF) as i32 + ((r >> 8) & 0xFF) as i32 - 255;
        let delta = a * i32::from(amplitude) / 255;
        for k in 0..3 {
            pixel.0[k] = (i32::from(pixel.0[k]) + delta).clamp(0, 255) as u8;
        }
    }
}

/// How a reading of one label compares with the label's own text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Entries of the label's text.
    pub expected: usize,
    /// Of those, entries read to the same canonical name.
    pub right: usize,
    /// Entries read that the label's text does not have.
    pub extra: usize,
}

impl Score {
    /// Compares the canonical names read (`None`: an entry not recognised) with those of the
    /// label's text, as multisets.
    pub fn of(expected: &[Option<&str>], read: &[Option<&str>]) -> Score {
        let mut left: Vec<Option<&str>> = read.to_vec();
        let mut right = 0;
        for name in expected.iter().flatten() {
            if let Some(i) = left.iter().position(|r| *r == Some(*name)) {
                left.remove(i);
                right += 1;
            }
        }
        Score {
            expected: expected.len(),
            right,
            extra: left.len(),
        }
    }

    /// Adds another label's score.
    pub fn add(&mut self, other: Score) {
        self.expected += other.expected;
        self.right += other.right;
        self.extra += other.extra;
    }

    /// The share of entries read right, 0..=1.
    pub fn recall(&self) -> f64 {
        self.right as f64 / self.expected.max(1) as f64
    }

    /// Extra entries as a share of the entries expected.
    pub fn extra_rate(&self) -> f64 {
        self.extra as f64 / self.expected.max(1) as f64
    }
}

/// A blank PNG of this size: a photo with nothing to read.
pub fn blank_png(width: u32, height: u32) -> Vec<u8> {
    encode(
        &RgbImage::from_pixel(width, height, Rgb([240, 240, 240])),
        None,
    )
}
