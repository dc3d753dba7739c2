//! Strings held as offsets into one text rather than as pointers.
//!
//! The binary is position-independent, so every pointer in a static is a relocation the loader
//! fixes up at each start, writing to its page. With some 30,000 records and 70,000 keys, that
//! was 190,000 relocations and most of the start-up time. An offset into a text needs no fixing
//! up: the pages are read only when a lookup reads them.

/// A string of a knowledge base's text: where it starts and how long it is. The empty string
/// stands for none where a string is optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Str {
    /// Its first byte's offset in the text.
    pub at: u32,
    /// Its length in bytes.
    pub len: u32,
}

impl Str {
    /// The string in `text`.
    #[inline]
    pub fn of(self, text: &'static str) -> &'static str {
        let at = self.at as usize;
        &text[at..at + self.len as usize]
    }
}

/// A list of strings laid end to end in one text, each ending where the next starts.
#[derive(Clone, Copy, Debug)]
pub struct Strs {
    /// The strings, one after another.
    pub text: &'static str,
    /// Where each string starts, and at the end the text's length: one more than the strings.
    pub starts: &'static [u32],
}

impl Strs {
    /// No strings.
    pub const EMPTY: Strs = Strs {
        text: "",
        starts: &[0],
    };

    /// How many strings.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The string at `index`.
    #[inline]
    pub fn get(&self, index: usize) -> &'static str {
        &self.text[self.starts[index] as usize..self.starts[index + 1] as usize]
    }

    /// The strings in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &'static str> + Clone + use<> {
        let Strs { text, starts } = *self;
        starts
            .windows(2)
            .map(move |w| &text[w[0] as usize..w[1] as usize])
    }
}

/// An index into one of a knowledge base's small tables, or none: two bytes, where an
/// `Option<u16>` takes four.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Index(u16);

impl Index {
    /// No index.
    pub const NONE: Index = Index(u16::MAX);

    /// The index `i`, which must be under `u16::MAX`.
    pub const fn some(i: u16) -> Index {
        assert!(i != u16::MAX, "an index too large for a table");
        Index(i)
    }

    /// The index, if any.
    #[inline]
    pub fn get(self) -> Option<usize> {
        (self != Index::NONE).then_some(self.0 as usize)
    }
}
