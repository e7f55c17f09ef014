//! The simplest use of the value: a job whose `image:` (and `services:`) come from the user's
//! own registry. GitLab Runner pulls them with the credential `DOCKER_AUTH_CONFIG` gives that
//! registry before the script starts; nothing in the job mentions the variable
//! (`docs/gitlab-runner.md#sources-and-precedence`).

use super::quoting::{single_line_or, yaml_comment, yaml_scalar};
use super::SnippetOptions;
use super::{Snippet, SnippetId};
use crate::registry_key::normalise_registry;
use crate::setup::Setup;

/// An image path on the first registry typed with a usable key: `host[:port]/my-group/my-project/app:latest`
/// (Docker Hub: `my-group/app:latest`). `None` without one. What the checks and `job-image`
/// pull until the user types an image of their own.
pub fn image_on_first_registry(setup: &Setup) -> Option<String> {
    setup.entries.iter().find_map(|entry| {
        let key = normalise_registry(&entry.registry, entry.keep_namespace).ok()?;
        Some(if key.is_docker_hub { "my-group/app:latest".to_owned() } else { format!("{}/my-group/my-project/app:latest", key.key) })
    })
}

/// `.gitlab-ci.yml`: the job's image, and its services when some are typed.
pub(super) fn job_image(options: &SnippetOptions) -> Snippet {
    let image = single_line_or(&options.test_image, super::DEFAULT_TEST_IMAGE);
    let mut out = String::new();
    for line in [
        "The job's image from your registry: GitLab Runner pulls it, and each service, with the",
        "credential DOCKER_AUTH_CONFIG gives that registry, before the script starts.",
    ] {
        out.push_str(&yaml_comment(line, 0));
    }
    out.push_str(&format!("build:\n  image: {}\n", yaml_scalar(&image)));
    let services: Vec<String> =
        options.service_images.split(',').map(|s| s.split_whitespace().collect::<Vec<_>>().join("")).filter(|s| !s.is_empty()).collect();
    if !services.is_empty() {
        out.push_str("  services:\n");
        for service in services {
            out.push_str(&format!("    - {}\n", yaml_scalar(&service)));
        }
    }
    out.push_str("  script:\n    - echo \"Running in the private image.\"\n");
    Snippet::new(SnippetId::JobImage, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::RegistryEntry;

    #[test]
    fn the_image_is_on_the_first_usable_registry() {
        let setup = |registries: &[&str]| Setup {
            entries: registries.iter().map(|r| RegistryEntry::basic(r, "u", "not-a-real-token")).collect(),
            ..Setup::default()
        };
        assert_eq!(image_on_first_registry(&setup(&[])), None);
        assert_eq!(
            image_on_first_registry(&setup(&["", "https://Registry.Example.com:5000/v2/"])).as_deref(),
            Some("registry.example.com:5000/my-group/my-project/app:latest")
        );
        assert_eq!(image_on_first_registry(&setup(&["docker.io"])).as_deref(), Some("my-group/app:latest"));
    }
}
