//! The evidence pack (档案) of a household, a project or a problem: what an inspector asks for
//! first. The record's fields, its history (the audit trail, or a problem's steps), its
//! measures or payments, and the files the caller may read, zipped with an index page. A pack
//! holding personal documents is a read of personal data and is audited as one.

use jingzhun_shared::Fen;
use jingzhun_shared::attachments::Owner;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::files::{dtos, rows};
use super::pack::{Section, Sheet, entry_name, index_html, zip_pack};
use super::store::AttachmentStore;
use crate::actor::CurrentUser;
use crate::entities::{
    audit_event, expenditure, household, inspection, org_unit, problem, problem_measure, problem_step, project,
};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};

const HISTORY: &[&str] = &["时间", "操作", "经办人"];

fn action_zh(action: &str) -> String {
    match action {
        "create" => "新建".to_owned(),
        "update" => "修改".to_owned(),
        "delete" => "删除".to_owned(),
        other => other.to_owned(),
    }
}

/// The audit trail of one record as history rows, oldest first.
async fn trail(db: &impl ConnectionTrait, entity: &str, id: i64) -> AppResult<Section> {
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq(entity))
        .filter(audit_event::Column::EntityId.eq(id.to_string()))
        .filter(audit_event::Column::Action.ne("read_personal_data"))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?;
    let rows = events
        .into_iter()
        .map(|e| vec![e.at.format("%Y-%m-%d %H:%M").to_string(), action_zh(&e.action), e.username.unwrap_or_default()])
        .collect();
    Ok(Section { heading: "变更记录", columns: HISTORY, rows })
}

async fn unit_name(db: &impl ConnectionTrait, id: Option<i64>) -> AppResult<String> {
    let Some(id) = id else { return Ok(String::new()) };
    Ok(org_unit::Entity::find_by_id(id).one(db).await?.map(|u| u.name).unwrap_or_default())
}

async fn household_sheet(db: &impl ConnectionTrait, id: i64) -> AppResult<Sheet> {
    let h = household::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let fields = vec![
        ("户编号", h.number.clone()),
        ("户主", h.head_name.clone()),
        ("所在村", unit_name(db, Some(h.village_id)).await?),
        ("户类别", h.category.zh().to_owned()),
        ("脱贫状态", h.status.zh().to_owned()),
        ("脱贫年度", h.exit_year.map(|y| y.to_string()).unwrap_or_default()),
    ];
    let sections = vec![trail(db, "household", id).await?];
    Ok(Sheet { title: format!("贫困户档案 {} {}", h.number, h.head_name), fields, sections })
}

async fn project_sheet(db: &impl ConnectionTrait, id: i64) -> AppResult<Sheet> {
    let p = project::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let fields = vec![
        ("项目名称", p.name.clone()),
        ("年度", p.year.to_string()),
        ("项目类别", p.kind.zh().to_owned()),
        ("实施地点", unit_name(db, Some(p.org_unit_id)).await?),
        ("项目状态", p.status.zh().to_owned()),
        ("预算（元）", Fen::new(p.budget_fen).to_yuan_string()),
        ("已支出（元）", Fen::new(p.spent_fen).to_yuan_string()),
        ("开工日期", date(p.started_on)),
        ("完工日期", date(p.completed_on)),
        ("验收日期", date(p.accepted_on)),
        ("公告公示", format!("{} 至 {}", date(p.announced_from), date(p.announced_to))),
    ];
    let payments = expenditure::Entity::find()
        .filter(expenditure::Column::ProjectId.eq(id))
        .order_by_asc(expenditure::Column::PaidOn)
        .order_by_asc(expenditure::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| vec![e.paid_on.to_string(), Fen::new(e.amount_fen).to_yuan_string(), e.voucher_no])
        .collect();
    let sections = vec![
        Section { heading: "资金支出", columns: &["支付日期", "金额（元）", "凭证号"], rows: payments },
        trail(db, "project", id).await?,
    ];
    Ok(Sheet { title: format!("扶贫项目档案 {}", p.name), fields, sections })
}

async fn problem_sheet(db: &impl ConnectionTrait, id: i64) -> AppResult<Sheet> {
    let p = problem::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let found_by = inspection::Entity::find_by_id(p.inspection_id).one(db).await?;
    let fields = vec![
        ("问题描述", p.description.clone()),
        ("发现来源", found_by.as_ref().map(|i| format!("{}（{}）", i.name, i.source.zh())).unwrap_or_default()),
        ("问题类别", p.category.zh().to_owned()),
        ("所在单位", unit_name(db, Some(p.org_unit_id)).await?),
        ("责任单位", p.responsible_units.clone()),
        ("责任领导", p.leader.clone()),
        ("整改时限", p.deadline.to_string()),
        ("整改状态", p.status.zh().to_owned()),
    ];
    let measures = problem_measure::Entity::find()
        .filter(problem_measure::Column::ProblemId.eq(id))
        .order_by_asc(problem_measure::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| vec![m.description, m.due.to_string(), m.done_on.map(|d| d.to_string()).unwrap_or_default()])
        .collect();
    let steps = problem_step::Entity::find()
        .filter(problem_step::Column::ProblemId.eq(id))
        .order_by_asc(problem_step::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            let says = [s.note, s.evidence].into_iter().flatten().collect::<Vec<_>>().join("；");
            vec![s.taken_on.to_string(), s.action.zh().to_owned(), s.status.zh().to_owned(), s.by_name, says]
        })
        .collect();
    let sections = vec![
        Section { heading: "整改措施", columns: &["措施", "时限", "完成日期"], rows: measures },
        Section {
            heading: "整改过程", columns: &["日期", "环节", "状态", "经办人", "说明"], rows: steps
        },
    ];
    Ok(Sheet { title: format!("问题整改档案（问题 {id}）"), fields, sections })
}

/// The pack of record `id` of `owner`, as a zip, for a caller who reads the record.
pub async fn dossier(
    db: &impl ConnectionTrait,
    store: &AttachmentStore,
    user: &CurrentUser,
    owner: Owner,
    id: i64,
) -> AppResult<Vec<u8>> {
    let rows = rows(db, user, owner, id).await?;
    let sheet = match owner {
        Owner::Household => household_sheet(db, id).await?,
        Owner::Project => project_sheet(db, id).await?,
        Owner::Problem => problem_sheet(db, id).await?,
    };
    let files = dtos(db, user, &rows).await?;
    let mut entries = Vec::with_capacity(files.len());
    for file in &files {
        entries.push((entry_name(file), store.read(&file.sha256).await?));
    }
    let personal: Vec<i64> = files.iter().filter(|f| f.personal).map(|f| f.id).collect();
    if !personal.is_empty() {
        let (entity, detail) = (dossier_entity(owner), serde_json::json!({ "attachments": personal }));
        audit::record(db, Some(user), Event::new("read_personal_data", entity, id).after(&detail)).await?;
    }
    let made_at = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string();
    let index = index_html(&sheet, &files, &user.username, &made_at);
    tokio::task::spawn_blocking(move || zip_pack(&index, &entries))
        .await
        .map_err(|e| AppError::Internal(format!("dossier worker: {e}")))?
}

fn dossier_entity(owner: Owner) -> &'static str {
    match owner {
        Owner::Household => "household_dossier",
        Owner::Project => "project_dossier",
        Owner::Problem => "problem_dossier",
    }
}
