//! The demo year's cadre pairing (干部包户): 1,193 cadres of 62 district units (区直单位),
//! every household on file paired with one of them (the report: "62个区直单位、1193名党员干部与
//! 贫困户结对帮扶，帮扶工作实现全覆盖"), and September's visits to nine households in ten. The
//! demo account `cadre` is the first cadre, responsible for households of 张村.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::date;
use crate::entities::{app_user, cadre, cadre_pairing, household, org_unit, visit};
use crate::error::AppResult;

/// How many cadres the report names.
pub const CADRES: usize = 1_193;

/// The 62 district units (区直单位) whose cadres are paired with households.
pub const UNITS: [&str; 62] = [
    "区委办公室",
    "区政府办公室",
    "区纪委监委",
    "区委组织部",
    "区委宣传部",
    "区委统战部",
    "区委政法委",
    "区委编办",
    "区发改委",
    "区教育局",
    "区科技局",
    "区经信局",
    "区公安分局",
    "区民政局",
    "区司法局",
    "区财政局",
    "区人社局",
    "区自然资源局",
    "区生态环境分局",
    "区住建局",
    "区交通运输局",
    "区农业农村局",
    "区水利局",
    "区商务局",
    "区文旅局",
    "区卫健委",
    "区退役军人局",
    "区应急管理局",
    "区审计局",
    "区市场监管局",
    "区统计局",
    "区医保局",
    "区林业局",
    "区城管局",
    "区信访局",
    "区数据资源局",
    "区总工会",
    "团区委",
    "区妇联",
    "区科协",
    "区残联",
    "区工商联",
    "区红十字会",
    "区人大办",
    "区政协办",
    "区法院",
    "区检察院",
    "区税务局",
    "区供电公司",
    "区人武部",
    "区委党校",
    "区档案馆",
    "区融媒体中心",
    "区供销社",
    "区气象局",
    "区烟草局",
    "区邮政公司",
    "区农商银行",
    "区医疗保障局",
    "区中医院",
    "区疾控中心",
    "区扶贫办",
];

const SURNAMES: &[&str] =
    &["王", "李", "张", "刘", "陈", "杨", "黄", "吴", "程", "汪", "方", "胡", "江", "许", "叶", "郑"];
const GIVEN: &[&str] = &[
    "建国", "海燕", "志强", "丽华", "文斌", "春梅", "国庆", "晓东", "红霞", "立新", "秀英", "卫东", "明", "静", "军",
    "芳", "磊", "敏", "涛", "娟",
];

pub async fn load(db: &impl ConnectionTrait) -> AppResult<()> {
    let mut cadres = Vec::with_capacity(CADRES);
    for i in 0..CADRES {
        let surname = SURNAMES.get(i % SURNAMES.len()).copied().unwrap_or("王");
        let given = GIVEN.get(i / SURNAMES.len() % GIVEN.len()).copied().unwrap_or("明");
        cadres.push(cadre::ActiveModel {
            name: Set(format!("{surname}{given}")),
            unit: Set(UNITS.get(i % UNITS.len()).copied().unwrap_or_default().to_owned()),
            phone: Set(format!("139{:08}", 55_000_000 + i)),
            created_at: Set(Utc::now()),
            ..Default::default()
        });
    }
    for chunk in cadres.chunks(300) {
        cadre::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    let ids: Vec<i64> =
        cadre::Entity::find().order_by_asc(cadre::Column::Id).all(db).await?.iter().map(|c| c.id).collect();
    let households = on_file_zhang_first(db).await?;
    let since = date(1, 1)?;
    let mut pairings = Vec::with_capacity(households.len());
    let mut visits = Vec::new();
    for (k, h) in households.iter().enumerate() {
        let Some(cadre_id) = ids.get(k % ids.len().max(1)).copied() else { continue };
        pairings.push(cadre_pairing::ActiveModel {
            cadre_id: Set(cadre_id),
            household_id: Set(h.id),
            org_path: Set(h.org_path.clone()),
            since: Set(since),
            until: Set(None),
            ..Default::default()
        });
        if k % 10 != 0 {
            visits.push(september_visit(cadre_id, h, k)?);
        }
    }
    for chunk in pairings.chunks(500) {
        cadre_pairing::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for chunk in visits.chunks(400) {
        visit::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    if let Some(first) = ids.first() {
        app_user::Entity::update_many()
            .col_expr(app_user::Column::CadreId, sea_orm::sea_query::Expr::value(*first))
            .filter(app_user::Column::Username.eq("cadre"))
            .exec(db)
            .await?;
    }
    super::teams::load(db, &ids).await
}

fn september_visit(cadre_id: i64, h: &household::Model, k: usize) -> AppResult<visit::ActiveModel> {
    Ok(visit::ActiveModel {
        cadre_id: Set(cadre_id),
        household_id: Set(h.id),
        org_path: Set(h.org_path.clone()),
        date: Set(date(9, 1 + u32::try_from(k % 28).unwrap_or(0))?),
        items: Set("policy_publicity,income_check,handbook".to_owned()),
        note: Set(None),
        problems: Set(None),
        latitude: Set(None),
        longitude: Set(None),
        user_id: Set(0),
        username: Set("demo".to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// The households on file (registered or exited), those of 张村 first, so that the first cadre
/// is responsible for households of the clerk's village.
async fn on_file_zhang_first(db: &impl ConnectionTrait) -> AppResult<Vec<household::Model>> {
    let zhang = org_unit::Entity::find().filter(org_unit::Column::Name.eq("张村")).one(db).await?.map(|u| u.id);
    let mut households = household::Entity::find()
        .filter(
            household::Column::Status
                .is_in([jingzhun_shared::HouseholdStatus::Registered, jingzhun_shared::HouseholdStatus::Exited]),
        )
        .order_by_asc(household::Column::Id)
        .all(db)
        .await?;
    households.sort_by_key(|h| Some(h.village_id) != zhang);
    Ok(households)
}
