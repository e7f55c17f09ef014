//! A flag futures wait on: the start's gate and end (`late_part`), the first step's hold, and
//! the late texts' fetch (`i18n`). One home for the wakers' bookkeeping.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// Whether the flag is open, and who waits for it to open.
pub type Waiting = RefCell<(bool, Vec<Waker>)>;
type Key = &'static std::thread::LocalKey<Waiting>;

/// Opens the flag and wakes every waiter.
pub fn open(key: Key) {
    let wakers = key.with(|g| {
        let mut g = g.borrow_mut();
        g.0 = true;
        std::mem::take(&mut g.1)
    });
    wakers.into_iter().for_each(Waker::wake);
}

/// Closes the flag; returns whether it was open.
pub fn close(key: Key) -> bool {
    key.with(|g| std::mem::replace(&mut g.borrow_mut().0, false))
}

/// A future that resolves once its flag is open ([`open`]).
pub struct Opened(pub Key);

impl Future for Opened {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0.with(|g| {
            let mut g = g.borrow_mut();
            if g.0 {
                Poll::Ready(())
            } else {
                g.1.push(cx.waker().clone());
                Poll::Pending
            }
        })
    }
}
