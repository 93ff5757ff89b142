//! A small deterministic random source for the archive generator: SplitMix64 plus the few
//! distributions the generator needs (uniform ranges, coin flips, picks, Zipf ranks).
//!
//! No `rand` crate: the generated archive must be byte-identical on every machine and every
//! version of the toolchain, so the algorithm is spelled out here and seeded with a constant.

/// SplitMix64 (Steele, Lea, Flood 2014): one 64-bit state, good enough statistics for test data.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// An independent stream for item `index` of a collection, so that changing how many values
    /// one report draws does not shift every report after it.
    pub fn for_item(seed: u64, index: u64) -> Self {
        let mut mixer = Rng::new(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Rng::new(mixer.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float uniformly drawn from `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An integer uniformly drawn from `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        debug_assert!(low <= high);
        low + (self.next_u64() % (high - low + 1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice, uniformly.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.between(0, items.len() - 1)]
    }
}

/// Ranks `0..n` drawn with probability proportional to `1 / (rank + 1)^exponent`: a few officials
/// appear in most reports, most appear rarely, as in a real archive.
#[derive(Debug, Clone)]
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, exponent: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|rank| {
                total += 1.0 / ((rank + 1) as f64).powf(exponent);
                total
            })
            .collect::<Vec<_>>();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self
            .cumulative
            .last()
            .expect("a Zipf table has at least one rank");
        let target = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len() - 1)
    }

    /// `count` distinct ranks (count must not exceed the number of ranks).
    pub fn sample_distinct(&self, rng: &mut Rng, count: usize) -> Vec<usize> {
        let mut ranks = Vec::with_capacity(count);
        while ranks.len() < count.min(self.cumulative.len()) {
            let rank = self.sample(rng);
            if !ranks.contains(&rank) {
                ranks.push(rank);
            }
        }
        ranks
    }
}
