//! A list's items handed out by key, each to the view that shows it. Read from the whole list,
//! every row would wake on every change and compare its own item (with 50 registries, a
//! hundred memos and the framework's bookkeeping for each, on every keystroke); handed out
//! here, one pass compares the items and only the rows whose item changed are told. A keyed
//! `<For>` over [`Shares::keys`] then keeps each row's DOM while its item changes.

use std::collections::HashMap;
use std::hash::Hash;

use leptos::prelude::*;

/// The rows listening: each key with the signal its row reads.
type Listeners<K, T> = StoredValue<Vec<(K, RwSignal<Option<T>>)>, LocalStorage>;

/// `items`: (key, item) pairs in display order, keys unique.
pub struct Shares<K: Send + Sync + 'static, T: Send + Sync + 'static> {
    items: Memo<Vec<(K, T)>>,
    keys: Memo<Vec<K>>,
    listeners: Listeners<K, T>,
}

impl<K: Send + Sync + 'static, T: Send + Sync + 'static> Clone for Shares<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K: Send + Sync + 'static, T: Send + Sync + 'static> Copy for Shares<K, T> {}

impl<K, T> Shares<K, T>
where
    K: Clone + Eq + Hash + Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    /// Hands out `items` from now on, for as long as the current owner lives.
    pub fn new(items: Memo<Vec<(K, T)>>) -> Self {
        let listeners = StoredValue::new_local(Vec::<(K, RwSignal<Option<T>>)>::new());
        let keys = Memo::new(move |_| items.with(|items| items.iter().map(|(k, _)| k.clone()).collect::<Vec<K>>()));
        Effect::new(move |_| {
            let changed = items.with(|items| {
                let by_key: HashMap<&K, &T> = items.iter().map(|(k, t)| (k, t)).collect();
                listeners.try_with_value(|listeners| {
                    listeners
                        .iter()
                        .filter_map(|(key, signal)| {
                            let next = by_key.get(key).copied();
                            let stale = signal.try_with_untracked(|now| now.as_ref() != next).unwrap_or(false);
                            stale.then(|| (*signal, next.cloned()))
                        })
                        .collect::<Vec<_>>()
                })
            });
            // Told after the pass, so that nothing the rows do runs inside it.
            for (signal, next) in changed.unwrap_or_default() {
                signal.try_set(next);
            }
        });
        Self { items, keys, listeners }
    }

    /// The keys in display order; changes only when a key comes, goes or moves.
    pub fn keys(self) -> Memo<Vec<K>> {
        self.keys
    }

    /// The item of `key` (`None` once it is gone), kept current until the caller's owner (the
    /// row's view) is cleaned up.
    pub fn listen(self, key: K) -> ReadSignal<Option<T>> {
        let initial = self.items.with_untracked(|items| items.iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone()));
        let signal = RwSignal::new(initial);
        self.listeners.update_value(|listeners| listeners.push((key, signal)));
        let listeners = self.listeners;
        on_cleanup(move || {
            listeners.try_update_value(|l| l.retain(|(_, s)| *s != signal));
        });
        signal.read_only()
    }
}
