//! Keys in, state changed, a command out. No I/O here: saving is a `Cmd`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::edit::{Record, Scope};
use crate::domain::{ActionStatus, Filter, ItemStatus, Kind, Position, Score};
use crate::storage::Fingerprint;

use super::app::{App, Cmd, FormPurpose, OnDisk, Overlay, Scoring};
use super::form::{Form, Outcome};
use super::forms;
use super::keymap::{Intent, Popup, Screen};
use super::{audit, identity, meeting};
use crate::domain::meetings;

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
            if app.read_only.is_some() && !app.lock_free {
                app.lock_free = true;
                let take_over = app.key(Intent::TakeOver);
                app.info(format!("the editor has left: {take_over} takes over editing"));
            }
            Cmd::None
        }
        Msg::TookOver(disk) => {
            app.read_only = None;
            app.waiting_for_editor = false;
            app.lock_free = false;
            app.take_disk_version(disk);
            app.info("you are the editor now: changes are saved");
            Cmd::None
        }
        Msg::TakeOverFailed(why) => {
            app.lock_free = false;
            app.error(why);
            Cmd::None
        }
        Msg::LockRestored(what) => {
            app.info(what);
            Cmd::None
        }
        Msg::LockLost(why) => {
            app.read_only = Some(why.clone());
            app.waiting_for_editor = true;
            app.lock_free = false;
            app.error(if app.save.dirty {
                format!("read-only now: {why}; your unsaved changes are kept on screen, not saved")
            } else {
                format!("read-only now: {why}")
            });
            Cmd::None
        }
        Msg::EditorIs(editor) => {
            app.read_only = Some(super::app::viewing(editor.as_deref()));
            app.info(match editor {
                Some(who) => format!("{who} is editing now"),
                None => "the editor has left; nobody is editing now".to_string(),
            });
            Cmd::None
        }
        Msg::Paste(text) => {
            match app.overlays.last_mut() {
                Some(Overlay::Form(form, _)) => form.paste(&text),
                _ if app.search.is_some() => {
                    app.list.filter.text.push_str(&crate::text::one_line(&text));
                    app.refresh();
                }
                _ => {}
            }
            Cmd::None
        }
        Msg::Key(key) => on_key(app, key),
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Cmd {
    if app.too_small.get() {
        // Nothing is shown: only leaving works.
        return match app.keys.lookup(Screen::Register, &key) {
            Some(Intent::Quit) => {
                app.quit();
                Cmd::None
            }
            Some(Intent::Back) if app.overlays.is_empty() && app.search.is_none() => {
                app.quit();
                Cmd::None
            }
            _ => Cmd::None,
        };
    }
    if !app.overlays.is_empty() {
        return on_overlay_key(app, key);
    }
    if app.search.is_some() {
        on_search_key(app, key);
        return Cmd::None;
    }
    let Some(intent) = app.keys.lookup(app.screen(), &key) else {
        app.scoring = None;
        return Cmd::None;
    };
    if let Some(why) = app.read_only.clone()
        && changes_data(app.screen(), intent)
    {
        // Say so at once, rather than after a form has been filled in.
        app.error(format!("read-only: {why}"));
        return Cmd::None;
    }
    let starts_meeting =
        intent == Intent::Meeting && meetings::open_meeting(&app.register).is_none();
    if identity::must_ask(app, changes_data(app.screen(), intent) || starts_meeting) {
        identity::ask(app, key);
        return Cmd::None;
    }
    if let Some(scoring) = app.scoring {
        match intent {
            Intent::Level(level) => return score_level(app, scoring, level),
            Intent::ScoreTarget if app.screen() != Screen::HeatMap => {}
            Intent::Back => {
                app.scoring = None;
                app.info("scoring cancelled");
                return Cmd::None;
            }
            _ => app.scoring = None,
        }
    }
    let screen_own = match app.screen() {
        Screen::Meeting => matches!(
            intent,
            Intent::Left
                | Intent::Right
                | Intent::Down
                | Intent::Up
                | Intent::Open
                | Intent::Decision
                | Intent::NextReview
                | Intent::AddItem
                | Intent::Skip
                | Intent::MoveUp
                | Intent::MoveDown
                | Intent::Finish
        ),
        Screen::Audit => matches!(
            intent,
            Intent::Down | Intent::Up | Intent::Open | Intent::Period
        ),
        _ => false,
    };
    if screen_own {
        if app.screen() == Screen::Audit {
            audit::on_intent(app, intent);
            return Cmd::None;
        }
        return meeting::on_intent(app, intent);
    }
    match intent {
        Intent::Down => move_by(app, 1),
        Intent::Up => move_by(app, -1),
        Intent::PageDown if app.screen() == Screen::Detail => scroll_detail(app, 1),
        Intent::PageUp if app.screen() == Screen::Detail => scroll_detail(app, -1),
        Intent::PageDown => move_by(app, app.page_rows.get().max(1) as isize),
        Intent::PageUp => move_by(app, -(app.page_rows.get().max(1) as isize)),
        Intent::Top => move_by(app, isize::MIN / 2),
        Intent::Bottom => move_by(app, isize::MAX / 2),
        Intent::Left => move_heat(app, 0, -1),
        Intent::Right => move_heat(app, 0, 1),
        Intent::Open => return open(app),
        Intent::Search => {
            app.search = Some(app.list.filter.text.clone());
        }
        Intent::Filter => {
            let form = forms::filter_form(&app.register, &app.list.filter);
            app.show(Overlay::Form(Box::new(form), FormPurpose::Filter));
        }
        Intent::ClearFilter => {
            app.list.filter = Filter::default();
            app.refresh();
            app.info("filters and search cleared");
        }
        Intent::Sort => {
            app.list.sort = app.list.sort.next();
            app.refresh();
            app.info(format!("sorted by {}", app.list.sort.label()));
        }
        Intent::SortReverse => {
            app.list.reverse = !app.list.reverse;
            app.refresh();
            app.info(format!(
                "sorted by {}{}",
                app.list.sort.label(),
                if app.list.reverse { ", reversed" } else { "" }
            ));
        }
        Intent::New => {
            let form = forms::item_form(&app.register, None, app.user.as_deref());
            app.show(Overlay::Form(Box::new(form), FormPurpose::NewItem));
        }
        Intent::Edit => {
            if let Some(item) = app
                .focused_item_id()
                .and_then(|id| app.register.item(&id))
                .cloned()
            {
                let form = forms::item_form(&app.register, Some(&item), None);
                let purpose = FormPurpose::EditItem(item.id.clone());
                app.editing_original = Some(item);
                app.show(Overlay::Form(Box::new(form), purpose));
            }
        }
        Intent::Level(level) => {
            return score_level(
                app,
                Scoring {
                    target: false,
                    likelihood: None,
                },
                level,
            );
        }
        Intent::ScoreTarget if app.screen() == Screen::HeatMap => {
            app.heat.position = match app.heat.position {
                Position::Current => Position::Target,
                Position::Target => Position::Current,
            };
            app.refresh_heat_map();
        }
        Intent::ScoreTarget => {
            if app.focused_item_id().is_some() {
                let target = !app.scoring.is_some_and(|s| s.target);
                app.scoring = Some(Scoring {
                    target,
                    likelihood: None,
                });
            }
        }
        Intent::SwitchKind => {
            app.heat.kind = match app.heat.kind {
                Kind::Risk => Kind::Opportunity,
                Kind::Opportunity => Kind::Risk,
            };
            app.refresh_heat_map();
            busiest_cell(app);
        }
        Intent::AddAction => {
            if let Some(item) = app.focused_item_id().and_then(|id| app.register.item(&id)) {
                let form = forms::action_form(&app.register, item, None, app.today);
                app.show(Overlay::Form(
                    Box::new(form),
                    FormPurpose::NewAction {
                        item: item.id.clone(),
                    },
                ));
            }
        }
        Intent::MarkDone => return mark_done(app),
        Intent::OwnerFilter => {
            let people = &app.register.people;
            let next = match &app.actions.owner {
                None => people.first(),
                Some(current) => people.iter().skip_while(|p| p.id != *current).nth(1),
            };
            app.actions.owner = next.map(|p| p.id.clone());
            app.refresh();
            app.info(match &app.actions.owner {
                Some(owner) => format!("actions of {}", app.register.person_name(owner)),
                None => "actions of everyone".to_string(),
            });
        }
        Intent::HeatMap => {
            if app.screen() != Screen::HeatMap {
                busiest_cell(app);
            }
            app.show_screen(Screen::HeatMap);
        }
        Intent::ActionsView => app.show_screen(Screen::Actions),
        Intent::Problems => {
            app.help_scroll = 0;
            app.show(Overlay::Problems);
        }
        Intent::Help => {
            app.help_scroll = 0;
            app.show(Overlay::Help);
        }
        Intent::Undo => return app.undo(),
        Intent::Redo => return app.redo(),
        Intent::Save => {
            if app.save.dirty || app.save.failure.is_some() {
                return app.request_save();
            }
            app.info("nothing to save: every change is on disk");
        }
        Intent::Back => {
            if app.screens.len() > 1 {
                app.screens.pop();
            } else {
                app.quit();
            }
        }
        Intent::Quit => app.quit(),
        Intent::Meeting => meeting::enter(app),
        Intent::TakeOver => match (&app.read_only, app.lock_free) {
            (None, _) => app.info("you are already the editor"),
            (Some(_), true) => return Cmd::TakeOver,
            (Some(why), false) => {
                let why = why.clone();
                let take_over = app.key(Intent::TakeOver);
                app.error(if app.waiting_for_editor {
                    format!("read-only: {why}; {take_over} works once the editor has left")
                } else {
                    format!("read-only: {why}; taking over cannot change that")
                })
            }
        },
        Intent::Follow => {
            if app.read_only.is_some() {
                app.following = !app.following;
                app.info(if app.following {
                    "following the facilitator's meeting item"
                } else {
                    "not following: move freely"
                });
            } else {
                let follow = app.key(Intent::Follow);
                app.info(format!(
                    "{follow} is for read-only viewers, to follow the facilitator"
                ));
            }
        }
        Intent::Audit => audit::enter(app),
        // Handled above on the screens that have them.
        Intent::Decision
        | Intent::NextReview
        | Intent::AddItem
        | Intent::Skip
        | Intent::MoveUp
        | Intent::MoveDown
        | Intent::Finish
        | Intent::Period => {}
        // Popups' own; never bound on a screen.
        _ => {}
    }
    Cmd::None
}

/// Whether an action on a screen would change the register.
fn changes_data(screen: Screen, intent: Intent) -> bool {
    match intent {
        Intent::New
        | Intent::Edit
        | Intent::Level(_)
        | Intent::AddAction
        | Intent::MarkDone
        | Intent::Decision
        | Intent::NextReview
        | Intent::AddItem
        | Intent::Skip
        | Intent::MoveUp
        | Intent::MoveDown
        | Intent::Finish
        | Intent::Undo
        | Intent::Redo => true,
        Intent::ScoreTarget => screen != Screen::HeatMap,
        Intent::Open => matches!(screen, Screen::Detail | Screen::Meeting),
        _ => false,
    }
}

fn step(index: usize, by: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (index as isize)
        .saturating_add(by)
        .clamp(0, len as isize - 1) as usize
}

fn move_by(app: &mut App, by: isize) {
    match app.screen() {
        // Their own keys are handled in `meeting.rs`.
        Screen::Meeting | Screen::Audit => {}
        Screen::Register => app.list.selected = step(app.list.selected, by, app.list.view.len()),
        Screen::Detail => {
            let len = app
                .register
                .item(&app.detail.item_id)
                .map_or(0, |i| i.actions.len());
            app.detail.action = step(app.detail.action, by, len);
            app.detail.scroll = None;
        }
        Screen::Actions => {
            app.actions.selected = step(app.actions.selected, by, app.actions.rows.len());
            app.remember_action_selection();
        }
        // Higher likelihood is drawn higher up.
        Screen::HeatMap => move_heat(app, -by.signum(), 0),
    }
}

/// Pages through a long item; the view clamps at the end.
fn scroll_detail(app: &mut App, pages: isize) {
    let page = app.page_rows.get().saturating_sub(2).max(1) as isize;
    let from = app.detail.shown_scroll.get() as isize;
    app.detail.scroll = Some((from + pages * page).max(0) as usize);
}

fn move_heat(app: &mut App, likelihood: isize, impact: isize) {
    let scales = &app.register.scales;
    let max_l = scales.max_likelihood().max(1) as isize;
    let max_i = scales.max_consequence(app.heat.kind).max(1) as isize;
    let c = app.heat.cursor;
    app.heat.cursor = Score::new(
        (c.likelihood as isize + likelihood).clamp(1, max_l) as u8,
        (c.impact as isize + impact).clamp(1, max_i) as u8,
    );
}

/// Puts the heat-map cursor where most items are (the higher score on a tie).
fn busiest_cell(app: &mut App) {
    let map = &app.heat.map;
    let scales = &app.register.scales;
    let cells = (1..=scales.max_likelihood())
        .flat_map(|l| (1..=scales.max_consequence(app.heat.kind)).map(move |i| Score::new(l, i)));
    if let Some(best) = cells.max_by_key(|s| (map.count(*s), s.value(), s.likelihood)) {
        app.heat.cursor = best;
    }
}

fn open(app: &mut App) -> Cmd {
    match app.screen() {
        Screen::Meeting | Screen::Audit => {}
        Screen::Register => {
            if let Some(item) = app.selected_item() {
                app.detail.item_id = item.id.clone();
                app.detail.action = 0;
                app.detail.scroll = None;
                app.show_screen(Screen::Detail);
            }
        }
        Screen::Detail => {
            let Some(item) = app.register.item(&app.detail.item_id) else {
                return Cmd::None;
            };
            if let Some(action) = item.actions.get(app.detail.action) {
                let form = forms::action_form(&app.register, item, Some(action), app.today);
                let purpose = FormPurpose::EditAction {
                    item: item.id.clone(),
                    action: action.id.clone(),
                };
                app.show(Overlay::Form(Box::new(form), purpose));
            }
        }
        Screen::Actions => {
            if let Some(row) = app.actions.rows.get(app.actions.selected).copied() {
                app.detail.item_id = app.register.items[row.item].id.clone();
                app.detail.action = row.action;
                app.detail.scroll = None;
                app.show_screen(Screen::Detail);
            }
        }
        Screen::HeatMap => {
            app.list.filter = Filter {
                kind: Some(app.heat.kind),
                cell: Some((app.heat.position, app.heat.cursor)),
                ..Filter::default()
            };
            app.refresh();
            app.screens.truncate(1);
            let clear = app.keys.key(Screen::Register, Intent::ClearFilter);
            app.info(format!(
                "showing {}; {clear} clears",
                app.list.filter.describe()
            ));
        }
    }
    Cmd::None
}

fn score_level(app: &mut App, scoring: Scoring, level: u8) -> Cmd {
    let Some(item) = app
        .focused_item_id()
        .and_then(|id| app.register.item(&id).cloned())
    else {
        return Cmd::None;
    };
    let scales = &app.register.scales;
    match scoring.likelihood {
        None => {
            let max = scales.max_likelihood();
            if level > max {
                app.error(format!("likelihood is 1–{max}; {level} is off the scale"));
                return Cmd::None;
            }
            app.scoring = Some(Scoring {
                likelihood: Some(level),
                ..scoring
            });
            Cmd::None
        }
        Some(likelihood) => {
            let max = scales.max_consequence(item.kind);
            let axis = crate::domain::Scales::consequence_name(item.kind);
            if level > max {
                app.error(format!("{axis} is 1–{max}; {level} is off the scale"));
                return Cmd::None;
            }
            app.scoring = None;
            let score = Score::new(likelihood, level);
            let which = if scoring.target { "target" } else { "score" };
            let band = scales.band_name(score.value()).to_string();
            let done = format!(
                "{} {which} {likelihood}×{level}={} ({band})",
                item.id,
                score.value()
            );
            let id = item.id.clone();
            let in_meeting = app.screen() == Screen::Meeting;
            let now = app.now;
            let scope = meeting_too(app, Scope::item(id.as_str()), in_meeting);
            let result = app.change(&done, scope, |r| {
                if in_meeting && !scoring.target {
                    // The meeting keeps the score it started from.
                    return meetings::rescore(r, &id, score, now);
                }
                let item = r.item_mut(&id).ok_or("the item is gone")?;
                if scoring.target {
                    item.target = Some(score);
                } else {
                    item.current = score;
                }
                if in_meeting {
                    meetings::mark_reviewed(r, &id, now)?;
                }
                Ok(())
            });
            finish(app, result)
        }
    }
}

fn finish(app: &mut App, result: Result<Cmd, String>) -> Cmd {
    result.unwrap_or_else(|why| {
        app.error(why);
        Cmd::None
    })
}

/// The action `x` acts on: the selected one of the item, or of the actions view.
fn selected_action(app: &App) -> Option<(String, String)> {
    match app.screen() {
        Screen::Detail => {
            let item = app.register.item(&app.detail.item_id)?;
            Some((
                item.id.clone(),
                item.actions.get(app.detail.action)?.id.clone(),
            ))
        }
        Screen::Actions => {
            let row = app.actions.rows.get(app.actions.selected)?;
            let item = &app.register.items[row.item];
            Some((item.id.clone(), item.actions[row.action].id.clone()))
        }
        Screen::Meeting => {
            let item = app.meeting_item()?;
            let action = meeting::open_actions(app).get(app.meeting.action)?.clone();
            Some((item, action))
        }
        _ => None,
    }
}

fn mark_done(app: &mut App) -> Cmd {
    let Some((item_id, action_id)) = selected_action(app) else {
        app.error("no action selected");
        return Cmd::None;
    };
    let action = app
        .register
        .item(&item_id)
        .and_then(|i| i.actions.iter().find(|a| a.id == action_id))
        .cloned();
    let Some(action) = action else {
        return Cmd::None;
    };
    if action.effectiveness.is_some() {
        app.info(format!(
            "{action_id} is done and its effectiveness was checked"
        ));
        return Cmd::None;
    }
    let cmd = if action.status == ActionStatus::Done {
        Cmd::None
    } else {
        let today = app.today;
        let in_meeting = app.screen() == Screen::Meeting;
        let scope = meeting_too(app, Scope::item(item_id.as_str()), in_meeting);
        let result = app.change(&format!("{action_id} done"), scope, |r| {
            let action = r
                .item_mut(&item_id)
                .and_then(|i| i.actions.iter_mut().find(|a| a.id == action_id))
                .ok_or("the action is gone")?;
            action.status = ActionStatus::Done;
            action.done_on = Some(today);
            if in_meeting {
                meetings::note_action(r, &action_id, true)?;
            }
            Ok(())
        });
        match result {
            Ok(cmd) => cmd,
            Err(why) => {
                app.error(why);
                return Cmd::None;
            }
        }
    };
    open_effectiveness(app, &item_id, &action_id);
    cmd
}

fn open_effectiveness(app: &mut App, item_id: &str, action_id: &str) {
    let Some(item) = app.register.item(item_id) else {
        return;
    };
    let Some(action) = item.actions.iter().find(|a| a.id == action_id) else {
        return;
    };
    let checker = app.user.clone().unwrap_or_else(|| item.owner.clone());
    let form = forms::effectiveness_form(&app.register, item, action, &checker);
    let purpose = FormPurpose::Effectiveness {
        item: item_id.to_string(),
        action: action_id.to_string(),
    };
    app.show(Overlay::Form(Box::new(form), purpose));
}

fn on_search_key(app: &mut App, key: KeyEvent) {
    match app.keys.lookup(Popup::Search, &key) {
        Some(Intent::Accept) => {
            app.search = None;
            app.info(format!(
                "{} {} \"{}\"",
                app.list.view.len(),
                if app.list.view.len() == 1 {
                    "item matches"
                } else {
                    "items match"
                },
                app.list.filter.text
            ));
            return;
        }
        Some(Intent::Cancel) => {
            app.list.filter.text = app.search.take().unwrap_or_default();
            app.refresh();
            return;
        }
        _ => {}
    }
    // Typing keys are fixed: they edit the search text.
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Backspace => {
            app.list.filter.text.pop();
            app.refresh();
        }
        KeyCode::Char(c) if !ctrl => {
            app.list.filter.text.push(c);
            app.list.selected = 0;
            app.refresh();
        }
        _ => {}
    }
}

fn on_overlay_key(app: &mut App, key: KeyEvent) -> Cmd {
    let Some(overlay) = app.overlays.pop() else {
        return Cmd::None;
    };
    let keys = &app.keys;
    match overlay {
        Overlay::ResumeMeeting => {
            match keys.lookup(Popup::ResumeMeeting, &key) {
                Some(Intent::Resume) => meeting::enter(app),
                Some(Intent::Later) => {
                    let resume = app.keys.key(Screen::Register, Intent::Meeting);
                    app.info(format!("the meeting stays open; {resume} resumes it"));
                }
                _ => app.show(Overlay::ResumeMeeting),
            }
            Cmd::None
        }
        Overlay::DiskConflict => match keys.lookup(Popup::DiskConflict, &key) {
            Some(Intent::Merge) => app.merge_with_disk(),
            Some(Intent::Reload) => {
                app.reload_from_disk();
                Cmd::None
            }
            Some(Intent::Later) => {
                let save = app.keys.key(Screen::Register, Intent::Save);
                app.error(format!(
                    "not saved: the file on disk has changes of someone else; {save} asks again"
                ));
                Cmd::None
            }
            _ => {
                app.show(Overlay::DiskConflict);
                Cmd::None
            }
        },
        Overlay::MeetingSummary => match keys.lookup(Popup::MeetingSummary, &key) {
            Some(intent @ (Intent::CloseMeeting | Intent::DiscardMeeting)) => {
                meeting::on_summary_intent(app, intent)
            }
            Some(Intent::Cancel) => Cmd::None,
            _ => {
                app.show(Overlay::MeetingSummary);
                Cmd::None
            }
        },
        // Lists to read: they scroll, and close.
        Overlay::Help | Overlay::Problems | Overlay::Records { .. } => {
            let intent = keys.lookup(Popup::Reading, &key);
            match intent {
                Some(Intent::ScrollDown) => {
                    app.help_scroll = (app.help_scroll + 1).min(app.help_scroll_max.get())
                }
                Some(Intent::ScrollTop) => app.help_scroll = 0,
                Some(Intent::ScrollUp) => app.help_scroll = app.help_scroll.saturating_sub(1),
                _ => {}
            }
            if intent != Some(Intent::Close) {
                app.show(overlay);
            }
            Cmd::None
        }
        Overlay::ConfirmDropComments => match keys.lookup(Popup::DropComments, &key) {
            Some(Intent::Accept) => {
                app.save.comments_to_confirm = false;
                app.request_save()
            }
            Some(Intent::Cancel) => {
                // Not saving means not quitting either: the change is still only here.
                app.quitting = false;
                let save = app.keys.key(Screen::Register, Intent::Save);
                app.error(format!("not saved: the file keeps its comments; your changes are kept here until you save ({save})"));
                Cmd::None
            }
            _ => {
                app.show(Overlay::ConfirmDropComments);
                Cmd::None
            }
        },
        Overlay::ConfirmQuitUnsaved => match keys.lookup(Popup::QuitUnsaved, &key) {
            Some(Intent::SaveAndQuit) => {
                app.quitting = true;
                app.request_save()
            }
            Some(Intent::QuitWithoutSaving) => {
                app.save.dirty = false;
                app.quitting = true;
                Cmd::None
            }
            Some(Intent::Cancel) => Cmd::None,
            _ => {
                app.show(Overlay::ConfirmQuitUnsaved);
                Cmd::None
            }
        },
        Overlay::Form(form, purpose) => on_form_key(app, form, purpose, key),
    }
}

fn on_form_key(app: &mut App, mut form: Box<Form>, purpose: FormPurpose, key: KeyEvent) -> Cmd {
    let outcome = form.handle_key(key, &app.keys);
    if let FormPurpose::NewItem = purpose {
        let kind = forms::form_kind(&form, None);
        forms::sync_item_form(&mut form, &app.register.scales, kind);
    }
    if purpose == FormPurpose::Filter {
        let filter = forms::read_filter_form(&form, &app.register, &app.list.filter);
        if filter != app.list.filter {
            app.list.filter = filter;
            app.list.selected = 0;
            app.refresh();
        }
        if outcome == Outcome::Editing {
            reopen(app, form, purpose);
        }
        return Cmd::None;
    }
    match (outcome, &purpose) {
        (Outcome::Editing, _) => {
            reopen(app, form, purpose);
            Cmd::None
        }
        (Outcome::Cancel, FormPurpose::Effectiveness { action, .. }) => {
            // On the meeting card a done action leaves the list, so `x` there
            // would act on the next one: point to where it can be found.
            let done = app.keys.key(Screen::Actions, Intent::MarkDone);
            let where_to = if app.screen() == Screen::Meeting {
                let actions = app.key(Intent::ActionsView);
                format!("in the actions view ({actions}), {done} on it records it")
            } else {
                format!("{} on it records it", app.key(Intent::MarkDone))
            };
            app.info(format!(
                "{action}: effectiveness check left for later; {where_to}"
            ));
            Cmd::None
        }
        (Outcome::Cancel, FormPurpose::WhoIsEditing(_)) => {
            app.info("nothing changed: a change needs to know who is editing");
            Cmd::None
        }
        (Outcome::Cancel, _) => {
            app.info("nothing changed");
            Cmd::None
        }
        (Outcome::Submit, FormPurpose::WhoIsEditing(pending)) => {
            identity::chosen(app, &form);
            on_key(app, *pending)
        }
        (Outcome::Submit, _) => submit(app, form, purpose),
    }
}

fn reopen(app: &mut App, form: Box<Form>, purpose: FormPurpose) {
    app.show(Overlay::Form(form, purpose));
}

/// Reads a submitted form into a change. A form with mistakes stays open
/// with each mistake at its field.
fn submit(app: &mut App, mut form: Box<Form>, purpose: FormPurpose) -> Cmd {
    let result = match &purpose {
        FormPurpose::NewItem | FormPurpose::EditItem(_) => submit_item(app, &mut form, &purpose),
        FormPurpose::NewAction { item } | FormPurpose::EditAction { item, .. } => {
            submit_action(app, &mut form, &purpose, item)
        }
        FormPurpose::Effectiveness { item, action } => {
            submit_effectiveness(app, &mut form, item, action)
        }
        FormPurpose::Filter | FormPurpose::WhoIsEditing(_) => None,
        FormPurpose::StartMeeting => meeting::submit_start(app, &mut form),
        FormPurpose::Decision { item } => meeting::submit_decision(app, &mut form, item),
        FormPurpose::NextReview { item } => meeting::submit_next_review(app, &mut form, item),
        FormPurpose::AddAgendaItem => meeting::submit_add_item(app, &mut form),
        FormPurpose::AuditPeriod => audit::submit_period(app, &mut form),
    };
    match result {
        Some(Ok(cmd)) => cmd,
        Some(Err(why)) => {
            form.error = Some(why);
            reopen(app, form, purpose);
            Cmd::None
        }
        None => {
            reopen(app, form, purpose);
            Cmd::None
        }
    }
}

fn submit_item(
    app: &mut App,
    form: &mut Form,
    purpose: &FormPurpose,
) -> Option<Result<Cmd, String>> {
    let existing = match purpose {
        FormPurpose::EditItem(id) => Some(app.register.item(id)?.clone()),
        _ => None,
    };
    // The form shows the item as it was when it opened; what changed on
    // disk since then in fields the form did not touch is kept.
    let original = existing.as_ref().map(|current| {
        app.editing_original
            .clone()
            .filter(|o| o.id == current.id)
            .unwrap_or_else(|| current.clone())
    });
    let edited = forms::read_item_form(form, &app.register, original.as_ref(), app.today, app.now)?;
    let item = match (&original, &existing) {
        (Some(original), Some(current)) => {
            crate::domain::merge::apply_edit(original, &edited, current)
        }
        _ => edited,
    };
    let id = item.id.clone();
    let is_new = existing.is_none();
    let done = if is_new {
        format!("{id} created")
    } else {
        format!("{id} saved")
    };
    // In a meeting a new score is a review: the minutes keep before and after.
    let rescored_in_meeting = app.screen() == Screen::Meeting
        && existing.as_ref().is_some_and(|c| c.current != item.current);
    let now = app.now;
    let scope = meeting_too(app, Scope::item(id.as_str()), rescored_in_meeting);
    let result = app.change(&done, scope, |r| {
        if rescored_in_meeting {
            meetings::rescore(r, &id, item.current, now)?;
        }
        let mut item = item;
        item.actions
            .sort_by(|a, b| crate::domain::ids::compare(&a.id, &b.id));
        r.put(Record::Item(id.clone(), Some(item)));
        Ok(())
    });
    if result.is_ok() {
        app.editing_original = None;
    }
    if is_new && result.is_ok() {
        // Show the new item even when the filter would hide it.
        if !app
            .list
            .view
            .iter()
            .any(|&i| app.register.items[i].id == id)
        {
            app.list.filter = Filter::default();
            app.refresh();
        }
        if let Some(at) = app
            .list
            .view
            .iter()
            .position(|&i| app.register.items[i].id == id)
        {
            app.list.selected = at;
        }
    }
    Some(result)
}

fn submit_action(
    app: &mut App,
    form: &mut Form,
    purpose: &FormPurpose,
    item_id: &str,
) -> Option<Result<Cmd, String>> {
    let item = app.register.item(item_id)?.clone();
    let existing = match purpose {
        FormPurpose::EditAction { action, .. } => {
            Some(item.actions.iter().find(|a| a.id == *action)?.clone())
        }
        _ => None,
    };
    let action = forms::read_action_form(form, &app.register, existing.as_ref(), app.today)?;
    let became_done = action.status == ActionStatus::Done
        && existing
            .as_ref()
            .is_none_or(|a| a.status != ActionStatus::Done)
        && action.effectiveness.is_none();
    let action_id = action.id.clone();
    let done = format!("{action_id} saved on {item_id}");
    let closed_item = item.status == ItemStatus::Closed && action.status.is_open();
    let raised_in_meeting = existing.is_none() && app.screen() == Screen::Meeting;
    let scope = meeting_too(app, Scope::item(item_id), raised_in_meeting);
    let result = app.change(&done, scope, |r| {
        let item = r.item_mut(item_id).ok_or("the item is gone")?;
        match item.actions.iter_mut().find(|a| a.id == action.id) {
            Some(slot) => *slot = action,
            None => item.actions.push(action),
        }
        item.actions
            .sort_by(|a, b| crate::domain::ids::compare(&a.id, &b.id));
        if raised_in_meeting {
            meetings::note_action(r, &action_id, false)?;
        }
        Ok(())
    });
    if result.is_ok() {
        if let Some(at) = app
            .register
            .item(item_id)
            .and_then(|i| i.actions.iter().position(|a| a.id == action_id))
        {
            app.detail.action = at;
        }
        if closed_item {
            app.info(format!(
                "{action_id} saved; note {item_id} is Closed with an open action"
            ));
        }
        if became_done {
            open_effectiveness(app, item_id, &action_id);
        }
    }
    Some(result)
}

fn submit_effectiveness(
    app: &mut App,
    form: &mut Form,
    item_id: &str,
    action_id: &str,
) -> Option<Result<Cmd, String>> {
    let check = forms::read_effectiveness_form(form, &app.register, app.today)?;
    let verdict = check.verdict.label();
    let done = format!("{action_id}: {verdict} recorded");
    Some(app.change(&done, Scope::item(item_id), |r| {
        let action = r
            .item_mut(item_id)
            .and_then(|i| i.actions.iter_mut().find(|a| a.id == action_id))
            .ok_or("the action is gone")?;
        action.effectiveness = Some(check);
        Ok(())
    }))
}

/// The scope, and the open meeting too when the change also goes in its minutes.
fn meeting_too(app: &App, scope: Scope, in_meeting: bool) -> Scope {
    if in_meeting {
        let meeting = meetings::open_meeting(&app.register).map(|m| m.id.as_str());
        scope.and_meeting(meeting)
    } else {
        scope
    }
}
