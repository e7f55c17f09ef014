//! Prints what the core produces for a setup given as JSON on stdin, so the browser tests can
//! check that the page shows exactly the core's output:
//!
//! ```sh
//! echo '{"entries":[{"registry":"quay.io","username":"u","secret":"s"}]}' | cargo run -q --no-default-features --example core_outputs
//! ```
//!
//! Input: `{"entries":[{"registry","username","secret","helper"?}], "credsStore"?, "pretty"?,
//! "options"?: {"<option id>": "<value>"}}` (option ids as `OptionField::id`, values as the page's
//! inputs hold them).
//! Output: `{"value", "auths":[…], "snippets":{"<id>":"<text>"}}`.

use std::io::Read;

use registry_auth::config_builder::build;
use registry_auth::setup::{OutputOptions, RegistryEntry, Setup};
use registry_auth::situation::Situation;
use registry_auth::snippets::{snippets, OptionField, SnippetOptions};
use serde_json::{json, Map, Value};
use strum::IntoEnumIterator;

fn text(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    let request: Value = serde_json::from_str(&input).expect("JSON on stdin");
    let entries = request["entries"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| match e.get("helper") {
                    Some(_) => RegistryEntry::helper(&text(e, "registry"), &text(e, "helper")),
                    None => RegistryEntry::basic(&text(e, "registry"), &text(e, "username"), &text(e, "secret")),
                })
                .collect()
        })
        .unwrap_or_default();
    let setup = Setup {
        entries,
        creds_store: text(&request, "credsStore"),
        options: OutputOptions { pretty: request["pretty"].as_bool().unwrap_or(false), include_plain_fields: false },
    };
    let generated = build(&setup);
    let mut options = SnippetOptions::default();
    for field in OptionField::iter() {
        if let Some(value) = request["options"].get(field.id()).and_then(Value::as_str) {
            if field.set(&mut options, value).is_err() {
                eprintln!("option {}: none of its values: {value}", field.id());
                std::process::exit(2);
            }
        }
    }
    // As the page writes them: with the default situation's answers filled in.
    let options = Situation::default().effective_options(&setup, &options);
    let snippet_texts: Map<String, Value> =
        snippets(&setup, &generated, &options).into_iter().map(|s| (s.id.as_str().to_owned(), Value::String(s.text))).collect();
    let auths: Vec<Value> = generated.entries.iter().map(|e| json!(e.auth)).collect();
    println!("{}", json!({ "value": generated.value, "auths": auths, "snippets": snippet_texts }));
}
