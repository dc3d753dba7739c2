//! Reading a Korean ingredient name that the knowledge base's table of Korean names lacks.
//!
//! Korean INCI names are systematic transcriptions of the English ones, written as one word:
//! 소듐하이알루로네이트 is "sodium hyaluronate", 병풀잎추출물 "centella asiatica leaf extract". The
//! knowledge base holds the naming rules as pieces ([`KnowledgeBase::korean_pieces`]); a name is
//! cut into pieces, fewest first, its English assembled, and that looked up like any label
//! name. A reading is only a reading: it is reported as its own match kind with a confidence,
//! never as the table's.

use crate::kb::{KnowledgeBase, KoreanPieces, NameRef, Resolved};
use crate::key::{has_hangul, is_hangul, lookup_key};

use super::analyzer::Analyzer;

/// How many ways of cutting a name are tried: names are short, and a few readings settle it.
const MAX_READINGS: usize = 24;

/// The longest name the rules read, in characters: the longest Korean INCI names are about
/// half this; anything longer is prose.
const MAX_NAME_CHARS: usize = 64;

/// The confidence of a reading whose English is a known name, letter for letter: the rules are
/// systematic but not the dictionary, so never as sure as a table hit.
pub const READ_CONFIDENCE: f32 = 0.9;

/// What the naming rules make of a Korean name: the ingredient, the confidence, and the name
/// read: the English of its pieces, or the table's Korean name it is a spelling of.
#[derive(Clone, Debug)]
pub struct KoreanReading {
    /// The ingredient read.
    pub found: Resolved,
    /// How sure the reading is, 0..=1; never above [`READ_CONFIDENCE`].
    pub confidence: f32,
    /// The English of the pieces, or the Korean name of the table it is a spelling of.
    pub read_as: String,
}

/// Reads a Korean name by the naming rules alone, without the table of Korean names: the
/// first cut, fewest pieces first, whose English is a known name, else the cut whose English is
/// most like a known name, confidently. `name` is a cleaned item ("소듐하이알루로네이트").
pub fn read_korean(name: &str, kb: &KnowledgeBase) -> Option<KoreanReading> {
    let readings = transcriptions(name, &kb.korean_pieces);
    let mut key = String::new();
    for english in &readings {
        lookup_key(english, &mut key);
        if let Some(found) = kb.lookup_key(&key).or_else(|| kb.lookup_squashed(&key)) {
            return Some(KoreanReading {
                found,
                confidence: READ_CONFIDENCE,
                read_as: english.clone(),
            });
        }
    }
    readings
        .iter()
        .filter_map(|english| {
            lookup_key(english, &mut key);
            let (found, score) = kb.fuzzy(&key)?;
            Some(KoreanReading {
                found,
                confidence: READ_CONFIDENCE * score,
                read_as: english.clone(),
            })
        })
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
}

impl Analyzer<'_> {
    /// "정제수 Water", "Butylene Glycol 부틸렌글라이콜": a Korean name with its English beside
    /// it, no bracket between, is one ingredient. The English, when known, says which; the
    /// Korean otherwise. Two names that read as different ingredients are not one.
    pub(super) fn korean_beside_english(&mut self, name: &str) -> Option<Resolved> {
        if !has_hangul(name) || !name.bytes().any(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let korean_word = |w: &str| has_hangul(w);
        let words: Vec<&str> = name.split_whitespace().collect();
        let boundary = (1..words.len())
            .filter(|&i| korean_word(words[i - 1]) != korean_word(words[i]))
            .collect::<Vec<_>>();
        let [at] = boundary[..] else {
            return None;
        };
        let split = words[at].as_ptr() as usize - name.as_ptr() as usize;
        let (first, second) = (name[..split].trim(), name[split..].trim());
        let (korean, english) = if korean_word(words[0]) {
            (first, second)
        } else {
            (second, first)
        };
        let from_english = self.candidates(english, false);
        let from_korean = self
            .candidates(korean, false)
            .or_else(|| self.korean_reading(korean).map(|r| r.found));
        match (from_english, from_korean) {
            (Some(e), Some(k)) if e.ingredient != k.ingredient => None,
            (Some(e), _) => Some(e),
            (None, k) => k,
        }
    }

    /// Reads `name` (which holds Hangul and missed the table): by the naming rules, or as an
    /// older or variant spelling of a name in the table ("부틸렌글리콜" for 부틸렌글라이콜),
    /// whichever is surer.
    pub(super) fn korean_reading(&mut self, name: &str) -> Option<KoreanReading> {
        let ruled = read_korean(name, self.kb);
        if ruled
            .as_ref()
            .is_some_and(|r| r.confidence >= READ_CONFIDENCE)
        {
            return ruled;
        }
        lookup_key(name, &mut self.key);
        let variant =
            variant_of_table_name(&self.key, self.kb).map(|(found, spelling)| KoreanReading {
                found,
                confidence: VARIANT_CONFIDENCE,
                read_as: spelling.to_owned(),
            });
        ruled
            .into_iter()
            .chain(variant)
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
    }
}

/// The confidence of a name read as another spelling of a table name: the spelling rules fold
/// only what transcriptions are known to vary in.
const VARIANT_CONFIDENCE: f32 = 0.85;

/// The Korean name of the table that `key` (a Korean name's lookup key) is another spelling of,
/// by the ways transcriptions of one English name vary ([`spelling`]), when it is one
/// ingredient's; with that name.
fn variant_of_table_name(key: &str, kb: &KnowledgeBase) -> Option<(Resolved, &'static str)> {
    let wanted = spelling(key);
    // Korean keys sort after every key that starts with an ASCII byte.
    let first = kb.key_shapes.partition_point(|s| s >> 16 < 0xEA);
    let mut found: Option<(NameRef, &'static str)> = None;
    for (candidate, name) in kb.sorted_keys.iter().skip(first) {
        if spelling(candidate) != wanted {
            continue;
        }
        match found {
            Some((other, _)) if other.index != name.index => return None,
            Some(_) => {}
            None => found = Some((name, candidate)),
        }
    }
    found.map(|(name, candidate)| (kb.resolve(name), candidate))
}

/// A Korean name's letters (jamo) with what transcriptions of one English name vary in folded
/// away: the older and newer spellings (글리콜 and 글라이콜, 디 and 다이, 트리 and 트라이, 이소
/// and 아이소, 히알루 and 하이알루, 실록산 and 실록세인, 메칠 and 메틸, 알콜 and 알코올,
/// 트레할로스 and 트레할로오스, 애씨드 and 에씨드). Nothing else: two names that differ in any
/// other letter, a syllable or a digit stay apart.
fn spelling(key: &str) -> Vec<u32> {
    const A: u32 = 0x1161; // ㅏ
    const AE: u32 = 0x1162; // ㅐ
    const E: u32 = 0x1166; // ㅔ
    const O: u32 = 0x1169; // ㅗ
    const I: u32 = 0x1175; // ㅣ
    const LEAD_S: u32 = 0x1109; // ㅅ
    const LEAD_SS: u32 = 0x110A; // ㅆ
    const LEAD_NG: u32 = 0x110B; // ㅇ, silent before a vowel
    const LEAD_CH: u32 = 0x110E; // ㅊ
    const LEAD_T: u32 = 0x1110; // ㅌ
    let letters = jamo(key);
    let mut out: Vec<u32> = Vec::with_capacity(letters.len());
    let mut at = 0;
    while at < letters.len() {
        let letter = match letters[at] {
            AE => E,
            LEAD_SS => LEAD_S,
            LEAD_CH => LEAD_T,
            other => other,
        };
        let next = |n: usize| letters.get(at + n).copied();
        // A vowel with no final consonant, then 이: "ai" (라이, 다이) or "ei" (세인, 레이).
        if matches!(letter, A | E) && next(1) == Some(LEAD_NG) && next(2) == Some(I) {
            out.push(if letter == A { I } else { A });
            at += 3;
            continue;
        }
        // ㅗ, then 오: "oo" (로오스, 코올) is one "o".
        if letter == O && next(1) == Some(LEAD_NG) && next(2) == Some(O) {
            out.push(O);
            at += 3;
            continue;
        }
        out.push(letter);
        at += 1;
    }
    out
}

/// The letters of a text: each Hangul syllable as its initial, vowel and final jamo, anything
/// else as itself.
fn jamo(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if is_hangul(c) {
            let n = c as u32 - 0xAC00;
            out.push(0x1100 + n / 588);
            out.push(0x1161 + n / 28 % 21);
            if !n.is_multiple_of(28) {
                out.push(0x11A7 + n % 28);
            }
        } else {
            out.push(c as u32);
        }
    }
    out
}

/// The English readings of a Korean name, fewest pieces first: each cut of its Hangul into the
/// knowledge base's pieces, with what is not Hangul ("1,2-", "-40", "C10-30", "/") kept as
/// written. A name with a syllable no piece covers has none.
fn transcriptions(name: &str, pieces: &dyn Pieces) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() > MAX_NAME_CHARS {
        return Vec::new();
    }
    let mut cutter = Cutter {
        dead: vec![false; chars.len() + 1],
        chars,
        pieces,
        path: Vec::new(),
        cuts: Vec::new(),
    };
    cutter.cut(0);
    let mut cuts = cutter.cuts;
    cuts.sort_by_key(|tokens| {
        tokens
            .iter()
            .filter(|t| matches!(t, Token::Piece(_)))
            .count()
    });
    cuts.iter().map(|tokens| english(tokens)).collect()
}

/// A part of a cut name: a piece's English, or text kept as written.
#[derive(Clone)]
enum Token<'p> {
    Piece(&'p str),
    Literal(String),
}

/// The search for the cuts of one name.
struct Cutter<'p> {
    chars: Vec<char>,
    pieces: &'p dyn Pieces,
    /// The cut so far.
    path: Vec<Token<'p>>,
    /// The cuts found.
    cuts: Vec<Vec<Token<'p>>>,
    /// The places no cut can finish from, so each is explored once: the search stays linear in
    /// the name however many pieces fit.
    dead: Vec<bool>,
}

impl<'p> Cutter<'p> {
    /// Every cut of the name from `at`, after the path so far, until there are enough.
    fn cut(&mut self, at: usize) {
        if self.cuts.len() >= MAX_READINGS || self.dead[at] {
            return;
        }
        let found = self.cuts.len();
        self.cut_from(at);
        if self.cuts.len() == found {
            self.dead[at] = true;
        }
    }

    /// [`Cutter::cut`] once `at` is not known to be dead.
    fn cut_from(&mut self, at: usize) {
        let chars = &self.chars;
        let Some(&first) = chars.get(at) else {
            self.cuts.push(self.path.clone());
            return;
        };
        if !is_hangul(first) {
            let end = chars[at..]
                .iter()
                .position(|&c| is_hangul(c))
                .map_or(chars.len(), |n| at + n);
            let text: String = chars[at..end].iter().collect();
            let text = text.trim();
            if text.is_empty() {
                return self.cut(end);
            }
            self.path.push(Token::Literal(text.to_owned()));
            self.cut(end);
            self.path.pop();
            return;
        }
        // Longest pieces first, so the first cut found is the one of fewest pieces most often.
        let run = chars[at..].iter().take_while(|&&c| is_hangul(c)).count();
        let mut prefix = String::new();
        let mut matches = Vec::new();
        for &c in &chars[at..at + run] {
            prefix.push(c);
            let pieces = self.pieces;
            let next = pieces.first_from(&prefix);
            if next < pieces.len() && pieces.korean(next) == prefix {
                matches.push((prefix.chars().count(), pieces.english(next)));
            }
            // No piece starts with this prefix: a longer one cannot either.
            if next == pieces.len() || !pieces.korean(next).starts_with(prefix.as_str()) {
                break;
            }
        }
        for (len, english) in matches.into_iter().rev() {
            self.path.push(Token::Piece(english));
            self.cut(at + len);
            self.path.pop();
        }
    }
}

/// The naming rules' pieces, sorted by their Korean text: the knowledge base's, or a test's.
trait Pieces {
    /// How many pieces.
    fn len(&self) -> usize;
    /// The Korean text of piece `i`.
    fn korean(&self, i: usize) -> &str;
    /// The English of piece `i`.
    fn english(&self, i: usize) -> &str;

    /// The first piece whose Korean text is not below `text`.
    fn first_from(&self, text: &str) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.korean(mid) < text {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

impl Pieces for KoreanPieces {
    fn len(&self) -> usize {
        self.korean.len()
    }
    fn korean(&self, i: usize) -> &str {
        self.korean.get(i)
    }
    fn english(&self, i: usize) -> &str {
        self.english.get(i)
    }
}

impl Pieces for &[(&str, &str)] {
    fn len(&self) -> usize {
        <[_]>::len(self)
    }
    fn korean(&self, i: usize) -> &str {
        self[i].0
    }
    fn english(&self, i: usize) -> &str {
        self[i].1
    }
}

/// The English of a cut: pieces spaced as words, text kept as written joined to its
/// neighbours where it is punctuation ("peg" "-40" → "peg-40").
fn english(tokens: &[Token<'_>]) -> String {
    let mut out = String::new();
    let mut glue = true;
    for token in tokens {
        let text = match token {
            Token::Piece(english) => *english,
            Token::Literal(text) => text.as_str(),
        };
        let joins = text.starts_with(['-', '/', ',', ')']);
        if !glue && !joins {
            out.push(' ');
        }
        out.push_str(text);
        glue = text.ends_with(['-', '/', ',', '(']);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIECES: &[(&str, &str)] = &[
        ("글라이콜", "glycol"),
        ("다이", "di"),
        ("메티콘", "methicone"),
        ("부틸렌", "butylene"),
        ("소듐", "sodium"),
        ("추출물", "extract"),
        ("피이지", "peg"),
        ("하이드로제네이티드", "hydrogenated"),
        ("하이알루로네이트", "hyaluronate"),
    ];

    #[test]
    fn a_name_is_cut_into_pieces_and_spelled_in_english() {
        assert_eq!(
            transcriptions("소듐하이알루로네이트", &PIECES),
            ["sodium hyaluronate"]
        );
        assert_eq!(transcriptions("다이메티콘", &PIECES), ["di methicone"]);
        // What is not Hangul is kept as written, joined where it is punctuation.
        assert_eq!(
            transcriptions("피이지-40하이드로제네이티드", &PIECES),
            ["peg-40 hydrogenated"]
        );
        assert_eq!(
            transcriptions("1,2-부틸렌글라이콜", &PIECES),
            ["1,2-butylene glycol"]
        );
    }

    /// Pieces that fit everywhere and a syllable none covers at the end: every place is tried
    /// once, not every way of cutting the name before it.
    #[test]
    fn a_long_name_that_cannot_be_read_is_given_up_quickly() {
        let pieces = [("가", "a"), ("가가", "aa"), ("가가가", "aaa")];
        let name = format!("{}힣", "가".repeat(60));
        assert!(transcriptions(&name, &&pieces[..]).is_empty());
        assert!(transcriptions(&"가".repeat(1000), &&pieces[..]).is_empty());
    }

    #[test]
    fn a_syllable_no_piece_covers_gives_no_reading() {
        assert!(transcriptions("소듐크레노바인", &PIECES).is_empty());
        assert!(transcriptions("뮬라센추출물", &PIECES).is_empty());
    }

    #[test]
    fn spellings_of_one_name_meet_and_other_names_stay_apart() {
        let same = |a: &str, b: &str| spelling(a) == spelling(b);
        for (older, newer) in [
            ("부틸렌글리콜", "부틸렌글라이콜"),
            ("디메치콘", "다이메티콘"),
            (
                "카프릴릭/카프릭트리글리세라이드",
                "카프릴릭/카프릭트라이글리세라이드",
            ),
            ("이소프로필미리스테이트", "아이소프로필미리스테이트"),
            ("사이클로펜타실록산", "사이클로펜타실록세인"),
            ("트레할로스", "트레할로오스"),
            ("세테아릴알콜", "세테아릴알코올"),
            ("스테아릭에씨드", "스테아릭애씨드"),
            ("나이아신아미드", "나이아신아마이드"),
        ] {
            assert!(same(older, newer), "{older} {newer}");
        }
        for (one, other) in [
            ("스쿠알란", "스쿠알렌"),
            ("피이지-20", "피이지-200"),
            ("영지추출물", "송이추출물"),
            ("사과꽃추출물", "살구꽃추출물"),
            ("달맞이꽃추출물", "달맞이꽃씨추출물"),
            ("판테놀", "판테논"),
        ] {
            assert!(!same(one, other), "{one} {other}");
        }
    }
}
