//! A stable sort that is small in the wasm. `slice::sort_by_key` is the standard library's
//! driftsort: about 3 KB of code for each element type it sorts, and the page compiles every
//! one the first step can reach before it responds (three of them: about 9.5 KB, 3 KB brotli;
//! BENCHMARKS.md). This is a bottom-up merge sort of indices, then one move of each element:
//! O(n log n) comparisons of keys computed once, stable, a few hundred bytes per type.

/// Sorts `items` by `key`, keeping the order of items whose keys are equal (what
/// `slice::sort_by_key` does). Allocates three `Vec`s of `items.len()`; never panics.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let len = items.len();
    if len < 2 {
        return;
    }
    let keys: Vec<K> = items.iter().map(key).collect();
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                // The left run first on equal keys: that keeps the sort stable.
                let take_left = right >= end || (left < middle && keys[order[left]] <= keys[order[right]]);
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|index| slots.get_mut(index).and_then(Option::take)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            let mut std_sorted = items;
            sort_by_key(&mut ours, |(k, _)| *k);
            std_sorted.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
