//! Product names: the words that say which routine step a product is sold as.

use super::Step;

/// Name words, most specific first: the first that matches is the name's hint.
const NAME_HINTS: &[(&str, Step)] = &[
    ("supplement", Step::Other),
    ("primer", Step::Other),
    ("concealer", Step::Other),
    ("foundation", Step::Other),
    ("setting", Step::Other),
    ("blotting", Step::Other),
    ("lip", Step::LipCare),
    ("body", Step::Body),
    ("hand", Step::Body),
    ("foot", Step::Body),
    ("feet", Step::Body),
    ("shower", Step::Body),
    ("bath", Step::Body),
    ("baby", Step::Body),
    ("deodorant", Step::Body),
    ("diaper", Step::Body),
    ("cleansing oil", Step::OilCleanser),
    ("cleansing balm", Step::OilCleanser),
    ("balm cleanser", Step::OilCleanser),
    ("oil cleanser", Step::OilCleanser),
    ("cleansing butter", Step::OilCleanser),
    ("melting balm", Step::OilCleanser),
    ("cleansing sherbet", Step::OilCleanser),
    ("squalane cleanser", Step::OilCleanser),
    ("makeup remover", Step::OilCleanser),
    ("make up remover", Step::OilCleanser),
    ("remover", Step::WaterCleanser),
    ("wipes", Step::WaterCleanser),
    ("towelettes", Step::WaterCleanser),
    ("cleanser", Step::WaterCleanser),
    ("eye", Step::EyeCare),
    ("dark circle", Step::EyeCare),
    ("puff", Step::EyeCare),
    ("sheet mask", Step::SheetMask),
    ("mask sheet", Step::SheetMask),
    ("sheet", Step::SheetMask),
    ("essential mask", Step::SheetMask),
    ("sleeping", Step::SleepingMask),
    ("overnight", Step::SleepingMask),
    ("overnight mask", Step::SleepingMask),
    ("night mask", Step::SleepingMask),
    ("clay", Step::WashOffMask),
    ("mud", Step::WashOffMask),
    ("wash-off", Step::WashOffMask),
    ("wash off", Step::WashOffMask),
    ("pore mask", Step::WashOffMask),
    ("mask", Step::WashOffMask),
    ("masque", Step::WashOffMask),
    ("pack", Step::WashOffMask),
    ("micellar", Step::WaterCleanser),
    ("cleansing", Step::WaterCleanser),
    ("cleanse", Step::WaterCleanser),
    ("face wash", Step::WaterCleanser),
    ("facial wash", Step::WaterCleanser),
    ("foam", Step::WaterCleanser),
    ("wash", Step::WaterCleanser),
    ("soap", Step::WaterCleanser),
    ("sunscreen", Step::Sunscreen),
    ("sun screen", Step::Sunscreen),
    ("sunblock", Step::Sunscreen),
    ("sun block", Step::Sunscreen),
    ("sun cream", Step::Sunscreen),
    ("sun stick", Step::Sunscreen),
    ("sun milk", Step::Sunscreen),
    ("sun gel", Step::Sunscreen),
    ("sun serum", Step::Sunscreen),
    ("sun fluid", Step::Sunscreen),
    ("relief sun", Step::Sunscreen),
    ("spf", Step::Sunscreen),
    ("uv ", Step::Sunscreen),
    ("peel", Step::Exfoliant),
    ("exfoliat", Step::Exfoliant),
    ("scrub", Step::Exfoliant),
    ("polish", Step::Exfoliant),
    ("microfoliant", Step::Exfoliant),
    ("resurfacing", Step::Exfoliant),
    ("spot", Step::SpotTreatment),
    ("blemish", Step::SpotTreatment),
    ("pimple", Step::SpotTreatment),
    ("acne treatment", Step::SpotTreatment),
    ("drying lotion", Step::SpotTreatment),
    ("patch", Step::SpotTreatment),
    ("pads", Step::Exfoliant),
    ("essence toner", Step::Toner),
    ("toner essence", Step::Essence),
    ("essence", Step::Essence),
    ("first treatment", Step::Essence),
    ("toner", Step::Toner),
    ("tonic", Step::Toner),
    ("toning", Step::Toner),
    ("softener", Step::Toner),
    ("mist", Step::Toner),
    ("skin water", Step::Toner),
    ("facial water", Step::Toner),
    ("serum", Step::Serum),
    ("ampoule", Step::Serum),
    ("ampule", Step::Serum),
    ("booster", Step::Serum),
    ("concentrate", Step::Serum),
    ("solution", Step::Serum),
    ("suspension", Step::Serum),
    ("complex", Step::Serum),
    ("drops", Step::Serum),
    ("drop", Step::Serum),
    ("face oil", Step::FaceOil),
    ("facial oil", Step::FaceOil),
    ("oil", Step::FaceOil),
    ("moistur", Step::Moisturizer),
    ("cream", Step::Moisturizer),
    ("creme", Step::Moisturizer),
    // A "lotion" is a toner in Japanese and some Western ranges when it is watery.
    ("lotion", Step::Toner),
    ("lotion", Step::Moisturizer),
    ("emulsion", Step::Moisturizer),
    ("gel", Step::Moisturizer),
    ("balm", Step::Moisturizer),
    ("baume", Step::Moisturizer),
    ("hydrator", Step::Moisturizer),
    ("jelly", Step::Moisturizer),
    ("water", Step::Toner),
    // A single-ingredient powder is mixed into something else.
    ("powder", Step::Other),
];

/// Phrases that mention a step's word without meaning it.
const NOT_HINTS: &[&str] = &[
    "oil free",
    "oil control",
    "oil absorbing",
    "after sun",
    "sun kissed",
];

/// The steps a product's name suggests, most specific first, each with the words that said so.
pub(super) fn name_hints(name: &str) -> Vec<(Step, &'static str)> {
    let mut hints: Vec<(Step, &'static str)> = Vec::new();
    if name.trim().is_empty() {
        return hints;
    }
    let mut name = format!(
        " {} ",
        name.to_lowercase().replace(['-', '_', ',', '&', '/'], " ")
    );
    for phrase in NOT_HINTS {
        if name.contains(phrase) {
            name = name.replace(phrase, " ");
        }
    }
    // "Niacinamide 10% + Zinc 1%": a strength in the name is how serums are sold; "100%" is a
    // purity claim, not a strength.
    let percent_hint = name
        .replace("100%", "")
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'%');
    for (word, step) in NAME_HINTS {
        if starts_a_word(&name, word) && !hints.iter().any(|(s, _)| s == step) {
            hints.push((*step, word));
        }
    }
    if percent_hint && !hints.iter().any(|(s, _)| *s == Step::Serum) {
        hints.push((Step::Serum, "%"));
    }
    hints
}

/// Whether `word` occurs in `name` at the start of a word: "oil" in "face oil", not "toilet".
fn starts_a_word(name: &str, word: &str) -> bool {
    let (name, word) = (name.as_bytes(), word.as_bytes());
    (1..name.len()).any(|at| {
        !name[at - 1].is_ascii_alphanumeric()
            && name.get(at..at + word.len()).is_some_and(|w| w == word)
    })
}
