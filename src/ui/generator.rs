//! The generator's output as a memo that costs what a keystroke changes: each entry is built
//! on its own and reused while it is unchanged, so typing in one registry recomputes that
//! registry's key, `auth` and findings, then assembles the value from every entry's part.

use leptos::prelude::*;
use registry_auth::config_builder::{assemble, build_entry, EntryBuild, Generated};
use registry_auth::setup::{OutputOptions, RegistryEntry};

use super::state::{EntryForm, FormStore, FormStoreFields, OTHER_HELPER};

/// The last build of each entry: its id, what it was built from, and the result.
type Cache = Vec<(u32, RegistryEntry, bool, EntryBuild)>;

pub fn generated_memo(form: FormStore) -> Memo<Generated> {
    let cache = StoredValue::new_local(Cache::new());
    Memo::new(move |_| {
        let options = OutputOptions { pretty: form.pretty().get(), include_plain_fields: form.include_plain_fields().get() };
        let creds_store =
            form.creds_store_choice().with(|choice| if choice == OTHER_HELPER { form.creds_store_other().get() } else { choice.clone() });
        let next: Cache = form.entries().with(|rows| {
            let mut previous = cache.try_update_value(std::mem::take).unwrap_or_default();
            rows.iter().map(|row| reuse_or_build(row, options.include_plain_fields, &mut previous)).collect()
        });
        let builds: Vec<&EntryBuild> = next.iter().map(|(_, _, _, build)| build).collect();
        let mut generated = assemble(&builds, &creds_store, options, form.situation().with(|s| s.runner_version()));
        cache.set_value(next);
        // "Empty" findings wait until the user has been to the field (`waits_for_field`).
        form.entries().with(|rows| {
            generated.findings.retain(|f| match (f.code.waits_for_field(), f.entry.and_then(|i| rows.get(i))) {
                (Some(field), Some(row)) => row.reached(field),
                _ => true,
            })
        });
        generated
    })
}

/// The row's last build, taken out of `previous` when the row is unchanged (nothing copied), or
/// a new one.
fn reuse_or_build(row: &EntryForm, include_plain_fields: bool, previous: &mut Cache) -> (u32, RegistryEntry, bool, EntryBuild) {
    match previous.iter().position(|(id, old, plain, _)| *id == row.id && *plain == include_plain_fields && row.is_entry(old)) {
        Some(index) => previous.swap_remove(index),
        None => {
            let entry = row.to_entry();
            let build = build_entry(&entry, include_plain_fields);
            (row.id, entry, include_plain_fields, build)
        }
    }
}
