//! The two hash functions the spaCy pipeline depends on.
//!
//! - [`murmurhash64a`]: MurmurHash64A, used by spaCy's `StringStore` (seed 1) to turn
//!   strings (norms, prefixes, shapes...) into 64-bit ids.
//! - [`murmurhash3_uint64`]: thinc's `MurmurHash3_x86_128_uint64`, which hashes one
//!   64-bit id into four 32-bit buckets for `HashEmbed`.
//!
//! Both are bit-exact ports; they do nothing else.

/// MurmurHash64A over bytes, as in `murmurhash/MurmurHash2.cpp`.
pub fn murmurhash64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let len = key.len();
    let mut h: u64 = seed ^ (len as u64).wrapping_mul(M);
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        let mut k = u64::from_le_bytes(buf);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate().rev() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// thinc's `MurmurHash3_x86_128_uint64`: four 32-bit keys for one 64-bit id.
pub fn murmurhash3_uint64(val: u64, seed: u32) -> [u32; 4] {
    let seed = u64::from(seed);
    let mut h1: u64 = val;
    h1 = h1.wrapping_mul(0x87c3_7b91_1142_53d5);
    h1 = h1.rotate_left(31);
    h1 = h1.wrapping_mul(0x4cf5_ad43_2745_937f);
    h1 ^= seed;
    h1 ^= 8;
    let mut h2: u64 = seed;
    h2 ^= 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_hash_is_stable_and_length_sensitive() {
        let a = murmurhash64a(b"Marseille", 1);
        assert_eq!(a, murmurhash64a(b"Marseille", 1));
        assert_ne!(a, murmurhash64a(b"Marseill", 1));
        assert_ne!(murmurhash64a(b"", 1), murmurhash64a(b"\0", 1));
    }

    #[test]
    fn id_hash_spreads_over_four_keys() {
        let k = murmurhash3_uint64(123_456_789, 8);
        assert_ne!(k[0], k[1]);
        assert_ne!(k, murmurhash3_uint64(123_456_789, 9));
    }
}
