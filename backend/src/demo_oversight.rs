//! The demo year's rectification campaign (问题整改), generated as records so that what the
//! system computes matches the seed report: the special campaign "重精准、补短板、促攻坚" sorted
//! 13 items (one a category) into 20 problems with 60 measures, all rectified; the third-party
//! assessment's 8 problems, the effectiveness review's 12, the province's June inspection's 3,
//! July's unannounced visit's 3, August's inspection's 4 and the city's two rounds of 5 each,
//! most closed; the great check (大排查) begun on 25 September with its first problems; and the
//! 11 cadres talked to (约谈干部11人). On 30 September three problems are overdue, all in 张村.

use chrono::{Duration, NaiveDate, Utc};
use jingzhun_shared::OrgLevel;
use jingzhun_shared::oversight::{AccountabilityKind, InspectionSource, ProblemAction, ProblemCategory, ProblemStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{accountability, inspection, org_unit, problem, problem_measure, problem_step};
use crate::error::{AppError, AppResult};

/// Where a demo problem has got to by the end of September.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Closed five days before its deadline.
    Closed,
    /// Closed five days after its deadline: overdue for those days.
    ClosedLate,
    /// Measures done, submitted, not closed yet.
    Submitted,
    /// Measures set, none done.
    Rectifying,
    /// Just registered.
    Open,
}

/// An inspection: source, name, received (month, day), measures per problem, and its problems
/// as (fate, how many, deadline).
type Round = (InspectionSource, &'static str, (u32, u32), usize, &'static [(Fate, usize, (u32, u32))]);

const ROUNDS: &[Round] = &[
    (InspectionSource::ThirdPartyAssessment, "第三方评估考核反馈问题", (3, 15), 2, &[(Fate::Closed, 8, (5, 31))]),
    (InspectionSource::EffectivenessReview, "成效复核反馈问题", (4, 10), 2, &[(Fate::Closed, 12, (6, 30))]),
    (InspectionSource::SelfCheck, "“重精准、补短板、促攻坚”专项整改行动", (4, 28), 3, &[(Fate::Closed, 20, (7, 31))]),
    (
        InspectionSource::Other,
        "市督查反馈问题（第一轮）",
        (5, 20),
        2,
        &[(Fate::Closed, 3, (7, 15)), (Fate::ClosedLate, 2, (7, 15))],
    ),
    (InspectionSource::ProvincialInspection, "省6月份督查反馈问题", (6, 20), 2, &[(Fate::Closed, 3, (8, 20))]),
    (InspectionSource::UnannouncedVisit, "省7月份暗访反馈问题", (7, 25), 2, &[(Fate::Closed, 3, (9, 10))]),
    (
        InspectionSource::Other,
        "市督查反馈问题（第二轮）",
        (8, 10),
        2,
        &[(Fate::Closed, 3, (9, 15)), (Fate::Rectifying, 2, (9, 15))],
    ),
    (
        InspectionSource::ProvincialInspection,
        "省8月份督查反馈问题",
        (8, 25),
        2,
        &[(Fate::Closed, 2, (9, 25)), (Fate::Submitted, 1, (9, 25)), (Fate::Rectifying, 1, (10, 15))],
    ),
    (InspectionSource::SelfCheck, "脱贫攻坚大排查", (9, 25), 0, &[(Fate::Open, 4, (10, 31))]),
];

/// What each category's problem says, and who leads its rectification.
fn wording(category: ProblemCategory) -> (&'static str, &'static str) {
    use ProblemCategory::*;
    match category {
        Industry => ("部分产业项目带贫益贫机制不健全", "区农业农村局"),
        Employment => ("公益性岗位人员管理不规范", "区人社局"),
        Ecology => ("生态护林员选聘公示材料不全", "区林业局"),
        Infrastructure => ("个别村组道路建成后管护不到位", "区交通运输局"),
        Housing => ("危房改造对象动态排查不及时", "区住建局"),
        SocialSecurity => ("低保与扶贫对象衔接不够精准", "区民政局"),
        Health => ("“351”“180”政策宣传不到位", "区卫健委"),
        Education => ("教育资助对象信息比对不及时", "区教育局"),
        Credit => ("小额信贷到期还款提醒不及时", "区金融办"),
        Pairing => ("帮扶干部走访记录不完整", "区委组织部"),
        Funds => ("扶贫项目资金拨付进度偏慢", "区财政局"),
        Workstyle => ("个别干部作风不实、填表报数敷衍", "区纪委监委"),
        Other => ("档案资料痕迹化管理不规范", "区扶贫办"),
    }
}

const MEASURES: [&str; 3] =
    ["制定整改方案并逐项明确责任人", "逐村逐户核查并建立整改台账", "开展整改“回头看”并形成报告"];
const LEADERS: [&str; 4] = ["汪副区长", "程副区长", "方副书记", "江副区长"];

fn day(month: u32, d: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, month, d).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// Loads the campaign when the database has no inspection yet; `false` when it had.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    let txn = db.begin().await?;
    if inspection::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::Level.ne(OrgLevel::District))
        .order_by_asc(org_unit::Column::Id)
        .all(&txn)
        .await?;
    let zhang = units.iter().find(|u| u.name == "张村").ok_or_else(|| AppError::Internal("demo 张村".to_owned()))?;
    let mut n = 0usize;
    let mut overdue = Vec::new();
    for (source, name, (m, d), measures, groups) in ROUNDS {
        let received = day(*m, *d)?;
        let row = inspection::ActiveModel {
            source: Set(*source),
            name: Set((*name).to_owned()),
            received_on: Set(received),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (fate, count, (dm, dd)) in groups.iter() {
            for _ in 0..*count {
                let category = ProblemCategory::ALL.get(n % ProblemCategory::ALL.len()).copied();
                let category = category.unwrap_or(ProblemCategory::Other);
                let unit = if *fate == Fate::Closed || *fate == Fate::ClosedLate || *fate == Fate::Open {
                    units.get((n * 7) % units.len().max(1)).unwrap_or(zhang)
                } else {
                    zhang
                };
                let plan =
                    Plan { inspection: row.id, received, deadline: day(*dm, *dd)?, fate: *fate, measures: *measures };
                let id = problem(&txn, &plan, category, unit, n).await?;
                if *fate == Fate::Rectifying && overdue.len() < 2 {
                    overdue.push(id);
                }
                n += 1;
            }
        }
    }
    talks(&txn, &units, &overdue).await?;
    txn.commit().await?;
    Ok(true)
}

/// One problem to generate.
struct Plan {
    inspection: i64,
    received: NaiveDate,
    deadline: NaiveDate,
    fate: Fate,
    measures: usize,
}

/// Inserts a problem with its measures and the steps its fate took; answers its id.
async fn problem(
    db: &impl ConnectionTrait,
    plan: &Plan,
    category: ProblemCategory,
    unit: &org_unit::Model,
    n: usize,
) -> AppResult<i64> {
    let (what, lead) = wording(category);
    let created = plan.received + Duration::days(2);
    let closed_on = match plan.fate {
        Fate::ClosedLate => plan.deadline + Duration::days(5),
        _ => plan.deadline - Duration::days(5),
    };
    let status = match plan.fate {
        Fate::Closed | Fate::ClosedLate => ProblemStatus::Closed,
        Fate::Submitted => ProblemStatus::Submitted,
        Fate::Rectifying => ProblemStatus::Rectifying,
        Fate::Open => ProblemStatus::Open,
    };
    let row = problem::ActiveModel {
        inspection_id: Set(plan.inspection),
        description: Set(format!("{}{}", unit.name, what)),
        category: Set(category),
        org_unit_id: Set(unit.id),
        org_path: Set(unit.path.clone()),
        household_id: Set(None),
        responsible_units: Set(format!("{lead}、{}", unit.name)),
        leader: Set(LEADERS.get(n % LEADERS.len()).copied().unwrap_or_default().to_owned()),
        deadline: Set(plan.deadline),
        status: Set(status),
        created_on: Set(created),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    step(db, row.id, ProblemAction::Created, ProblemStatus::Open, created, "区扶贫办", None).await?;
    let done = matches!(plan.fate, Fate::Closed | Fate::ClosedLate | Fate::Submitted);
    let done_on = closed_on - Duration::days(5);
    for text in MEASURES.iter().take(plan.measures) {
        let added = plan.received + Duration::days(5);
        problem_measure::ActiveModel {
            problem_id: Set(row.id),
            description: Set((*text).to_owned()),
            due: Set(plan.deadline),
            done_on: Set(done.then_some(done_on)),
            created_on: Set(added),
            ..Default::default()
        }
        .insert(db)
        .await?;
        step(db, row.id, ProblemAction::MeasureAdded, ProblemStatus::Rectifying, added, &unit.name, Some(*text))
            .await?;
    }
    if done {
        let submitted = closed_on - Duration::days(3);
        step(db, row.id, ProblemAction::Submitted, ProblemStatus::Submitted, submitted, &unit.name, None).await?;
    }
    if status == ProblemStatus::Closed {
        let evidence = Some("整改报告、核查台账及“回头看”记录已归档");
        step(db, row.id, ProblemAction::Closed, ProblemStatus::Closed, closed_on, "区扶贫办", evidence).await?;
    }
    Ok(row.id)
}

/// Records a step of a demo problem; closing steps carry their evidence.
async fn step(
    db: &impl ConnectionTrait,
    id: i64,
    action: ProblemAction,
    status: ProblemStatus,
    on: NaiveDate,
    by: &str,
    text: Option<&str>,
) -> AppResult<()> {
    let (note, evidence) = match action {
        ProblemAction::Closed => (None, text.map(str::to_owned)),
        _ => (text.map(str::to_owned), None),
    };
    problem_step::ActiveModel {
        problem_id: Set(id),
        action: Set(action),
        status: Set(status),
        taken_on: Set(on),
        user_id: Set(None),
        by_name: Set(by.to_owned()),
        note: Set(note),
        evidence: Set(evidence),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

const SURNAMES: [&str; 6] = ["汪", "程", "方", "江", "胡", "吴"];
const GIVEN: [&str; 11] = ["建国", "志强", "海军", "立新", "文华", "国庆", "红兵", "永和", "春生", "德明", "卫东"];

/// The 11 cadres talked to for rectification work done badly; the first two for the problems
/// overdue in 张村.
async fn talks(db: &impl ConnectionTrait, units: &[org_unit::Model], overdue: &[i64]) -> AppResult<()> {
    for (i, given) in GIVEN.iter().enumerate() {
        let unit = units.get((i * 5) % units.len().max(1)).map_or("", |u| u.name.as_str());
        let surname = SURNAMES.get(i % SURNAMES.len()).copied().unwrap_or_default();
        let month = u32::try_from(4 + i % 6).unwrap_or(4);
        accountability::ActiveModel {
            person: Set(format!("{surname}{given}")),
            unit: Set(format!("{unit}扶贫工作站")),
            held_on: Set(day(month, 10 + u32::try_from(i).unwrap_or(0))?),
            kind: Set(AccountabilityKind::Talk),
            reason: Set("整改工作落实不力、作风不实".to_owned()),
            problem_id: Set(overdue.get(i).copied()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
