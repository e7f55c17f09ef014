//! The images a `.gitlab-ci.yml` fragment names in `image:` and `services:`, read line by line
//! with the small YAML reader (`yaml_scalar`). Capped at [`MAX_CI_IMAGES`], flow lists included,
//! so a pasted 100,000-item list costs one pass and no more.

use crate::yaml_scalar::{flow_map_name, key_value, scalar, split_flow, strip_anchor, strip_comment};

/// At most this many images are taken from a `.gitlab-ci.yml` fragment.
pub const MAX_CI_IMAGES: usize = 200;

/// The images of a fragment, and whether more were there than [`MAX_CI_IMAGES`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CiImages {
    pub images: Vec<CiImage>,
    /// The fragment names more images than were kept.
    pub more: bool,
}

/// One `image:` or `services:` entry found in a `.gitlab-ci.yml` fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiImage {
    pub name: String,
    /// 1-based line of the name.
    pub line: usize,
    /// From `services:` rather than `image:`.
    pub service: bool,
}

/// Every image named by `image:` and `services:` in a `.gitlab-ci.yml` fragment, first
/// occurrence of each name only, at most [`MAX_CI_IMAGES`].
///
/// A light line-based reading, no YAML library: `image: x`, `image: {name: x}`,
/// `image:` followed by an indented `name: x`, `services: [x, {name: y}]` and block lists of
/// `- x` or `- name: x`, with quotes, anchors and comments. Aliases (`*x`) and `!reference`
/// tags cannot be followed and are skipped.
///
/// ```
/// use registry_auth::resolver::images_in_ci_yaml;
/// let yaml = "build:\n  image:\n    name: \"alpine:3.20\"\n  services:\n    - docker:dind\n    - name: postgres:16\n";
/// let names: Vec<_> = images_in_ci_yaml(yaml).images.into_iter().map(|i| i.name).collect();
/// assert_eq!(names, ["alpine:3.20", "docker:dind", "postgres:16"]);
/// ```
pub fn images_in_ci_yaml(text: &str) -> CiImages {
    let mut found = CiImages::default();
    // The block being read: (is services, indent of its key).
    let mut block: Option<(bool, usize)> = None;
    for (index, raw) in text.lines().enumerate() {
        if found.more {
            break;
        }
        let line_no = index + 1;
        let line = strip_comment(raw).trim_end();
        let content = line.trim_start();
        if content.is_empty() || content == "---" {
            continue;
        }
        let indent = line.len() - content.len();
        if let Some((services, key_indent)) = block {
            let list_item_at_key_level = services && indent == key_indent && content.starts_with('-');
            if indent > key_indent || list_item_at_key_level {
                let item = content.strip_prefix('-').map(str::trim_start);
                let value = match (services, item) {
                    (true, Some(item)) => match key_value(item) {
                        Some(("name", value)) => Some(value),
                        Some(_) => None,
                        None => Some(item),
                    },
                    (_, _) => match key_value(item.unwrap_or(content)) {
                        Some(("name", value)) => Some(value),
                        _ => None,
                    },
                };
                if let Some(name) = value.and_then(scalar) {
                    push_image(&mut found, name, line_no, services);
                    if !services {
                        block = None;
                    }
                }
                continue;
            }
            block = None;
        }
        let item = content.strip_prefix("- ").unwrap_or(content);
        let Some((key, value)) = key_value(item) else { continue };
        let services = match key {
            "image" => false,
            "services" => true,
            _ => continue,
        };
        let value = strip_anchor(value);
        if value.is_empty() {
            block = Some((services, indent));
        } else if let Some(flow) = value.strip_prefix('{') {
            if let Some(name) = flow_map_name(flow) {
                push_image(&mut found, name, line_no, services);
            }
        } else if let Some(flow) = value.strip_prefix('[') {
            if services {
                for item in split_flow(flow.strip_suffix(']').unwrap_or(flow)) {
                    if found.more {
                        break;
                    }
                    let name = match item.strip_prefix('{') {
                        Some(map) => flow_map_name(map),
                        None => scalar(item),
                    };
                    if let Some(name) = name {
                        push_image(&mut found, name, line_no, services);
                    }
                }
            }
        } else if let Some(name) = scalar(value) {
            push_image(&mut found, name, line_no, services);
        }
    }
    found
}

/// Keeps the first occurrence of a name; past the cap, only notes that there is more.
fn push_image(found: &mut CiImages, name: String, line: usize, service: bool) {
    if found.images.iter().any(|i| i.name == name) {
        return;
    }
    if found.images.len() >= MAX_CI_IMAGES {
        found.more = true;
    } else {
        found.images.push(CiImage { name, line, service });
    }
}
