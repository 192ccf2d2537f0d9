//! A change sends the background writer only what it changed; the writer's
//! copy, and the version the next merge starts from, still end up exactly
//! the register on screen.

#[path = "common/keys.rs"]
mod keys;

use keys::*;
use roreg::domain::edit::{Record, Update};
use roreg::domain::{Register, Score};
use roreg::storage::Fingerprint;
use roreg::tui::app::Cmd;
use roreg::tui::update::{Msg, update};

fn updates(cmd: Cmd) -> Vec<Update> {
    match cmd {
        Cmd::Save(job) => job.updates,
        other => panic!("expected a save, got {other:?}"),
    }
}

fn written(copy: &mut Register, updates: Vec<Update>) {
    for update in updates {
        update.apply(copy);
    }
}

#[test]
fn after_the_first_save_a_change_sends_only_the_item_it_changed() {
    let mut app = app();
    let id = app.selected_item().unwrap().id.clone();
    let mut copy = Register::new("");
    let first = updates(press(&mut app, "12"));
    assert!(
        matches!(first.first(), Some(Update::Whole(_))),
        "the writer starts from the whole register"
    );
    written(&mut copy, first);
    assert_eq!(copy, app.register);
    update(&mut app, Msg::Saved(Ok(Fingerprint::of(b"one"))));

    let second = updates(press(&mut app, "21"));
    let [Update::Records { records, history }] = second.as_slice() else {
        panic!("one change, not the whole register: {second:?}")
    };
    let [Record::Item(changed, Some(item))] = records.as_slice() else {
        panic!("only the rescored item: {records:?}")
    };
    assert_eq!((changed, item.current), (&id, Score::new(2, 1)));
    assert_eq!(history.last().unwrap().field, "current");
    written(&mut copy, second);
    assert_eq!(copy, app.register, "the writer's copy is the register");
}

#[test]
fn the_version_on_disk_follows_every_saved_change_even_past_a_failed_save() {
    let mut app = app();
    let cmd = press(&mut app, "12");
    assert!(matches!(cmd, Cmd::Save(_)));
    update(&mut app, Msg::Saved(Err("disk full".into())));
    assert_ne!(app.base, app.register, "not on disk yet");
    let cmd = press(&mut app, "w");
    assert!(matches!(cmd, Cmd::Save(_)), "w retries");
    let cmd = press(&mut app, "j33");
    assert!(
        matches!(cmd, Cmd::None),
        "noted while the retry is under way"
    );
    let cmd = app.saved(Ok(Fingerprint::of(b"retried")));
    assert!(
        matches!(cmd, Cmd::Save(_)),
        "the change made meanwhile is saved next"
    );
    assert_ne!(app.base, app.register);
    assert!(matches!(app.saved(Ok(Fingerprint::of(b"both"))), Cmd::None));
    assert_eq!(
        app.base, app.register,
        "what the next merge starts from is what is on disk"
    );
}

#[test]
fn a_new_item_undone_goes_and_the_list_stays_on_a_row_that_is_there() {
    let mut app = app();
    let count = app.register.items.len();
    press(&mut app, "n");
    while form(&app).fields[form(&app).focus].key != "Title" {
        press_code(&mut app, ratatui::crossterm::event::KeyCode::Tab);
    }
    type_text(&mut app, "Dust on parts");
    link_new_item(&mut app);
    // A new item must be scored: → from "choose" to level 1 on each axis.
    for key in ["Likelihood", "Impact"] {
        while form(&app).fields[form(&app).focus].key != key {
            press_code(&mut app, ratatui::crossterm::event::KeyCode::Tab);
        }
        press_code(&mut app, ratatui::crossterm::event::KeyCode::Right);
    }
    assert!(
        matches!(ctrl(&mut app, 's'), Cmd::Save(_)),
        "{:?}",
        app.status
    );
    let new = app.selected_item().unwrap().id.clone();
    assert_eq!(app.register.items.len(), count + 1);
    app.saved(Ok(Fingerprint::of(b"created")));
    assert!(matches!(press(&mut app, "z"), Cmd::Save(_)));
    assert_eq!(app.register.items.len(), count);
    assert!(
        app.register.item(&new).is_none(),
        "undone: {}",
        status_info(&app)
    );
    let shown = app.selected_item().expect("a row is still selected");
    assert!(app.register.item(&shown.id).is_some());
    assert_eq!(app.list.view.len(), count);
}
