//! Every visible text. The texts live in `locales/<tag>/*.json` and the languages in
//! `locales/languages.json`; `build.rs` checks them and compiles the first language's in
//! ([`EN`], the typed [`Key`] for `ui.*`, and [`Lang`]). Every other language is
//! a file fetched only when it is chosen (`ui::i18n`, `I18n::choose`), so nobody downloads the
//! languages they do not read.
//!
//! Texts take parameters by name: `"Registry {n}"` with `fill(text, &[("n", "2")])`.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/texts.rs"));

    impl Lang {
        /// The BCP 47 tag: the `<option>` value of the `Language` select, `<html lang>`, the
        /// stored preference, and the name of its texts' file (`i18n-<tag>-<hash>.json`).
        pub fn as_str(self) -> &'static str {
            TAGS[self as usize]
        }

        /// The language's name in itself, for the menu.
        pub fn name(self) -> &'static str {
            NATIVE_NAMES[self as usize]
        }

        /// Whether its texts are compiled in (the first of the list).
        pub fn built_in(self) -> bool {
            self as usize == 0
        }

        /// The language of a BCP 47 tag such as `ja-JP`: the exact tag if listed, else its
        /// primary subtag; anything else is the first language.
        pub fn from_tag(tag: &str) -> Lang {
            let primary = tag.split(['-', '_']).next().unwrap_or("");
            LANGS
                .iter()
                .copied()
                .find(|l| l.as_str().eq_ignore_ascii_case(tag))
                .or_else(|| LANGS.iter().copied().find(|l| l.as_str().eq_ignore_ascii_case(primary)))
                .unwrap_or_default()
        }
    }
}
pub mod topics;

use std::cell::RefCell;

#[cfg(test)]
pub use generated::NAMES;
pub use generated::{Key, Lang, EN, LANGS, LATE, NAMES_FINGERPRINT};

/// A text, by its index in the sorted names (the order of [`EN`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text(u16);

impl From<Key> for Text {
    fn from(key: Key) -> Self {
        Text(key as u16)
    }
}

impl Text {
    /// No such text: renders as "". Only a select value the option does not offer gets it
    /// (`topics::option_value`); every other text is resolved by the build.
    pub const MISSING: Text = Text(u16::MAX);

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
    /// Each fetched language's texts in the order of [`EN`], by `Lang as usize`. Leaked on
    /// purpose: loaded once, they live as long as the page.
    static LOADED: RefCell<Vec<Option<Vec<&'static str>>>> = RefCell::new(vec![None; LANGS.len()]);
    /// The English texts of [`LATE`], in its order, once fetched (`load_late`).
    static LATE_LOADED: RefCell<Option<Vec<&'static str>>> = const { RefCell::new(None) };
}

/// Reads the file the build writes for a language, or for the late English texts: a JSON array,
/// [`NAMES_FINGERPRINT`] then `count` texts (`scripts/post_build.py`). `None` for anything else
/// (a file of a build whose names differ included). A text that is not a string is `None`.
fn read_file(json: &str, count: usize) -> Option<Vec<Option<&'static str>>> {
    // From bytes: the parser the rest of the main module uses (see `ui::stored_prefs::read`).
    let Ok(serde_json::Value::Array(list)) = serde_json::from_slice::<serde_json::Value>(json.as_bytes()) else { return None };
    let (fingerprint, list) = list.split_first()?;
    if fingerprint.as_str() != Some(NAMES_FINGERPRINT) || list.len() != count {
        return None;
    }
    Some(list.iter().map(|text| text.as_str().map(|t| &*Box::leak(t.to_owned().into_boxed_str()))).collect())
}

/// Installs the English texts of [`LATE`] (`i18n-en-late-<hash>.json`); false if the file is not
/// theirs or they are there already.
pub fn load_late(json: &str) -> bool {
    let Some(texts) = read_file(json, LATE.len()) else { return false };
    let texts = texts.into_iter().map(Option::unwrap_or_default).collect();
    LATE_LOADED.with(|loaded| {
        let mut loaded = loaded.borrow_mut();
        loaded.is_none() && loaded.replace(texts).is_none()
    })
}

/// Whether the English texts of [`LATE`] are there.
pub fn late_loaded() -> bool {
    LATE_LOADED.with(|loaded| loaded.borrow().is_some())
}

/// The English text at `index`: compiled in, or one of [`LATE`] once fetched ("" until then).
fn english(index: usize) -> &'static str {
    match EN.get(index) {
        Some(&"") => LATE
            .binary_search(&(index as u16))
            .ok()
            .and_then(|at| LATE_LOADED.with(|l| l.borrow().as_ref().and_then(|t| t.get(at).copied())))
            .unwrap_or(""),
        Some(text) => text,
        None => "",
    }
}

/// Installs `lang`'s texts from the file the build writes (`read_file`: every text, in the
/// order of the names). Returns false for anything else, and for the built-in language. A text
/// that is not a string keeps its English text. The names themselves are not in the app.
pub fn load(lang: Lang, json: &str) -> bool {
    if lang.built_in() {
        return false;
    }
    let Some(list) = read_file(json, EN.len()) else { return false };
    let texts: Vec<&'static str> = list.into_iter().enumerate().map(|(index, text)| text.unwrap_or_else(|| english(index))).collect();
    LOADED.with(|loaded| {
        let slot = &mut loaded.borrow_mut()[lang as usize];
        slot.is_none() && slot.replace(texts).is_none()
    })
}

/// Whether `lang`'s texts are there (always, for the built-in one).
pub fn loaded(lang: Lang) -> bool {
    lang.built_in() || LOADED.with(|loaded| loaded.borrow()[lang as usize].is_some())
}

/// `text` in `lang`; the built-in language's until `lang`'s texts are loaded, and "" for a text of
/// [`LATE`] until it is (`ui::i18n::late_texts`: the parts that show them wait for it).
pub fn get(lang: Lang, text: Text) -> &'static str {
    let index = usize::from(text.0);
    if !lang.built_in() {
        if let Some(text) = LOADED.with(|loaded| loaded.borrow()[lang as usize].as_ref().and_then(|texts| texts.get(index).copied())) {
            return text;
        }
    }
    english(index)
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
    fn each_language_file_round_trips() {
        // What scripts/post_build.py writes for every language but the first: the names'
        // fingerprint, then its texts in the order of the names.
        for lang in LANGS.into_iter().filter(|l| !l.built_in()) {
            let texts: std::collections::BTreeMap<String, String> = read_locale(lang.as_str()).into_iter().collect();
            assert!(texts.keys().map(String::as_str).eq(NAMES), "the file's order is the names'");
            let file = |fingerprint: &str, texts: &[&String]| {
                let mut list = vec![serde_json::Value::String(fingerprint.to_owned())];
                list.extend(texts.iter().map(|t| serde_json::Value::String((*t).clone())));
                serde_json::Value::Array(list).to_string()
            };
            let all: Vec<&String> = texts.values().collect();
            assert!(!load(lang, "[]") && !load(lang, "{}"));
            assert!(!load(lang, &file("0000000000000000", &all)), "another build's names");
            assert!(!load(lang, &file(NAMES_FINGERPRINT, &all[1..])), "a text short");
            assert!(!loaded(lang));
            assert!(load(lang, &file(NAMES_FINGERPRINT, &all)) && loaded(lang));
            assert_eq!(get(lang, Key::Language.into()), texts["ui.language"]);
        }
        assert_eq!(get(Lang::Ja, Key::Language.into()), "言語");
    }

    #[test]
    fn the_late_texts_are_left_out_and_fetched() {
        // What build.rs leaves out (locales/late.json's topics) and post_build.py writes for
        // them: the names' fingerprint, then those texts in the names' order.
        let late_topics: Vec<String> =
            serde_json::from_str(&std::fs::read_to_string("locales/late.json").expect("late.json")).expect("json");
        let texts: std::collections::BTreeMap<String, String> = read_locale("en").into_iter().collect();
        let late: Vec<(usize, &String)> = texts
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| late_topics.iter().any(|t| n.split('.').next() == Some(t)))
            .map(|(i, (_, t))| (i, t))
            .collect();
        assert!(!late.is_empty() && late.iter().map(|(i, _)| *i as u16).eq(LATE));
        assert!(late.iter().all(|(i, _)| EN[*i].is_empty() && get(Lang::En, Text(*i as u16)).is_empty()));
        assert!(EN.iter().filter(|t| t.is_empty()).count() == LATE.len(), "only the late texts are left out");
        let mut file = vec![serde_json::Value::String(NAMES_FINGERPRINT.to_owned())];
        file.extend(late.iter().map(|(_, t)| serde_json::Value::String((*t).clone())));
        assert!(!load_late(&serde_json::Value::Array(file[..file.len() - 1].to_vec()).to_string()) && !late_loaded());
        assert!(load_late(&serde_json::Value::Array(file).to_string()) && late_loaded());
        assert!(late.iter().all(|(i, t)| get(Lang::En, Text(*i as u16)) == t.as_str()));
    }

    #[test]
    fn tags_pick_a_language() {
        assert_eq!(
            (Lang::from_tag("ja-JP"), Lang::from_tag("JA"), Lang::from_tag("fr-FR"), Lang::from_tag("")),
            (Lang::Ja, Lang::Ja, Lang::En, Lang::En)
        );
        assert_eq!((Lang::En.as_str(), Lang::Ja.name()), ("en", "日本語"));
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
