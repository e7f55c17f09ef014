//! Proof for the snippets (issue: "each proven by a real parser or shell").
//!
//! - Every YAML snippet parses with a real YAML 1.2 parser (yaml-rust2) and has the expected
//!   structure, and reads the same with PyYAML, a YAML 1.1 parser like GitLab's Ruby one.
//! - Every TOML snippet parses with the `toml` crate and yields the exact value.
//! - Every shell snippet, and every job script inside YAML and TOML, passes `bash -n`.
//! - The snippets that write the value (Option 3, `pre_build_script`, Kaniko, Buildah) run in
//!   bash and dash into a temporary HOME, and the file is byte-identical to the value.
//! - The Kubernetes Secret decodes to what `kubectl create secret docker-registry` makes, and
//!   is compared with kubectl itself.
//!
//! No fixture is a real secret: every password is an obviously fake string.
//!
//! One test binary, one module per concept, like `src/snippets/`; `support` holds the fixtures.

#[path = "../support/scratch.rs"]
mod scratch;
mod support;

mod any_input;
mod catalogue;
mod execution;
mod kubernetes;
mod registration;
mod shell_syntax;
mod toml_ini;
mod variables;
mod yaml;
