//! The Jingzhun server as a library, so the `jingzhun` binary and the tests start it the same
//! way: `startup::connect_and_migrate`, then `startup::start`.

pub mod actor;
pub mod assets;
pub mod auth;
pub mod clock;
pub mod config;
pub mod demo;
pub mod demo_credit;
pub mod demo_education;
pub mod demo_employment;
pub mod demo_evidence;
pub mod demo_funds;
pub mod demo_health;
pub mod demo_oversight;
pub mod demo_pairing;
pub mod demo_projects;
pub mod demo_registry;
pub mod demo_villages;
pub mod demo_warnings;
pub mod entities;
pub mod error;
pub mod openapi;
pub mod progress;
pub mod routes;
pub mod services;
pub mod startup;
pub mod state;

/// A random string of `len` URL-safe characters, from the OS's generator.
pub fn random_token(len: usize) -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..len).map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())])).collect()
}
