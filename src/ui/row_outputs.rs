//! Each registry row's share of the generator's output, handed to that row alone
//! ([`Shares`]): typing in one registry wakes that registry's view, not every row's.

use leptos::prelude::*;
use registry_auth::config_builder::{EntryOutput, Generated};
use registry_auth::findings::Finding;

use super::shares::Shares;

/// One row's share: its position (0-based, display order), what the core made of it (`None`
/// while the output does not have the row yet) and the findings about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowOutput {
    pub index: usize,
    pub output: Option<EntryOutput>,
    pub findings: Vec<Finding>,
}

/// The generator's output by row id (`ids`: row ids in display order).
pub fn row_outputs(generated: Memo<Generated>, ids: Memo<Vec<u32>>) -> Shares<u32, RowOutput> {
    Shares::new(Memo::new(move |_| {
        generated.with(|g| {
            ids.with(|ids| {
                let mut findings = vec![Vec::new(); ids.len()];
                for finding in &g.findings {
                    if let Some(list) = finding.entry.and_then(|i| findings.get_mut(i)) {
                        list.push(finding.clone());
                    }
                }
                ids.iter()
                    .zip(findings)
                    .enumerate()
                    .map(|(index, (id, findings))| (*id, RowOutput { index, output: g.entries.get(index).cloned(), findings }))
                    .collect::<Vec<_>>()
            })
        })
    }))
}
