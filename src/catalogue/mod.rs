//! Every visible string, per language. Each topic file holds an `EN` and a `JA` table of
//! `(key, text)`; `{}` in a text is replaced by a finding's subject.
//!
//! Finding codes have two keys: `finding.<code>` (what is wrong) and `fix.<code>` (one line on
//! what to do).
//!
//! ```
//! use auth_config_builder::catalogue::{text, Lang};
//! assert_eq!(text(Lang::En, "finding.username-colon"), "The username contains “:”. Readers split user and password at the first “:”, so this cannot work.");
//! ```

mod generator;
mod inspector;
mod snippets;
mod ui;

/// A UI language. The `<option>` values of the `Language` select are `as_str()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Picks a language from a BCP 47 tag such as `ja-JP`; anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("ja")) {
            Lang::Ja
        } else {
            Lang::En
        }
    }
}

type Table = &'static [(&'static str, &'static str)];

/// The topic tables of one language, searched in order.
fn tables(lang: Lang) -> [Table; 4] {
    match lang {
        Lang::En => [generator::EN, snippets::EN, inspector::EN, ui::EN],
        Lang::Ja => [generator::JA, snippets::JA, inspector::JA, ui::JA],
    }
}

/// The text for `key`, or "" when it is missing (the completeness tests keep that from shipping).
pub fn text(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key).unwrap_or("")
}

fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    tables(lang).iter().flat_map(|t| t.iter()).find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The text for `key` with `{}` replaced by `subject`.
pub fn fill(lang: Lang, key: &str, subject: &str) -> String {
    text(lang, key).replacen("{}", subject, 1)
}

/// Every key of a language, for the completeness tests.
pub fn keys(lang: Lang) -> impl Iterator<Item = &'static str> {
    tables(lang).into_iter().flat_map(|t| t.iter().map(|(k, _)| *k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_languages_have_the_same_keys() {
        let en: BTreeSet<_> = keys(Lang::En).collect();
        let ja: BTreeSet<_> = keys(Lang::Ja).collect();
        assert_eq!(en.difference(&ja).collect::<Vec<_>>(), Vec::<&&str>::new(), "missing in ja");
        assert_eq!(ja.difference(&en).collect::<Vec<_>>(), Vec::<&&str>::new(), "missing in en");
        assert_eq!(en.len(), keys(Lang::En).count(), "duplicate key in en");
    }

    #[test]
    fn every_generator_code_has_a_message_and_a_fix() {
        for code in crate::config_builder::CODES.iter().chain(crate::inspector::CODES) {
            for lang in Lang::ALL {
                assert!(lookup(lang, &format!("finding.{code}")).is_some(), "finding.{code} in {lang:?}");
                assert!(lookup(lang, &format!("fix.{code}")).is_some(), "fix.{code} in {lang:?}");
            }
        }
    }
}
