//! What the `Image` field holds: one image, a list, or a `.gitlab-ci.yml` fragment, each image
//! resolved against the same prepared config.

use super::ci_yaml::{images_in_ci_yaml, MAX_CI_IMAGES};
use super::{clean_image, resolve_prepared, resolve_with, ConfigView, JobCredentials, Prepared, Resolution};

/// What the `Image` field resolves to, and whether a fragment named more images than
/// [`MAX_CI_IMAGES`] (only those are resolved).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolutions {
    pub items: Vec<Resolution>,
    pub more: bool,
}

/// Resolves what was typed into the `Image` field: every image of a `.gitlab-ci.yml` fragment
/// when it has `image:` or `services:` keys, else one image per non-empty line (a leading
/// `- ` dropped, repeats once), at most [`MAX_CI_IMAGES`] either way.
pub fn resolve_all(input: &str, config: &ConfigView) -> Resolutions {
    resolve_all_with(input, config, &JobCredentials::default())
}

/// [`resolve_all`], with the job payload's credentials as GitLab Runner's last source.
pub fn resolve_all_with(input: &str, config: &ConfigView, job: &JobCredentials) -> Resolutions {
    let looks_like_yaml = looks_like_ci_yaml(input);
    let found;
    let (names, more) = if looks_like_yaml {
        found = images_in_ci_yaml(input);
        (found.images.iter().map(|i| i.name.as_str()).collect(), found.more)
    } else {
        image_lines(input)
    };
    if names.is_empty() && !looks_like_yaml {
        // Nothing but whitespace: one row that says so.
        return Resolutions { items: vec![resolve_with(input, config, job)], more };
    }
    let prepared = Prepared::new(config, job);
    let table = prepared.table();
    Resolutions { items: names.iter().map(|name| resolve_prepared(name, &prepared, &table)).collect(), more }
}

/// The image names the `Image` field holds, as [`resolve_all`] reads them (a `.gitlab-ci.yml`
/// fragment's `image:` and `services:`, else one per line), at most [`MAX_CI_IMAGES`].
pub fn image_names(input: &str) -> Vec<String> {
    if looks_like_ci_yaml(input) {
        images_in_ci_yaml(input).images.into_iter().map(|i| i.name).collect()
    } else {
        image_lines(input).0.into_iter().map(clean_image).map(str::to_owned).collect()
    }
}

/// One image per non-empty line, a leading `- ` dropped, each once, at most [`MAX_CI_IMAGES`];
/// and whether there were more. A list pasted from a Dockerfile or a registry UI is several
/// images, not one name with line breaks in it.
fn image_lines(input: &str) -> (Vec<&str>, bool) {
    let mut names: Vec<&str> = Vec::new();
    for name in input.lines().map(|l| l.trim().trim_start_matches("- ").trim()).filter(|l| !l.is_empty()) {
        if names.contains(&name) {
            continue;
        }
        if names.len() == MAX_CI_IMAGES {
            return (names, true);
        }
        names.push(name);
    }
    (names, false)
}

/// Whether the field holds a `.gitlab-ci.yml` fragment (`image:` or `services:` keys) rather
/// than image names.
fn looks_like_ci_yaml(input: &str) -> bool {
    input.lines().any(|l| {
        let t = l.trim_start().trim_start_matches("- ");
        t.starts_with("image:") || t.starts_with("services:")
    })
}
