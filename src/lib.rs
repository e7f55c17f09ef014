//! DOCKER_AUTH_CONFIG Builder.
//!
//! The crate is two layers. The pure core (every module but `ui`) is plain Rust with no
//! browser dependency; the `ui` module (feature `web`) renders what the core returns.

pub mod auth_encoding;
pub mod catalogue;
pub mod config_builder;
pub mod findings;
pub mod gitlab_variable;
pub mod highlight;
pub mod inspector;
pub mod presets;
pub mod registry_key;
pub mod resolver;
pub mod setup;
pub mod shared_setup;
pub mod snippets;
pub mod userinfo;
pub mod zero_on_free;

#[cfg(feature = "web")]
pub mod ui;
