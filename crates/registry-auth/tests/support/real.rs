//! What the real-registry tests share (`real_registry.rs`, `real_registry_fixes.rs`): the tools
//! they need, a scratch directory, a registry started by `registry.sh`, and skopeo with nothing
//! but the `--authfile` to go on. Each test crate uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::{env, fs};

use serde_json::Value;

pub const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/registry.sh");
/// Pushed by registry.sh into every registry it starts.
pub const IMAGE: &str = "proof/image:1";

/// Fails the test, with what to do, when a tool is missing. Never skips.
pub fn require_tools() {
    let registry_bin = env::var("REGISTRY_BIN").unwrap_or_else(|_| "/usr/bin/docker-registry".into());
    let mut missing = Vec::new();
    if !Path::new(&registry_bin).is_file() {
        missing.push(format!("{registry_bin} (package docker-registry)"));
    }
    for (tool, package) in [("skopeo", "skopeo"), ("htpasswd", "apache2-utils"), ("bash", "bash")] {
        if !on_path(tool) {
            missing.push(format!("{tool} (package {package})"));
        }
    }
    assert!(
        missing.is_empty(),
        "the real-registry test needs tools that are missing: {}. Install them with `bash scripts/install-tools.sh` \
         or `apt-get install -y docker-registry skopeo apache2-utils`.",
        missing.join(", ")
    );
}

pub fn on_path(tool: &str) -> bool {
    env::var_os("PATH").is_some_and(|path| env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
}

pub use crate::scratch::Scratch;

/// A registry started by registry.sh, stopped on drop (also when the test panics).
pub struct Registry {
    dir: PathBuf,
    port: u16,
}

impl Registry {
    pub fn start(dir: &Path, users: &[(&str, &str)]) -> Self {
        let mut command = Command::new("bash");
        command.arg(SCRIPT).arg("start").arg(dir);
        for (user, password) in users {
            command.arg(user).arg(password);
        }
        let output = command.output().expect("running tests/support/registry.sh");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "registry.sh start failed ({}):\n{stderr}", output.status);
        let port = stdout.trim().parse().unwrap_or_else(|_| panic!("registry.sh printed {stdout:?}, not a port; stderr:\n{stderr}"));
        Registry { dir: dir.to_owned(), port }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = Command::new("bash").arg(SCRIPT).arg("stop").arg(&self.dir).status();
    }
}

/// skopeo with a private HOME and XDG dirs, so only the `--authfile` can supply credentials.
pub struct Skopeo {
    home: PathBuf,
    /// A directory put first on `PATH` (credential helpers), if any.
    bin: Option<PathBuf>,
}

impl Skopeo {
    pub fn new(scratch: &Scratch) -> Self {
        let home = scratch.path("home");
        fs::create_dir_all(&home).expect("creating skopeo's HOME");
        Skopeo { home, bin: None }
    }

    /// With `bin` first on `PATH`, where it finds `docker-credential-*` helpers.
    pub fn with_bin(scratch: &Scratch, bin: &Path) -> Self {
        Skopeo { bin: Some(bin.to_owned()), ..Skopeo::new(scratch) }
    }

    pub fn inspect(&self, authfile: &Path, host: &str) -> Output {
        let mut command = Command::new("skopeo");
        if let Some(bin) = &self.bin {
            command.env("PATH", format!("{}:{}", bin.display(), env::var("PATH").unwrap_or_default()));
        }
        let output = command
            .arg("inspect")
            .arg("--authfile")
            .arg(authfile)
            .arg("--tls-verify=false")
            .arg(format!("docker://{host}/{IMAGE}"))
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_RUNTIME_DIR", &self.home)
            .env_remove("REGISTRY_AUTH_FILE")
            .env_remove("DOCKER_CONFIG")
            .output()
            .expect("running skopeo");
        output
    }

    /// The authenticated answer: the manifest of the pushed image.
    pub fn assert_pulls(&self, authfile: &Path, registry: &Registry) {
        let output = self.inspect(authfile, &registry.host());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "skopeo inspect of {} with {} failed:\n{stderr}", registry.host(), authfile.display());
        let inspected: Value = serde_json::from_slice(&output.stdout).expect("skopeo prints JSON");
        assert_eq!(inspected["Name"], format!("{}/proof/image", registry.host()));
        assert!(inspected["Digest"].as_str().is_some_and(|d| d.starts_with("sha256:")), "no digest: {inspected}");
    }

    /// The registry's 401, not just any failure.
    pub fn assert_unauthorized(&self, authfile: &Path, registry: &Registry, case: &str) {
        let output = self.inspect(authfile, &registry.host());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{case}: skopeo inspect of {} succeeded", registry.host());
        assert!(
            stderr.contains("unauthorized: authentication required"),
            "{case}: expected the registry's 401 (unauthorized), got:\n{stderr}"
        );
    }
}
