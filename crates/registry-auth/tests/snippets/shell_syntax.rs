//! Shell syntax.

use crate::support::*;

#[test]
fn every_shell_snippet_and_job_script_passes_bash_n() {
    // One `bash -n` per distinct script keeps this quick on two cores.
    let mut scripts: BTreeMap<String, String> = BTreeMap::new();
    for (case, _, _, _, all) in cases() {
        for s in &all {
            match s.language() {
                SnippetLanguage::Shell => {
                    scripts.entry(s.text.clone()).or_insert_with(|| format!("{case} {}", s.id.as_str()));
                }
                SnippetLanguage::Yaml if s.group() == SnippetGroup::GitlabCi => {
                    let doc = parse_yaml(s, &case);
                    for key in ["before_script", "script"] {
                        if !doc["build"][key].is_badvalue() {
                            scripts
                                .entry(script_lines(&doc["build"], key).join("\n"))
                                .or_insert_with(|| format!("{case} {} {key}", s.id.as_str()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for (script, what) in &scripts {
        bash_n(script, what);
    }
}
