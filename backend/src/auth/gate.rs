//! At most a few argon2 computations at once. Each takes 19 MiB and a core for tens of
//! milliseconds; without a bound, a burst of logins (or of guesses spread over many names and
//! addresses, which the throttle lets through) could take all memory. A caller that finds
//! every permit taken for [`Argon2Gate::wait`] gets 503 with `Retry-After`.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

pub struct Argon2Gate {
    permits: Arc<Semaphore>,
    wait: Duration,
}

impl Default for Argon2Gate {
    /// One computation per core (at least two), waiting up to two seconds for a turn.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self::new(cores.max(2), Duration::from_secs(2))
    }
}

impl Argon2Gate {
    /// A gate letting `permits` computations run at once, a caller queueing at most `wait`.
    pub fn new(permits: usize, wait: Duration) -> Self {
        Self { permits: Arc::new(Semaphore::new(permits)), wait }
    }

    /// Runs `work` on the blocking pool once a permit is free. The permit is held until the
    /// work ends, even when the caller gives up (a dropped request), since the memory is only
    /// freed then.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
        let permit = tokio::time::timeout(self.wait, Arc::clone(&self.permits).acquire_owned())
            .await
            .map_err(|_| AppError::Busy { retry_after_secs: self.wait.as_secs().max(1) })?
            .map_err(|e| AppError::Internal(format!("argon2 gate: {e}")))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| AppError::Internal(format!("argon2 task: {e}")))
    }

    /// An argon2id hash of `password`.
    pub async fn hash(&self, password: &str) -> AppResult<String> {
        let password = password.to_owned();
        self.run(move || super::hash_password(&password)).await?
    }

    /// Whether `password` matches `hash`; as costly for `None` (no such account).
    pub async fn verify(&self, password: String, hash: Option<String>) -> AppResult<bool> {
        self.run(move || super::verify_password(&password, hash.as_deref())).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_gate_answers_busy_after_its_wait() {
        let gate = Argon2Gate::new(1, Duration::from_millis(50));
        let held = Arc::clone(&gate.permits).acquire_owned().await.expect("permit");

        let refused = gate.verify("jingzhun-demo".to_owned(), None).await;

        assert!(matches!(refused, Err(AppError::Busy { retry_after_secs: 1 })));
        drop(held);
        assert_eq!(gate.verify("jingzhun-demo".to_owned(), None).await.ok(), Some(false));
    }

    #[tokio::test]
    async fn no_more_than_the_permits_run_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let gate = Arc::new(Argon2Gate::new(2, Duration::from_secs(30)));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (gate, running, most) = (Arc::clone(&gate), Arc::clone(&running), Arc::clone(&most));
                tokio::spawn(async move {
                    gate.run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(20));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for task in tasks {
            assert!(task.await.expect("joined").is_ok());
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
