//! A task of its own, queued without a timer. A zero-delay `setTimeout` nested more than five
//! deep waits at least 4 ms (HTML Standard, "timer initialisation steps"), and the start-up's
//! parts are chained that deep: tens of them left the page idle between its own tasks. A message
//! on a `MessageChannel` is queued at once, and the browser still paints and takes input
//! between two such tasks.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageChannel, MessagePort};

type Job = Box<dyn FnOnce()>;

thread_local! {
    /// What each message runs, in the order queued: one message per job.
    static QUEUE: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
    /// The port messages are posted to, and the handler of the other port, kept for the page's
    /// life: a job may be queued at any time.
    static PORT: Option<(MessagePort, Closure<dyn FnMut()>)> = channel();
}

fn channel() -> Option<(MessagePort, Closure<dyn FnMut()>)> {
    let channel = MessageChannel::new().ok()?;
    let run = Closure::<dyn FnMut()>::new(|| {
        // Taken out first: the job may queue more.
        if let Some(job) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
            job();
        }
    });
    channel.port1().set_onmessage(Some(run.as_ref().unchecked_ref()));
    Some((channel.port2(), run))
}

/// Runs `job` in a task of its own, after the tasks already queued. Where no `MessageChannel`
/// can be made (or a message not posted), a zero-delay timeout does it.
pub fn next_task(job: impl FnOnce() + 'static) {
    QUEUE.with(|q| q.borrow_mut().push_back(Box::new(job)));
    let posted = PORT.with(|port| port.as_ref().is_some_and(|(port, _)| port.post_message(&JsValue::UNDEFINED).is_ok()));
    if !posted {
        if let Some(job) = QUEUE.with(|q| q.borrow_mut().pop_back()) {
            set_timeout(job, Duration::ZERO);
        }
    }
}

/// Resolves in a task of its own ([`next_task`]).
pub async fn yield_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        next_task(move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
