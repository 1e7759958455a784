//! Login under attack: bounded input, one answer for every bad credential, throttling per
//! username and per client address that cannot be raced, and bounded memory and audit trail.

use std::time::{Duration, Instant};

use jingzhun::auth::{Limit, ThrottlePolicy};
use jingzhun::entities::audit_event;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::helpers::{TestApp, client_from};

const HOME: [u8; 4] = [127, 0, 0, 1];

/// Waits of a second or two instead of minutes, so a test can sit one out.
fn short_waits() -> ThrottlePolicy {
    let limit = |free_failures| Limit { free_failures, max_wait: Duration::from_secs(2) };
    ThrottlePolicy {
        per_pair: limit(5),
        per_address: limit(20),
        per_name: limit(50),
        first_wait: Duration::from_secs(1),
        ..ThrottlePolicy::default()
    }
}

async fn audit_rows(app: &TestApp) -> u64 {
    audit_event::Entity::find().count(&app.db).await.expect("count")
}

#[tokio::test]
async fn ten_thousand_logins_with_huge_usernames_leave_memory_and_audit_bounded_and_the_real_user_gets_in() {
    let app = TestApp::spawn_with(|config| config.login_throttle = short_waits()).await;
    let rows_before = audit_rows(&app).await;
    let started = Instant::now();

    let workers: Vec<_> = (0..16)
        .map(|w| {
            let (client, base) = (client_from(HOME), app.base.clone());
            tokio::spawn(async move {
                let (url, huge) = (format!("{base}/api/v1/auth/login"), "x".repeat(100 * 1024));
                let mut statuses = Vec::new();
                for n in 0..625 {
                    let body = format!(r#"{{"username": "{w}-{n}-{huge}", "password": "guess-{n}"}}"#);
                    let request = client.post(&url).header("Content-Type", "application/json").body(body);
                    statuses.push(request.send().await.expect("answer").status().as_u16());
                }
                statuses
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for worker in workers {
        statuses.extend(worker.await.expect("worker"));
    }

    assert_eq!(statuses.len(), 10_000);
    // 503: every argon2 slot was busy (a loaded machine); a refusal too, with Retry-After.
    assert!(statuses.iter().all(|s| [401, 429, 503].contains(s)), "only refusals: {:?}", first_odd(&statuses));
    assert!(statuses.iter().filter(|s| **s == 429).count() > 9_000, "most are held back unread");
    assert_eq!(app.state.throttle.kept().await.expect("kept"), 1, "one key, the address; no name was kept");
    assert_eq!(audit_rows(&app).await, rows_before, "no audit row for names that exist nowhere");
    let health = reqwest::get(format!("{}/healthz", app.base)).await.expect("answer");
    assert_eq!(health.status().as_u16(), 200);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let admin = app.api.login("admin", "jingzhun-demo").await.expect("the real user gets in after the wait");
    assert_eq!(admin.user.username, "admin");
    println!("10,000 huge logins answered in {:?}", started.elapsed());
}

fn first_odd(statuses: &[u16]) -> Option<u16> {
    statuses.iter().copied().find(|s| ![401, 429, 503].contains(s))
}

#[tokio::test]
async fn parallel_wrong_guesses_for_one_name_reach_the_password_check_only_five_times() {
    let app = TestApp::spawn().await;
    let client = client_from(HOME);

    let guesses: Vec<_> = (0..40)
        .map(|n| {
            let (app_base, client) = (app.base.clone(), client.clone());
            tokio::spawn(async move {
                let body = serde_json::json!({ "username": "district", "password": format!("guess-{n}") });
                let response = client.post(format!("{app_base}/api/v1/auth/login")).json(&body).send().await;
                response.expect("answer").status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.expect("guess"));
    }

    let count = |status: u16| statuses.iter().filter(|s| **s == status).count();
    // A 503 (every password check busy) is an attempt let through the throttle but not compared.
    assert_eq!(count(401) + count(503), 5, "five let through: {statuses:?}");
    assert_eq!(count(429), 35);
    let checked = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("login_failed"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(checked as usize, count(401), "each compared password is one audit row");
}

#[tokio::test]
async fn many_names_from_one_address_are_held_back_and_a_forwarded_header_does_not_help() {
    let app = TestApp::spawn().await;
    let client = client_from(HOME);
    for n in 0..20 {
        let (status, _) = app.raw_login(&client, &format!("nobody{n}"), "guess-1234").await;
        assert_eq!(status, 401);
    }

    let (held, _) = app.raw_login(&client, "admin", "jingzhun-demo").await;
    let disguised = client
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("X-Forwarded-For", "203.0.113.9")
        .json(&serde_json::json!({ "username": "admin", "password": "jingzhun-demo" }))
        .send()
        .await
        .expect("answer");
    let (elsewhere, _) = app.raw_login(&client_from([127, 0, 0, 2]), "admin", "jingzhun-demo").await;

    assert_eq!(held, 429, "the address is held back, even with the right password");
    assert_eq!(disguised.status().as_u16(), 429);
    assert!(disguised.headers().get("Retry-After").is_some());
    assert_eq!(elsewhere, 200, "another address is not");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_is_the_one_throttled() {
    let app = TestApp::spawn_with(|config| config.trust_forwarded_for = true).await;
    let client = client_from(HOME);
    let login = |forwarded: &'static str, username: String| {
        let request = client.post(format!("{}/api/v1/auth/login", app.base)).header("X-Forwarded-For", forwarded);
        async move {
            let body = serde_json::json!({ "username": username, "password": "guess-1234" });
            request.json(&body).send().await.expect("answer").status().as_u16()
        }
    };
    for n in 0..20 {
        assert_eq!(login("203.0.113.1", format!("nobody{n}")).await, 401);
    }

    assert_eq!(login("203.0.113.1", "nobody".to_owned()).await, 429);
    assert_eq!(login("203.0.113.2", "nobody".to_owned()).await, 401);
}

#[tokio::test]
async fn guesses_at_a_name_from_another_address_do_not_lock_the_real_user_out() {
    let app = TestApp::spawn().await;
    let attacker = client_from([127, 0, 0, 3]);
    for _ in 0..5 {
        assert_eq!(app.raw_login(&attacker, "admin", "guess-1234").await.0, 401);
    }
    assert_eq!(app.raw_login(&attacker, "admin", "jingzhun-demo").await.0, 429);

    let real = app.api.login("admin", "jingzhun-demo").await;

    assert!(real.is_ok(), "the real user's address is not the attacker's");
}

#[tokio::test]
async fn an_unknown_a_malformed_and_a_huge_name_answer_exactly_like_a_wrong_password() {
    let app = TestApp::spawn().await;
    let rows_before = audit_rows(&app).await;
    let client = client_from(HOME);

    let wrong_password = app.raw_login(&client, "clerk", "not-the-password").await;
    let unknown = app.raw_login(&client, "nobody", "not-the-password").await;
    let malformed = app.raw_login(&client, "my password is Secret!", "").await;
    let huge = app.raw_login(&client, &"y".repeat(100 * 1024), &"z".repeat(100 * 1024)).await;

    assert_eq!(wrong_password.0, 401);
    for other in [&unknown, &malformed, &huge] {
        assert_eq!(other, &wrong_password, "same status and same bytes");
    }
    let rows = audit_event::Entity::find().all(&app.db).await.expect("rows");
    assert_eq!(rows.len() as u64, rows_before + 1, "one row: the failure of an existing account");
    let failed = rows.iter().find(|r| r.action == "login_failed").expect("clerk's failure");
    assert!(failed.after.as_deref().is_some_and(|a| a.contains("clerk")));
    let typed = ["nobody", "Secret", "yyyy", "not-the-password"];
    assert!(rows.iter().all(|r| typed.iter().all(|t| !format!("{r:?}").contains(t))), "nothing typed is kept");
}
