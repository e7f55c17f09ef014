//! Property tests for text that is almost JSON (`docs/failure-modes.md#text-that-is-almost-json`):
//! any valid config, spoiled by any mix of a byte-order mark, a pasted assignment, shell or JSON
//! string quotes, typographic quotes and non-breaking spaces, is named for each spoiling, and its
//! fix is exactly the fix of the unspoiled config, which inspects without an error. Credentials
//! are fake.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proptest::prelude::*;
use registry_auth::findings::Severity;
use registry_auth::inspector::{fixed_config, inspect};

/// One registry of a generated config: its key and the user of its fake credential.
fn registry() -> impl Strategy<Value = (String, String)> {
    ("[a-z]{1,8}(\\.[a-z]{2,5}){1,2}(:[1-9][0-9]{3})?", "[a-z][a-z0-9+-]{0,15}")
}

/// How the config is spoiled.
#[derive(Debug, Clone)]
struct Spoil {
    bom: bool,
    /// 0: none, else one of the pasted assignments.
    prefix: usize,
    /// 0: none, 1: '…', 2: a JSON string.
    quotes: usize,
    typographic: bool,
    nbsp: bool,
}

fn spoil() -> impl Strategy<Value = Spoil> {
    (any::<bool>(), 0..4usize, 0..3usize, any::<bool>(), any::<bool>()).prop_map(|(bom, prefix, quotes, typographic, nbsp)| Spoil {
        bom,
        prefix,
        quotes,
        typographic,
        nbsp,
    })
}

const TYPOGRAPHIC: [char; 4] = ['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];

/// The config, written with `quote` for every structural `"` and `space` after every `:` and `,`.
fn write(registries: &[(String, String)], helper: Option<&str>, quote: &dyn Fn(usize) -> char, space: &str) -> String {
    let mut n = 0;
    let mut q = || {
        n += 1;
        quote(n)
    };
    let mut out = format!("{{{}auths{}:{space}{{", q(), q());
    for (i, (key, user)) in registries.iter().enumerate() {
        if i > 0 {
            out.push(',');
            out.push_str(space);
        }
        let auth = STANDARD.encode(format!("{user}:not-a-real-token"));
        out.push_str(&format!("{}{key}{}:{space}{{{}auth{}:{space}{}{auth}{}}}", q(), q(), q(), q(), q(), q()));
    }
    out.push('}');
    if let Some(helper) = helper {
        out.push_str(&format!(",{space}{}credHelpers{}:{space}{{{}gcr.io{}:{space}{}{helper}{}}}", q(), q(), q(), q(), q(), q()));
    }
    out.push('}');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn every_spoiling_is_named_and_the_fix_undoes_it(
        registries in prop::collection::vec(registry(), 1..5),
        helper in prop::option::of(Just("gcloud")),
        quote_picks in prop::collection::vec(0..4usize, 64),
        spoil in spoil(),
    ) {
        let clean = write(&registries, helper, &|_| '"', "");
        let clean_ins = inspect(&clean);
        prop_assume!(clean_ins.readable);
        let expected = fixed_config(&clean_ins).unwrap();

        let quote = |n: usize| if spoil.typographic { TYPOGRAPHIC[quote_picks[n % quote_picks.len()]] } else { '"' };
        let mut text = write(&registries, helper, &quote, if spoil.nbsp { "\u{a0}" } else { "" });
        let mut codes: Vec<&str> = Vec::new();
        if spoil.typographic {
            codes.push("json-typographic-quotes");
        }
        if spoil.nbsp {
            codes.push("json-nbsp");
        }
        match spoil.quotes {
            1 => text = format!("'{text}'"),
            2 => text = serde_json::to_string(&text).unwrap(),
            _ => {}
        }
        if spoil.quotes > 0 {
            codes.push("json-shell-quotes");
        }
        if spoil.prefix > 0 {
            text = format!("{}{text}", ["", "export DOCKER_AUTH_CONFIG=", "DOCKER_AUTH_CONFIG=", "DOCKER_AUTH_CONFIG: "][spoil.prefix]);
            codes.push("json-variable-prefix");
        }
        if spoil.bom {
            text = format!("\u{feff}{text}");
            codes.push("json-bom");
        }

        let ins = inspect(&text);
        let found: Vec<&str> = ins.findings.iter().map(|f| f.code.as_str()).collect();
        for code in &codes {
            prop_assert!(found.contains(code), "{code} missing for {text:?}: {found:?}");
        }
        prop_assert!(!found.contains(&"json-invalid"), "{text:?}: {found:?}");
        prop_assert_eq!(ins.strict_env, codes.is_empty() && helper.is_none());
        let fixed = fixed_config(&ins).unwrap();
        prop_assert_eq!(&fixed, &expected, "{:?}", text);
        let again = inspect(&fixed);
        prop_assert!(!again.findings.iter().any(|f| f.severity == Severity::Error), "{fixed}: {:?}", again.findings);
    }

    #[test]
    fn the_first_typographic_quote_is_placed_exactly(lines in prop::collection::vec("[ \t]{0,3}", 0..4), registries in prop::collection::vec(registry(), 1..3)) {
        let clean = write(&registries, None, &|_| '"', "");
        let text = format!("{}{}", lines.join("\n"), clean.replacen('"', "\u{201c}", 1));
        let offset = text.find('\u{201c}').unwrap();
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        let ins = inspect(&text);
        let subject = ins.findings.iter().find(|f| f.code.as_str() == "json-typographic-quotes").map(|f| f.subject.clone());
        prop_assert_eq!(subject, Some(format!("{line}:{column}")));
        prop_assert_eq!(ins.json_error, Some((line, column)));
    }

    #[test]
    fn almost_json_never_panics(text in "[{}\\[\\]\"':, a-z\u{a0}\u{feff}\u{201c}\u{201d}\u{2018}\u{2019}\\\\=\\r\\n]{0,200}", prefix in 0..4usize) {
        let text = format!("{}{text}", ["", "export DOCKER_AUTH_CONFIG=", "DOCKER_AUTH_CONFIG=", "DOCKER_AUTH_CONFIG:"][prefix]);
        let ins = inspect(&text);
        if let Some(fixed) = fixed_config(&ins) {
            prop_assert!(inspect(&fixed).readable);
        }
    }
}
