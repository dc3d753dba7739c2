//! The hash table of lookup keys, laid out so that a lookup reads as little memory as it can.
//!
//! The names' table, some 31,600 keys in 65,536 slots, is 2 MB, larger than the processor's
//! cache, and a new label's rarer names are not in it: each memory read a lookup waits for costs
//! far more than its comparisons. So each 32-byte slot holds everything a lookup needs: the
//! key's length, a 16-bit hash tag, what it names, and the key itself when it fits in 24 bytes
//! (over four in five of the golden labels' names do: "water", "butylene glycol"; under half
//! the stored keys do). A lookup of such a key reads one slot and nothing else, and hashes and
//! compares it as three fixed 8-byte windows (`key::short_windows`: first, middle and last eight
//! bytes), with no loop over its words whose end a new list's names would mispredict. A longer
//! key keeps its first 20 bytes in the slot and the rest in a separate text, at an offset the
//! slot gives.
//!
//! Slot layout, little-endian:
//!
//! | bytes | what |
//! |---|---|
//! | 0..2 | key length; 0 marks an empty slot |
//! | 2..4 | tag: the low 16 bits of the key's hash |
//! | 4..8 | ingredient index; bit 31 set for a synonym, bit 30 for a key read as written |
//! | 8..32 | the key, zero-padded, if it is at most 24 bytes long |
//! | 8..28, 28..32 | otherwise its first 20 bytes, and the offset of the rest in the text |
//!
//! Key `k` sits at the first free slot from `key_hash(k) >> (64 - log2(slots))`, probing
//! linearly; the table is at most half full, so a probe meets an empty slot soon.
//!
//! A lookup that misses reads a slot no other lookup needs, far out in memory, and most misses
//! are of texts the analyzer tries on the way to a name: a name with its brackets, two halves
//! of a broken name joined. So a Bloom filter of the keys, 2 bytes per key (64 KB for the
//! names), answers most misses from the cache: each key sets four bits of one 64-bit word, both
//! picked by its hash.
//!
//! The knowledge base has a second table of the same layout, of every word of every key, for
//! [`KnowledgeBase::knows_word`](super::KnowledgeBase::knows_word): segmentation and fuzzy
//! matching ask it of each word of a name that missed.

use super::lookup::same_key;
use super::{NameKind, NameRef};
use crate::key::{SHORT, hash_short, hash_words, short_windows};

/// Bytes per slot.
pub const SLOT: usize = 32;
// A slot holds a short key whole after its 8 bytes of length, tag and name.
const _: () = assert!(8 + SHORT == SLOT);
/// Key bytes held in a slot when the key is longer than that.
const PREFIX: usize = 20;
const SYNONYM: u32 = 1 << 31;
/// The key is one a name lowered byte for byte is read as ([`crate::key::reads_as_written`]).
const AS_WRITTEN: u32 = 1 << 30;

/// The table of some keys, as the build lays it out and the knowledge base includes it.
pub struct Encoded {
    /// The slots.
    pub slots: Vec<u8>,
    /// The rest of each long key.
    pub text: Vec<u8>,
    /// The filter's 64-bit words, little-endian.
    pub filter: Vec<u8>,
}

/// Lays out the table for some keys, each with what it names. The build runs this; the
/// knowledge base reads the result.
pub fn encode<'a>(keys: impl ExactSizeIterator<Item = (&'a str, NameRef)>) -> Encoded {
    let len = (keys.len() * 2).next_power_of_two().max(2);
    let mut filter = vec![0u64; (keys.len() / 4).next_power_of_two().max(1)];
    let bits = len.trailing_zeros();
    let mut slots = vec![0u8; len * SLOT];
    let mut text = Vec::new();
    let mut longest = 0;
    for (key, name) in keys {
        let bytes = key.as_bytes();
        assert!(!bytes.is_empty(), "an empty key");
        let hash = crate::key::key_hash(key);
        let (word, set) = filter_bits(hash, filter.len());
        filter[word] |= set;
        let mut at = (hash >> (64 - bits)) as usize;
        let mut probe = 1;
        while slots[at * SLOT] != 0 || slots[at * SLOT + 1] != 0 {
            at = (at + 1) & (len - 1);
            probe += 1;
        }
        longest = probe.max(longest);
        let slot = &mut slots[at * SLOT..(at + 1) * SLOT];
        let key_len = u16::try_from(bytes.len()).expect("keys shorter than 64 KB");
        slot[0..2].copy_from_slice(&key_len.to_le_bytes());
        slot[2..4].copy_from_slice(&(hash as u16).to_le_bytes());
        let kind = match name.kind {
            NameKind::Inci => 0,
            NameKind::Synonym => SYNONYM,
        };
        let as_written = if crate::key::reads_as_written(key) {
            AS_WRITTEN
        } else {
            0
        };
        assert!(name.index < AS_WRITTEN, "fewer than 2^30 ingredients");
        slot[4..8].copy_from_slice(&(name.index | kind | as_written).to_le_bytes());
        if bytes.len() <= SHORT {
            slot[8..8 + bytes.len()].copy_from_slice(bytes);
        } else {
            slot[8..8 + PREFIX].copy_from_slice(&bytes[..PREFIX]);
            let offset = u32::try_from(text.len()).expect("key text under 4 GB");
            slot[28..32].copy_from_slice(&offset.to_le_bytes());
            text.extend_from_slice(&bytes[PREFIX..]);
        }
    }
    // A long cluster would make some lookups slow: the hash is not spreading the keys.
    assert!(longest <= 64, "name table: a probe of {longest} slots");
    let filter = filter.iter().flat_map(|w| w.to_le_bytes()).collect();
    Encoded {
        slots,
        text,
        filter,
    }
}

/// The filter word of a key with this hash, and the bits it sets there. The slot takes the
/// hash's top bits and the tag its low 16: the filter takes the bits between.
#[inline(always)]
fn filter_bits(hash: u64, words: usize) -> (usize, u64) {
    let word = (hash >> 16) as usize & words.wrapping_sub(1);
    let bits = (0..4).fold(0, |bits, n| bits | 1 << ((hash >> (29 + 6 * n)) & 63));
    (word, bits)
}

/// A table as the knowledge base includes it: the bytes [`encode`] laid out. The knowledge base
/// has two: the names, and the words of the names.
#[derive(Clone, Copy, Debug)]
pub struct NameTable {
    /// The slots, from a 64-byte boundary, so that none straddles two cache lines.
    pub slots: &'static [u8],
    /// The rest of each key too long for its slot.
    pub text: &'static [u8],
    /// The Bloom filter's 64-bit words, little-endian.
    pub filter: &'static [u8],
}

impl NameTable {
    /// What `key` names, its 8-byte words ORed with `or` (0x20s lower a plain name).
    #[inline]
    pub fn find(&self, key: &[u8], or: u64) -> Option<NameRef> {
        self.find_key(key, or).map(|(name, _)| name)
    }

    /// [`Self::find`], and whether the key found reads as written
    /// ([`crate::key::reads_as_written`]). One copy of the probe for every kind of lookup of a
    /// short key, out of line, and one for long keys: an analysis runs through more code than
    /// the processor's instruction cache holds, and more copies would only crowd it.
    #[inline(never)]
    pub fn find_key(&self, key: &[u8], or: u64) -> Option<(NameRef, bool)> {
        if key.len() > SHORT {
            return self.find_long_key(key, or);
        }
        let windows = short_windows(key, or);
        let hash = hash_short(key.len(), windows);
        if !self.may_hold(hash) {
            return None;
        }
        let (slots, _) = self.slots.as_chunks::<SLOT>();
        probe(slots, hash, key.len(), |slot| {
            short_windows(&slot[8..8 + key.len()], 0) == windows
        })
    }

    /// [`Self::find_key`] for a key too long to fit a slot.
    #[inline(never)]
    fn find_long_key(&self, key: &[u8], or: u64) -> Option<(NameRef, bool)> {
        let hash = hash_words(key, or);
        if !self.may_hold(hash) {
            return None;
        }
        let (slots, _) = self.slots.as_chunks::<SLOT>();
        probe(slots, hash, key.len(), |slot| {
            same_long_key(slot, self.text, key, or)
        })
    }

    /// Whether the table may hold a key with this hash ([`crate::key::key_hash`]): false means
    /// it does not.
    #[inline(always)]
    pub fn may_hold(&self, hash: u64) -> bool {
        let (filter, _) = self.filter.as_chunks::<8>();
        let (word, bits) = filter_bits(hash, filter.len());
        filter
            .get(word)
            .is_some_and(|w| u64::from_le_bytes(*w) & bits == bits)
    }
}

/// Whether a slot of a key too long to fit it holds `key`: its first bytes in the slot, the rest
/// in the text. Out of line, so that the probe keeps few values live.
#[inline(never)]
fn same_long_key(slot: &[u8; SLOT], text: &[u8], key: &[u8], or: u64) -> bool {
    let offset = u32::from_le_bytes([slot[28], slot[29], slot[30], slot[31]]) as usize;
    same_key(&slot[8..8 + PREFIX], &key[..PREFIX], or)
        && text
            .get(offset..offset + key.len() - PREFIX)
            .is_some_and(|rest| same_key(rest, &key[PREFIX..], or))
}

/// Finds the key of `len` bytes whose hash is `hash`, probing from the slot the hash picks;
/// `same` tells whether a slot of a key that long holds it. Returns what it names.
#[inline(always)]
fn probe(
    slots: &[[u8; SLOT]],
    hash: u64,
    len: usize,
    same: impl Fn(&[u8; SLOT]) -> bool,
) -> Option<(NameRef, bool)> {
    // The table has a power of two slots, at least two: its log is the trailing zeros of its
    // length, one instruction where counting the mask's ones is a dozen on baseline x86-64.
    if slots.len() < 2 {
        return None;
    }
    let mask = slots.len() - 1;
    let bits = slots.len().trailing_zeros();
    let tag = hash as u16;
    let mut at = (hash >> (64 - bits)) as usize;
    for _ in 0..slots.len() {
        let slot = &slots[at];
        let slot_len = usize::from(u16::from_le_bytes([slot[0], slot[1]]));
        if slot_len == 0 {
            return None;
        }
        if slot_len == len && u16::from_le_bytes([slot[2], slot[3]]) == tag && same(slot) {
            let named = u32::from_le_bytes([slot[4], slot[5], slot[6], slot[7]]);
            let name = NameRef {
                index: named & !(SYNONYM | AS_WRITTEN),
                kind: if named & SYNONYM == 0 {
                    NameKind::Inci
                } else {
                    NameKind::Synonym
                },
            };
            return Some((name, named & AS_WRITTEN != 0));
        }
        at = (at + 1) & mask;
    }
    None
}
