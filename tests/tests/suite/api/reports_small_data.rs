//! A small district built through the API for the hand-computed report tests: six households
//! in three villages (张村 and 东山村 of 东山镇, 呈阳村 of 城关镇) and a handful of records of every
//! family, each dated on or before 30 September 2020 unless a test adds later ones. The clock
//! says 20 December 2020, so every date is in the past. The amounts are chosen so each figure
//! can be added up by hand (see `reports_small.rs`).

use chrono::NaiveDate;
use jingzhun_shared::credit::{CreateLoan, CreateRepayment, LoanMode};
use jingzhun_shared::funds::{CreateExpenditure, CreateProject, FundBatchDto, ProjectDto, UpdateProject};
use jingzhun_shared::health::{ClaimKind, DoctorSigningInput, HealthClaimInput, HospitalLevel};
use jingzhun_shared::industry::{CreateIndustrySubsidy, Quantity};
use jingzhun_shared::pairing::{AssistanceEntry, AssistanceKind, CreateAssistanceLog, CreatePairing};
use jingzhun_shared::registry::{CreateMember, JoinReason, StartMonitoring};
use jingzhun_shared::{
    Api, Fen, FundBatchId, HealthStatus, HouseholdCategory, HouseholdId, Labour, MemberId, MonitoringKind, OrgUnitId,
    PairingId, ProjectKind, ProjectStatus, Relation,
};

use crate::api::education::born;
use crate::api::funds::batch;
use crate::api::health::set_rules;
use crate::api::industry::cattle;
use crate::api::pairing::enterprise;
use crate::api::registry::{id_card, loaded, new_household, villages};
use crate::helpers::TestApp;

pub(crate) fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).expect("a 2020 day")
}

/// The day the as-of tests read back to.
pub(crate) fn end_of_september() -> NaiveDate {
    day(9, 30)
}

/// A household: its id and its members' ids, the head first.
pub(crate) struct Home {
    pub id: HouseholdId,
    pub members: Vec<MemberId>,
}

/// What the tests need of the small district.
pub(crate) struct Small {
    pub app: TestApp,
    pub district: Api,
    /// 张村, 东山村, 呈阳村.
    pub villages: [OrgUnitId; 3],
    /// h1–h6, see [`build`].
    pub homes: Vec<Home>,
    pub batch: FundBatchDto,
    /// p1–p6, see [`funds`].
    pub projects: Vec<ProjectDto>,
    pub pairings: Vec<PairingId>,
}

/// A registered household of `village` of `category` with its head and `others` more members
/// (moved in on 2 January), filed by the district's initial load.
pub(crate) async fn home(district: &Api, village: OrgUnitId, n: u32, category: HouseholdCategory, others: u32) -> Home {
    let mut input = loaded(new_household(village, "程立新", id_card(900 + n)));
    input.category = category;
    let household = district.create_household(&input).await.expect("household");
    let mut members = vec![household.members[0].id];
    for k in 0..others {
        let member = CreateMember {
            name: format!("程小{n}{k}"),
            id_card_no: born("19950101", n * 10 + k),
            relation: if k == 0 { Relation::Spouse } else { Relation::Child },
            health: HealthStatus::Healthy,
            labour: Labour::Full,
            join_reason: Some(JoinReason::MovedIn),
            joined_on: Some(day(1, 2)),
        };
        members.push(district.add_member(household.id, &member).await.expect("member").id);
    }
    Home { id: household.id, members }
}

/// The registry: h1 张村 低保 2 people, h2 张村 一般 1, h3 张村 五保 1, h4 东山村 一般 3,
/// h5 呈阳村 低保 2, h6 呈阳村 一般 1 (under monitoring since 1 June).
pub(crate) async fn build() -> Small {
    let app = TestApp::spawn_on(day(12, 20)).await;
    let district = app.login("district").await;
    let [z, d, c] = villages(&district, ["张村", "东山村", "呈阳村"]).await;
    use HouseholdCategory::{Dibao, General, Wubao};
    let homes = vec![
        home(&district, z, 1, Dibao, 1).await,
        home(&district, z, 2, General, 0).await,
        home(&district, z, 3, Wubao, 0).await,
        home(&district, d, 4, General, 2).await,
        home(&district, c, 5, Dibao, 1).await,
        home(&district, c, 6, General, 0).await,
    ];
    let watch =
        StartMonitoring { kind: MonitoringKind::Marginal, since: day(6, 1), reason: "因病支出大".to_owned() };
    district.start_monitoring(homes[5].id, &watch).await.expect("monitored");
    let batch = batch(&district, 1).await;
    let mut small =
        Small { app, district, villages: [z, d, c], homes, batch, projects: Vec::new(), pairings: Vec::new() };
    funds(&mut small).await;
    industry(&small).await;
    credit(&small).await;
    health(&small).await;
    crate::api::reports_small_records::people_records(&small).await;
    pairing(&mut small).await;
    small
}

/// A project of the batch at `unit`; started on 1 April and completed on 30 June when asked.
pub(crate) async fn project(
    district: &Api,
    batch: FundBatchId,
    unit: OrgUnitId,
    kind: ProjectKind,
    budget: i64,
    output: Option<(i64, &str)>,
    done: (bool, bool),
) -> ProjectDto {
    let input = CreateProject {
        batch_id: batch,
        name: format!("{kind:?} 项目 {budget}"),
        kind,
        org_unit_id: unit,
        budget_fen: Fen::new(budget),
        quantity: output.map(|(q, _)| Quantity::from_hundredths(q * 100)),
        unit: output.map(|(_, u)| u.to_owned()),
        household_ids: vec![],
        announced_from: None,
        announced_to: None,
    };
    let mut p = district.create_project(&input).await.expect("project");
    for (wanted, status, on) in
        [(done.0, ProjectStatus::Started, day(4, 1)), (done.1, ProjectStatus::Completed, day(6, 30))]
    {
        if wanted {
            let (started_on, completed_on) =
                if status == ProjectStatus::Started { (Some(on), None) } else { (None, Some(on)) };
            let update = UpdateProject {
                version: p.version,
                status: Some(status),
                started_on,
                completed_on,
                ..Default::default()
            };
            p = district.update_project(p.id, &update).await.expect("status");
        }
    }
    p
}

pub(crate) async fn pay(s: &Small, p: &ProjectDto, fen: i64, paid_on: NaiveDate, voucher: &str) {
    let input = CreateExpenditure { amount_fen: Fen::new(fen), paid_on, voucher_no: voucher.to_owned() };
    s.district.add_expenditure(p.id, &input).await.expect("expenditure");
}

/// p1 张村 industry 30,000 元 started, p2 东山村 industry 20,000 元 completed, p3 呈阳村 industry
/// 5,000 元 not started, p4 张村 infrastructure 30,000 元 completed (2 公里), p5 呈阳村
/// infrastructure 15,000 元 started (5 户), p6 东山村 education 8,000 元 not started.
/// Paid: p2 12,000 元 (15 May), p4 15,000 元 (20 July), p5 3,000 元 (1 August).
async fn funds(s: &mut Small) {
    let [z, d, c] = s.villages;
    let (no, started, completed) = ((false, false), (true, false), (true, true));
    let (api, b) = (&s.district, s.batch.id);
    s.projects = vec![
        project(api, b, z, ProjectKind::Industry, 3_000_000, None, started).await,
        project(api, b, d, ProjectKind::Industry, 2_000_000, None, completed).await,
        project(api, b, c, ProjectKind::Industry, 500_000, None, no).await,
        project(api, b, z, ProjectKind::Infrastructure, 3_000_000, Some((2, "公里")), completed).await,
        project(api, b, c, ProjectKind::Infrastructure, 1_500_000, Some((5, "户")), started).await,
        project(api, b, d, ProjectKind::Education, 800_000, None, no).await,
    ];
    pay(s, &s.projects[1], 1_200_000, day(5, 15), "V-1").await;
    pay(s, &s.projects[3], 1_500_000, day(7, 20), "V-2").await;
    pay(s, &s.projects[4], 300_000, day(8, 1), "V-3").await;
}

/// 黄牛 at 3,000 元 a head (cap 8,000 元 a household), paid on the clock's day: h1 two head
/// (6,000 元) and h2 one (3,000 元) from p1 (张村), h4 three (8,000 元, capped) from p2 (东山村).
async fn industry(s: &Small) {
    let item = cattle(&s.district).await;
    for (h, heads, p) in [(0, 2, 0), (1, 1, 0), (3, 3, 1)] {
        let input = CreateIndustrySubsidy {
            household_id: s.homes[h].id,
            item_id: item.id,
            project_id: s.projects[p].id,
            quantity: Quantity::from_hundredths(heads * 100),
            note: None,
        };
        s.district.create_industry_subsidy(&input).await.expect("subsidy");
    }
}

pub(crate) fn loan(s: &Small, h: usize, contract: &str, yuan: i64, issued_on: NaiveDate, mode: LoanMode) -> CreateLoan {
    CreateLoan {
        household_id: s.homes[h].id,
        borrower_member_id: s.homes[h].members[0],
        bank: if h < 4 { "农商银行" } else { "邮储银行" }.to_owned(),
        contract_no: contract.to_owned(),
        amount_fen: Fen::from_yuan(yuan),
        issued_on,
        term_months: 12,
        annual_rate_bp: 435,
        mode,
        enterprise: (mode == LoanMode::EnterpriseUse).then(|| jingzhun_shared::credit::LoanEnterprise {
            name: "灵山茶业".to_owned(),
            credit_code: enterprise("灵山茶业", 1).credit_code,
            yearly_return_fen: Fen::from_yuan(3_000),
        }),
    }
}

/// L1 h1 50,000 元 2019-06-01 (12 months: overdue from 2020-06-01), 10,000 元 repaid 2019-12-01;
/// L2 h2 30,000 元 2020-03-10, 5,000 元 repaid 2020-06-10; L3 h4 50,000 元 2020-04-01 户贷企用;
/// L4 h5 20,000 元 2020-05-01.
async fn credit(s: &Small) {
    let d = &s.district;
    let l1 = NaiveDate::from_ymd_opt(2019, 6, 1).expect("day");
    let first = d.create_loan(&loan(s, 0, "L1", 50_000, l1, LoanMode::HouseholdUse)).await.expect("L1");
    let repaid = NaiveDate::from_ymd_opt(2019, 12, 1).expect("day");
    d.add_repayment(first.id, &CreateRepayment { principal_fen: Fen::from_yuan(10_000), paid_on: repaid })
        .await
        .expect("r1");
    let second = d.create_loan(&loan(s, 1, "L2", 30_000, day(3, 10), LoanMode::HouseholdUse)).await.expect("L2");
    d.add_repayment(second.id, &CreateRepayment { principal_fen: Fen::from_yuan(5_000), paid_on: day(6, 10) })
        .await
        .expect("r2");
    d.create_loan(&loan(s, 3, "L3", 50_000, day(4, 1), LoanMode::EnterpriseUse)).await.expect("L3");
    d.create_loan(&loan(s, 4, "L4", 20_000, day(5, 1), LoanMode::HouseholdUse)).await.expect("L4");
}

pub(crate) fn claim(member: MemberId, kind: ClaimKind, on: NaiveDate, total: i64, basic: i64) -> HealthClaimInput {
    HealthClaimInput {
        member_id: member,
        kind,
        hospital: "区人民医院".to_owned(),
        hospital_level: HospitalLevel::County,
        admitted_on: on,
        discharged_on: on,
        total_cost_fen: Fen::from_yuan(total),
        compliant_cost_fen: None,
        basic_insurance_fen: Fen::from_yuan(basic),
        critical_illness_fen: Fen::ZERO,
        medical_assistance_fen: Fen::ZERO,
        commercial_fen: None,
        version: None,
    }
}

/// Inpatient: h1's head 10,000 元 (basic 6,000; 351 cap 3,000 → fallback 1,000) on 3 March,
/// h4's head 4,000 元 (basic 2,800) on 4 April, h5's head 20,000 元 (basic 12,000; fallback
/// 5,000) on 5 May. Outpatient: h2's head 200 元 (basic 100) on 6 June. Chronic: h3's head
/// 1,000 元 (basic 500; 180: 80 % of 500 = 400) on 7 July. h1's two people signed with a family
/// doctor on 1 February for a year.
async fn health(s: &Small) {
    let health = s.app.login("health").await;
    set_rules(&health, 2020).await;
    let head = |h: usize| s.homes[h].members[0];
    for input in [
        claim(head(0), ClaimKind::Inpatient, day(3, 3), 10_000, 6_000),
        claim(head(3), ClaimKind::Inpatient, day(4, 4), 4_000, 2_800),
        claim(head(4), ClaimKind::Inpatient, day(5, 5), 20_000, 12_000),
        claim(head(1), ClaimKind::Outpatient, day(6, 6), 200, 100),
        claim(head(2), ClaimKind::Chronic, day(7, 7), 1_000, 500),
    ] {
        health.create_health_claim(&input).await.expect("claim");
    }
    for member in [head(0), s.homes[0].members[1]] {
        let signing = DoctorSigningInput {
            member_id: member,
            team: "张村家庭医生团队".to_owned(),
            doctor: "汪医生".to_owned(),
            signed_on: day(2, 1),
            valid_to: NaiveDate::from_ymd_opt(2021, 1, 31).expect("day"),
            version: None,
        };
        health.create_doctor_signing(&signing).await.expect("signing");
    }
}

pub(crate) fn assistance(
    pairing: PairingId,
    kind: AssistanceKind,
    fen: Option<i64>,
    count: Option<i64>,
    on: NaiveDate,
) -> CreateAssistanceLog {
    let entry = AssistanceEntry { kind, amount_fen: fen.map(Fen::new), count, date: on, note: None };
    CreateAssistanceLog { pairing_id: pairing, entry, corrects: None }
}

/// 灵山茶业 paired with 张村 and h4 (东山村) since 10 January; 秀水食品 with 呈阳村. Logs: tea
/// 20,000 元 funds (5 May), 3 hired (6 June); mill 5,000 元 products (7 July).
async fn pairing(s: &mut Small) {
    let d = &s.district;
    let [z, _, c] = s.villages;
    for (n, name, villages, households) in
        [(1, "灵山茶业", vec![z], vec![s.homes[3].id]), (2, "秀水食品", vec![c], vec![])]
    {
        let id = d.create_enterprise(&enterprise(name, n)).await.expect("enterprise").id;
        let input = CreatePairing {
            enterprise_id: id,
            village_ids: villages,
            household_ids: households,
            since: day(1, 10),
            until: None,
        };
        s.pairings.push(d.create_pairing(&input).await.expect("pairing").id);
    }
    let (tea, mill) = (s.pairings[0], s.pairings[1]);
    for log in [
        assistance(tea, AssistanceKind::Funds, Some(2_000_000), None, day(5, 5)),
        assistance(tea, AssistanceKind::LabourHired, None, Some(3), day(6, 6)),
        assistance(mill, AssistanceKind::ProductsPurchased, Some(500_000), None, day(7, 7)),
    ] {
        d.create_assistance_log(&log).await.expect("log");
    }
}
