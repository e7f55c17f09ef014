//! Config keys in sorted order, each with the index of its last occurrence.
//!
//! GitLab Runner keeps, of several keys that normalise to the same registry path, the first in
//! sorted order (`docs/gitlab-runner.md#matching`), and Go's JSON decoder keeps the last of a
//! repeated key. A `BTreeMap` gives both at once.

use std::collections::BTreeMap;

/// Each key → the index of its last occurrence, in sorted key order. Built by inserts rather
/// than `collect`, which would add a sort instantiation per map type to the wasm bundle.
pub fn index_by_key<'a>(keys: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut map = BTreeMap::new();
    for (index, key) in keys.enumerate() {
        map.insert(key, index);
    }
    map
}
