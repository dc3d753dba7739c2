//! Product names: the words that say which routine step a product is sold as, and the sun
//! protection a name declares.
//!
//! A name has two kinds of step word. A *kind* word says what the product is whatever else the
//! name says ("cleansing oil", "eye", "mask", "peel"), so the most specific kind wins. A *form*
//! word says what the product is like ("cream", "serum", "mist", "oil"), and names put their head
//! noun last: a "Moisturizer + Serum" is a serum, a "Treatment Lotion Mist" a mist, an "Oil
//! Serum" a serum and a "Serum Oil" an oil. So kinds come first, most specific first, then forms,
//! the last in the name first.
//!
//! A word matches at a word's start and end, plural included ("mask" in "masks", not "complex" in
//! "complexion", nor "lip" in "lipids"); a word ending in `*` is a stem ("moistur*" in
//! "moisturising").

use super::Step;
use crate::label::sun_claims::{ClaimSource, DeclaredSpf, marks};

/// Kind words, most specific first: the first that matches is the name's first hint.
const KIND_HINTS: &[(&str, Step)] = &[
    // Not skincare applied to the face, whatever else the name says.
    ("supplement", Step::Other),
    ("primer", Step::Other),
    ("concealer", Step::Other),
    ("foundation", Step::Other),
    ("setting", Step::Other),
    ("blotting", Step::Other),
    ("makeup remover", Step::OilCleanser),
    ("make up remover", Step::OilCleanser),
    ("spot remover", Step::SpotTreatment),
    // Eye care is the more specific of "eye and lip"; lips are more specific than "body", which
    // is often a brand's word.
    ("eye and lip", Step::EyeCare),
    ("eye lip", Step::EyeCare),
    ("lip and eye", Step::EyeCare),
    ("lip eye", Step::EyeCare),
    ("lip", Step::LipCare),
    ("body", Step::Body),
    ("hand*", Step::Body),
    ("foot", Step::Body),
    ("feet", Step::Body),
    ("heel", Step::Body),
    ("stretch mark", Step::Body),
    ("cellulite", Step::Body),
    ("shower", Step::Body),
    ("bath*", Step::Body),
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
    ("remover", Step::WaterCleanser),
    ("wipe", Step::WaterCleanser),
    ("towelette", Step::WaterCleanser),
    ("cleanser", Step::WaterCleanser),
    ("cleansing bar", Step::WaterCleanser),
    ("eye*", Step::EyeCare),
    ("undereye", Step::EyeCare),
    ("dark circle", Step::EyeCare),
    ("puff*", Step::EyeCare),
    ("sheet mask", Step::SheetMask),
    ("mask sheet", Step::SheetMask),
    ("sheet", Step::SheetMask),
    ("essential mask", Step::SheetMask),
    ("sleeping mask", Step::SleepingMask),
    ("sleeping pack", Step::SleepingMask),
    ("sleep mask", Step::SleepingMask),
    ("overnight mask", Step::SleepingMask),
    ("night mask", Step::SleepingMask),
    ("wash off", Step::WashOffMask),
    ("peel off", Step::WashOffMask),
    // Pore strips are peeled off like a peel-off mask.
    ("pore strip", Step::WashOffMask),
    ("nose strip", Step::WashOffMask),
    ("pore mask", Step::WashOffMask),
    ("mask*", Step::WashOffMask),
    ("masque", Step::WashOffMask),
    ("pack", Step::WashOffMask),
    ("micellar", Step::WaterCleanser),
    // A toner that also cleanses is still a toner.
    ("cleansing toner", Step::Toner),
    // An exfoliating wash or foam is an exfoliant that rinses off.
    ("peel*", Step::Exfoliant),
    ("exfoliat*", Step::Exfoliant),
    ("scrub*", Step::Exfoliant),
    ("polish", Step::Exfoliant),
    ("microfoliant", Step::Exfoliant),
    ("microderm*", Step::Exfoliant),
    ("dermabrasion", Step::Exfoliant),
    ("resurfacing", Step::Exfoliant),
    ("pad", Step::Exfoliant),
    // "Clay" and "mud" name an ingredient: a clay cleanser is a cleanser, a clay exfoliator an
    // exfoliant, and a clay alone a mask.
    ("clay", Step::WashOffMask),
    ("mud", Step::WashOffMask),
    ("cleansing", Step::WaterCleanser),
    ("cleanse", Step::WaterCleanser),
    ("face wash", Step::WaterCleanser),
    ("facial wash", Step::WaterCleanser),
    ("foam*", Step::WaterCleanser),
    ("wash", Step::WaterCleanser),
    ("soap", Step::WaterCleanser),
    ("spot", Step::SpotTreatment),
    ("blemish", Step::SpotTreatment),
    ("pimple", Step::SpotTreatment),
    ("acne treatment", Step::SpotTreatment),
    ("drying lotion", Step::SpotTreatment),
    ("patch", Step::SpotTreatment),
    ("essence toner", Step::Toner),
    ("toner essence", Step::Essence),
    ("first treatment", Step::Essence),
];

/// Form words: the one ending nearest the end of the name (its head noun) is its first form
/// hint. Words ending at the same place keep this order.
const FORM_HINTS: &[(&str, Step)] = &[
    ("essence", Step::Essence),
    ("toner", Step::Toner),
    ("tonic", Step::Toner),
    ("toning", Step::Toner),
    ("softener", Step::Toner),
    ("serum", Step::Serum),
    ("ampoule", Step::Serum),
    ("ampule", Step::Serum),
    ("booster", Step::Serum),
    ("concentrate", Step::Serum),
    ("solution", Step::Serum),
    ("suspension", Step::Serum),
    ("complex", Step::Serum),
    ("drop", Step::Serum),
    ("face oil", Step::FaceOil),
    ("facial oil", Step::FaceOil),
    ("oil", Step::FaceOil),
    ("moisturizer", Step::Moisturizer),
    ("moisturiser", Step::Moisturizer),
    ("cream", Step::Moisturizer),
    ("creme", Step::Moisturizer),
    // A "lotion" is a toner in Japanese and some Western ranges when it is watery; a
    // "moisturising lotion" is not.
    ("moisturizing lotion", Step::Moisturizer),
    ("moisturising lotion", Step::Moisturizer),
    ("lotion", Step::Toner),
    ("lotion", Step::Moisturizer),
    ("emulsion", Step::Moisturizer),
    ("fluid", Step::Moisturizer),
    ("gel", Step::Moisturizer),
    ("balm", Step::Moisturizer),
    ("salve", Step::Moisturizer),
    ("baume", Step::Moisturizer),
    ("hydrator", Step::Moisturizer),
    ("jelly", Step::Moisturizer),
    // A single-ingredient powder is mixed into something else.
    ("powder", Step::Other),
];

/// Weak form words: how a product is dispensed or what it does, not what it is. They count
/// only after every form word, the last in the name first: an "Essence Mist" is an essence, a
/// "Moisture Mist" a mist.
const WEAK_FORM_HINTS: &[(&str, Step)] = &[
    ("mist", Step::Toner),
    ("spray", Step::Toner),
    ("spritz", Step::Toner),
    ("water", Step::Toner),
    ("moistur*", Step::Moisturizer),
    // "Overnight" or "sleeping" alone: a sleeping mask ("Overnight Oil" is an oil).
    ("overnight", Step::SleepingMask),
    ("sleeping", Step::SleepingMask),
    // A targeted "treatment" with no form word: a leave-on like a serum.
    ("treatment", Step::Serum),
];

/// Words that declare sun protection in a name: a sunscreen, whatever else it is.
const SUN_WORDS: &[&str] = &[
    "sunscreen",
    "sun screen",
    "sunblock",
    "sun block",
    "sun cream",
    "sun stick",
    "sun milk",
    "sun gel",
    "sun serum",
    "sun fluid",
    "sun lotion",
    "sun spray",
    "sun shield",
    "sun protect*",
    "sun defen*",
    "relief sun",
    "uv",
    "uva uvb",
];

/// The words of Korean product names, as their English: Korean names run words together
/// ("수분크림", "진정토너"), so each is found anywhere in the name. Longest first, so that
/// "클렌징오일" is read before "오일".
const KOREAN_WORDS: &[(&str, &str)] = &[
    ("자외선차단제", "sunscreen"),
    ("자외선 차단제", "sunscreen"),
    ("클렌징오일", "cleansing oil"),
    ("클렌징 오일", "cleansing oil"),
    ("클렌징워터", "cleansing water"),
    ("클렌징 워터", "cleansing water"),
    ("클렌징밤", "cleansing balm"),
    ("클렌징 밤", "cleansing balm"),
    ("클렌징폼", "cleansing foam"),
    ("클렌징 폼", "cleansing foam"),
    ("폼클렌징", "foam cleansing"),
    ("폼 클렌징", "foam cleansing"),
    ("슬리핑마스크", "sleeping mask"),
    ("슬리핑 마스크", "sleeping mask"),
    ("슬리핑팩", "sleeping pack"),
    ("슬리핑 팩", "sleeping pack"),
    ("시트마스크", "sheet mask"),
    ("시트 마스크", "sheet mask"),
    ("마스크팩", "sheet mask"),
    ("마스크 팩", "sheet mask"),
    ("아이크림", "eye cream"),
    ("아이 크림", "eye cream"),
    ("선크림", "sun cream"),
    ("선블록", "sunblock"),
    ("선스틱", "sun stick"),
    ("선세럼", "sun serum"),
    ("선젤", "sun gel"),
    ("선로션", "sun lotion"),
    ("선밀크", "sun milk"),
    ("클렌저", "cleanser"),
    ("워시오프", "wash off"),
    ("필오프", "peel off"),
    ("토너패드", "toner pad"),
    ("에멀전", "emulsion"),
    ("에멀젼", "emulsion"),
    ("에센스", "essence"),
    ("마스크", "mask"),
    ("미스트", "mist"),
    ("토너", "toner"),
    ("세럼", "serum"),
    ("앰플", "ampoule"),
    ("크림", "cream"),
    ("로션", "lotion"),
    ("오일", "oil"),
    ("립밤", "lip balm"),
    ("바디", "body"),
    ("핸드", "hand"),
    ("필링", "peeling"),
    ("스팟", "spot"),
    ("패치", "patch"),
    ("젤", "gel"),
    // Not "밤" alone: it is also "night".
    ("팩", "pack"),
];

/// The name with the words of [`KOREAN_WORDS`] written in English beside the rest.
fn korean_words(name: &str) -> std::borrow::Cow<'_, str> {
    if !crate::key::has_hangul(name) {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut name = name.to_owned();
    for (korean, english) in KOREAN_WORDS {
        if name.contains(korean) {
            name = name.replace(korean, &format!(" {english} "));
        }
    }
    std::borrow::Cow::Owned(name)
}

/// Phrases that mention a step's word without meaning it.
const NOT_HINTS: &[&str] = &[
    "oil free",
    "oil control",
    "oil absorbing",
    "after sun",
    "sun kissed",
    // Pigmentation, not a blemish.
    "dark spot",
    "age spot",
    "sun spot",
    // A skin type, not a product.
    "blemish prone",
];

/// What a product's name says.
pub(super) struct NameReading {
    /// The steps the name suggests, most telling first, each with the words that said so.
    pub hints: Vec<(Step, &'static str)>,
    /// The sun protection the name declares ("SPF 50", "PA+++", "Broad Spectrum",
    /// "sunscreen").
    pub claim: Option<DeclaredSpf>,
}

/// Reads a product's name.
pub(super) fn read_name(name: &str) -> NameReading {
    let mut hints: Vec<(Step, &'static str)> = Vec::new();
    if name.trim().is_empty() {
        return NameReading { hints, claim: None };
    }
    let mut name = fold(&korean_words(name));
    for phrase in NOT_HINTS {
        if name.contains(phrase) {
            name = name.replace(phrase, " ");
        }
    }
    drop_quantity_packs(&mut name);
    split_run_in_masks(&mut name);
    let mut starts = word_starts(&name);
    let claim = claim_in(&name, &starts);
    // "Sun cream", "sun gel": the form word belongs to the sunscreen.
    if claim.is_some() {
        let mut changed = false;
        for phrase in SUN_WORDS
            .iter()
            .filter(|w| w.starts_with("sun ") && !w.ends_with('*'))
        {
            if name.contains(phrase) {
                name = name.replace(phrase, " ");
                changed = true;
            }
        }
        if changed {
            starts = word_starts(&name);
        }
    }
    let name = name.as_str();
    let word_at = |word: &str| last_word_at(name, &starts, word);
    // "Niacinamide 10% + Zinc 1%": a strength in the name is how serums are sold; "100%" is a
    // purity claim, not a strength.
    let percent_hint = name
        .as_bytes()
        .windows(2)
        .enumerate()
        .any(|(at, w)| w[0].is_ascii_digit() && w[1] == b'%' && !name[..at].ends_with("10"));
    for (word, step) in KIND_HINTS {
        if !hints.iter().any(|(s, _)| s == step) && word_at(word).is_some() {
            hints.push((*step, trim_stem(word)));
        }
    }
    // "Overnight Hydrating Mask": a sleeping mask, however the words are spread.
    if let Some(at) = hints
        .iter()
        .position(|(s, w)| *s == Step::WashOffMask && matches!(*w, "mask" | "masque" | "pack"))
        && ["overnight", "sleeping", "night"]
            .iter()
            .any(|w| word_at(w).is_some())
        && !hints.iter().any(|(s, _)| *s == Step::SleepingMask)
    {
        hints.insert(at, (Step::SleepingMask, "night"));
    }
    for table in [FORM_HINTS, WEAK_FORM_HINTS] {
        let mut forms: Vec<(usize, Step, &'static str)> = table
            .iter()
            .filter_map(|(word, step)| Some((word_at(word)?, *step, trim_stem(word))))
            .collect();
        // The head noun first; a stable sort keeps the table's order for words at one place.
        forms.sort_by_key(|form| std::cmp::Reverse(form.0));
        for (_, step, word) in forms {
            if !hints.iter().any(|(s, _)| *s == step) {
                hints.push((step, word));
            }
        }
    }
    if percent_hint && !hints.iter().any(|(s, _)| *s == Step::Serum) {
        hints.push((Step::Serum, "%"));
    }
    NameReading { hints, claim }
}

/// The protection a (folded) name declares: an SPF number, a PA grade, "broad spectrum", "SPF"
/// alone or a sun word.
fn claim_in(name: &str, starts: &[usize]) -> Option<DeclaredSpf> {
    let marks = marks(name);
    let said = if marks.any_number() || marks.broad_spectrum {
        "spf"
    } else if marks.spf_word {
        "SPF"
    } else {
        trim_stem(
            SUN_WORDS
                .iter()
                .find(|w| last_word_at(name, starts, w).is_some())?,
        )
    };
    Some(DeclaredSpf {
        spf: marks.spf,
        plus: marks.plus,
        pa: marks.pa,
        broad_spectrum: marks.broad_spectrum,
        from: ClaimSource::Name,
        said,
    })
}

fn trim_stem(word: &'static str) -> &'static str {
    word.trim_end_matches('*')
}

/// The name in lower case with accents and punctuation folded to single spaces, padded with
/// spaces: "Crème Ancienne® Face-Oil" → " creme ancienne face oil ". Digits, `%` and `+` stay (strengths,
/// "SPF 50+", "PA+++").
fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push(' ');
    for c in name.chars() {
        match c {
            'a'..='z' | '0'..='9' | '%' | '+' | '.' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => out.push('a'),
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'Î' | 'Ï' => out.push('i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ō' | 'Ô' | 'Ö' | 'Ō' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'Û' | 'Ü' => out.push('u'),
            'ç' | 'Ç' => out.push('c'),
            'ñ' => out.push('n'),
            // Apostrophes join a word ("Kiehl's"); other marks separate words.
            '\'' | '’' => {}
            _ if out.ends_with(' ') => {}
            _ => out.push(' '),
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Parts "mask" from the word it runs into: brands and hashtags write "Dermask", "Sheetmask" or
/// "#GLITTERMASK". A damask rose is not a mask.
fn split_run_in_masks(name: &mut String) {
    if !name.contains("mask ") {
        return;
    }
    let mut out = String::with_capacity(name.len() + 4);
    for word in name.split_inclusive(' ') {
        match word.strip_suffix("mask ") {
            Some(head) if !head.is_empty() && head != "da" => {
                out.push_str(head);
                out.push_str(" mask ");
            }
            _ => out.push_str(word),
        }
    }
    *name = out;
}

/// Takes out "pack" where it counts items, not a Korean mask: "Duo Pack", "2 Pack", "(Pack of
/// 6)".
fn drop_quantity_packs(name: &mut String) {
    if !name.contains("pack") {
        return;
    }
    const COUNTS: &[&str] = &["duo", "trio", "twin", "value", "travel", "multi", "x"];
    let words: Vec<&str> = name.split_whitespace().collect();
    let counted = |at: usize| {
        words[at] == "pack"
            && ((at > 0
                && (words[at - 1].bytes().all(|b| b.is_ascii_digit())
                    || COUNTS.contains(&words[at - 1])))
                || words.get(at + 1) == Some(&"of"))
    };
    if !(0..words.len()).any(counted) {
        return;
    }
    let kept: Vec<&str> = (0..words.len())
        .filter(|&at| !counted(at))
        .map(|at| words[at])
        .collect();
    *name = format!(" {} ", kept.join(" "));
}

/// Where the words of a (folded) name start: a letter or digit after anything else.
fn word_starts(name: &str) -> Vec<usize> {
    let b = name.as_bytes();
    (1..b.len())
        .filter(|&at| b[at].is_ascii_alphanumeric() && !b[at - 1].is_ascii_alphanumeric())
        .collect()
}

/// Where `word` last ends in `name` (whose word starts are `starts`) as a whole word, or for a
/// `*` stem at a word's start, plurals included.
fn last_word_at(name: &str, starts: &[usize], word: &str) -> Option<usize> {
    let (stem, whole) = match word.strip_suffix('*') {
        Some(stem) => (stem, false),
        None => (word, true),
    };
    let (name, stem) = (name.as_bytes(), stem.as_bytes());
    let is_letter = |b: u8| b.is_ascii_alphanumeric();
    starts
        .iter()
        .rev()
        .find(|&&at| {
            if !name[at..].starts_with(stem) {
                return false;
            }
            if !whole {
                return true;
            }
            match &name[at + stem.len()..] {
                [b's', b, ..] | [b'e', b's', b, ..] if !is_letter(*b) => true,
                [b, ..] => !is_letter(*b),
                [] => true,
            }
        })
        .map(|at| at + stem.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(name: &str) -> Option<Step> {
        read_name(name).hints.first().map(|(s, _)| *s)
    }

    #[test]
    fn words_match_whole_with_plurals_and_stems() {
        assert_eq!(
            first("Real Complexion Hyaluron Moisture Cream"),
            Some(Step::Moisturizer)
        );
        assert_eq!(first("Essential Lipids"), None);
        assert_eq!(first("Eye Patches"), Some(Step::EyeCare));
        assert_eq!(first("Hydra-Gel Eye Masks"), Some(Step::EyeCare));
        assert_eq!(first("Smoothing Patches"), Some(Step::SpotTreatment));
        assert_eq!(first("Ultra Moisturising Toner"), Some(Step::Toner));
        assert_eq!(
            first("Watermelon Glow Niacinamide Dew Drops"),
            Some(Step::Serum)
        );
        assert_eq!(first("Crème Ancienne"), Some(Step::Moisturizer));
    }

    #[test]
    fn korean_names_say_their_step() {
        for (name, step) in [
            ("라운드랩 1025 독도 토너", Step::Toner),
            ("아누아 어성초 77 수딩 토너", Step::Toner),
            ("마녀공장 퓨어 클렌징 오일", Step::OilCleanser),
            ("바닐라코 클린잇제로 클렌징밤 오리지널", Step::OilCleanser),
            ("코스알엑스 약산성 굿모닝 젤 클렌저", Step::WaterCleanser),
            ("이니스프리 그린티 아미노 클렌징폼", Step::WaterCleanser),
            (
                "코스알엑스 어드밴스드 스네일 96 뮤신 파워 에센스",
                Step::Essence,
            ),
            ("스킨1004 마다가스카르 센텔라 앰플", Step::Serum),
            ("토리든 다이브인 저분자 히알루론산 세럼", Step::Serum),
            ("에스트라 아토베리어365 크림", Step::Moisturizer),
            ("라네즈 워터 슬리핑 마스크", Step::SleepingMask),
            ("메디힐 티트리 마스크팩", Step::SheetMask),
            ("AHC 에이지리스 리얼 아이크림 포 페이스", Step::EyeCare),
        ] {
            assert_eq!(first(name), Some(step), "{name}");
        }
        assert!(
            read_name("조선미녀 맑은쌀 선크림 SPF50+ PA++++")
                .claim
                .is_some()
        );
        assert!(read_name("라운드랩 자작나무 수분 선크림").claim.is_some());
    }

    #[test]
    fn the_head_noun_decides_between_forms() {
        assert_eq!(
            first("Honey Drop Lightweight Moisturizer"),
            Some(Step::Moisturizer)
        );
        assert_eq!(first("Plumping Moisturizer + Serum"), Some(Step::Serum));
        assert_eq!(first("Treatment Lotion Mist"), Some(Step::Toner));
        assert_eq!(first("Hyaluronic Wonder Oil Serum"), Some(Step::Serum));
        assert_eq!(first("Face Serum Oil"), Some(Step::FaceOil));
        assert_eq!(first("Overnight Detox Oil"), Some(Step::FaceOil));
        assert_eq!(
            first("Redness Solutions Daily Relief Cream"),
            Some(Step::Moisturizer)
        );
        // Kinds still come first.
        assert_eq!(first("Eye and Lip Contour Cream"), Some(Step::EyeCare));
        assert_eq!(first("Cleansing Toner"), Some(Step::Toner));
        assert_eq!(first("Water Sleeping Mask"), Some(Step::SleepingMask));
    }

    #[test]
    fn quantities_and_pigment_spots_are_not_steps() {
        assert_eq!(first("Hydrabio H2O 500ml Duo Pack"), None);
        assert_eq!(first("Peel Pad (14 Pack)"), Some(Step::Exfoliant));
        assert_eq!(first("Red Jelly Pack"), Some(Step::WashOffMask));
        assert_eq!(
            first("Dark Spot Correcting Night Cream"),
            Some(Step::Moisturizer)
        );
        assert_eq!(first("Blemish Spot Gel"), Some(Step::SpotTreatment));
    }

    #[test]
    fn masks_run_into_a_word_are_masks() {
        assert_eq!(
            first("Dermask Water Jet Hydra Solution"),
            Some(Step::WashOffMask)
        );
        assert_eq!(
            first("#GLITTERMASK Firming Treatment"),
            Some(Step::WashOffMask)
        );
        assert_eq!(first("Damask Rose Facial Oil"), Some(Step::FaceOil));
    }

    #[test]
    fn salves_strips_and_microdermabrasion_are_named() {
        assert_eq!(first("Skin Repair Salve"), Some(Step::Moisturizer));
        assert_eq!(first("Deep Cleansing Pore Strips"), Some(Step::WashOffMask));
        assert_eq!(first("Nose Strip"), Some(Step::WashOffMask));
        assert_eq!(
            first("Microdermabrasion Age-Defying Exfoliator"),
            Some(Step::Exfoliant)
        );
        assert_eq!(first("Micro-Dermabrasion Cream"), Some(Step::Exfoliant));
        // "Treatment" is a weak word: any form word comes first.
        assert_eq!(first("Treatment Essence"), Some(Step::Essence));
        assert_eq!(first("Firming Treatment"), Some(Step::Serum));
    }

    #[test]
    fn sun_words_are_claims_not_hints() {
        let reading = read_name("Daily Moisturizer Broad Spectrum SPF 35");
        assert_eq!(reading.hints.first().map(|h| h.0), Some(Step::Moisturizer));
        assert_eq!(reading.claim.and_then(|c| c.spf), Some(35));
        assert!(read_name("After-Sun Soothing Lotion").claim.is_none());
    }
}
