//! The texts of the domain's identifiers: each finding code, resolver explanation, snippet,
//! option, and so on has its texts under `<topic>.<id>…`. One function per topic; the tests
//! check both ways that every id has its texts and that every text belongs to an id.

use registry_auth::findings::{FindingCode, Severity};
use registry_auth::inspector::ConfigFormat;
use registry_auth::presets::{GitLabToken, PresetId};
use registry_auth::registry_key::KeyNote;
use registry_auth::resolver::Explanation;
use registry_auth::situation::{Builder, Executor, ImageSource, Platform, Role};
use registry_auth::snippets::{OptionField, SnippetGroup, SnippetId, VariableKind};
use registry_auth::token_kind::TokenKind;

use super::Text;

fn named(topic: &str, id: &str, field: Option<&str>) -> Text {
    match field {
        Some(field) => Text::named(&format!("{topic}.{id}.{field}")),
        None => Text::named(&format!("{topic}.{id}")),
    }
}

/// What is wrong (`{subject}` is the finding's subject), and one line on what to do.
pub fn finding(code: FindingCode) -> (Text, Text) {
    (named("findings", code.as_str(), Some("message")), named("findings", code.as_str(), Some("fix")))
}

/// A recognised token kind's name (the `{subject}` of findings about it), and what that kind
/// needs: the username, the scopes or the helper to use instead.
pub fn token_kind(kind: TokenKind) -> (Text, Text) {
    (named("token-kinds", kind.as_str(), Some("name")), named("token-kinds", kind.as_str(), Some("advice")))
}

pub fn severity(severity: Severity) -> Text {
    named("severities", severity.as_str(), None)
}

/// One sentence on why the readers differ or nothing matches (`{subject}`).
pub fn explanation(explanation: Explanation) -> Text {
    named("resolver", explanation.as_str(), None)
}

pub fn format(format: ConfigFormat) -> Text {
    named("formats", format.as_str(), None)
}

pub fn key_note(note: KeyNote) -> Text {
    named("key-notes", note.as_str(), None)
}

pub fn preset(id: PresetId) -> Text {
    named("presets", id.as_str(), None)
}

/// The token kind's name, the scopes it needs, and the username to use.
pub fn token(token: GitLabToken) -> (Text, Text, Text) {
    let id = token.id();
    (named("tokens", id, Some("name")), named("tokens", id, Some("scopes")), named("tokens", id, Some("user")))
}

/// The snippet's title and its "when to use" line.
pub fn snippet(id: SnippetId) -> (Text, Text) {
    (named("snippets", id.as_str(), Some("title")), named("snippets", id.as_str(), Some("when")))
}

pub fn snippet_group(group: SnippetGroup) -> Text {
    named("snippet-groups", group.as_str(), None)
}

pub fn option_label(field: OptionField) -> Text {
    named("options", field.id(), Some("label"))
}

/// The text of one value of a select option.
pub fn option_value(field: OptionField, value: &str) -> Text {
    Text::named(&format!("options.{}.values.{value}", field.id()))
}

/// What the variable is for (`{subject}` is its registry), and what to paste when the tool
/// does not have the value.
pub fn variable(kind: VariableKind) -> (Text, Text) {
    let id: &'static str = kind.into();
    (named("variables", id, Some("note")), named("variables", id, Some("value")))
}

pub fn platform(platform: Platform) -> Text {
    named("situation.platform", platform.into(), None)
}

pub fn executor(executor: Executor) -> Text {
    named("situation.executor", executor.into(), None)
}

pub fn builder(builder: Builder) -> Text {
    named("situation.builder", builder.into(), None)
}

pub fn role(role: Role) -> Text {
    named("situation.role", role.into(), None)
}

pub fn image_source(source: ImageSource) -> Text {
    named("situation.source", source.into(), None)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use registry_auth::snippets::OptionKind;
    use strum::IntoEnumIterator;

    use super::*;
    use crate::texts::NAMES;

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
