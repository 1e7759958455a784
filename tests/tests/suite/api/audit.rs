use jingzhun_shared::Role;
use jingzhun_shared::org::{AuditQuery, CreateUser, RenameOrgUnit};

use crate::helpers::TestApp;

#[tokio::test]
async fn a_write_leaves_an_audit_event_with_who_and_before_after() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let township = admin.org_tree().await.expect("tree").children[0].unit.clone();

    admin
        .rename_org_unit(township.id, &RenameOrgUnit { name: "城关街道".to_owned(), version: township.version })
        .await
        .expect("renamed");

    let auditor = app.login("auditor").await;
    let query =
        AuditQuery { entity: Some("org_unit".into()), entity_id: Some(township.id.to_string()), ..Default::default() };
    let events = auditor.audit_events(&query).await.expect("auditor reads the trail");
    let event = events.items.first().expect("an event");
    assert_eq!(event.action, "update");
    assert_eq!(event.username.as_deref(), Some("admin"));
    assert_eq!(event.before.as_ref().and_then(|b| b["name"].as_str()), Some(township.name.as_str()));
    assert_eq!(event.after.as_ref().and_then(|a| a["name"].as_str()), Some("城关街道"));
}

#[tokio::test]
async fn creating_a_user_is_audited_without_the_password() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let district = admin.org_tree().await.expect("tree").unit.id;
    let created = admin
        .create_user(&CreateUser {
            username: "inspector2".to_owned(),
            password: "Inspect-2020".to_owned(),
            display_name: None,
            role: Role::Auditor,
            org_unit_id: district,
            enterprise_id: None,
            cadre_id: None,
        })
        .await
        .expect("created");

    let events = admin
        .audit_events(&AuditQuery {
            entity: Some("user".into()),
            entity_id: Some(created.id.to_string()),
            ..Default::default()
        })
        .await
        .expect("trail");

    assert_eq!(events.total, 1);
    let text = serde_json::to_string(&events.items[0]).expect("json");
    assert!(!text.contains("Inspect-2020"));
    assert!(!text.contains("argon2"));
}

#[tokio::test]
async fn only_admin_and_auditor_read_the_audit_trail() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let error = clerk.audit_events(&AuditQuery::default()).await.expect_err("forbidden");

    assert_eq!(error.status(), Some(403));
}
