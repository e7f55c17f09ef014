//! Times the inspector on generated configs (the issue's budget: under 50 ms for 1 MB).
//!
//! ```sh
//! cargo run --release --no-default-features --example inspect_bench
//! ```
//!
//! The release profile is the one the wasm page ships (opt-level "z", LTO), run natively here.
//! Prints the median of several runs; asserts nothing about time.

use std::hint::black_box;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use registry_auth::inspector::{fixed_config, inspect};
use registry_auth::resolver::{resolve, ConfigView};

const RUNS: usize = 15;

/// A config of about `target` bytes: many registries, a few with the usual problems.
fn generated_config(target: usize) -> String {
    let mut out = String::from("{\"auths\":{");
    let mut i = 0usize;
    while out.len() < target {
        if i > 0 {
            out.push(',');
        }
        let auth = STANDARD.encode(format!("ci-bot-{i}:not-a-real-token-{i:08}-padding-padding"));
        let entry = match i % 10 {
            0 => format!(r#""https://registry-{i}.example.com/v2/":{{"auth":"{auth}"}}"#),
            1 => format!(
                r#""registry-{i}.example.com:5000/team":{{"username":"ci-bot-{i}","password":"not-a-real-token","email":"ci@example.com","auth":"{auth}"}}"#
            ),
            2 => format!(r#""Registry-{i}.Example.com":{{"auth":"{}\n{}"}}"#, &auth[..20], &auth[20..]),
            _ => format!(r#""registry-{i}.example.com":{{"auth":"{auth}"}}"#),
        };
        out.push_str(&entry);
        i += 1;
    }
    out.push_str("},\"credHelpers\":{\"gcr.io\":\"gcloud\"}}");
    out
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn time<T>(f: impl Fn() -> T) -> Duration {
    let _ = black_box(f());
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn report(name: &str, text: &str) {
    let inspected = time(|| inspect(black_box(text)));
    let ins = inspect(text);
    let fixed = time(|| fixed_config(black_box(&ins)));
    let view = ConfigView::from(&ins);
    let resolved = time(|| resolve(black_box("registry-7.example.com/team/app:1"), &view));
    println!(
        "{name:<34} {:>9} bytes  inspect {:>8.2} ms  fix {:>7.2} ms  resolve {:>6.2} ms  ({} entries, {} findings)",
        text.len(),
        inspected.as_secs_f64() * 1e3,
        fixed.as_secs_f64() * 1e3,
        resolved.as_secs_f64() * 1e3,
        ins.entries.len(),
        ins.findings.len()
    );
}

fn main() {
    println!("median of {RUNS} runs, {} profile", if cfg!(debug_assertions) { "debug (use --release)" } else { "release" });
    report("generated config, 100 KB", &generated_config(100 * 1024));
    report("generated config, 1 MB", &generated_config(1024 * 1024));
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&generated_config(1024 * 1024).replace('\n', "")).unwrap())
            .unwrap();
    report("pretty-printed config, ~1 MB", &pretty);
    report("1 MB of one letter", &"a".repeat(1 << 20));
    report("1 MB of nested arrays", &"[".repeat(1 << 20));
    report("1 MB with a raw newline at the end", &format!("{}\n\"}}}}", &generated_config(1024 * 1024)[..1024 * 1024 - 10]));
    report("1 MB base64 (.dockerconfigjson)", &STANDARD.encode(generated_config(768 * 1024)));
    // The pasted Secrets that `tests/corpus/round_three.rs` reads for correctness: their time is
    // measured here, not asserted there.
    let b64 = STANDARD.encode(r#"{"auths":{"registry.example.com":{"auth":"dTpw"}}}"#);
    let stairs: String = (0..20_000).map(|i| format!("{}k{i}: v\n", " ".repeat(i % 400))).collect();
    report("Secret, 20,000 indented metadata lines", &format!("kind: Secret\nmetadata:\n{stairs}data:\n  .dockerconfigjson: {b64}\n"));
    let many: String = (0..20_000).map(|i| format!("  key{i}: {b64}\n")).collect();
    report("Secret, 20,000 data keys", &format!("kind: Secret\ndata:\n{many}"));
}
