//! Feeds arbitrary text to everything the page does with a pasted config: inspect it, build
//! the fix, load it into the generator, resolve images. A panic is a crash (the page is built
//! with `panic = "abort"`); so is a fix that does not survive its own inspection.
#![no_main]

use registry_auth::config_builder::build;
use registry_auth::inspector::{fixed_config, inspect, to_setup, MAX_FINDINGS};
use registry_auth::resolver::{images_in_ci_yaml, resolve, ConfigView};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The textarea only ever holds valid UTF-8; lossy decoding keeps every input useful.
    let text = String::from_utf8_lossy(data);
    let ins = inspect(&text);
    assert!(ins.findings.len() <= MAX_FINDINGS);
    let view = ConfigView::from(&ins);
    for image in ["alpine", "registry.example.com:5000/team/app:1", "Registry.Example.com/x@sha256:00"] {
        let _ = resolve(image, &view);
    }
    let _ = resolve(&text, &view);
    let _ = images_in_ci_yaml(&text);
    let _ = build(&to_setup(&ins));
    if let Some(fixed) = fixed_config(&ins) {
        let again = inspect(&fixed);
        assert!(again.readable && again.json_error.is_none(), "fix is not readable: {fixed}");
        assert_eq!(fixed_config(&again).as_deref(), Some(fixed.as_str()), "fix is not idempotent");
    }
});
