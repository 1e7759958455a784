use jingzhun_shared::funds::{FundBatchQuery, ProjectDto, RatesQuery};
use jingzhun_shared::industry::AssetInvestmentQuery;
use jingzhun_shared::industry::{
    BusinessEntityInput, BusinessEntityQuery, CreateIndustrySubsidy, IndustrySubsidyQuery, Quantity, SubsidyMenuInput,
};
use jingzhun_shared::{Api, BusinessEntityKind, Fen, HouseholdId, OrgUnitId, ProjectKind};

use crate::api::funds::{batch, project, start};
use crate::api::registry::{id_card, new_household, village, villages};
use crate::helpers::TestApp;

/// A started 2020 industry project of `unit` with `budget` fen, filed by `district` under the
/// year's first batch (filed first when there is none).
pub(crate) async fn industry_project(district: &Api, unit: OrgUnitId, budget: i64) -> ProjectDto {
    let query = FundBatchQuery { year: Some(2020), ..Default::default() };
    let b = match district.fund_batches(&query).await.expect("batches").items.into_iter().next() {
        Some(b) => b,
        None => batch(district, 1).await,
    };
    start(district, &project(district, &b, unit, ProjectKind::Industry, budget).await).await
}

pub(crate) async fn cattle(api: &Api) -> jingzhun_shared::industry::SubsidyMenuItemDto {
    api.create_menu_item(&SubsidyMenuInput {
        year: 2020,
        name: "黄牛".into(),
        unit: "头".into(),
        standard_fen: Fen::new(300_000),
        cap_fen: Some(Fen::new(800_000)),
        version: None,
    })
    .await
    .expect("menu item")
}

/// A registered household of `village_id` (the district's initial load: subsidies are for
/// households in the registry).
pub(crate) async fn household_in(app: &TestApp, village_id: OrgUnitId, n: u32) -> HouseholdId {
    let mut input = new_household(village_id, "汪春生", id_card(n));
    input.initial_load = true;
    app.login("district").await.create_household(&input).await.expect("household").id
}

#[tokio::test]
async fn a_subsidy_is_quantity_times_standard_within_the_household_cap() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let item = cattle(&district).await;
    let zhang = village(&clerk, "张村").await;
    let h = household_in(&app, zhang, 41).await;
    let paying = industry_project(&district, zhang, 10_000_000).await;
    let subsidy = |quantity| CreateIndustrySubsidy {
        household_id: h,
        item_id: item.id,
        project_id: paying.id,
        quantity,
        note: None,
    };

    let first = clerk.create_industry_subsidy(&subsidy(Quantity::from_hundredths(150))).await.expect("1.5 head");
    let second = clerk.create_industry_subsidy(&subsidy(Quantity::from_hundredths(300))).await.expect("3 head, capped");
    let third = clerk.create_industry_subsidy(&subsidy(Quantity::from_hundredths(100))).await.expect_err("cap reached");
    let listed = clerk
        .industry_subsidies(&IndustrySubsidyQuery { household_id: Some(h), ..Default::default() })
        .await
        .expect("the household's subsidies");
    let in_use = district.delete_menu_item(item.id).await.expect_err("the item is used");

    // 1.5 × 3,000 = 4,500 元; then 3 × 3,000 = 9,000 元 lowered to the 3,500 元 the 8,000 cap leaves.
    assert_eq!((first.amount_fen, first.capped), (Fen::new(450_000), false));
    assert_eq!((second.amount_fen, second.capped), (Fen::new(350_000), true));
    assert_eq!(third.status(), Some(422));
    assert!(!third.api_error().map(|e| e.field("item_id").is_empty()).unwrap_or(true));
    assert_eq!(listed.total, 2);
    assert_eq!(listed.items.iter().map(|s| s.amount_fen.fen()).sum::<i64>(), 800_000);
    assert_eq!(listed.items[0].item_name, "黄牛");
    assert_eq!(listed.items[0].project_id, Some(paying.id));
    assert_eq!(in_use.status(), Some(409));
}

#[tokio::test]
async fn the_menu_rejects_a_duplicate_and_a_stale_edit() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let item = cattle(&district).await;

    let duplicate = district
        .create_menu_item(&SubsidyMenuInput {
            year: 2020,
            name: "黄牛".into(),
            unit: "头".into(),
            standard_fen: Fen::new(0),
            cap_fen: None,
            version: None,
        })
        .await
        .expect_err("same name, zero standard");
    let edit = SubsidyMenuInput {
        year: 2020,
        name: "黄牛".into(),
        unit: "头".into(),
        standard_fen: Fen::new(350_000),
        cap_fen: None,
        version: Some(item.version),
    };
    let changed = district.update_menu_item(item.id, &edit).await.expect("edited");
    let stale = district.update_menu_item(item.id, &edit).await.expect_err("stale");
    let by_clerk = clerk.update_menu_item(item.id, &edit).await.expect_err("a clerk does not edit the menu");

    let fields = duplicate.api_error().map(|e| e.fields.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(fields, vec!["name".to_owned(), "standard_fen".to_owned()]);
    assert_eq!((changed.standard_fen, changed.cap_fen, changed.version), (Fen::new(350_000), None, 2));
    assert_eq!(stale.status(), Some(409));
    assert_eq!(by_clerk.status(), Some(403));
}

#[tokio::test]
async fn a_business_entity_drives_households_in_scope_only() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let [zhang, other] = villages(&district, ["张村", "石岗村"]).await;
    let mine = household_in(&app, zhang, 51).await;
    let theirs = household_in(&app, other, 52).await;
    let input = |ids: Vec<HouseholdId>, version| BusinessEntityInput {
        name: "张村茶叶专业合作社".into(),
        kind: BusinessEntityKind::Cooperative,
        org_unit_id: zhang,
        industry: "茶叶".into(),
        household_ids: ids,
        version,
    };

    let entity = district.create_business_entity(&input(vec![mine, mine], None)).await.expect("created");
    let updated = district
        .update_business_entity(entity.id, &input(vec![mine, theirs], Some(entity.version)))
        .await
        .expect("updated");
    let township = app.login("township").await;
    let out_of_scope = township
        .update_business_entity(entity.id, &input(vec![theirs], Some(updated.version)))
        .await
        .expect_err("a township official does not write entities");
    let unknown =
        district.create_business_entity(&input(vec![HouseholdId(999_999)], None)).await.expect_err("unknown household");
    let listed = township.business_entities(&BusinessEntityQuery::default()).await.expect("list");

    assert_eq!(entity.household_ids, vec![mine], "duplicates collapse");
    assert_eq!(updated.household_ids.len(), 2);
    assert_eq!(out_of_scope.status(), Some(403));
    assert_eq!(unknown.status(), Some(422));
    assert!(!unknown.api_error().map(|e| e.field("household_ids").is_empty()).unwrap_or(true));
    assert_eq!(listed.total, 1, "the entity sits in 张村, inside 东山镇");
}

#[tokio::test]
async fn the_demo_year_reproduces_the_seed_s_industry_figures() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let s = district.industry_summary(&RatesQuery { year: 2020, ..Default::default() }).await.expect("summary");
    let menu = district.subsidy_menu(&Default::default()).await.expect("menu");
    let assets =
        district.asset_investments(&AssetInvestmentQuery { year: 2020, ..Default::default() }).await.expect("assets");

    assert_eq!((s.villages, s.villages_with_industry, s.village_coverage_bp), (48, 48, 10_000));
    // 2,009 of 2,235 households on file: 89.9 % in the report.
    assert_eq!((s.households, s.households_with_subsidy, s.household_coverage_bp), (2_235, 2_009, 8_989));
    assert_eq!((s.pv_stations, s.pv_capacity_kw, s.pv_grid_connected, s.pv_dividend_households), (25, 1_726, 16, 185));
    assert_eq!((s.business_entities, s.entity_households), (97, 1_565));
    // 资产收益带动 396 户 814 人.
    assert_eq!((s.asset_investment_fen, s.asset_households, s.asset_people), (Fen::new(732_000_000), 396, 814));
    assert_eq!((menu.items.len(), menu.total), (13, 13));
    assert_eq!((assets.items.len(), assets.total), (5, 5));
    let paid: i64 = {
        let mut sum = 0;
        let mut page = 1;
        loop {
            let listed = district
                .industry_subsidies(&IndustrySubsidyQuery {
                    year: Some(2020),
                    page: Some(page),
                    per_page: Some(200),
                    ..Default::default()
                })
                .await
                .expect("subsidies");
            sum += listed.items.iter().map(|x| x.amount_fen.fen()).sum::<i64>();
            if page * 200 >= listed.total {
                break;
            }
            page += 1;
        }
        sum
    };
    assert_eq!(Fen::new(paid), s.subsidy_fen, "the summary adds up the subsidy records");
}
