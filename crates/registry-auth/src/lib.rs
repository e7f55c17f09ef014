//! The domain of `DOCKER_AUTH_CONFIG`, as plain Rust: what the user typed (`setup`), how it
//! becomes a value (`config_builder`, `auth_encoding`, `registry_key`), how GitLab stores it
//! (`gitlab_variable`), where it goes (`snippets`), and what is wrong with a value someone
//! already has (`inspector`) and which credential each image gets (`resolver`).
//!
//! No module here knows about a browser: the app crate renders what these functions return.
//! The rules and their upstream sources are in the repository's `docs/`.

pub mod auth_encoding;
pub mod config_builder;
pub mod credential_findings;
pub mod credential_helper;
pub mod executor;
pub mod findings;
pub mod gitlab_variable;
pub mod helper_allowlist;
pub mod highlight;
pub mod inspector;
pub mod key_findings;
pub mod key_order;
pub mod keyless;
pub mod lenient_base64;
pub mod lifetime;
pub mod limits;
pub mod merge;
pub mod presets;
pub mod registry_key;
pub mod resolver;
pub mod runner_version;
pub mod setup;
pub mod shared_setup;
pub mod situation;
pub mod snippets;
pub mod stable_sort;
pub mod stray_characters;
pub mod token_kind;
pub mod userinfo;
pub mod usernames;
pub mod yaml_scalar;
