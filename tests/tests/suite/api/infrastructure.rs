//! Infrastructure figures: the year's infrastructure projects by place and unit of output,
//! from the projects' quantities, with what the completed ones built, scoped like the funds.

use jingzhun_shared::funds::{ProjectDto, RatesQuery, UpdateProject};
use jingzhun_shared::industry::Quantity;
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
