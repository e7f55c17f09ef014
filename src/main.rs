use std::alloc::System;

use auth_config_builder::zero_on_free::ZeroOnFree;

/// Every freed heap block is zeroed first, so a dropped secret leaves nothing in the wasm memory.
#[global_allocator]
static ALLOCATOR: ZeroOnFree<System> = ZeroOnFree(System);

fn main() {
    auth_config_builder::ui::start();
}
