//! The texts of the domain's identifiers: each finding code, resolver explanation, snippet,
//! option, and so on has its texts under `<topic>.<id>…`. `build.rs` generates one function per
//! topic, a `match` over the core's enum, and fails when an id has no text or a text no id; the
//! tests below check the same at run time, in both languages' files.

pub use super::generated::topics::*;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use registry_auth::snippets::OptionKind;
    use strum::IntoEnumIterator;

    use registry_auth::findings::{FindingCode, Severity};
    use registry_auth::inspector::ConfigFormat;
    use registry_auth::presets::{GitLabToken, PresetId};
    use registry_auth::registry_key::KeyNote;
    use registry_auth::resolver::Explanation;
    use registry_auth::situation::{Builder, Executor, ImageSource, Platform, Role};
    use registry_auth::snippets::{OptionField, SnippetGroup, SnippetId, VariableKind};
    use registry_auth::token_kind::TokenKind;

    use super::*;
    use crate::texts::{Text, NAMES};

    /// The values each select option offers.
    fn select_values(field: OptionField) -> Vec<&'static str> {
        match field.kind() {
            OptionKind::Choice(values) => values.to_vec(),
            OptionKind::Text | OptionKind::Flag => Vec::new(),
        }
    }

    /// Every text of the domain's ids, as each topic function names it, with the id it is for.
    fn expected() -> Vec<(String, Text)> {
        let mut texts: Vec<(String, Text)> = Vec::new();
        let mut add = |id: String, list: &[Text]| texts.extend(list.iter().map(|t| (id.clone(), *t)));
        for code in FindingCode::iter() {
            let (message, fix) = finding(code);
            add(format!("{code:?}"), &[message, fix]);
        }
        for kind in TokenKind::iter() {
            let (name, advice) = token_kind(kind);
            add(format!("{kind:?}"), &[name, advice]);
        }
        Severity::iter().for_each(|s| add(format!("{s:?}"), &[severity(s)]));
        Explanation::iter().for_each(|e| add(format!("{e:?}"), &[explanation(e)]));
        ConfigFormat::iter().for_each(|f| add(format!("{f:?}"), &[format(f)]));
        KeyNote::iter().for_each(|n| add(format!("{n:?}"), &[key_note(n)]));
        PresetId::iter().for_each(|p| add(format!("{p:?}"), &[preset(p)]));
        for kind in GitLabToken::iter() {
            let (name, scopes, user) = token(kind);
            add(format!("{kind:?}"), &[name, scopes, user]);
        }
        for id in SnippetId::iter() {
            let (title, when) = snippet(id);
            add(format!("{id:?}"), &[title, when]);
        }
        SnippetGroup::iter().for_each(|g| add(format!("{g:?}"), &[snippet_group(g)]));
        for field in OptionField::iter() {
            add(format!("{field:?}"), &[option_label(field)]);
            for value in select_values(field) {
                add(format!("{field:?} {value}"), &[option_value(field, value)]);
            }
        }
        for kind in VariableKind::iter() {
            let (note, value) = variable(kind);
            add(format!("{kind:?}"), &[note, value]);
        }
        Platform::iter().for_each(|p| add(format!("{p:?}"), &[platform(p)]));
        Executor::iter().for_each(|e| add(format!("{e:?}"), &[executor(e)]));
        Builder::iter().for_each(|b| add(format!("{b:?}"), &[builder(b)]));
        Role::iter().for_each(|r| add(format!("{r:?}"), &[role(r)]));
        ImageSource::iter().for_each(|s| add(format!("{s:?}"), &[image_source(s)]));
        texts
    }

    #[test]
    fn every_id_has_its_texts_and_every_text_its_id() {
        let expected = expected();
        let missing: Vec<&String> = expected.iter().filter(|(_, t)| !t.exists()).map(|(id, _)| id).collect();
        assert!(missing.is_empty(), "ids without their texts: {missing:?}");
        let used: BTreeSet<&str> = expected.iter().map(|(_, t)| t.name()).collect();
        let unused: Vec<&str> = NAMES.iter().copied().filter(|n| !n.starts_with("ui.") && !used.contains(n)).collect();
        assert!(unused.is_empty(), "texts no id uses: {unused:?}");
    }

    #[test]
    fn findings_say_their_subject_where_they_have_one() {
        let (message, _) = finding(FindingCode::RegistryCredentials);
        assert!(crate::texts::get(crate::texts::Lang::En, message).contains("{subject}"));
    }
}
