//! DOCKER_AUTH_CONFIG Builder, the browser app: Leptos components that render what the
//! `registry-auth` crate returns. No domain rule lives here.

mod texts;
mod ui;
mod zero_on_free;

use std::alloc::System;

use zero_on_free::ZeroOnFree;

/// Every freed heap block is zeroed first, so a dropped secret leaves nothing in the wasm memory.
#[global_allocator]
static ALLOCATOR: ZeroOnFree<System> = ZeroOnFree(System);

fn main() {
    ui::start();
}
