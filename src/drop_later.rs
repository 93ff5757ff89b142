//! Freeing large values off the build's critical path.
//!
//! At the end of a build the archive, the report cache, the rendered pages held for writing in
//! place and the previous output's listing are freed: tens of thousands of small allocations
//! and some large buffers, tens of milliseconds at 10,000 reports that the build would otherwise
//! wait for before it returns. [`drop_later`] hands such a value to a thread of its own; the
//! command line exits without waiting for it, a long-running preview simply lets it finish.

/// Drops `value` on a thread of its own (on the calling thread if none can be started).
pub fn drop_later<T: Send + 'static>(value: T) {
    // A spawn that fails drops its closure, and the value with it, right here.
    let _ = std::thread::Builder::new()
        .name("annals-drop".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Reports on a channel when it is dropped, and on which thread.
    struct Tell(mpsc::Sender<std::thread::ThreadId>);

    impl Drop for Tell {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn a_value_is_dropped_on_another_thread() {
        let (sender, dropped) = mpsc::channel();
        drop_later(Tell(sender));
        let on = dropped.recv().expect("the value is dropped");
        assert_ne!(on, std::thread::current().id());
    }
}
