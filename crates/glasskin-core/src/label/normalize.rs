//! Folding a label's text to the few characters the splitter knows: Unicode NFKC, HTML entities
//! left by copying from a web page, bullets, smart quotes and invisible characters.

use std::borrow::Cow;

use memchr::{memchr, memchr3};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Unicode NFKC, with the punctuation of real labels folded to the few characters the splitter
/// knows: bullets become commas, smart quotes plain ones, invisible characters go. HTML entities
/// left in text copied from a web page are decoded first ("&amp;", "&#x2F;", "&nbsp;").
pub fn normalize_text(text: &str) -> Cow<'_, str> {
    if memchr(b'&', text.as_bytes()).is_some()
        && let Cow::Owned(decoded) = html_escape::decode_html_entities(text)
    {
        return Cow::Owned(fold_text(&decoded).into_owned());
    }
    fold_text(text)
}

/// [`normalize_text`] once any entities are decoded.
pub(super) fn fold_text(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let needs_work = !text.is_ascii() || memchr3(b'\r', b'\t', b'\\', bytes).is_some();
    if !needs_work {
        return Cow::Borrowed(text);
    }
    // NFKC never joins a character to an ASCII one after it, so a text normalizes piece by
    // piece, each piece ending before an ASCII character. ASCII is copied as it stands; only
    // each run of other characters, with the ASCII letter before it (an "e" takes a following
    // accent), goes through the normalizer: a long label with one "™" costs a few bytes' work.
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let run_start = bytes[at..]
            .iter()
            .position(|b| !b.is_ascii())
            .map_or(text.len(), |p| at + p);
        // The ASCII before the run, but for its last character, which joins the run.
        let piece_start = if run_start < text.len() {
            run_start.saturating_sub(1).max(at)
        } else {
            run_start
        };
        fold_ascii(&text[at..piece_start], &mut out);
        let piece_end = bytes[run_start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(text.len(), |p| run_start + p);
        let piece = &text[piece_start..piece_end];
        if is_nfkc_quick(piece.chars()) == IsNormalized::Yes {
            piece.chars().for_each(|c| fold_char(c, &mut out));
        } else {
            piece.nfkc().for_each(|c| fold_char(c, &mut out));
        }
        at = piece_end;
    }
    Cow::Owned(out)
}

/// Appends ASCII text folded as [`fold_char`] folds it, copying the runs that need nothing.
fn fold_ascii(ascii: &str, out: &mut String) {
    let mut rest = ascii;
    while let Some(at) = memchr3(b'\r', b'\t', b'\\', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        fold_char(char::from(rest.as_bytes()[at]), out);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Folds one character of a label to what the splitter knows.
pub(super) fn fold_char(c: char, out: &mut String) {
    match c {
        '\r' => {}
        '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
        '•' | '●' | '▪' | '◦' | '∙' | '・' | '·' | '⋅' | '■' | '□' | '♦' | '❖' | '►' => {
            out.push(',')
        }
        // Korean labels separate with the Hangul middle dot, as NFKC leaves it or not.
        '、' | '\u{318d}' | '\u{119e}' => out.push(','),
        // Some brands join synonyms with backslashes: "Water\Aqua\Eau".
        '\\' => out.push('/'),
        '‘' | '’' | '‚' | '′' => out.push('\''),
        '“' | '”' | '„' | '″' => out.push('"'),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => out.push('-'),
        '【' | '〔' => out.push('['),
        '】' | '〕' => out.push(']'),
        c => out.push(c),
    }
}
