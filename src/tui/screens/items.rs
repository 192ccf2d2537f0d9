//! The item keys that several screens share: edit the item, score it in
//! two keys, score its target, add an action, and mark one done (each
//! screen with actions says which action is selected).

use crate::domain::edit::Scope;
use crate::domain::{ActionStatus, Score, escalation, meetings};

use super::super::app::{App, Cmd, FormPurpose, Overlay, Scoring};
use super::super::forms;
use super::super::keymap::{Intent, Screen};

/// The item keys, on the screens that show an item; `None` for the rest.
pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    if !matches!(
        app.screen(),
        Screen::Register | Screen::Detail | Screen::Meeting
    ) {
        return None;
    }
    match intent {
        Intent::Edit => edit(app),
        Intent::Level(level) => {
            let fresh = Scoring {
                target: false,
                likelihood: None,
            };
            return Some(score_level(app, fresh, level));
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
        Intent::AddAction => add_action(app),
        _ => return None,
    }
    Some(Cmd::None)
}

pub fn changes_data(screen: Screen, intent: Intent) -> Option<bool> {
    match intent {
        Intent::Edit | Intent::Level(_) | Intent::AddAction | Intent::MarkDone => Some(true),
        Intent::ScoreTarget => Some(screen != Screen::HeatMap),
        _ => None,
    }
}

/// A score half typed: the next key is its second level, or ends it.
/// Returns what the key did when scoring took it.
pub fn while_scoring(app: &mut App, intent: Intent) -> Option<Cmd> {
    let scoring = app.scoring?;
    match intent {
        Intent::Level(level) => return Some(score_level(app, scoring, level)),
        Intent::ScoreTarget if app.screen() != Screen::HeatMap => {}
        Intent::Back => {
            app.scoring = None;
            app.info("scoring cancelled");
            return Some(Cmd::None);
        }
        _ => app.scoring = None,
    }
    None
}

fn edit(app: &mut App) {
    if let Some(item) = app
        .focused_item_id()
        .and_then(|id| app.register.item(&id))
        .cloned()
    {
        let form = forms::item::item_form(&app.register, Some(&item), None);
        let purpose = FormPurpose::EditItem(item.id.clone());
        app.editing_original = Some(item);
        app.show(Overlay::Form(Box::new(form), purpose));
    }
}

fn add_action(app: &mut App) {
    if let Some(item) = app.focused_item_id().and_then(|id| app.register.item(&id)) {
        let form = forms::action::action_form(&app.register, item, None, app.today);
        app.show(Overlay::Form(
            Box::new(form),
            FormPurpose::NewAction {
                item: item.id.clone(),
            },
        ));
    }
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
            let mut done = format!(
                "{} {which} {likelihood}×{level}={} ({band})",
                item.id,
                score.value()
            );
            let id = item.id.clone();
            let in_meeting = app.screen() == Screen::Meeting;
            let (now, today) = (app.now, app.today);
            let before = item.current;
            if !scoring.target {
                let mut rescored = item.clone();
                rescored.current = score;
                if let Some(date) = escalation::escalate(scales, &mut rescored, before, today) {
                    done.push_str(&format!("; review brought forward to {date}"));
                }
            }
            let scope = app.in_meeting_too(Scope::item(id.as_str()), in_meeting);
            let result = app.change(&done, scope, |r| {
                if in_meeting && !scoring.target {
                    // The meeting keeps the score it started from.
                    meetings::rescore(r, &id, score, now)?;
                } else {
                    let item = r.item_mut(&id).ok_or("the item is gone")?;
                    if scoring.target {
                        item.target = Some(score);
                    } else {
                        item.current = score;
                    }
                    if in_meeting {
                        meetings::mark_reviewed(r, &id, now)?;
                    }
                }
                if !scoring.target {
                    // A higher band is reviewed sooner, in a meeting or not.
                    let scales = r.scales.clone();
                    let item = r.item_mut(&id).ok_or("the item is gone")?;
                    escalation::escalate(&scales, item, before, today);
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

/// Marks the selected action done, then asks for its effectiveness check.
pub fn mark_done(app: &mut App, selected: Option<(String, String)>) -> Cmd {
    let Some((item_id, action_id)) = selected else {
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
        let scope = app.in_meeting_too(Scope::item(item_id.as_str()), in_meeting);
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
    forms::action::open_effectiveness(app, &item_id, &action_id);
    cmd
}
