//! The analyzer's pass over one product's items: "may contain" sections, prose glued to names,
//! names run together or broken in two, duplicates and footnotes, and the 1% line.

use crate::kb::{Ingredient, KnowledgeBase, Resolved};
use crate::key::has_hangul;
use crate::label::sun_claims::{self, DeclaredSpf};
use crate::label::{self};

use super::clean::{Cleaned, clean, may_have_qualifier, trim};
use super::entry::{Entry, Match, OnePercent};
use super::{Diagnostic, DiagnosticKind, ProductList, has_control, looks_like_prose};

pub(super) struct Analyzer<'k> {
    pub(super) kb: &'k KnowledgeBase,
    pub(super) key: String,
    /// Scratch space for keys of plain names (see [`crate::key::plain_key`]).
    pub(super) plain_key: Vec<u8>,
    /// Scratch space for a name outside its brackets.
    pub(super) outside: String,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Footnote markers ("*", "**", "†") and the text they point at.
    pub(super) footnotes: Vec<(String, String)>,
    /// Sun protection declared in the text dropped as prose.
    pub(super) uv_declared: Option<DeclaredSpf>,
    /// Whether a full stop ends a sentence anywhere in the text: when none does, no item needs
    /// the test.
    pub(super) has_sentence_end: bool,
    /// Whether the text holds a control character other than a line break (which splits the
    /// list, so no item holds one): when none does, no item needs the test.
    pub(super) has_control: bool,
    /// What free-from claims in the text say the product leaves out.
    pub(super) claims: Vec<super::Claim>,
    /// What highlight bullets in the text name.
    pub(super) highlights: Vec<super::Highlight>,
}

impl Analyzer<'_> {
    pub(super) fn diagnose(&mut self, kind: DiagnosticKind, message: String) {
        self.diagnostics.push(Diagnostic::new(kind, message));
    }

    pub(super) fn dropped(&mut self, heading: Option<&str>, body: &str) {
        let text = match heading {
            Some(h) => format!("{h}:{body}"),
            None => body.to_owned(),
        };
        if self.uv_declared.is_none() {
            self.uv_declared = sun_claims::in_label(&text);
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        // "This cream is paraben-free and vegan": the claims in prose still count.
        for word in text.split([' ', ',', ';']) {
            if word.contains('-')
                && let Some(substance) = label::free_word(word)
            {
                self.claim_term(substance, false);
            }
        }
        self.diagnose(
            DiagnosticKind::DroppedProse,
            format!(
                "dropped text that is not an ingredient: \"{}\"",
                excerpt(&text)
            ),
        );
    }

    pub(super) fn product(&mut self, title: Option<String>, items: &[&str]) -> ProductList {
        let mut entries: Vec<Entry> = Vec::with_capacity(items.len());
        let mut may_contain = false;
        for (n, item) in items.iter().enumerate() {
            let mut item = trim(item);
            // A bullet drawn with a hyphen: "- Water".
            if let Some(rest) = item.strip_prefix("- ") {
                item = rest.trim_start();
            }
            // "…, Made in Korea", "…, Distributed by …": the rest is not the list.
            if label::claim_len(item).is_some() {
                self.dropped(None, &items[n..].join(", "));
                break;
            }
            item = self.may_contain_section(item, &mut may_contain);
            if item.is_empty() {
                continue;
            }
            if !self.has_sentence_end || !label::has_sentence_end(item) {
                // The common case: one name, no sentence to split off.
                self.push_entries(item, &mut entries, may_contain);
                self.join_broken_name(&mut entries);
                continue;
            }
            for part in self.sentences(item) {
                // "Phenoxyethanol. May Contain: Mica": the section starts mid-item.
                let part = self.may_contain_section(part, &mut may_contain);
                if !part.is_empty() {
                    self.push_entries(part, &mut entries, may_contain);
                    self.join_broken_name(&mut entries);
                }
            }
        }
        let alphabetical_from = alphabetical_from(&entries);
        let ordered = alphabetical_from.unwrap_or(entries.len());
        let one_percent_line = estimate_one_percent(&mut entries[..ordered]);
        for entry in &mut entries[ordered..] {
            entry.one_percent = match entry.percent {
                Some(p) if p >= 1.0 => OnePercent::Above,
                Some(_) => OnePercent::Below,
                None => OnePercent::Unknown,
            };
        }
        self.flag_duplicates(&entries);
        let uv_declared = title.as_deref().and_then(sun_claims::in_label);
        ProductList {
            title,
            entries,
            one_percent_line,
            alphabetical_from,
            uv_declared,
            claims: Vec::new(),
            highlights: Vec::new(),
        }
    }

    /// A short one-word name with two neighbouring letters swapped ("Aqau"): too short for
    /// fuzzy matching to trust, but a swap that gives exactly one known name is that name.
    fn transposed(&self, name: &str) -> Option<(Resolved, f32)> {
        let bytes = name.trim().as_bytes();
        if !(4..=8).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let mut found = None;
        let mut swapped = bytes.to_vec();
        for i in 0..bytes.len() - 1 {
            if bytes[i].eq_ignore_ascii_case(&bytes[i + 1]) {
                continue;
            }
            swapped.swap(i, i + 1);
            if let Some(hit) = self.kb.lookup_as_written(&swapped) {
                match found {
                    Some((first, _)) if first != hit.ingredient => {
                        return None;
                    }
                    _ => found = Some((hit.ingredient, hit)),
                }
            }
            swapped.swap(i, i + 1);
        }
        // One swap in n letters: as similar as the fuzzy matcher's confident matches.
        found.map(|(_, hit)| (hit, 1.0 - 1.0 / (2.0 * bytes.len() as f32)))
    }

    /// Whether an unrecognised item is a piece of marketing copy, not a name glasskin lacks: no
    /// word of it occurs in any known name, and it is several words ("smooth appearance",
    /// "Visit the Dior boutique") or one lower-case English word in the form copy uses
    /// ("wrinkles", "softens", "firmness"). One word otherwise ("Sandalwood", "camomile", a
    /// misspelt "lechtin") may be an ingredient glasskin lacks, and stays unknown.
    fn reads_as_copy(&self, raw: &str) -> bool {
        if raw.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        let words: Vec<&str> = raw
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3)
            .collect();
        if words.is_empty() || words.iter().any(|w| self.kb.knows_word(&w.to_lowercase())) {
            return false;
        }
        let copy_word = |w: &str| {
            w.starts_with(|c: char| c.is_lowercase())
                && ((w.ends_with('s') && !w.ends_with("ss")) || w.ends_with("ness"))
        };
        // "It is vegan": a sentence's small words around one unknown word.
        let sentence = raw
            .split_whitespace()
            .any(|w| super::is_stopword(w) || w.eq_ignore_ascii_case("it"));
        words.len() >= 2 || copy_word(words[0]) || sentence
    }

    /// Strips a leading "may contain" marker from `item`; the first one opens the section, which
    /// runs to the end of the product.
    #[inline(always)]
    fn may_contain_section<'t>(&mut self, item: &'t str, may_contain: &mut bool) -> &'t str {
        // Nearly every item has no marker: only the rest pay for a call.
        match label::may_contain_marker_len(item) {
            None => item,
            Some(len) => self.open_may_contain(item, len, may_contain),
        }
    }

    /// [`Analyzer::may_contain_section`] for an item that starts with a marker `len` bytes long.
    #[cold]
    #[inline(never)]
    fn open_may_contain<'t>(
        &mut self,
        item: &'t str,
        len: usize,
        may_contain: &mut bool,
    ) -> &'t str {
        if !*may_contain {
            self.diagnose(
                DiagnosticKind::MayContain,
                format!(
                    "\"may contain\" section from \"{}\": its ingredients may not be in every shade or batch",
                    excerpt(item)
                ),
            );
        }
        *may_contain = true;
        item[len..].trim()
    }

    /// Splits off sentences of prose glued to an item ("Tocopherol. Made in Korea") and drops
    /// them.
    fn sentences<'t>(&mut self, item: &'t str) -> Vec<&'t str> {
        let parts = label::sentences(item);
        // "Alcohol Denat. SD Alcohol 40-B" is one name, full stop and all, and so is "Alcohol
        // Denat. (SD Alcohol 40-B)". But in "Phenoxyethanol. Titanium Dioxide (CI 77891)" only a
        // bracket resolves, and the first sentence is a name of its own.
        if parts.len() > 1 {
            let cleaned = clean(item);
            let whole = match self.try_shaped(&cleaned.name, cleaned.lowered) {
                Some(_) => true,
                None => {
                    self.part_candidates(&cleaned.name).is_some()
                        && (parts[1..].iter().all(|p| p.trim_start().starts_with('('))
                            || !self.resolves(parts[0]))
                }
            };
            if whole {
                return vec![item];
            }
        }
        let mut kept = Vec::new();
        for sentence in parts {
            let sentence = sentence.trim();
            if sentence.is_empty() {
                continue;
            }
            if !looks_like_prose(sentence)
                || label::starts_may_contain(sentence)
                || self.resolves(sentence)
            {
                kept.push(sentence);
            } else {
                self.dropped(None, sentence);
            }
        }
        kept
    }

    fn resolves(&mut self, text: &str) -> bool {
        self.resolve(text).is_some()
    }

    /// What a text names once cleaned: a name outside the list (a claim's term) is read as an
    /// item would be.
    pub(super) fn resolve(&mut self, text: &str) -> Option<Resolved> {
        let cleaned = clean(text);
        self.candidates(&cleaned.name, cleaned.lowered)
    }

    /// Reads one item into `entries`: usually one entry, none for a footnote, several when a
    /// label left out the commas between known names.
    fn push_entries(&mut self, item: &str, entries: &mut Vec<Entry>, may_contain: bool) {
        let raw = match item.as_bytes() {
            // Nearly every item: nothing to trim.
            [first, .., last]
                if first.is_ascii_graphic()
                    && last.is_ascii_graphic()
                    && !matches!(last, b'.' | b',' | b']') =>
            {
                item
            }
            _ => trim_stray_bracket(item.trim().trim_end_matches(['.', ',']).trim()),
        };
        if let Some(found) = self.as_written(raw) {
            let cleaned = Cleaned::bare(raw, true);
            let entry = Entry::new(entries.len() + 1, raw, &cleaned, may_contain, Some(found));
            entries.push(entry);
            return;
        }
        if raw.contains(" / ") && self.push_slash_list(raw, entries, may_contain) {
            return;
        }
        let cleaned = clean(raw);
        if cleaned.name.is_empty() {
            return;
        }
        if let Some(found) = self.candidates(&cleaned.name, cleaned.lowered) {
            let entry = Entry::new(entries.len() + 1, raw, &cleaned, may_contain, Some(found));
            entries.push(entry);
            return;
        }
        self.push_unrecognised(raw, &cleaned, entries, may_contain);
    }

    /// "Water / Glycerin / Butylene Glycol": a list some shops write with spaced slashes. Read as
    /// a list when every part is a known name and they name three ingredients or more; "Water /
    /// Aqua / Eau" (one ingredient) and "Titanium Dioxide / CI 77891" (one, twice named) stay
    /// one entry.
    #[cold]
    #[inline(never)]
    fn push_slash_list(&mut self, raw: &str, entries: &mut Vec<Entry>, may_contain: bool) -> bool {
        let parts: Vec<&str> = raw.split(" / ").map(str::trim).collect();
        if parts.len() < 3 {
            return false;
        }
        let mut named: Vec<Ingredient> = Vec::with_capacity(parts.len());
        for part in &parts {
            let cleaned = clean(part);
            let Some(found) = self.candidates(&cleaned.name, cleaned.lowered) else {
                return false;
            };
            if !named.contains(&found.ingredient) {
                named.push(found.ingredient);
            }
        }
        if named.len() < 3 {
            return false;
        }
        for part in parts {
            self.push_entries(part, entries, may_contain);
        }
        true
    }

    /// What an item names when it is a known name as written, in any case: most items. Cleaning
    /// it would change nothing, so it is looked up as it stands. `None` says only that the item
    /// needs cleaning first.
    #[inline]
    fn as_written(&self, raw: &str) -> Option<Resolved> {
        let bytes = raw.as_bytes();
        // Lowering turns a control character into a digit or punctuation.
        if self.has_control && has_control(raw)
            || bytes.first() == Some(&b'(')
            || bytes.last() == Some(&b')')
            || may_have_qualifier(raw)
        {
            return None;
        }
        self.kb.lookup_as_written(bytes)
    }

    /// The rest of [`Analyzer::push_entries`], for a name the knowledge base does not hold as
    /// written. Rare, and kept out of line so that the common path stays small in the
    /// processor's instruction cache.
    #[cold]
    #[inline(never)]
    fn push_unrecognised(
        &mut self,
        raw: &str,
        cleaned: &Cleaned<'_>,
        entries: &mut Vec<Entry>,
        may_contain: bool,
    ) {
        let position = entries.len() + 1;
        let new = |found: Option<Resolved>, matched, score| Entry {
            matched,
            score,
            ..Entry::new(position, raw, cleaned, may_contain, found)
        };
        // A leading marker with no ingredient after it is a footnote: "*organic".
        if !cleaned.marker.is_empty() && raw.starts_with(cleaned.marker) {
            self.footnotes
                .push((cleaned.marker.to_owned(), cleaned.name.trim().to_owned()));
            self.diagnose(
                DiagnosticKind::Footnote,
                format!(
                    "footnote \"{}\" read as a note, not an ingredient",
                    excerpt(raw)
                ),
            );
            return;
        }
        // "Paraben-free", "Sulfate Free": a claim, not a name. No known name ends so, so only
        // a name that missed is asked.
        if let Some(substance) = label::free_word(raw) {
            self.claim_term(substance, false);
            return;
        }
        // A Korean name the table lacks is read by the naming rules; Korean text they cannot
        // read goes on to be told from prose.
        if has_hangul(&cleaned.name)
            && let Some(reading) = self.korean_reading(&cleaned.name)
        {
            self.diagnose(
                DiagnosticKind::KoreanRules,
                format!(
                    "\"{}\" read by the Korean naming rules as \"{}\", {} (confidence {:.2})",
                    excerpt(raw),
                    reading.read_as,
                    reading.found.ingredient.inci(),
                    reading.confidence
                ),
            );
            let found = Some(reading.found);
            entries.push(new(found, Match::KoreanRules, Some(reading.confidence)));
            return;
        }
        // Only now, for names that missed, is it worth asking whether this is prose.
        if looks_like_prose(raw) {
            self.dropped(None, raw);
            return;
        }
        let key = self.fuzzy_key(&cleaned.name);
        if let Some(resolved) = self.kb.lookup_squashed(&key) {
            self.diagnose(
                DiagnosticKind::WordBreaks,
                format!(
                    "\"{}\" read as {}: the same letters, with the spaces or hyphens mended",
                    excerpt(raw),
                    resolved.ingredient.inci()
                ),
            );
            entries.push(new(Some(resolved), Match::of(resolved.kind, raw), None));
            return;
        }
        if let Some(found) = self.korean_beside_english(&cleaned.name) {
            entries.push(new(Some(found), Match::of(found.kind, raw), None));
            return;
        }
        if let Some(pieces) = self.segment(&cleaned.name) {
            let names: Vec<&str> = pieces.iter().map(|(r, _)| r.ingredient.inci()).collect();
            self.diagnose(
                DiagnosticKind::MissingSeparator,
                format!(
                    "\"{}\" read as {} names with a missing comma: {}",
                    excerpt(raw),
                    pieces.len(),
                    names.join(", ")
                ),
            );
            for (found, text) in pieces {
                let mut entry = new(Some(found), Match::of(found.kind, &text), None);
                entry.position = entries.len() + 1;
                entry.raw = text.into();
                entries.push(entry);
            }
            return;
        }
        match self
            .kb
            .fuzzy(&key)
            .or_else(|| self.transposed(&cleaned.name))
        {
            Some((resolved, score)) => {
                self.diagnose(
                    DiagnosticKind::FuzzyMatch,
                    format!(
                        "\"{}\" read as {} (similarity {score:.2})",
                        excerpt(raw),
                        resolved.ingredient.inci()
                    ),
                );
                entries.push(new(Some(resolved), Match::Fuzzy, Some(score)));
            }
            // "smooth appearance", "and wrinkles": marketing split at its commas.
            None if self.reads_as_copy(raw) => self.dropped(None, raw),
            None => {
                self.diagnose(
                    DiagnosticKind::Unknown,
                    format!("\"{}\" is not a known ingredient", excerpt(raw)),
                );
                entries.push(new(None, Match::Unknown, None));
            }
        }
    }

    /// Mends a name a label broke in two with a stray comma ("Hydroxyethyl Acrylate, Sodium
    /// Acryloyldimethyl Taurate Copolymer"): when either of the last two entries is unknown and
    /// the two joined make a known name, they become one entry.
    #[inline]
    fn join_broken_name(&mut self, entries: &mut Vec<Entry>) {
        // Nearly always both are known: only the rest pay for a call.
        if let [.., first, second] = entries.as_slice()
            && (first.matched == Match::Unknown || second.matched == Match::Unknown)
        {
            self.join_broken_halves(entries);
        }
    }

    /// [`Analyzer::join_broken_name`] once one of the last two entries is unknown.
    #[cold]
    #[inline(never)]
    fn join_broken_halves(&mut self, entries: &mut Vec<Entry>) {
        let [.., first, second] = entries.as_slice() else {
            return;
        };
        let unknowns = usize::from(first.matched == Match::Unknown)
            + usize::from(second.matched == Match::Unknown);
        let mut joined = String::with_capacity(first.raw.len() + second.raw.len() + 2);
        for separator in ["/", " ", ", "] {
            joined.clear();
            joined.extend([first.raw.as_str(), separator, second.raw.as_str()]);
            // Whole readings only: a slash part would let any half "resolve" the join.
            let cleaned = clean(&joined);
            let hit = match self.try_shaped(&cleaned.name, cleaned.lowered) {
                None if cleaned
                    .name
                    .bytes()
                    .any(|b| matches!(b, b'(' | b'[' | b'{')) =>
                {
                    self.try_outside_brackets(&cleaned.name)
                }
                hit => hit,
            };
            let Some(found) = hit else {
                continue;
            };
            entries.pop();
            let merged = entries.last_mut().expect("two entries");
            merged.raw = joined.as_str().into();
            merged.set_ingredient(Some(found), Match::of(found.kind, &joined), None);
            // Take back the "not a known ingredient" notes of the halves.
            for _ in 0..unknowns {
                if let Some(at) = self
                    .diagnostics
                    .iter()
                    .rposition(|d| d.kind == DiagnosticKind::Unknown)
                {
                    self.diagnostics.remove(at);
                }
            }
            return;
        }
    }

    fn flag_duplicates(&mut self, entries: &[Entry]) {
        // Repeats are rare: a 256-bit filter of the names seen so far clears most entries, and
        // only a possible repeat is looked for among the entries before it.
        let mut seen = [0u64; 4];
        for (n, entry) in entries.iter().enumerate() {
            let Some(ingredient) = entry.ingredient else {
                continue;
            };
            let hash = (std::ptr::from_ref(ingredient.record()) as u64)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                >> 56;
            let (word, bit) = ((hash / 64) as usize, 1 << (hash % 64));
            if seen[word] & bit == 0 {
                seen[word] |= bit;
                continue;
            }
            // The knowledge base holds one record per ingredient: a repeat is the same address.
            if entries[..n]
                .iter()
                .any(|e| e.ingredient.is_some_and(|other| other == ingredient))
            {
                self.diagnose(
                    DiagnosticKind::Duplicate,
                    format!(
                        "{} is listed more than once (position {})",
                        ingredient.inci(),
                        entry.position
                    ),
                );
            }
        }
    }

    pub(super) fn attach_footnotes(&self, products: &mut [ProductList]) {
        for entry in products.iter_mut().flat_map(|p| &mut p.entries) {
            if let Some(marker) = &entry.note
                && let Some((_, text)) = self.footnotes.iter().find(|(m, _)| m == marker)
            {
                entry.note = Some(text.clone());
            }
        }
    }
}

/// Where a list stops giving amounts by its order: after actives given with their strengths,
/// four or more inactive ingredients in alphabetical order, as a US Drug Facts panel must list
/// them (21 CFR 201.66(c)(8)). Four names fall in alphabetical order by chance once in 24.
pub(super) fn alphabetical_from(entries: &[Entry]) -> Option<usize> {
    let actives = entries.iter().take_while(|e| e.percent.is_some()).count();
    // Most lists print no strength first: they are done here, without reading a name.
    if actives == 0 {
        return None;
    }
    let rest: Vec<&Entry> = entries[actives..]
        .iter()
        .take_while(|e| !e.may_contain)
        .collect();
    fn key(e: &Entry) -> impl Iterator<Item = char> + '_ {
        e.raw
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    }
    let sorted = rest.windows(2).all(|w| key(w[0]).le(key(w[1])));
    (rest.len() >= 4 && sorted).then_some(actives)
}

/// Sets each entry's place relative to the 1% line and returns the line's position: the first
/// ingredient normally used below 1%, or declared below it. Ingredients of 1% or more come first
/// on a label, so all after either are below 1% too. A declared one counts only after the first
/// undeclared one: a drug-facts label's actives ("Salicylic Acid 0.5%", "Adapalene 0.1%") come
/// before a list of their own. An ingredient normally used below 1% is never read as above the
/// line: the first of them is the line.
pub(super) fn estimate_one_percent(entries: &mut [Entry]) -> Option<usize> {
    let mut undeclared_before = false;
    let line = entries.iter().position(|e| {
        let declared_below = undeclared_before && e.percent.is_some_and(|p| p < 1.0);
        undeclared_before |= e.percent.is_none();
        // A printed percentage says more than what is normal for the ingredient.
        let normally_below = e.percent.is_none() && e.summary.marks_one_percent_line();
        !e.may_contain && (normally_below || declared_below)
    });
    for (n, entry) in entries.iter_mut().enumerate() {
        entry.one_percent = match (entry.percent, line) {
            (Some(p), _) if p >= 1.0 => OnePercent::Above,
            (Some(_), _) => OnePercent::Below,
            _ if entry.may_contain => OnePercent::Below,
            (None, Some(line)) if n < line => OnePercent::Above,
            (None, Some(_)) => OnePercent::Below,
            // The first ingredient is the largest, so at least 1% in any list under 100 items.
            (None, None) if n == 0 => OnePercent::Above,
            (None, None) => OnePercent::Unknown,
        };
    }
    line.map(|l| l + 1)
}

/// An item without a closing square bracket nothing opened ("Phenoxyethanol]", left by a "may
/// contain" part cut in two).
fn trim_stray_bracket(item: &str) -> &str {
    match item.strip_suffix(']') {
        Some(rest) if !rest.contains('[') => rest.trim_end(),
        _ => item,
    }
}

pub(super) fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}
