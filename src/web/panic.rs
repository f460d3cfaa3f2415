//! A panic hook that records the message for the page and logs it.

use std::cell::RefCell;

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook (idempotent).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("highdim hit an internal error: {info}");
        LAST.with(|l| {
            if let Ok(mut slot) = l.try_borrow_mut() {
                *slot = Some(msg.clone());
            }
        });
        web_sys::console::error_1(&msg.into());
    }));
}

/// The last panic message.
pub fn last() -> Option<String> {
    LAST.with(|l| l.try_borrow().ok().and_then(|s| s.clone()))
}
