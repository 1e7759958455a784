//! Who a token is for, remembered for a few seconds so that a burst of requests (a page and its
//! lists) verifies the token and reads the account and its org unit once, not once a request.
//! Before, those two reads cost five sixths of the server's request ceiling. The account is kept
//! as `auth/me` shows it too, so that route reads nothing.
//!
//! Revocation stays immediate where it is made: disabling an account, resetting or changing a
//! password empties the cache of this instance ([`TokenCache::forget_all`]). Another instance
//! sharing the database learns of it when its entry ages out, at most [`TokenCache::FRESH`]
//! later. A hit still checks the token's own expiry, so no token outlives its `exp`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use hashlink::LruCache;

use crate::actor::Account;

/// One remembered token: whom it names, until when it is valid, and when the account was read.
#[derive(Clone)]
struct Entry {
    account: Account,
    expires_at: i64,
    read_at: Instant,
}

pub struct TokenCache {
    entries: Mutex<LruCache<String, Entry>>,
    /// How many times [`TokenCache::forget_all`] ran (under the lock): an account read before a
    /// revocation must not be remembered after it ([`TokenCache::generation`]).
    generation: std::sync::atomic::AtomicU64,
}

impl Default for TokenCache {
    fn default() -> Self {
        Self::new(Self::CAPACITY)
    }
}

impl TokenCache {
    /// How long an account read stays good: the longest another instance may honour a revoked
    /// token.
    pub const FRESH: Duration = Duration::from_secs(5);
    /// Tokens remembered at once (a district's officials and clerks, with room to spare); the
    /// least recently used goes first.
    const CAPACITY: usize = 4096;

    pub fn new(capacity: usize) -> Self {
        Self { entries: Mutex::new(LruCache::new(capacity.max(1))), generation: Default::default() }
    }

    /// The account `token` was last found to name, if read less than [`Self::FRESH`] ago and the
    /// token is still valid at `now` (seconds since the epoch).
    pub fn get(&self, token: &str, now: i64) -> Option<Account> {
        let mut entries = self.entries.lock().ok()?;
        let entry = entries.get(token)?;
        if entry.read_at.elapsed() < Self::FRESH && now < entry.expires_at {
            return Some(entry.account.clone());
        }
        entries.remove(token);
        None
    }

    /// Taken before reading an account, handed back to [`TokenCache::put`].
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Remembers that `token`, valid until `expires_at`, names `account` as read just now, unless
    /// everything was forgotten since the read began (at `generation`): a revocation that landed
    /// meanwhile must not be undone by the read that preceded it.
    pub fn put(&self, token: &str, expires_at: i64, account: &Account, generation: u64) {
        if let Ok(mut entries) = self.entries.lock()
            && self.generation() == generation
        {
            entries.insert(token.to_owned(), Entry { account: account.clone(), expires_at, read_at: Instant::now() });
        }
    }

    /// Forgets every token: an account was disabled, its password or token version changed, or
    /// what its account shows (its unit's name) did.
    pub fn forget_all(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use jingzhun_shared::org::{OrgUnitRef, UserDto};
    use jingzhun_shared::{OrgLevel, OrgUnitId, Role, UserId};

    use super::*;
    use crate::actor::CurrentUser;

    fn clerk() -> Account {
        let user = CurrentUser {
            id: UserId(7),
            username: "clerk".to_owned(),
            role: Role::VillageClerk,
            org_unit_id: OrgUnitId(3),
            org_level: OrgLevel::Village,
            org_path: "/1/2/3/".to_owned(),
            today: chrono::NaiveDate::default(),
        };
        let dto = UserDto {
            id: user.id,
            username: user.username.clone(),
            display_name: "张村专干".to_owned(),
            role: user.role,
            org_unit: OrgUnitRef { id: user.org_unit_id, name: "张村".to_owned(), level: OrgLevel::Village },
            disabled: false,
            created_at: chrono::DateTime::default(),
            enterprise_id: None,
            cadre_id: None,
        };
        Account { user, dto: std::sync::Arc::new(dto) }
    }

    #[test]
    fn a_remembered_token_is_answered_until_it_expires() {
        let cache = TokenCache::new(8);
        cache.put("t", 100, &clerk(), 0);

        assert_eq!(cache.get("t", 99).map(|a| (a.user.id, a.dto.id)), Some((UserId(7), UserId(7))));
        assert!(cache.get("t", 100).is_none(), "expired at its exp");
        assert!(cache.get("t", 50).is_none(), "and forgotten once found expired");
    }

    #[test]
    fn forgetting_all_makes_every_token_be_read_again() {
        let cache = TokenCache::new(8);
        cache.put("a", 100, &clerk(), 0);
        cache.put("b", 100, &clerk(), 0);

        cache.forget_all();

        assert!(cache.get("a", 1).is_none() && cache.get("b", 1).is_none());
    }

    #[test]
    fn the_least_recently_used_token_goes_first() {
        let cache = TokenCache::new(2);
        cache.put("a", 100, &clerk(), 0);
        cache.put("b", 100, &clerk(), 0);
        let _ = cache.get("a", 1);
        cache.put("c", 100, &clerk(), 0);

        assert!(cache.get("b", 1).is_none());
        assert!(cache.get("a", 1).is_some() && cache.get("c", 1).is_some());
    }

    #[test]
    fn an_account_read_before_everything_was_forgotten_is_not_remembered() {
        let cache = TokenCache::new(8);
        let read_from = cache.generation();

        cache.forget_all();
        cache.put("t", 100, &clerk(), read_from);
        cache.put("u", 100, &clerk(), cache.generation());

        assert!(cache.get("t", 1).is_none(), "read before the revocation");
        assert!(cache.get("u", 1).is_some(), "read after it");
    }
}
