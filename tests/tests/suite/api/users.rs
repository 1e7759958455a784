use jingzhun_shared::Role;
use jingzhun_shared::org::{CreateUser, UserQuery};

use crate::helpers::TestApp;

async fn village_named(app: &TestApp, name: &str) -> jingzhun_shared::OrgUnitId {
    let admin = app.login("admin").await;
    let tree = admin.org_tree().await.expect("tree");
    tree.flatten().into_iter().find(|u| u.name == name).map(|u| u.id).expect("village exists")
}

#[tokio::test]
async fn admin_creates_a_user_who_can_then_log_in() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let village = village_named(&app, "篁村").await;

    let created = admin
        .create_user(&CreateUser {
            username: "huangcun".to_owned(),
            password: "Huang-cun-2020".to_owned(),
            display_name: Some("篁村专干".to_owned()),
            role: Role::VillageClerk,
            org_unit_id: village,
            enterprise_id: None,
            cadre_id: None,
        })
        .await
        .expect("created");
    let login = app.api.login("huangcun", "Huang-cun-2020").await.expect("new user logs in");

    assert_eq!(created.username, "huangcun");
    assert_eq!(login.user.id, created.id);
    assert_eq!(login.user.org_unit.name, "篁村");
    let listed = admin.users(&UserQuery { q: Some("huang".to_owned()), ..Default::default() }).await.expect("list");
    assert_eq!(listed.total, 1);
    assert_eq!(listed.items[0].display_name, "篁村专干");
}

#[tokio::test]
async fn creating_a_user_names_every_bad_field_in_one_422() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let district = admin.org_tree().await.expect("tree").unit.id;

    let error = admin
        .create_user(&CreateUser {
            username: "clerk".to_owned(),
            password: "short".to_owned(),
            display_name: None,
            role: Role::VillageClerk,
            org_unit_id: district,
            enterprise_id: None,
            cadre_id: None,
        })
        .await
        .expect_err("invalid");

    let body = error.api_error().expect("wire error");
    assert_eq!(error.status(), Some(422));
    assert_eq!(body.field("username"), ["用户名已存在"]);
    assert!(!body.field("password").is_empty());
    assert!(!body.field("org_unit_id").is_empty(), "a clerk belongs to a village");
}

#[tokio::test]
async fn a_disabled_user_can_no_longer_log_in_or_use_their_token() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let clerk = app.login("clerk").await;
    let clerk_id = clerk.me().await.expect("me").id;

    let disabled = admin.disable_user(clerk_id).await.expect("disabled");

    assert!(disabled.disabled);
    assert_eq!(clerk.me().await.expect_err("token refused").status(), Some(401));
    assert_eq!(app.api.login("clerk", "jingzhun-demo").await.expect_err("refused").status(), Some(401));
    admin.enable_user(clerk_id).await.expect("enabled");
    assert!(app.api.login("clerk", "jingzhun-demo").await.is_ok());
}

#[tokio::test]
async fn non_admins_cannot_list_or_create_users() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;

    let error = district.users(&UserQuery::default()).await.expect_err("forbidden");

    assert_eq!(error.status(), Some(403));
}

#[tokio::test]
async fn the_user_list_pages() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;

    let first = admin.users(&UserQuery { per_page: Some(3), ..Default::default() }).await.expect("page 1");
    let third =
        admin.users(&UserQuery { per_page: Some(3), page: Some(3), ..Default::default() }).await.expect("page 3");

    assert_eq!(first.total, jingzhun::demo::DEMO_USERS.len() as u64);
    assert_eq!(first.items.len(), 3);
    assert_eq!(first.items[0].username, "admin");
    assert_eq!(third.items.len(), jingzhun::demo::DEMO_USERS.len() - 6);
    assert_eq!(third.page, 3);
}

#[tokio::test]
async fn enabling_an_enabled_account_changes_nothing_and_keeps_its_tokens() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let clerk = app.login("clerk").await;
    let clerk_id = clerk.me().await.expect("me").id;
    let admin_id = admin.me().await.expect("me").id;

    let again = admin.enable_user(clerk_id).await.expect("enabled");
    let self_enabled = admin.enable_user(admin_id).await.expect("enabled");

    assert!(!again.disabled && !self_enabled.disabled);
    assert!(clerk.me().await.is_ok(), "the clerk's token still works");
    assert!(admin.me().await.is_ok(), "the admin did not log themselves out");
}
