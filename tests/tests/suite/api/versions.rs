//! Every update route that carries `version`: two edits sent at once with the version read
//! land once (the other is 409 and the record is exactly one version further), and an edit
//! with a version already passed is 409 — on SQLite and PostgreSQL.

use jingzhun_shared::funds::UpdateProject;
use jingzhun_shared::industry::{AssetInvestmentInput, BusinessEntityInput, PvStationInput, SubsidyMenuInput};
use jingzhun_shared::org::RenameOrgUnit;
use jingzhun_shared::registry::{UpdateHousehold, UpdateMember};
use jingzhun_shared::{
    BusinessEntityKind, ClientError, Fen, HealthStatus, HouseholdCategory, Labour, PovertyCause, ProjectKind,
};

use crate::api::funds::{batch, project};
use crate::api::industry::household_in;
use crate::api::races::outcome;
use crate::api::registry::village;
use crate::helpers::TestApp;

/// Races `edit` against itself at `version` a few times, each round at the version the last
/// one left; then sends the first version once more. `version_of` reads an answer's version.
async fn one_edit_of_two_lands<T>(
    what: &str,
    version: i32,
    edit: impl AsyncFn(i32) -> Result<T, ClientError>,
    version_of: impl Fn(&T) -> i32,
) {
    for (round, now) in (version..version + 3).enumerate() {
        let (a, b) = tokio::join!(edit(now), edit(now));

        assert_eq!(outcome(&a, &b), [200, 409], "{what}, round {round}");
        let landed = a.or(b).expect("one edit landed");
        assert_eq!(version_of(&landed), now + 1, "{what}, round {round}: one version further");
    }
    let stale = edit(version).await.err().and_then(|e| e.api_error().map(|body| body.code.clone()));
    assert_eq!(stale.as_deref(), Some("stale_version"), "{what}: an old version");
}

#[tokio::test]
async fn every_versioned_update_lands_once_and_refuses_a_stale_version() {
    let app = TestApp::spawn().await;
    let (admin, district, clerk) = (app.login("admin").await, app.login("district").await, app.login("clerk").await);
    let zhang = village(&clerk, "张村").await;
    let h = household_in(&app, zhang, 71).await;

    let read = clerk.household(h).await.expect("household").version;
    let household = async |version| {
        let input = UpdateHousehold {
            category: HouseholdCategory::General,
            causes: vec![PovertyCause::Disability],
            phone: None,
            latitude: None,
            longitude: None,
            version,
        };
        clerk.update_household(h, &input).await
    };
    one_edit_of_two_lands("household", read, household, |dto| dto.version).await;

    let unit = admin.org_unit(zhang).await.expect("张村");
    let rename = async |version| admin.rename_org_unit(zhang, &RenameOrgUnit { name: "张庄村".into(), version }).await;
    one_edit_of_two_lands("org unit", unit.version, rename, |dto| dto.version).await;

    let p = project(&district, &batch(&district, 1).await, zhang, ProjectKind::Education, 100_000).await;
    let edit_project = async |version| {
        district
            .update_project(p.id, &UpdateProject { version, name: Some("助学项目".into()), ..Default::default() })
            .await
    };
    one_edit_of_two_lands("project", p.version, edit_project, |dto| dto.version).await;

    let menu = |version| SubsidyMenuInput {
        year: 2020,
        name: "茶叶".into(),
        unit: "亩".into(),
        standard_fen: Fen::new(50_000),
        cap_fen: None,
        version,
    };
    let item = district.create_menu_item(&menu(None)).await.expect("menu item");
    let edit_menu = async |version| district.update_menu_item(item.id, &menu(Some(version))).await;
    one_edit_of_two_lands("menu item", item.version, edit_menu, |dto| dto.version).await;

    let entity = |version| BusinessEntityInput {
        name: "张村茶叶专业合作社".into(),
        kind: BusinessEntityKind::Cooperative,
        org_unit_id: zhang,
        industry: "茶叶".into(),
        household_ids: vec![h],
        version,
    };
    let created = district.create_business_entity(&entity(None)).await.expect("business entity");
    let edit_entity = async |version| district.update_business_entity(created.id, &entity(Some(version))).await;
    one_edit_of_two_lands("business entity", created.version, edit_entity, |dto| dto.version).await;

    let station = |version| PvStationInput {
        name: "张村光伏电站".into(),
        org_unit_id: zhang,
        capacity_kw: 60,
        village_ids: vec![zhang],
        grid_connected_on: None,
        version,
    };
    let built = district.create_pv_station(&station(None)).await.expect("station");
    let edit_station = async |version| district.update_pv_station(built.id, &station(Some(version))).await;
    one_edit_of_two_lands("pv station", built.version, edit_station, |dto| dto.version).await;

    let asset = |version| AssetInvestmentInput {
        year: 2020,
        name: "张村光伏资产收益".into(),
        sector: "光伏".into(),
        org_unit_id: zhang,
        amount_fen: Fen::new(1_000_000),
        household_ids: vec![h],
        version,
    };
    let invested = district.create_asset_investment(&asset(None)).await.expect("asset investment");
    let edit_asset = async |version| district.update_asset_investment(invested.id, &asset(Some(version))).await;
    one_edit_of_two_lands("asset investment", invested.version, edit_asset, |dto| dto.version).await;
}

#[tokio::test]
async fn a_member_edit_lands_once_and_refuses_a_stale_version() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let h = household_in(&app, zhang, 72).await;

    let head = clerk.household(h).await.expect("household").members[0].clone();
    let member = async |version| {
        let input = UpdateMember {
            name: head.name.clone(),
            id_card_no: head.id_card_no.clone(),
            relation: head.relation,
            health: HealthStatus::Chronic,
            labour: Labour::Weak,
            version,
        };
        clerk.update_member(head.id, &input).await
    };
    one_edit_of_two_lands("member", head.version, member, |dto| dto.version).await;
}
