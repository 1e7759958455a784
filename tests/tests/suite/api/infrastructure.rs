//! Infrastructure figures: the year's infrastructure projects by place and unit of output,
//! from the projects' quantities, with what the completed ones built, scoped like the funds;
//! and the village exit check reading a village's completed projects.

use jingzhun_shared::funds::{ProjectDto, RatesQuery, UpdateProject};
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::villages::{CheckKind, ExitCheck, ExitCriterion, RecordVillageCheck, YearQuery};
use jingzhun_shared::{Api, OrgUnitId, ProjectKind, ProjectStatus};

use crate::api::funds::{batch, project, start};
use crate::api::housing::date;
use crate::api::registry::village;
use crate::helpers::TestApp;

/// A started infrastructure project of `unit` building `hundredths` hundredths of `output`.
async fn building(
    district: &Api,
    b: &jingzhun_shared::funds::FundBatchDto,
    unit: OrgUnitId,
    hundredths: i64,
    output: &str,
) -> ProjectDto {
    let p = start(district, &project(district, b, unit, ProjectKind::Infrastructure, 1_000_000).await).await;
    let output = UpdateProject {
        version: p.version,
        quantity: Some(Quantity::from_hundredths(hundredths)),
        unit: Some(output.to_owned()),
        ..Default::default()
    };
    district.update_project(p.id, &output).await.expect("its output")
}

#[tokio::test]
async fn outputs_are_summed_by_village_and_unit_and_completed_ones_counted_as_of_a_date() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let (zhang, shigang) = (village(&district, "张村").await, village(&district, "石岗村").await);
    let b = batch(&district, 1).await;
    let road = building(&district, &b, zhang, 350, "公里").await;
    building(&district, &b, shigang, 125, "公里").await;
    building(&district, &b, zhang, 6_000, "户").await;
    let done = UpdateProject {
        version: road.version,
        status: Some(ProjectStatus::Completed),
        completed_on: Some(date(8, 20)),
        ..Default::default()
    };
    district.update_project(road.id, &done).await.expect("the road is completed");
    let query = |as_of| RatesQuery { year: 2020, as_of, org_unit_id: None };

    let all = district.infrastructure_figures(&query(None)).await.expect("figures");
    let july = district.infrastructure_figures(&query(Some(date(7, 31)))).await.expect("figures of July");
    let clerk_s = clerk.infrastructure_figures(&query(None)).await.expect("the clerk's village");

    let km = all.totals.iter().find(|t| t.unit == "公里").expect("roads");
    assert_eq!(
        (km.projects, km.completed, km.quantity.hundredths(), km.completed_quantity.hundredths()),
        (2, 1, 475, 350)
    );
    let rows: Vec<(&str, &str, i64)> =
        all.rows.iter().map(|r| (r.unit.as_str(), r.org_unit_name.as_str(), r.quantity.hundredths())).collect();
    assert_eq!(rows, vec![("公里", "张村", 350), ("公里", "石岗村", 125), ("户", "张村", 6_000)]);
    let july_km = july.totals.iter().find(|t| t.unit == "公里").expect("roads");
    assert_eq!(july_km.completed_quantity.hundredths(), 0);
    assert!(clerk_s.rows.iter().all(|r| r.org_unit_name == "张村") && clerk_s.rows.len() == 2);
}

/// Completes project `p` on `on` (2020).
async fn complete(district: &Api, p: &ProjectDto, month: u32, day: u32) -> ProjectDto {
    let done = UpdateProject {
        version: p.version,
        status: Some(ProjectStatus::Completed),
        completed_on: Some(date(month, day)),
        ..Default::default()
    };
    district.update_project(p.id, &done).await.expect("completed")
}

#[tokio::test]
async fn a_village_s_road_and_water_criteria_pass_on_its_completed_projects_and_name_them() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let admin = app.login("admin").await;
    let (zhang, shigang) = (village(&district, "张村").await, village(&district, "石岗村").await);
    let b = batch(&district, 1).await;
    let year = |year| YearQuery { year: Some(year) };
    let criterion = |c: &ExitCheck, which: ExitCriterion| {
        c.criteria.iter().find(|r| r.criterion == which).cloned().expect("criterion answered")
    };
    let road = building(&district, &b, zhang, 350, "公里").await;
    let water_elsewhere = building(&district, &b, shigang, 6_000, "户").await;
    complete(&district, &water_elsewhere, 6, 30).await;
    complete(&district, &building(&district, &b, zhang, 40_000, "平方米").await, 6, 30).await;
    let water = building(&district, &b, zhang, 120_000, "人").await;

    let under_way = district.village_exit_check(zhang, &year(2020)).await.expect("check");
    let road = complete(&district, &road, 8, 20).await;
    let water = complete(&district, &water, 9, 1).await;
    let built = district.village_exit_check(zhang, &year(2020)).await.expect("check");
    let year_before = district.village_exit_check(zhang, &year(2019)).await.expect("check of 2019");
    let failed = RecordVillageCheck {
        year: 2020,
        kind: CheckKind::Road,
        passed: false,
        checked_on: date(10, 1),
        evidence: "路面破损未修复".to_owned(),
    };
    admin.record_village_check(zhang, &failed).await.expect("recorded");
    let inspected = district.village_exit_check(zhang, &year(2020)).await.expect("check");

    let before = criterion(&under_way, ExitCriterion::Road);
    assert!(!before.passed && before.project.is_none(), "a road under way answers nothing: {before:?}");
    assert!(before.problem.is_some_and(|p| p.contains("公里")));
    // The other village's water and this village's hall (平方米) answer nothing.
    let no_water = criterion(&under_way, ExitCriterion::Water);
    assert!(!no_water.passed && no_water.project.is_none(), "{no_water:?}");
    let after = criterion(&built, ExitCriterion::Road);
    let named = after.project.clone().expect("the road is named");
    assert!(after.passed && after.problem.is_none(), "{after:?}");
    assert_eq!((named.project_id, named.name, named.quantity.hundredths()), (road.id, road.name, 350));
    assert_eq!((named.unit.as_str(), named.completed_on), ("公里", date(8, 20)));
    let supplied = criterion(&built, ExitCriterion::Water);
    assert_eq!((supplied.passed, supplied.project.map(|p| p.project_id)), (true, Some(water.id)));
    // The demo's recorded broadband check decides broadband; no project is named for it.
    let band = criterion(&built, ExitCriterion::Broadband);
    assert!(band.passed && band.check.is_some() && band.project.is_none(), "{band:?}");
    assert!(!criterion(&built, ExitCriterion::Clinic).passed);
    // Completed after 2019's end: not 2019's road.
    assert!(!criterion(&year_before, ExitCriterion::Road).passed);
    // An inspector's failed check stands over the project, which is still named.
    let road_inspected = criterion(&inspected, ExitCriterion::Road);
    assert!(!road_inspected.passed && road_inspected.project.is_some(), "{road_inspected:?}");
}
