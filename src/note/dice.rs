//! A small deterministic generator for the property tests that hold a
//! fast path to the parser it stands in for (xorshift: failures repeat).

/// Throws of a seeded xorshift generator.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    /// A number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// One of `from`.
    pub(crate) fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    /// A short text of one to four pieces: mostly `plain`, now and then
    /// one of `trouble`.
    pub(crate) fn text(&mut self, plain: &[&str], trouble: &[&str]) -> String {
        (0..1 + self.below(4))
            .map(|_| match self.below(6) {
                0 => self.pick(trouble),
                _ => self.pick(plain),
            })
            .collect()
    }
}
