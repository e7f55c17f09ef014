//! Every visible text. The texts live in `locales/<lang>/*.json`; `build.rs` checks them and
//! compiles the English ones in ([`EN`], with [`NAMES`] and the typed [`Key`] for `ui.*`).
//! Japanese is a separate file, fetched only when it is chosen (`ui::i18n`, `I18n::choose`), so English
//! users do not download it.
//!
//! Texts take parameters by name: `"Registry {n}"` with `fill(text, &[("n", "2")])`.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/texts.rs"));
}
pub mod topics;

use std::cell::OnceCell;

pub use generated::{Key, EN, NAMES};

/// A UI language. The `<option>` values of the `Language` select are `as_str()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        self.into()
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

/// A text, by its index in [`NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text(u16);

impl From<Key> for Text {
    fn from(key: Key) -> Self {
        Text(key as u16)
    }
}

impl Text {
    /// No such text: renders as "". The completeness tests keep it from shipping.
    pub const MISSING: Text = Text(u16::MAX);

    /// The text named `name` (`findings.username-colon.fix`), or [`Text::MISSING`].
    pub fn named(name: &str) -> Text {
        NAMES.binary_search(&name).map_or(Text::MISSING, |i| Text(i as u16))
    }

    #[cfg(test)]
    pub fn exists(self) -> bool {
        self != Text::MISSING
    }

    #[cfg(test)]
    pub fn name(self) -> &'static str {
        NAMES.get(usize::from(self.0)).copied().unwrap_or("")
    }
}

thread_local! {
    /// The Japanese texts in the order of `NAMES`, once loaded. Leaked on purpose: loaded once,
    /// they live as long as the page.
    static JA: OnceCell<Vec<&'static str>> = const { OnceCell::new() };
}

/// Installs the Japanese texts from the JSON object the build writes (name → text). A name
/// missing from it keeps its English text. Returns false for text that is not such an object.
pub fn load_japanese(json: &str) -> bool {
    let Ok(map) = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json) else { return false };
    let texts: Vec<&'static str> = NAMES
        .iter()
        .zip(EN)
        .map(|(name, en)| match map.get(*name).and_then(|v| v.as_str()) {
            Some(ja) => &*Box::leak(ja.to_owned().into_boxed_str()),
            None => en,
        })
        .collect();
    JA.with(|cell| cell.set(texts).is_ok())
}

/// Whether the Japanese texts are there.
pub fn japanese_loaded() -> bool {
    JA.with(|cell| cell.get().is_some())
}

/// `text` in `lang`; English until the Japanese texts are loaded.
pub fn get(lang: Lang, text: Text) -> &'static str {
    let index = usize::from(text.0);
    let Some(en) = EN.get(index) else { return "" };
    match lang {
        Lang::Ja => JA.with(|cell| cell.get().map(|ja| ja[index])).unwrap_or(en),
        Lang::En => en,
    }
}

/// Replaces each `{name}` of `text` by its value.
pub fn fill(text: &str, params: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_and_keys_point_at_ui_texts() {
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Text::from(Key::Language).name(), "ui.language");
        assert_eq!(get(Lang::En, Key::Language.into()), "Language");
        assert_eq!(fill(get(Lang::En, Key::RegistryN.into()), &[("n", "2")]), "Registry 2");
    }

    #[test]
    fn japanese_file_round_trip() {
        // What scripts/post_build.py writes: every Japanese text by name.
        let mut map = serde_json::Map::new();
        for (name, text) in read_locale("ja") {
            map.insert(name, serde_json::Value::String(text));
        }
        assert!(load_japanese(&serde_json::Value::Object(map).to_string()));
        assert_eq!(get(Lang::Ja, Key::Language.into()), "言語");
        assert!(!load_japanese("[]"));
    }

    /// The flattened texts of one language, read from the locale files as the build reads them.
    pub(crate) fn read_locale(lang: &str) -> Vec<(String, String)> {
        fn flatten(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
            match value {
                serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| flatten(&format!("{prefix}.{k}"), v, out)),
                serde_json::Value::String(text) => out.push((prefix.to_owned(), text.clone())),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for entry in std::fs::read_dir(format!("locales/{lang}")).expect("locales") {
            let path = entry.expect("entry").path();
            let topic = path.file_stem().and_then(|s| s.to_str()).expect("name").to_owned();
            let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            flatten(&topic, &value, &mut out);
        }
        out
    }
}
