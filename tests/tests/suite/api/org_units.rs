use jingzhun_shared::org::{CreateOrgUnit, RenameOrgUnit};
use jingzhun_shared::{OrgLevel, OrgUnitId};

use crate::helpers::TestApp;

/// A unit under `parent` that is no poor village, with no exit year or population.
fn new_unit(parent_id: OrgUnitId, name: &str, code: &str) -> CreateOrgUnit {
    let (name, code) = (name.to_owned(), code.to_owned());
    CreateOrgUnit { parent_id, name, code, is_poor_village: false, exit_year: None, rural_population: None }
}

#[tokio::test]
async fn the_demo_district_has_seven_townships_and_forty_eight_villages_with_twelve_poor() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;

    let tree = admin.org_tree().await.expect("tree");

    let units = tree.flatten();
    assert_eq!(tree.unit.name, "xx区");
    assert_eq!(units.iter().filter(|u| u.level == OrgLevel::Township).count(), 7);
    assert_eq!(units.iter().filter(|u| u.level == OrgLevel::Village).count(), 48);
    assert_eq!(units.iter().filter(|u| u.is_poor_village).count(), 12);
    let mut exited: Vec<&str> = units.iter().filter(|u| u.exit_year.is_some()).map(|u| u.name.as_str()).collect();
    exited.sort();
    assert_eq!(exited, ["东山村", "坑上村", "容溪村", "罗田村"]);
}

#[tokio::test]
async fn a_clerk_sees_only_their_own_village() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let tree = clerk.org_tree().await.expect("tree");

    assert_eq!(tree.unit.name, "张村");
    assert!(tree.children.is_empty());
}

#[tokio::test]
async fn a_clerk_gets_404_for_another_village() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let clerk = app.login("clerk").await;
    let tree = admin.org_tree().await.expect("tree");
    let other = tree.flatten().into_iter().find(|u| u.name == "篁村").expect("篁村 exists").id;
    let own = clerk.me().await.expect("me").org_unit.id;

    let error = clerk.org_unit(other).await.expect_err("out of scope");
    let mine = clerk.org_unit(own).await.expect("own village");

    assert_eq!(error.status(), Some(404));
    assert_eq!(mine.name, "张村");
}

#[tokio::test]
async fn a_township_official_sees_the_villages_of_their_township_only() {
    let app = TestApp::spawn().await;
    let township = app.login("township").await;

    let tree = township.org_tree().await.expect("tree");

    assert_eq!(tree.unit.level, OrgLevel::Township);
    assert!(tree.children.iter().any(|v| v.unit.name == "张村"));
    assert!(tree.children.iter().all(|v| v.unit.level == OrgLevel::Village));
    assert!(!tree.flatten().iter().any(|u| u.name == "篁村"));
}

#[tokio::test]
async fn admin_adds_a_village_under_a_township_and_renames_it() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let township = admin.org_tree().await.expect("tree").children[0].unit.clone();

    let created = admin
        .create_org_unit(&CreateOrgUnit {
            rural_population: Some(1200), ..new_unit(township.id, "新建村", "999001")
        })
        .await
        .expect("created");
    let renamed = admin
        .rename_org_unit(created.id, &RenameOrgUnit { name: "新村".to_owned(), version: created.version })
        .await
        .expect("renamed");
    let stale = admin
        .rename_org_unit(created.id, &RenameOrgUnit { name: "旧村".to_owned(), version: created.version })
        .await
        .expect_err("stale version");

    assert_eq!(created.level, OrgLevel::Village);
    assert_eq!(created.parent_id, Some(township.id));
    assert_eq!(renamed.name, "新村");
    assert_eq!(renamed.version, created.version + 1);
    assert_eq!(stale.status(), Some(409));
    assert_eq!(admin.org_unit(created.id).await.expect("still there").name, "新村");
}

#[tokio::test]
async fn creating_an_org_unit_reports_every_invalid_field_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let district = admin.org_tree().await.expect("tree").unit;

    let error = admin
        .create_org_unit(&CreateOrgUnit {
            is_poor_village: true,
            exit_year: Some(2020),
            ..new_unit(district.id, "  ", "3410")
        })
        .await
        .expect_err("invalid");

    let body = error.api_error().expect("wire error");
    assert_eq!(error.status(), Some(422));
    assert!(!body.field("name").is_empty());
    assert!(!body.field("code").is_empty(), "the district's code is taken");
    assert!(!body.field("is_poor_village").is_empty(), "a township cannot be a poor village");
}

#[tokio::test]
async fn only_admin_creates_org_units() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let root = district.org_tree().await.expect("tree").unit;

    let error = district.create_org_unit(&new_unit(root.id, "新乡", "777")).await.expect_err("forbidden");

    assert_eq!(error.status(), Some(403));
    assert_eq!(district.org_unit(OrgUnitId(root.id.0)).await.expect("root").name, "xx区");
}
