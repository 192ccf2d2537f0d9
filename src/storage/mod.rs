//! The register file on disk: reading it, writing it safely.

pub mod conflict;
pub mod fingerprint;
pub mod load;
pub mod lock;
pub mod replace;
pub mod save;
mod split;
pub mod watch;

pub use fingerprint::Fingerprint;
pub use load::{LoadError, Loaded, load};
pub use save::{SaveError, save, to_text};
