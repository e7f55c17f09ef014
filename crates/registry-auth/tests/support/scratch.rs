//! A scratch directory for one test, under the system temp dir and removed on drop (also when
//! the test panics). The one home of it for every core test crate that runs a tool: include it
//! with `#[path = "support/scratch.rs"] mod scratch;`.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Scratch(PathBuf);

impl Scratch {
    /// A new, empty directory whose name starts with `name`, with the `subdirs` made in it.
    pub fn new(name: &str, subdirs: &[&str]) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("acb-{name}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("creating the scratch dir");
        for sub in subdirs {
            fs::create_dir_all(dir.join(sub)).expect("creating a scratch subdir");
        }
        Scratch(dir)
    }

    /// The directory itself.
    pub fn root(&self) -> &Path {
        &self.0
    }

    /// The directory as UTF-8, for scripts.
    pub fn str(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }

    /// `name` inside the directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Writes `contents` to `name` inside the directory and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, contents).expect("writing a scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
