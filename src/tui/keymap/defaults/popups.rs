//! The shipped keys of popups, forms and prompts: each popup lists its
//! choices from here, in this order.

use ratatui::crossterm::event::KeyCode;

use super::super::{Intent, Key, Popup};

/// A popup's, form's or prompt's binding.
pub(super) struct Popups {
    pub keys: &'static [Key],
    pub intent: Intent,
    pub popup: Popup,
    pub help: &'static str,
}

use Intent as I;
use Key::{Char as C, Code, Ctrl};

/// Popups list their choices from here, in this order.
pub(super) const POPUPS: &[Popups] = &[
    Popups {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Accept,
        popup: Popup::Search,
        help: "keep the search",
    },
    Popups {
        keys: &[Code(KeyCode::Esc), Ctrl('c')],
        intent: I::Cancel,
        popup: Popup::Search,
        help: "cancel the search",
    },
    Popups {
        keys: &[Ctrl('s')],
        intent: I::Submit,
        popup: Popup::Form,
        help: "save the form (Enter on the last field does too)",
    },
    Popups {
        keys: &[Code(KeyCode::Esc), Ctrl('c')],
        intent: I::Cancel,
        popup: Popup::Form,
        help: "cancel; asks first when something was changed",
    },
    Popups {
        keys: &[Code(KeyCode::Tab)],
        intent: I::NextField,
        popup: Popup::Form,
        help: "next field",
    },
    Popups {
        keys: &[Code(KeyCode::BackTab)],
        intent: I::PreviousField,
        popup: Popup::Form,
        help: "previous field",
    },
    Popups {
        keys: &[C('y'), C('Y')],
        intent: I::Accept,
        popup: Popup::DiscardEdits,
        help: "leave the form; what was typed is lost",
    },
    Popups {
        keys: &[C('j'), Code(KeyCode::Down)],
        intent: I::ScrollDown,
        popup: Popup::Reading,
        help: "scroll down",
    },
    Popups {
        keys: &[C('k'), Code(KeyCode::Up)],
        intent: I::ScrollUp,
        popup: Popup::Reading,
        help: "scroll up",
    },
    Popups {
        keys: &[C('g'), Code(KeyCode::Home)],
        intent: I::ScrollTop,
        popup: Popup::Reading,
        help: "back to the top",
    },
    Popups {
        keys: &[Code(KeyCode::Esc), C('q'), Code(KeyCode::Enter), C('?')],
        intent: I::Close,
        popup: Popup::Reading,
        help: "close",
    },
    Popups {
        keys: &[C('r'), C('y'), Code(KeyCode::Enter)],
        intent: I::Resume,
        popup: Popup::ResumeMeeting,
        help: "resume where it was",
    },
    Popups {
        keys: &[C('l'), C('n'), Code(KeyCode::Esc), C('q')],
        intent: I::Later,
        popup: Popup::ResumeMeeting,
        help: "later (the meeting stays open)",
    },
    Popups {
        keys: &[C('m')],
        intent: I::Merge,
        popup: Popup::DiskConflict,
        help: "merge: keep their changes and yours (when they touch different records)",
    },
    Popups {
        keys: &[C('r')],
        intent: I::Reload,
        popup: Popup::DiskConflict,
        help: "reload theirs; your unsaved changes are listed so you can redo them",
    },
    Popups {
        keys: &[C('q'), Code(KeyCode::Esc)],
        intent: I::Later,
        popup: Popup::DiskConflict,
        help: "keep yours here, unsaved, for now",
    },
    Popups {
        keys: &[C('y'), C('Y')],
        intent: I::CloseMeeting,
        popup: Popup::MeetingSummary,
        help: "close the meeting: the record becomes final and review dates move",
    },
    Popups {
        keys: &[C('n'), Code(KeyCode::Esc), C('q')],
        intent: I::Cancel,
        popup: Popup::MeetingSummary,
        help: "go back to the meeting",
    },
    Popups {
        keys: &[C('D')],
        intent: I::DiscardMeeting,
        popup: Popup::MeetingSummary,
        help: "discard the meeting (only while it has no records)",
    },
    Popups {
        keys: &[C('y'), C('Y')],
        intent: I::Accept,
        popup: Popup::DropComments,
        help: "save now; the comments are dropped (a .bak copy keeps them)",
    },
    Popups {
        keys: &[C('n'), C('N'), Code(KeyCode::Esc), C('q')],
        intent: I::Cancel,
        popup: Popup::DropComments,
        help: "do not save; your change stays here until you save",
    },
    Popups {
        keys: &[C('w')],
        intent: I::SaveAndQuit,
        popup: Popup::QuitUnsaved,
        help: "try to save again, then quit",
    },
    Popups {
        keys: &[C('Q')],
        intent: I::QuitWithoutSaving,
        popup: Popup::QuitUnsaved,
        help: "quit and lose the unsaved changes",
    },
    Popups {
        keys: &[Code(KeyCode::Esc), C('q')],
        intent: I::Cancel,
        popup: Popup::QuitUnsaved,
        help: "stay in roreg",
    },
    Popups {
        keys: &[C('j'), Code(KeyCode::Down)],
        intent: I::Down,
        popup: Popup::AuditRecords,
        help: "next record",
    },
    Popups {
        keys: &[C('k'), Code(KeyCode::Up)],
        intent: I::Up,
        popup: Popup::AuditRecords,
        help: "previous record",
    },
    Popups {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        popup: Popup::AuditRecords,
        help: "open the record: a meeting's minutes, an item's detail",
    },
    Popups {
        keys: &[Code(KeyCode::Esc), C('q')],
        intent: I::Close,
        popup: Popup::AuditRecords,
        help: "close the records",
    },
    Popups {
        keys: &[C('j'), Code(KeyCode::Down)],
        intent: I::ScrollDown,
        popup: Popup::Minutes,
        help: "scroll down",
    },
    Popups {
        keys: &[C('k'), Code(KeyCode::Up)],
        intent: I::ScrollUp,
        popup: Popup::Minutes,
        help: "scroll up",
    },
    Popups {
        keys: &[C('g'), Code(KeyCode::Home)],
        intent: I::ScrollTop,
        popup: Popup::Minutes,
        help: "back to the top",
    },
    Popups {
        keys: &[Code(KeyCode::Esc), C('q')],
        intent: I::Close,
        popup: Popup::Minutes,
        help: "back to the records",
    },
    // The summary before closing scrolls with the reading keys.
    Popups {
        keys: &[C('j'), Code(KeyCode::Down)],
        intent: I::ScrollDown,
        popup: Popup::MeetingSummary,
        help: "scroll down",
    },
    Popups {
        keys: &[C('k'), Code(KeyCode::Up)],
        intent: I::ScrollUp,
        popup: Popup::MeetingSummary,
        help: "scroll up",
    },
    Popups {
        keys: &[C('g'), Code(KeyCode::Home)],
        intent: I::ScrollTop,
        popup: Popup::MeetingSummary,
        help: "back to the top",
    },
    Popups {
        keys: &[C('y'), C('Y')],
        intent: I::Accept,
        popup: Popup::CloseUnreviewed,
        help: "close it anyway: it counts as held, with no decisions",
    },
    Popups {
        keys: &[C('n'), C('N'), Code(KeyCode::Esc), C('q')],
        intent: I::Cancel,
        popup: Popup::CloseUnreviewed,
        help: "go back to the summary",
    },
    Popups {
        keys: &[C('j'), Code(KeyCode::Down)],
        intent: I::Down,
        popup: Popup::ManagementInputs,
        help: "next input",
    },
    Popups {
        keys: &[C('k'), Code(KeyCode::Up)],
        intent: I::Up,
        popup: Popup::ManagementInputs,
        help: "previous input",
    },
    Popups {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        popup: Popup::ManagementInputs,
        help: "record the input as considered: what the review saw, and where the evidence is",
    },
    Popups {
        keys: &[C('x'), Code(KeyCode::Delete)],
        intent: I::Withdraw,
        popup: Popup::ManagementInputs,
        help: "take back an input recorded as considered by mistake",
    },
    Popups {
        keys: &[Code(KeyCode::Esc), C('q')],
        intent: I::Close,
        popup: Popup::ManagementInputs,
        help: "back to the card",
    },
];
