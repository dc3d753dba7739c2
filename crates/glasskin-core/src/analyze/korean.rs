//! Reading a Korean ingredient name that the knowledge base's table of Korean names lacks.
//!
//! Korean INCI names are systematic transcriptions of the English ones, written as one word:
//! 소듐하이알루로네이트 is "sodium hyaluronate", 병풀잎추출물 "centella asiatica leaf extract". The
//! knowledge base holds the naming rules as pieces ([`KnowledgeBase::korean_pieces`]); a name is
//! cut into pieces, fewest first, its English assembled, and that looked up like any label
//! name. A reading is only a reading: it is reported as its own match kind with a confidence,
//! never as the table's.

use crate::kb::{KnowledgeBase, Resolved};
use crate::key::{is_hangul, lookup_key};

use super::analyzer::Analyzer;

/// How many ways of cutting a name are tried: names are short, and a few readings settle it.
const MAX_READINGS: usize = 24;

/// The confidence of a reading whose English is a known name, letter for letter: the rules are
/// systematic but not the dictionary, so never as sure as a table hit.
const READ_CONFIDENCE: f32 = 0.9;

/// What the naming rules make of a Korean name: the ingredient, the confidence and the English
/// read.
pub(super) struct Reading {
    pub(super) found: Resolved,
    pub(super) confidence: f32,
    pub(super) english: String,
}

impl Analyzer<'_> {
    /// Reads `name` (which holds Hangul) by the naming rules: the first reading, fewest pieces
    /// first, whose English is a known name, else the most similar confident near match.
    pub(super) fn korean_reading(&mut self, name: &str) -> Option<Reading> {
        let readings = transcriptions(name, self.kb);
        let mut key = String::new();
        for english in &readings {
            lookup_key(english, &mut key);
            if let Some(found) = self
                .kb
                .lookup_key(&key)
                .or_else(|| self.kb.lookup_squashed(&key))
            {
                return Some(Reading {
                    found,
                    confidence: READ_CONFIDENCE,
                    english: english.clone(),
                });
            }
        }
        readings
            .iter()
            .filter_map(|english| {
                lookup_key(english, &mut key);
                let (found, score) = self.kb.fuzzy(&key)?;
                Some(Reading {
                    found,
                    confidence: READ_CONFIDENCE * score,
                    english: english.clone(),
                })
            })
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
    }
}

/// The English readings of a Korean name, fewest pieces first: each cut of its Hangul into the
/// knowledge base's pieces, with what is not Hangul ("1,2-", "-40", "C10-30", "/") kept as
/// written. A name with a syllable no piece covers has none.
pub(super) fn transcriptions(name: &str, kb: &KnowledgeBase) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut cuts: Vec<Vec<Token<'_>>> = Vec::new();
    let mut path = Vec::new();
    cut(&chars, 0, kb.korean_pieces, &mut path, &mut cuts);
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

/// Every cut of `chars[at..]`, appended to `path`, into `out`, until there are enough.
fn cut<'p>(
    chars: &[char],
    at: usize,
    pieces: &'p [(&'p str, &'p str)],
    path: &mut Vec<Token<'p>>,
    out: &mut Vec<Vec<Token<'p>>>,
) {
    if out.len() >= MAX_READINGS {
        return;
    }
    let Some(&first) = chars.get(at) else {
        out.push(path.clone());
        return;
    };
    if !is_hangul(first) {
        let end = chars[at..]
            .iter()
            .position(|&c| is_hangul(c))
            .map_or(chars.len(), |n| at + n);
        let text: String = chars[at..end].iter().collect();
        let pushed = !text.trim().is_empty();
        if pushed {
            path.push(Token::Literal(text.trim().to_owned()));
        }
        cut(chars, end, pieces, path, out);
        if pushed {
            path.pop();
        }
        return;
    }
    // Longest pieces first, so the first cut found is the one of fewest pieces most often.
    let run = chars[at..].iter().take_while(|&&c| is_hangul(c)).count();
    let mut prefix = String::new();
    let mut matches = Vec::new();
    for &c in &chars[at..at + run] {
        prefix.push(c);
        if let Ok(found) = pieces.binary_search_by(|(k, _)| (*k).cmp(prefix.as_str())) {
            matches.push((prefix.chars().count(), pieces[found].1));
        }
        // No piece starts with this prefix: a longer one cannot either.
        let next = pieces.partition_point(|(k, _)| *k < prefix.as_str());
        if !pieces
            .get(next)
            .is_some_and(|(k, _)| k.starts_with(prefix.as_str()))
        {
            break;
        }
    }
    for (len, english) in matches.into_iter().rev() {
        path.push(Token::Piece(english));
        cut(chars, at + len, pieces, path, out);
        path.pop();
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
