//! The shipped example carries a real history, recorded by roreg's own
//! machinery (`history::diff` and `history::record`, the meeting steps of
//! `domain::meetings`), so the demo shows protected minutes.
//!
//! The example's content is the source; its history is replayed from it in
//! time order: the people set up, each item raised by its owner when it was
//! created (scored as the first meeting found it), its actions added after
//! the meeting that discussed it (the first puts the item under treatment),
//! done on the day they were done and checked for effectiveness by whoever
//! checked them; each meeting started with its room and agenda, each review
//! taken as it was (the item re-scored with it, a management review's decision
//! sorted as its 9.3.3 output), each 9.3.2 input considered when it was,
//! closed with its notes and
//! the anchor of everything before it; then each owner brings their item
//! to what it is now. Last, the quality manager sets up customer focus
//! (5.1.2) on the Monday after: the customers, their requirements and the
//! measures with the year of readings from the KPI spreadsheet, one change
//! each; then each owner links their items to the requirements and
//! measures.
//!
//! After a deliberate change to the example, `BLESS=1 cargo test --test
//! example_history` replays the history again and rewrites the file.

mod common;

use chrono::{Duration, NaiveTime};

use roreg::domain::history::{self, diff, record};
use roreg::domain::{
    ActionStatus, Considered, Date, Item, ItemStatus, Meeting, Register, Review, Timestamp,
    management_review, meetings, validate,
};
use roreg::storage;

fn later(t: Timestamp, minutes: i64) -> Timestamp {
    Timestamp(t.0 + Duration::minutes(minutes))
}

/// `date` at `hour`:`minute` UTC.
fn on(date: Date, hour: u32, minute: u32) -> Timestamp {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap();
    Timestamp(date.0.and_time(time).and_utc())
}

/// Records whatever `change` does, at `at`, by `by`, as the interface does.
fn step(
    r: &mut Register,
    at: Timestamp,
    by: &str,
    change: impl FnOnce(&mut Register) -> Result<(), String>,
) {
    let before = r.clone();
    change(r).unwrap_or_else(|e| panic!("replaying the example at {at}: {e}"));
    let changes = diff(&before, r);
    record(r, changes, at, by);
}

/// One thing that happened to the example, in the order of `at`.
enum Event<'a> {
    Raise(&'a Item),
    AddAction {
        item: &'a Item,
        action: usize,
    },
    ActionDone {
        item: &'a Item,
        action: usize,
    },
    Checked {
        item: &'a Item,
        action: usize,
    },
    Start(&'a Meeting),
    Review(&'a Meeting, &'a Review),
    /// A management review takes a 9.3.2 input into account.
    Consider(&'a Meeting, &'a Considered),
    Close(&'a Meeting),
    Settle(&'a Item),
}

/// When an item's action was added: the day after the first meeting that
/// discussed the item, if that was before the action was done or due;
/// otherwise just after the item was raised.
fn action_added(content: &Register, item: &Item, action: usize) -> Timestamp {
    let a = &item.actions[action];
    let latest = a.done_on.unwrap_or(a.due).min(a.due);
    let after_meeting = content
        .meetings
        .iter()
        .filter(|m| m.reviewed.iter().any(|r| r.item == item.id))
        .filter_map(|m| m.closed)
        .min()
        .map(|closed| on(closed.date().add_days(1), 10, 30 + 5 * action as u32));
    after_meeting
        .filter(|at| at.date() <= latest)
        .unwrap_or_else(|| later(item.created, 30 + 5 * action as i64))
}

fn events(content: &Register) -> Vec<(Timestamp, Event<'_>)> {
    let mut events = Vec::new();
    for item in &content.items {
        events.push((item.created, Event::Raise(item)));
        for (n, a) in item.actions.iter().enumerate() {
            let action = n;
            events.push((
                action_added(content, item, n),
                Event::AddAction { item, action },
            ));
            if let Some(done) = a.done_on {
                events.push((on(done, 16, n as u32), Event::ActionDone { item, action }));
            }
            if let Some(check) = &a.effectiveness {
                let at = on(check.checked_on, 11, n as u32);
                events.push((at, Event::Checked { item, action }));
            }
        }
    }
    for m in &content.meetings {
        events.push((m.started, Event::Start(m)));
        events.extend(m.reviewed.iter().map(|r| (r.at, Event::Review(m, r))));
        events.extend(m.considered.iter().map(|c| (c.at, Event::Consider(m, c))));
        let closed = m.closed.expect("the example's meetings are closed");
        events.push((closed, Event::Close(m)));
    }
    // Stable: what happened at the same minute keeps the order above.
    events.sort_by_key(|(at, _)| *at);
    let last = events.last().map(|(at, _)| *at).unwrap();
    let settle_day = last.date().add_days(1);
    for (n, item) in content.items.iter().enumerate() {
        let at = later(on(settle_day, 9, 0), 10 * n as i64);
        events.push((at, Event::Settle(item)));
    }
    events
}

/// The item as its owner raised it: no actions yet, scored as the first
/// meeting found it, not yet treated, due for review by its band.
fn as_raised(content: &Register, item: &Item) -> Item {
    let mut raised = unlinked(item);
    raised.actions.clear();
    if let Some(first) = content
        .meetings
        .iter()
        .flat_map(|m| &m.reviewed)
        .find(|review| review.item == item.id)
    {
        raised.current = first.before;
    }
    raised.status = match item.status {
        ItemStatus::Identified => ItemStatus::Identified,
        _ => ItemStatus::Assessed,
    };
    raised.next_review = content
        .scales
        .review_days_for(raised.current.value())
        .map(|days| item.created.date().add_days(i64::from(days)));
    raised
}

/// The example's content with a history that roreg recorded step by step.
fn replayed(content: &Register) -> Register {
    let mut r = content.clone();
    r.history.clear();
    r.people.clear();
    r.items.clear();
    r.meetings.clear();
    r.customers.clear();
    r.requirements.clear();
    r.measures.clear();
    let first_item = content.items.iter().map(|i| i.created).min().unwrap();
    // The register is set up with its people a day before the first item.
    step(&mut r, later(first_item, -24 * 60), "qlead", |r| {
        r.people = content.people.clone();
        Ok(())
    });
    for (at, event) in events(content) {
        match event {
            Event::Raise(item) => step(&mut r, at, &item.owner, |r| {
                r.items.push(as_raised(content, item));
                r.normalise();
                Ok(())
            }),
            Event::AddAction { item, action } => step(&mut r, at, &item.owner, |r| {
                let mut added = item.actions[action].clone();
                added.status = ActionStatus::Open;
                added.done_on = None;
                added.effectiveness = None;
                let treated = r.item_mut(&item.id).unwrap();
                treated.actions.push(added);
                treated
                    .actions
                    .sort_by(|a, b| roreg::domain::ids::compare(&a.id, &b.id));
                // Its first action puts an item under treatment.
                if treated.status == ItemStatus::Assessed && item.status != ItemStatus::Assessed {
                    treated.status = ItemStatus::Treating;
                }
                Ok(())
            }),
            Event::ActionDone { item, action } => {
                let done = &item.actions[action];
                step(&mut r, at, &done.owner, |r| {
                    let a = action_mut(r, &item.id, &done.id);
                    a.status = ActionStatus::Done;
                    a.done_on = done.done_on;
                    Ok(())
                })
            }
            Event::Checked { item, action } => {
                let checked = &item.actions[action];
                let check = checked.effectiveness.clone().unwrap();
                step(&mut r, at, &check.checked_by.clone(), |r| {
                    action_mut(r, &item.id, &checked.id).effectiveness = Some(check);
                    Ok(())
                })
            }
            Event::Start(m) => step(&mut r, at, &m.facilitator, |r| {
                let id = meetings::start(
                    r,
                    m.kind,
                    &m.facilitator,
                    m.attendance.clone(),
                    m.agenda.clone(),
                    m.started,
                )?;
                assert_eq!(id, m.id, "meetings are numbered as the example's");
                Ok(())
            }),
            Event::Review(m, review) => replay_review(&mut r, m, review),
            Event::Consider(m, c) => step(&mut r, at, &m.facilitator, |r| {
                management_review::consider(r, c.input, &c.note, &c.evidence, c.at)
            }),
            Event::Close(m) => step(&mut r, at, &m.facilitator, |r| {
                let open = r.meetings.iter_mut().find(|o| o.id == m.id).unwrap();
                open.notes = m.notes.clone();
                meetings::close(r, at).map(|_| ())
            }),
            Event::Settle(item) => step(&mut r, at, &item.owner, |r| {
                *r.item_mut(&item.id).unwrap() = unlinked(item);
                Ok(())
            }),
        }
    }
    set_up_customer_focus(&mut r, content);
    r
}

/// The item without its links to requirements and measures, which came
/// into the register after it.
fn unlinked(item: &Item) -> Item {
    let mut item = item.clone();
    item.requirements.clear();
    item.measures.clear();
    item
}

/// The quality manager enters customer focus two days after the last
/// change (the Monday after the owners settled their items), then each
/// owner links their items, ten minutes apart.
fn set_up_customer_focus(r: &mut Register, content: &Register) {
    let last = r.history.last().unwrap().at;
    let day = last.date().add_days(2);
    step(r, on(day, 9, 0), "qlead", |r| {
        r.customers = content.customers.clone();
        Ok(())
    });
    step(r, on(day, 9, 20), "qlead", |r| {
        r.requirements = content.requirements.clone();
        Ok(())
    });
    for (n, measure) in content.measures.iter().enumerate() {
        step(r, on(day, 9, 40 + 5 * n as u32), "qlead", |r| {
            r.measures.push(measure.clone());
            r.normalise();
            Ok(())
        });
    }
    let linked = content
        .items
        .iter()
        .filter(|i| !i.requirements.is_empty() || !i.measures.is_empty());
    for (n, item) in linked.enumerate() {
        let at = later(on(day, 14, 0), 10 * n as i64);
        step(r, at, &item.owner, |r| {
            let linking = r.item_mut(&item.id).unwrap();
            linking.requirements = item.requirements.clone();
            linking.measures = item.measures.clone();
            Ok(())
        });
    }
}

fn action_mut<'a>(r: &'a mut Register, item: &str, action: &str) -> &'a mut roreg::domain::Action {
    let item = r.item_mut(item).unwrap();
    item.actions.iter_mut().find(|a| a.id == action).unwrap()
}

/// One review as the facilitator took it: the score confirmed or changed,
/// the decision written, the next review agreed if it was.
fn replay_review(r: &mut Register, m: &Meeting, review: &Review) {
    let current = r.item(&review.item).unwrap().current;
    assert_eq!(
        current, review.before,
        "{}: {} is reviewed from the score it had",
        m.id, review.item
    );
    step(r, review.at, &m.facilitator, |r| {
        let (item, at) = (review.item.as_str(), review.at);
        if review.after == review.before {
            meetings::mark_reviewed(r, item, at)?;
        } else {
            meetings::rescore(r, item, review.after, at)?;
        }
        meetings::decide(r, item, &review.decision, at)?;
        if review.next_review.is_some() {
            meetings::agree_next_review(r, item, review.next_review, at)?;
        }
        if review.output.is_some() {
            management_review::classify(r, item, review.output)?;
        }
        Ok(())
    });
}

#[test]
fn the_shipped_example_has_the_history_roreg_records() {
    let path = common::example();
    let shipped = storage::load(&path).unwrap().register;
    let replayed = replayed(&shipped);
    // The anchors are the one thing the replay adds to the content.
    let mut content = replayed.clone();
    content.history = shipped.history.clone();
    for (m, shipped) in content.meetings.iter_mut().zip(&shipped.meetings) {
        m.anchor = shipped.anchor.clone();
    }
    assert!(
        content == shipped,
        "the replay ends with the example's content, anchors aside: {:?}",
        diff(&shipped, &content)
    );
    let text = storage::to_text(&replayed).unwrap();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    assert!(
        std::fs::read_to_string(&path).unwrap() == text,
        "data/example.ron is not its replayed history; run `BLESS=1 cargo test --test example_history` after a deliberate change"
    );
    assert_eq!(history::verify(&replayed), [], "the chain verifies");
    assert!(
        replayed.meetings.iter().all(|m| m.anchor.is_some()),
        "every closed meeting anchors the history"
    );
    assert_eq!(validate(&replayed), [], "the example is clean");
    let h = &replayed.history;
    assert!(h.windows(2).all(|w| w[0].at <= w[1].at), "in time order");
    assert!(
        h.iter().all(|e| replayed.person(&e.by).is_some()),
        "every change is by a person of the register"
    );
}
