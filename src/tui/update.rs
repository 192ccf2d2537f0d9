//! Messages in, state changed, a command out. No I/O here: saving is a
//! `Cmd`. A key goes to the popup on top, else to the search being typed,
//! else, as an intent from the keymap, to the screen shown: this module
//! dispatches and knows no screen's keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::storage::Fingerprint;

use super::app::{App, Cmd, OnDisk, Overlay};
use super::identity;
use super::keymap::Intent;
use super::popups::{self, Reply};
use super::screens::{self, global, items, register};

pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Saved(Result<Fingerprint, String>),
    /// The watcher found another version of the file on disk.
    DiskChanged(OnDisk),
    /// Read-only because of another editor, and that editor has gone.
    LockFree,
    /// Taking over worked: this instance is the editor, on this version.
    TookOver(OnDisk),
    /// Taking over failed; why.
    TakeOverFailed(String),
    /// Our lock file was removed and is ours again; what happened.
    LockRestored(String),
    /// We are no longer the writer; why.
    LockLost(String),
    /// Opened read-only on purpose: who edits now (`None`: nobody).
    EditorIs(Option<String>),
}

pub fn update(app: &mut App, msg: Msg) -> Cmd {
    match msg {
        Msg::Saved(result) => app.saved(result),
        Msg::DiskChanged(disk) => {
            app.disk_changed(disk);
            Cmd::None
        }
        Msg::LockFree => {
            if app.sharing.read_only.is_some() && !app.sharing.lock_free {
                app.sharing.lock_free = true;
                let take_over = app.key(Intent::TakeOver);
                app.info(format!(
                    "the editor has left: {take_over} takes over editing"
                ));
            }
            Cmd::None
        }
        Msg::TookOver(disk) => {
            app.sharing.read_only = None;
            app.sharing.waiting_for_editor = false;
            app.sharing.lock_free = false;
            app.take_disk_version(disk);
            app.info("you are the editor now: changes are saved");
            Cmd::None
        }
        Msg::TakeOverFailed(why) => {
            app.sharing.lock_free = false;
            app.error(why);
            Cmd::None
        }
        Msg::LockRestored(what) => {
            app.info(what);
            Cmd::None
        }
        Msg::LockLost(why) => {
            app.sharing.read_only = Some(why.clone());
            app.sharing.waiting_for_editor = true;
            app.sharing.lock_free = false;
            app.error(if app.save.dirty {
                format!("read-only now: {why}; your unsaved changes are kept on screen, not saved")
            } else {
                format!("read-only now: {why}")
            });
            Cmd::None
        }
        Msg::EditorIs(editor) => {
            app.sharing.read_only = Some(super::sharing::viewing(editor.as_deref()));
            app.info(match editor {
                Some(who) => format!("{who} is editing now"),
                None => "the editor has left; nobody is editing now".to_string(),
            });
            Cmd::None
        }
        Msg::Paste(text) => {
            match app.overlays.last_mut() {
                Some(Overlay::Form(form, _)) => form.paste(&text),
                _ if app.list.search.is_some() => register::paste_into_search(app, &text),
                _ => {}
            }
            Cmd::None
        }
        Msg::Key(key) => on_key(app, key),
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Cmd {
    if app.drawn.too_small.get() {
        // Nothing is shown: only leaving works.
        global::when_too_small(app, &key);
        return Cmd::None;
    }
    // The first key dismisses the banner and still does what it always
    // does (keys mean one thing), except Esc on the screen: the key people
    // press to clear a message must not also quit.
    if app.banner.take().is_some() && key.code == KeyCode::Esc && app.overlays.is_empty() {
        return Cmd::None;
    }
    if !app.overlays.is_empty() {
        return match popups::on_key(app, key) {
            Reply::Done(cmd) => cmd,
            Reply::Replay(pending) => on_key(app, pending),
            Reply::ReplayAfter(cmd, pending) => {
                // A save is under way, so the key's own change waits for it:
                // it asks for no second save, and the first one is kept.
                let then = on_key(app, pending);
                if matches!(cmd, Cmd::None) { then } else { cmd }
            }
        };
    }
    if app.list.search.is_some() {
        register::on_search_key(app, key);
        return Cmd::None;
    }
    let screen = app.screen();
    let Some(intent) = app.keys.lookup(screen, &key) else {
        app.scoring = None;
        return Cmd::None;
    };
    let changes = screens::changes_data(screen, intent);
    if let Some(why) = app.sharing.read_only.clone()
        && changes
    {
        // Say so at once, rather than after a form has been filled in.
        app.error(format!("read-only: {why}"));
        return Cmd::None;
    }
    if identity::must_ask(app, global::needs_identity(app, changes, intent)) {
        identity::ask(app, key);
        return Cmd::None;
    }
    if let Some(cmd) = items::while_scoring(app, intent) {
        return cmd;
    }
    screens::on_intent(app, intent)
}
