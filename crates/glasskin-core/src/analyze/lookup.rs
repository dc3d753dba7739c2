//! Looking a cleaned name up: as written, by its plain key, without its brackets, part by part,
//! split into several known names, and by the full key rules when nothing cheaper hits.

use crate::kb::{NameKind, Resolved};
use crate::key::{has_hangul, lookup_key, may_fold, plain_key};
use crate::label::{self};

use super::analyzer::Analyzer;
use super::clean::{bracketed, outside_brackets};

impl Analyzer<'_> {
    /// Tries the readings of a name in order: whole; without bracketed parts; each bracketed
    /// part; each slash-separated part.
    #[inline]
    pub(super) fn candidates(&mut self, name: &str, lowered: bool) -> Option<Resolved> {
        match self.try_shaped(name, lowered) {
            Some(hit) => Some(hit),
            None => self.part_candidates(name),
        }
    }

    /// [`Analyzer::candidates`] once the whole name has missed.
    #[inline(never)]
    pub(super) fn part_candidates(&mut self, name: &str) -> Option<Resolved> {
        // Byte by byte: a pattern of characters would decode each one.
        const PARTS: [bool; 256] = label::byte_set(b"([{/");
        if !name.bytes().any(|b| PARTS[usize::from(b)]) {
            return None;
        }
        // The buffer is taken out of `self` while `try_name` borrows it mutably.
        let mut outside = std::mem::take(&mut self.outside);
        outside_brackets(name, &mut outside);
        let found = self.bracket_candidates(name, &outside);
        self.outside = outside;
        found
    }

    /// [`Analyzer::candidates`] once the whole name has missed: the name outside its brackets,
    /// then its parts.
    fn bracket_candidates(&mut self, name: &str, outside: &str) -> Option<Resolved> {
        if outside.len() != name.len()
            && !outside.trim().is_empty()
            && let Some(hit) = self.try_name(outside)
        {
            // "Iron Oxides (CI 77499)": the INCI name in brackets is more precise than a
            // synonym outside them. A Korean name is the INCI name in Korean: "티타늄디옥사이드
            // (CI 77891)" is titanium dioxide, as "Titanium Dioxide (CI 77891)" is.
            if hit.kind == NameKind::Synonym
                && !has_hangul(outside)
                && let Some(exact) = bracketed(name)
                    .filter_map(|p| self.try_name(p))
                    .find(|r| r.kind == NameKind::Inci)
            {
                return Some(exact);
            }
            return Some(hit);
        }
        // "때죽나무가지/열매/잎추출물(Styrax Japonicus Branch/Fruit/Leaf Extract)": a whole
        // name in brackets, before its parts.
        bracketed(name)
            .filter(|part| part.contains(['/', ',']))
            .find_map(|part| self.try_name(part))
            .or_else(|| self.bracket_parts(name, outside))
    }

    /// [`Analyzer::bracket_candidates`]' last resort: each part of a bracket, then each part of
    /// the name outside its brackets.
    fn bracket_parts(&mut self, name: &str, outside: &str) -> Option<Resolved> {
        bracketed(name)
            .flat_map(|p| p.split(['/', ',']))
            .chain(outside.split('/'))
            .filter(|part| part.trim().len() >= 2)
            .find_map(|part| self.try_name(part))
    }

    /// The key fuzzy matching compares: the name without its bracketed parts.
    pub(super) fn fuzzy_key(&mut self, name: &str) -> String {
        let mut outside = String::new();
        outside_brackets(name, &mut outside);
        let main = if outside.trim().is_empty() {
            name
        } else {
            &outside
        };
        let mut key = String::new();
        lookup_key(main, &mut key);
        key
    }

    /// Splits "Water Glycerin Niacinamide" into known names at word boundaries, fewest pieces
    /// first. Only a complete reading of two or more pieces counts.
    pub(super) fn segment(&mut self, name: &str) -> Option<Vec<(Resolved, String)>> {
        // Words in one piece, and in the whole run.
        const MAX_WORDS: usize = 8;
        const MAX_NAME_WORDS: usize = 24;
        // "Sodium Tallowate or Sodium Palmitate", and trade blends' "Dimethicone (and)
        // Dimethiconol": connectives separate names like commas.
        let connective = |w: &str| {
            ["or", "and", "&", "and/or", "(and)"]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(w))
        };
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 || words.len() > MAX_NAME_WORDS {
            return None;
        }
        // Every word must occur in some known name, or no reading can cover it.
        let mut word_key = String::new();
        for word in words.iter().filter(|w| !connective(w)) {
            lookup_key(word, &mut word_key);
            let known = word_key
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .all(|t| self.kb.knows_word(t));
            if !known {
                return None;
            }
        }
        // Brackets opened and closed before each word: a run of words that cuts a bracket in two
        // is no name, and is not looked up.
        let (mut opened, mut closed) = ([0usize; MAX_NAME_WORDS + 1], [0usize; MAX_NAME_WORDS + 1]);
        for (n, word) in words.iter().enumerate() {
            opened[n + 1] = opened[n];
            closed[n + 1] = closed[n];
            for b in word.bytes() {
                opened[n + 1] += usize::from(matches!(b, b'(' | b'[' | b'{'));
                closed[n + 1] += usize::from(matches!(b, b')' | b']' | b'}'));
            }
        }
        // A run of words as one slice of `name` (the key folds the spaces between them).
        let span = |start: usize, end: usize| {
            let from = words[start].as_ptr() as usize - name.as_ptr() as usize;
            let to =
                words[end - 1].as_ptr() as usize - name.as_ptr() as usize + words[end - 1].len();
            &name[from..to]
        };
        // best[i]: fewest pieces covering words[..i], and where the last piece starts.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; words.len() + 1];
        best[0] = Some((0, 0));
        for end in 1..=words.len() {
            if connective(words[end - 1]) {
                // A connective joins nothing itself: carry the cover over it.
                best[end] = best[end - 1].map(|(pieces, _)| (pieces, end - 1));
                continue;
            }
            for start in end.saturating_sub(MAX_WORDS)..end {
                let Some((pieces, _)) = best[start] else {
                    continue;
                };
                if words[start..end].iter().any(|w| connective(w)) {
                    continue;
                }
                if best[end].is_some_and(|(p, _)| p <= pieces + 1) {
                    continue;
                }
                let brackets = opened[end] - opened[start];
                if brackets != closed[end] - closed[start] {
                    continue;
                }
                if self.try_piece(span(start, end), brackets > 0).is_some() {
                    best[end] = Some((pieces + 1, start));
                }
            }
        }
        let (count, _) = best[words.len()]?;
        if count < 2 {
            return None;
        }
        let mut pieces = Vec::with_capacity(count);
        let mut end = words.len();
        while end > 0 {
            let (_, start) = best[end]?;
            if connective(words[end - 1]) {
                end = start;
                continue;
            }
            let text = span(start, end);
            let found = self.try_piece(text, opened[end] > opened[start])?;
            pieces.push((found, text.to_owned()));
            end = start;
        }
        pieces.reverse();
        Some(pieces)
    }

    fn try_name(&mut self, name: &str) -> Option<Resolved> {
        self.try_shaped(name, false)
    }

    /// A piece of a run of names, whose brackets (if it `has_brackets`) close within it: as
    /// written, or by its words outside them ("Oryza Sativa (Rice) Bran Oil"), less a footnote
    /// mark ("Oil** Lavandula").
    fn try_piece(&mut self, text: &str, has_brackets: bool) -> Option<Resolved> {
        let text = match text.as_bytes().last() {
            Some(b'*') | Some(0x80..) => text.trim_end_matches(['*', '†', '‡']),
            _ => text,
        };
        match self.try_name(text) {
            // A common name in brackets follows a name: "(Rice) Bran Oil" is not one.
            None if has_brackets && !text.starts_with(['(', '[', '{']) => {
                self.try_outside_brackets(text)
            }
            hit => hit,
        }
    }

    /// Looks `name` up by its words outside its brackets.
    pub(super) fn try_outside_brackets(&mut self, name: &str) -> Option<Resolved> {
        // The buffer is taken out of `self` while `try_name` borrows it mutably.
        let mut outside = std::mem::take(&mut self.outside);
        outside_brackets(name, &mut outside);
        let hit = if outside.bytes().all(|b| b == b' ') {
            None
        } else {
            self.try_name(&outside)
        };
        self.outside = outside;
        hit
    }

    /// Looks a name up by its plain key when it has one, by the full rules otherwise. `lowered`
    /// says the name's key is already known to be its bytes in lower case.
    ///
    /// Stored keys are already folded: a hit is the full rules' hit, and a miss is final unless
    /// a fold would change the key.
    #[inline]
    pub(super) fn try_shaped(&mut self, name: &str, lowered: bool) -> Option<Resolved> {
        if !lowered {
            return self.try_unlowered(name);
        }
        // The common case, inline: a lowered name found.
        match self.kb.lookup_lowered(name.as_bytes()) {
            Some(hit) => Some(hit),
            None => self.try_folded(name, name.as_bytes()),
        }
    }

    /// [`Analyzer::try_shaped`] for a name not known to be lowered.
    #[inline(never)]
    fn try_unlowered(&mut self, name: &str) -> Option<Resolved> {
        // Most such names are parts of a name, known as written ("Titanium Dioxide" of "…
        // (CI 77891)"): a hit on a key that reads as written is the key `plain_key` would build,
        // once no control character can lower to punctuation.
        if !self.has_control
            && let Some(hit) = self.kb.lookup_as_written(name.as_bytes())
        {
            return Some(hit);
        }
        if !plain_key(name.as_bytes(), &mut self.plain_key) {
            return self.try_full_key(name);
        }
        if let Some(hit) = self.kb.lookup_key_bytes(&self.plain_key) {
            return Some(hit);
        }
        let key = std::mem::take(&mut self.plain_key);
        let found = self.try_folded(name, &key);
        self.plain_key = key;
        found
    }

    /// The full rules' reading of a name whose plain `key` missed, when they would fold it.
    #[inline(never)]
    fn try_folded(&mut self, name: &str, key: &[u8]) -> Option<Resolved> {
        if may_fold(key) {
            self.try_full_key(name)
        } else {
            None
        }
    }

    fn try_full_key(&mut self, name: &str) -> Option<Resolved> {
        lookup_key(name, &mut self.key);
        self.kb.lookup_key(&self.key)
    }
}
