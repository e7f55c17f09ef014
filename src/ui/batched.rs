//! Long lists mounted a batch per task, so no single task holds the page.

use std::collections::HashSet;
use std::hash::Hash;

use leptos::prelude::*;

/// The keys of `keys` whose rows are mounted now. When the list changes, its leading keys that
/// are already mounted stay and `per_task` more follow at once, then `per_task` per task
/// (`next_task`, so the browser paints and takes input in between) until the list is whole.
/// Adding or removing one row is therefore immediate; a new list of a hundred is not one long
/// task.
///
/// Shape: feed the result to `<For each=…>`; keys are unique in the list. The result follows
/// `keys` in the same update, so rows whose keys are gone unmount before anything else runs.
pub fn batched<K>(keys: Memo<Vec<K>>, per_task: usize) -> Memo<Vec<K>>
where
    K: Clone + Eq + Hash + Send + Sync + 'static,
{
    let tick = RwSignal::new(0u32);
    let shown = Memo::new(move |previous: Option<&Vec<K>>| {
        tick.track();
        keys.with(|all| {
            let mounted: HashSet<&K> = previous.map(|p| p.iter().collect()).unwrap_or_default();
            let kept = all.iter().take_while(|k| mounted.contains(k)).count();
            all[..all.len().min(kept + per_task)].to_vec()
        })
    });
    // While rows are missing, one more batch per task.
    Effect::new(move |_| {
        let missing = shown.with(Vec::len) < keys.with(Vec::len);
        if missing {
            leptos::task::spawn_local(async move {
                super::next_task::yield_task().await;
                tick.try_update(|t| *t = t.wrapping_add(1));
            });
        }
    });
    shown
}
