//! Slows down password guessing, per username and per client address, in bounded memory.
//!
//! An attempt counts against three keys: the username from this address (the tight limit a
//! guesser at one machine meets), the address whatever names it tries, and the username from
//! anywhere (a loose limit on guessing from many addresses). Past a key's free failures every
//! further attempt waits, twice as long after each failure, up to the key's cap; attempts
//! refused while waiting count for nothing and extend nothing, and a key quiet for twice its
//! cap is forgotten.
//! So guesses from one address hold back that address only, and a slow trickle from
//! elsewhere keeps the real user waiting at most the username key's short cap, after which a
//! correct password is let through.
//!
//! Check and count are one step under one lock ([`LoginThrottle::attempt`]): an attempt is
//! counted as a failure before its password is compared, and a success takes it back, so
//! parallel guesses cannot all pass one check. Keys live in an LRU map of fixed capacity;
//! malformed names are never keys, so what an attacker types costs no memory beyond it.
//!
//! The rules ([`ThrottlePolicy::keys`], [`ThrottlePolicy::wait_left`]) are shared with the
//! counts several instances keep in PostgreSQL (`services::org::throttle`).

use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hashlink::LruCache;

use crate::error::{AppError, AppResult};

/// How many failures a key may have before attempts wait, and the longest wait.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub free_failures: u32,
    pub max_wait: Duration,
}

/// The throttle's numbers.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// One username from one address.
    pub per_pair: Limit,
    /// One address, whatever the names.
    pub per_address: Limit,
    /// One username from anywhere; its short cap bounds how long others can hold the user back.
    pub per_name: Limit,
    /// The wait after the free failures are spent; doubles with each further failure.
    pub first_wait: Duration,
    /// Keys remembered at most; the least recently used is forgotten first.
    pub capacity: usize,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            per_pair: Limit { free_failures: 5, max_wait: Duration::from_secs(15 * 60) },
            per_address: Limit { free_failures: 20, max_wait: Duration::from_secs(15 * 60) },
            per_name: Limit { free_failures: 50, max_wait: Duration::from_secs(60) },
            first_wait: Duration::from_secs(30),
            capacity: 10_000,
        }
    }
}

/// What an attempt counts against, as text: `pair:ADDRESS:NAME`, `address:ADDRESS` or
/// `name:NAME` (a name has no `:`; the address is [`client_key`]'s).
pub type Key = String;

fn pair_key(name: &str, address: IpAddr) -> Key {
    format!("pair:{address}:{name}")
}

fn address_key(address: IpAddr) -> Key {
    format!("address:{address}")
}

fn name_key(name: &str) -> Key {
    format!("name:{name}")
}

impl ThrottlePolicy {
    /// The keys an attempt for `name` (`None`: a name no account can have) from `address`
    /// counts against, each with its limit.
    pub fn keys(&self, name: Option<&str>, address: IpAddr) -> Vec<(Key, Limit)> {
        let address = client_key(address);
        let mut keys = vec![(address_key(address), self.per_address)];
        if let Some(name) = name {
            keys.push((pair_key(name, address), self.per_pair));
            keys.push((name_key(name), self.per_name));
        }
        keys
    }

    /// How long a key with `count` failures, the last `since` ago, must still wait; `None`
    /// when it has been quiet for twice its cap and is forgotten.
    pub fn wait_left(&self, count: u32, since: Duration, limit: Limit) -> Option<Duration> {
        if since >= limit.max_wait.saturating_mul(2) {
            return None;
        }
        Some(self.wait_after(count, limit).saturating_sub(since))
    }

    /// The longest a key is remembered after its last failure.
    pub fn forget_after(&self) -> Duration {
        [self.per_pair, self.per_address, self.per_name]
            .iter()
            .map(|l| l.max_wait.saturating_mul(2))
            .max()
            .unwrap_or_default()
    }

    fn wait_after(&self, count: u32, limit: Limit) -> Duration {
        let Some(over) = count.checked_sub(limit.free_failures) else { return Duration::ZERO };
        self.first_wait.saturating_mul(2u32.saturating_pow(over.min(16))).min(limit.max_wait)
    }
}

/// The keys a successful attempt forgets (the pair) and takes one failure back from.
pub fn success_keys(attempt: &Attempt) -> (Option<Key>, Vec<Key>) {
    let pair = attempt.name.as_deref().map(|name| pair_key(name, attempt.address));
    let shared = [Some(address_key(attempt.address)), attempt.name.as_deref().map(name_key)];
    (pair, shared.into_iter().flatten().collect())
}

/// The wait an answer asks for, in whole seconds rounded up.
pub fn too_many(wait: Duration) -> AppError {
    AppError::TooManyAttempts { retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0) }
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// An attempt let through, counted as a failure until [`LoginThrottle::succeeded`].
#[derive(Debug)]
pub struct Attempt {
    name: Option<String>,
    address: IpAddr,
}

impl Attempt {
    /// An attempt for `name` from `address` (as [`client_key`] counts it).
    pub fn new(name: Option<&str>, address: IpAddr) -> Self {
        Self { name: name.map(str::to_owned), address: client_key(address) }
    }
}

pub struct LoginThrottle {
    policy: ThrottlePolicy,
    keys: Mutex<LruCache<Key, Failures>>,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self::new(ThrottlePolicy::default())
    }
}

impl LoginThrottle {
    pub fn new(policy: ThrottlePolicy) -> Self {
        Self { policy, keys: Mutex::new(LruCache::new(policy.capacity.max(1))) }
    }

    /// Lets an attempt for `name` (`None`: a name no account can have) from `address` through,
    /// counting it as a failure in the same step, or answers how long to wait (429).
    pub fn attempt(&self, name: Option<&str>, address: IpAddr, now: Instant) -> AppResult<Attempt> {
        let keys = self.policy.keys(name, address);
        let mut map = self.keys.lock().map_err(|_| AppError::Internal("throttle poisoned".to_owned()))?;
        let wait = keys.iter().map(|(key, limit)| self.wait_left(&mut map, key, *limit, now)).max();
        if let Some(wait) = wait.filter(|w| !w.is_zero()) {
            return Err(too_many(wait));
        }
        for (key, _) in keys {
            match map.get_mut(&key) {
                Some(failures) => *failures = Failures { count: failures.count.saturating_add(1), last: now },
                None => {
                    map.insert(key, Failures { count: 1, last: now });
                }
            }
        }
        Ok(Attempt::new(name, address))
    }

    /// The attempt was right: its name is forgotten for its address, and it no longer counts
    /// against the address or the name.
    pub fn succeeded(&self, attempt: &Attempt) {
        let Ok(mut map) = self.keys.lock() else { return };
        let (pair, shared) = success_keys(attempt);
        if let Some(pair) = pair {
            map.remove(&pair);
        }
        for key in shared {
            if let Some(failures) = map.peek_mut(&key) {
                failures.count = failures.count.saturating_sub(1);
            }
        }
    }

    /// How many keys are remembered (never more than the policy's capacity).
    pub fn len(&self) -> usize {
        self.keys.lock().map(|map| map.len()).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The policy it applies.
    pub fn policy(&self) -> &ThrottlePolicy {
        &self.policy
    }

    /// How long `key` must still wait at `now`; a key quiet for twice its cap is forgotten.
    fn wait_left(&self, map: &mut LruCache<Key, Failures>, key: &Key, limit: Limit, now: Instant) -> Duration {
        let Some(failures) = map.peek(key).copied() else { return Duration::ZERO };
        let since = now.saturating_duration_since(failures.last);
        self.policy.wait_left(failures.count, since, limit).unwrap_or_else(|| {
            map.remove(key);
            Duration::ZERO
        })
    }
}

/// The address an attempt counts against: IPv4 as it is (also when mapped into IPv6), IPv6 by
/// its /64, the smallest block one subscriber usually gets.
fn client_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));

    fn far(n: u8) -> IpAddr {
        IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, n))
    }

    fn held(result: &AppResult<Attempt>) -> bool {
        matches!(result, Err(AppError::TooManyAttempts { .. }))
    }

    #[test]
    fn a_name_is_held_back_after_five_failures_from_one_address_and_a_success_forgets_them() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..5 {
            assert!(throttle.attempt(Some("clerk"), HOME, now).is_ok());
        }
        assert!(held(&throttle.attempt(Some("clerk"), HOME, now)));
        assert!(throttle.attempt(Some("district"), HOME, now).is_ok(), "another name is not held back");
        assert!(throttle.attempt(Some("clerk"), far(1), now).is_ok(), "nor the name from elsewhere");

        let later = now + Duration::from_secs(30);
        let attempt = throttle.attempt(Some("clerk"), HOME, later).expect("the wait is over");
        throttle.succeeded(&attempt);
        assert!(throttle.attempt(Some("clerk"), HOME, later).is_ok());
    }

    #[test]
    fn parallel_attempts_cannot_all_pass_one_check() {
        let throttle = std::sync::Arc::new(LoginThrottle::default());
        let now = Instant::now();
        let threads: Vec<_> = (0..50)
            .map(|_| {
                let throttle = std::sync::Arc::clone(&throttle);
                std::thread::spawn(move || throttle.attempt(Some("admin"), HOME, now).is_ok())
            })
            .collect();
        let passed = threads.into_iter().map(std::thread::JoinHandle::join).filter(|r| matches!(r, Ok(true))).count();
        assert_eq!(passed, 5);
    }

    #[test]
    fn many_names_from_one_address_are_held_back_and_names_no_account_can_have_count_too() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for n in 0..20 {
            let name = format!("guess{n}");
            let name = (n % 2 == 0).then_some(name.as_str());
            assert!(throttle.attempt(name, HOME, now).is_ok());
        }
        assert!(held(&throttle.attempt(Some("admin"), HOME, now)));
        assert!(held(&throttle.attempt(None, HOME, now)));
        assert!(throttle.attempt(Some("admin"), far(1), now).is_ok());
    }

    #[test]
    fn waits_double_up_to_the_cap_and_a_correct_password_after_the_wait_gets_in() {
        let throttle = LoginThrottle::default();
        let mut now = Instant::now();
        for _ in 0..5 {
            assert!(throttle.attempt(Some("admin"), HOME, now).is_ok());
        }
        let mut waits = Vec::new();
        for _ in 0..8 {
            let Err(AppError::TooManyAttempts { retry_after_secs }) = throttle.attempt(Some("admin"), HOME, now) else {
                panic!("held back");
            };
            waits.push(retry_after_secs);
            now += Duration::from_secs(retry_after_secs);
            assert!(throttle.attempt(Some("admin"), HOME, now).is_ok(), "let through once the wait is over");
        }
        assert_eq!(waits, [30, 60, 120, 240, 480, 900, 900, 900]);
        let attempt = throttle.attempt(Some("admin"), HOME, now + Duration::from_secs(900)).expect("after the cap");
        throttle.succeeded(&attempt);
    }

    #[test]
    fn a_trickle_from_other_addresses_never_keeps_the_user_out_past_the_name_cap() {
        let throttle = LoginThrottle::default();
        let mut now = Instant::now();
        let mut held_back = 0;
        // Three guesses a minute, five from each address: more than the name's free failures.
        for round in 0..300u32 {
            let address = far(u8::try_from(round / 5).unwrap_or(u8::MAX));
            let _ = throttle.attempt(Some("admin"), address, now);
            now += Duration::from_secs(20);
            if round % 7 != 6 {
                continue;
            }
            let attempt = match throttle.attempt(Some("admin"), HOME, now) {
                Err(AppError::TooManyAttempts { retry_after_secs }) => {
                    assert!(retry_after_secs <= 60, "the real user waited {retry_after_secs} s");
                    held_back += 1;
                    now += Duration::from_secs(retry_after_secs);
                    throttle.attempt(Some("admin"), HOME, now).expect("in after the wait")
                }
                other => other.expect("in at once"),
            };
            throttle.succeeded(&attempt);
        }
        assert!(held_back > 5, "the trickle spent the name's free failures");
    }

    #[test]
    fn the_map_stays_within_its_capacity() {
        let policy = ThrottlePolicy { capacity: 1_000, ..ThrottlePolicy::default() };
        let throttle = LoginThrottle::new(policy);
        let now = Instant::now();
        for n in 0..100_000u32 {
            let address = IpAddr::V4(std::net::Ipv4Addr::from(n));
            let _ = throttle.attempt(Some(&format!("user{n}")), address, now);
        }
        assert_eq!(throttle.len(), 1_000);
    }

    #[test]
    fn ipv6_clients_count_by_their_64_block() {
        let a: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().expect("ip");
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        assert_eq!(client_key(mapped), HOME);
    }
}
