//! Byte-level tests shared by the label reader, the key builder and the analyzer: a phrase's
//! head word, byte tables, and a branch-free search for trigrams in any case.

/// The first four bytes of a text with 0x20 set in each, as one word (0 for a shorter text):
/// a text that starts with a phrase in any case has the phrase's head word. Comparing it with
/// the heads of a few phrases rules out nearly every item at once, where comparing first
/// letters would leave many ("Methyl…" for "May contain") and mispredict.
pub(crate) const fn head_word(bytes: &[u8]) -> u32 {
    if bytes.len() < 4 {
        return 0;
    }
    // One load and one OR: the bytes read as a word first.
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) | 0x2020_2020
}

/// The [`head_word`]s of some phrases.
pub(crate) const fn head_words<const N: usize>(phrases: &[&str]) -> [u32; N] {
    let mut heads = [0; N];
    let mut i = 0;
    while i < N {
        heads[i] = head_word(phrases[i].as_bytes());
        i += 1;
    }
    heads
}
/// A byte table: `true` for the given bytes.
pub(crate) const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < members.len() {
        set[members[i] as usize] = true;
        i += 1;
    }
    set
}

/// Whether `bytes` hold any of `trigrams` (given in lower case) in any case. One pass with no
/// early exit and no branch on the bytes: it runs as vector instructions, and a long text costs
/// no mispredicted branch per letter.
pub(crate) fn has_trigram<const N: usize>(bytes: &[u8], trigrams: [[u8; 3]; N]) -> bool {
    let next = bytes.get(1..).unwrap_or_default();
    let after = bytes.get(2..).unwrap_or_default();
    bytes
        .iter()
        .zip(next)
        .zip(after)
        .fold(false, |found, ((&a, &b), &c)| {
            let (a, b, c) = (a | 0x20, b | 0x20, c | 0x20);
            trigrams.iter().fold(found, |found, t| {
                found | (a == t[0]) & (b == t[1]) & (c == t[2])
            })
        })
}
