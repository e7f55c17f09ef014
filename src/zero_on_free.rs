//! A global allocator that overwrites every heap block with zeros before it is freed or moved.
//!
//! Secrets pass through many Rust-owned buffers: the field's `String`, the `Setup` built from
//! it, the `auth` string, the value, the snippets that hold the value, the pieces the DOM glue
//! copies. Wiping each one by hand would miss copies made by code we do not own (serde_json,
//! Leptos memos, wasm-bindgen's string passing). Wiping at the allocator reaches all of them:
//! once a buffer is dropped (Clear all, removing a registry, a memo recomputed), its bytes are
//! gone from the wasm memory, not just marked free.
//!
//! It does not reach what lives outside the wasm memory: the JS heap (DOM text and input values,
//! which the browser frees on its own schedule), the clipboard and the OS clipboard history.
//!
//! Zeroing uses volatile writes (the `zeroize` crate), so the compiler cannot drop them as dead
//! stores before the free.

use std::alloc::{GlobalAlloc, Layout};

use zeroize::Zeroize;

/// Wraps an allocator (`std::alloc::System` in the app) and zeroes blocks on `dealloc`, and the
/// old block on `realloc` (always a fresh block, a copy, then a wiped free: the inner allocator
/// must not move a block without wiping the old copy).
pub struct ZeroOnFree<A>(pub A);

// SAFETY: every method forwards to the inner allocator with the same layouts it was given; the
// only additions are writes inside blocks the caller owns until the free, and `realloc` built
// from `alloc`, a copy of the smaller size, and `dealloc`, which is what `GlobalAlloc::realloc`'s
// default does.
unsafe impl<A: GlobalAlloc> GlobalAlloc for ZeroOnFree<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            std::slice::from_raw_parts_mut(ptr, layout.size()).zeroize();
            self.0.dealloc(ptr, layout);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let new = self.0.alloc(new_layout);
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    /// An inner allocator that records, at each free, whether the block was all zeros.
    struct Recording {
        frees: RefCell<Vec<(usize, bool)>>,
    }

    unsafe impl GlobalAlloc for Recording {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            unsafe { std::alloc::System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe {
                let bytes = std::slice::from_raw_parts(ptr, layout.size());
                self.frees.borrow_mut().push((layout.size(), bytes.iter().all(|b| *b == 0)));
                std::alloc::System.dealloc(ptr, layout);
            }
        }
    }

    // SAFETY (both tests): blocks are used within their layouts and freed once.
    #[test]
    fn a_freed_block_is_all_zeros_when_the_inner_allocator_frees_it() {
        let alloc = ZeroOnFree(Recording { frees: RefCell::new(Vec::new()) });
        let secret = b"not-a-real-token-zq7";
        unsafe {
            let layout = Layout::from_size_align(secret.len(), 1).unwrap();
            let block = alloc.alloc(layout);
            std::ptr::copy_nonoverlapping(secret.as_ptr(), block, secret.len());
            alloc.dealloc(block, layout);
        }
        assert_eq!(*alloc.0.frees.borrow(), [(secret.len(), true)]);
    }

    #[test]
    fn a_moved_block_leaves_no_copy_behind() {
        let alloc = ZeroOnFree(Recording { frees: RefCell::new(Vec::new()) });
        unsafe {
            let layout = Layout::from_size_align(8, 1).unwrap();
            let block = alloc.alloc(layout);
            std::ptr::copy_nonoverlapping(b"secret-8".as_ptr(), block, 8);
            let grown = alloc.realloc(block, layout, 64);
            assert_eq!(std::slice::from_raw_parts(grown, 8), b"secret-8");
            let shrunk = alloc.realloc(grown, Layout::from_size_align(64, 1).unwrap(), 4);
            assert_eq!(std::slice::from_raw_parts(shrunk, 4), b"secr");
            alloc.dealloc(shrunk, Layout::from_size_align(4, 1).unwrap());
        }
        assert_eq!(*alloc.0.frees.borrow(), [(8, true), (64, true), (4, true)]);
    }
}
