//! Progress of running spreadsheet imports. A leaf: the import route starts an entry for the
//! user who may import, the import service moves it through a [`Ticket`], the progress route
//! reads it, and none knows the others.
//!
//! An entry is keyed by its owner and the token they chose, so another user asking for the
//! same token finds nothing (404). The board is bounded: [`PER_USER`] entries per owner and
//! [`MAX_ENTRIES`] in all, the least recently moved one going first; a finished entry is kept
//! [`KEEP_FINISHED`] for its last poll, one that stopped moving [`KEEP_STALLED`].
//!
//! On SQLite the board is this instance's memory. On PostgreSQL it is the `import_progress`
//! table, so a poll that a balancer sends to another instance finds the entry: the start is
//! written before the import reads its file, each later move is written in the background
//! (the import does not wait for it; the route waits for the last before it answers) and
//! applied only to the row of its own run and only when it is newer — a run number from the
//! database's clock per start, then a sequence number per move — so moves that arrive out of
//! order never step the entry back, and an entry evicted meanwhile stays evicted. An instance
//! killed mid-import leaves its entry at its last move until it is [`KEEP_STALLED`] old.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use jingzhun_shared::UserId;
use jingzhun_shared::registry::ImportProgress;
use sea_orm::{DatabaseConnection, DbBackend};

use crate::error::{AppError, AppResult};

/// Entries kept in all.
pub const MAX_ENTRIES: usize = 1_024;
/// Entries kept per owner.
pub const PER_USER: usize = 8;
/// How long a finished import's entry stays readable.
pub const KEEP_FINISHED: Duration = Duration::from_secs(10 * 60);
/// How long an entry that has not moved stays.
pub const KEEP_STALLED: Duration = Duration::from_secs(60 * 60);

const DONE: &str = "done";
const FAILED: &str = "failed";

type Key = (UserId, String);

struct Entry {
    progress: ImportProgress,
    moved: Instant,
}

impl Entry {
    fn expired(&self, now: Instant) -> bool {
        let finished = matches!(self.progress.phase.as_str(), DONE | FAILED);
        let age = now.saturating_duration_since(self.moved);
        (finished && age > KEEP_FINISHED) || age > KEEP_STALLED
    }
}

/// Progress of running imports, kept in this server instance or in PostgreSQL.
#[derive(Default)]
pub struct ProgressBoard {
    memory: Mutex<HashMap<Key, Entry>>,
    shared: Option<DatabaseConnection>,
}

/// Whether `token` can name an entry: 1 to 64 letters, digits, `-` or `_`.
pub fn valid_token(token: &str) -> bool {
    (1..=64).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl ProgressBoard {
    /// In PostgreSQL when `db` is PostgreSQL (every instance on it reads every entry), in
    /// memory otherwise.
    pub fn for_database(db: &DatabaseConnection) -> Self {
        let shared = (db.get_database_backend() == DbBackend::Postgres).then(|| db.clone());
        Self { memory: Mutex::default(), shared }
    }

    /// Starts (or restarts) `owner`'s entry `token` in phase `reading`, making room first.
    pub async fn start(&self, owner: UserId, token: &str) -> AppResult<Ticket<'_>> {
        match &self.shared {
            None => Ok(self.start_at(owner, token, Instant::now())),
            Some(db) => {
                let run = shared::start(db, owner, token).await?;
                let key = (owner, token.to_owned());
                Ok(Ticket {
                    board: self,
                    key,
                    finished: false,
                    run,
                    seq: AtomicI64::new(0),
                    counts: Default::default(),
                    pending: Mutex::default(),
                })
            }
        }
    }

    fn start_at(&self, owner: UserId, token: &str, now: Instant) -> Ticket<'_> {
        let key = (owner, token.to_owned());
        let mut map = self.lock();
        map.retain(|_, entry| !entry.expired(now));
        if !map.contains_key(&key) {
            if map.keys().filter(|(o, _)| *o == owner).count() >= PER_USER {
                evict_oldest(&mut map, |(o, _)| *o == owner);
            }
            if map.len() >= MAX_ENTRIES {
                evict_oldest(&mut map, |_| true);
            }
        }
        let progress = ImportProgress { phase: "reading".to_owned(), processed: 0, total: 0 };
        map.insert(key.clone(), Entry { progress, moved: now });
        Ticket {
            board: self,
            key,
            finished: false,
            run: 0,
            seq: AtomicI64::new(0),
            counts: Default::default(),
            pending: Mutex::default(),
        }
    }

    /// The ticket of an import that asked for progress under `token`, or a 422 on `progress`
    /// for a token [`valid_token`] refuses; `None` when no token was given.
    pub async fn ticket(&self, owner: UserId, token: Option<&str>) -> AppResult<Option<Ticket<'_>>> {
        match token {
            Some(token) if !valid_token(token) => {
                Err(AppError::field("progress", format!("进度令牌 “{token}” 须为 1 到 64 个字母、数字、- 或 _")))
            }
            Some(token) => Ok(Some(self.start(owner, token).await?)),
            None => Ok(None),
        }
    }

    /// `owner`'s entry `token`, if it is still kept.
    pub async fn get(&self, owner: UserId, token: &str) -> AppResult<Option<ImportProgress>> {
        if let Some(db) = &self.shared {
            return shared::get(db, owner, token).await;
        }
        let map = self.lock();
        let Some(entry) = map.get(&(owner, token.to_owned())) else { return Ok(None) };
        Ok((!entry.expired(Instant::now())).then(|| entry.progress.clone()))
    }

    /// The memory board's entry (tests).
    #[cfg(test)]
    fn peek(&self, owner: UserId, token: &str) -> Option<ImportProgress> {
        let map = self.lock();
        let entry = map.get(&(owner, token.to_owned()))?;
        (!entry.expired(Instant::now())).then(|| entry.progress.clone())
    }

    /// How many entries are kept in memory.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn set(&self, key: &Key, phase: &str, processed: u64, total: u64) {
        if let Some(entry) = self.lock().get_mut(key) {
            entry.progress = ImportProgress { phase: phase.to_owned(), processed, total };
            entry.moved = Instant::now();
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Key, Entry>> {
        // A panic while holding the lock leaves a map that is still whole.
        self.memory.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn evict_oldest(map: &mut HashMap<Key, Entry>, among: impl Fn(&Key) -> bool) {
    let oldest = map.iter().filter(|(k, _)| among(k)).min_by_key(|(_, e)| e.moved).map(|(k, _)| k.clone());
    if let Some(key) = oldest {
        map.remove(&key);
    }
}

/// One import's entry on the board. An import that ends without reaching `done` (an error,
/// a dropped request) leaves it `failed`.
pub struct Ticket<'a> {
    board: &'a ProgressBoard,
    key: Key,
    finished: bool,
    /// PostgreSQL: the run the start wrote and the last move's number.
    run: i64,
    seq: AtomicI64,
    /// The last move's counts, which a failure keeps.
    counts: [AtomicU64; 2],
    /// PostgreSQL: moves still being written.
    pending: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl Ticket<'_> {
    pub fn set(&self, phase: &str, processed: u64, total: u64) {
        match &self.board.shared {
            None => self.board.set(&self.key, phase, processed, total),
            Some(db) => {
                self.counts[0].store(processed, Ordering::Relaxed);
                self.counts[1].store(total, Ordering::Relaxed);
                let progress = ImportProgress { phase: phase.to_owned(), processed, total };
                let seq = self.seq.fetch_add(1, Ordering::Relaxed) + 1;
                if let Some(write) = shared::spawn_move(db, &self.key, self.run, seq, progress) {
                    let mut pending = self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    pending.retain(|write| !write.is_finished());
                    pending.push(write);
                }
            }
        }
    }

    pub fn done(&mut self, total: u64) {
        self.finished = true;
        self.set(DONE, total, total);
    }

    /// Ends the import's entry — `failed` unless [`Ticket::done`] was called — and waits
    /// until every move is written, so a poll after the import's answer, on any instance,
    /// reads the last one.
    pub async fn settle(mut self) {
        if !self.finished {
            self.finished = true;
            let [processed, total] = self.counts.each_ref().map(|n| n.load(Ordering::Relaxed));
            self.set(FAILED, processed, total);
        }
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        for write in pending {
            let _ = write.await;
        }
    }
}

/// [`Ticket::settle`] for an import that may have no ticket.
pub async fn settle(ticket: Option<Ticket<'_>>) {
    if let Some(ticket) = ticket {
        ticket.settle().await;
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if self.board.shared.is_some() {
            let [processed, total] = self.counts.each_ref().map(|n| n.load(Ordering::Relaxed));
            return self.set(FAILED, processed, total);
        }
        if let Some(entry) = self.board.lock().get_mut(&self.key) {
            entry.progress.phase = FAILED.to_owned();
            entry.moved = Instant::now();
        }
    }
}

mod shared;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_read_only_by_its_owner() {
        let board = ProgressBoard::default();
        let ticket = board.start_at(UserId(1), "t", Instant::now());
        ticket.set("checking", 5, 10);
        assert_eq!(board.peek(UserId(1), "t").map(|p| p.processed), Some(5));
        assert_eq!(board.peek(UserId(2), "t"), None);
    }

    #[test]
    fn each_owner_keeps_at_most_per_user_entries_dropping_the_least_recently_moved() {
        let board = ProgressBoard::default();
        let t0 = Instant::now();
        for n in 0..=PER_USER {
            let _kept = board.start_at(UserId(1), &format!("t{n}"), t0 + Duration::from_secs(n as u64));
        }
        assert_eq!(board.len(), PER_USER);
        assert_eq!(board.peek(UserId(1), "t0"), None);
        assert!(board.peek(UserId(1), &format!("t{PER_USER}")).is_some());
    }

    #[test]
    fn the_board_keeps_at_most_max_entries_in_all() {
        let board = ProgressBoard::default();
        let t0 = Instant::now();
        for n in 0..MAX_ENTRIES + 50 {
            let _kept = board.start_at(UserId(n as i64), "t", t0);
        }
        assert_eq!(board.len(), MAX_ENTRIES);
    }

    #[test]
    fn finished_entries_go_after_a_while_and_stalled_ones_after_longer() {
        let board = ProgressBoard::default();
        let t0 = Instant::now();
        let mut done = board.start_at(UserId(1), "done", t0);
        done.done(3);
        drop(done);
        let _running = board.start_at(UserId(1), "running", t0);
        let _later = board.start_at(UserId(2), "x", Instant::now() + KEEP_FINISHED + Duration::from_secs(1));
        assert_eq!(board.peek(UserId(1), "done"), None);
        assert!(board.peek(UserId(1), "running").is_some());
        let _much_later = board.start_at(UserId(2), "y", Instant::now() + KEEP_STALLED + Duration::from_secs(1));
        assert_eq!(board.peek(UserId(1), "running"), None);
    }

    #[test]
    fn a_ticket_dropped_before_done_marks_its_entry_failed() {
        let board = ProgressBoard::default();
        drop(board.start_at(UserId(1), "t", Instant::now()));
        assert_eq!(board.peek(UserId(1), "t").map(|p| p.phase), Some(FAILED.to_owned()));
    }

    #[test]
    fn tokens_are_short_and_plain() {
        assert!(valid_token("a1b2-c_3"));
        assert!(!valid_token(""));
        assert!(!valid_token(&"a".repeat(65)));
        assert!(!valid_token("a/b"));
    }
}
