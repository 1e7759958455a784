//! The district of the seed report (xx区), generated as records: 7 townships, 48 villages
//! among them the 12 poor villages the report names (their profiles, checks and exits in
//! `demo_villages`), and one demo account per role. Every
//! figure the system shows is then computed from these records.

use jingzhun_shared::newtypes::Username;
use jingzhun_shared::{OrgLevel, Role};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::auth::Argon2Gate;
use crate::demo_villages;
use crate::entities::org_unit;
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::org::{org_units, users};
use crate::services::txn::in_txn;

/// The one documented password of every demo account.
pub const DEMO_PASSWORD: &str = "jingzhun-demo";

/// The year the seed report tells; its four exited poor villages left at the end of the year
/// before.
pub const DEMO_YEAR: i32 = 2020;

/// Demo accounts: username, display name, role, and where they sit (`None`: the district).
pub const DEMO_USERS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin", "系统管理员", Role::Admin, None),
    ("district", "区扶贫办", Role::DistrictOfficial, None),
    ("township", "东山镇扶贫工作站", Role::TownshipOfficial, Some(ZHANG_TOWNSHIP)),
    ("clerk", "张村扶贫专干", Role::VillageClerk, Some(ZHANG_VILLAGE)),
    ("health", "区卫健委", Role::HealthOfficer, None),
    ("enterprise", "帮扶企业", Role::Enterprise, None),
    ("auditor", "第三方评估组", Role::Auditor, None),
    ("cadre", "帮扶责任人", Role::Cadre, None),
];

const ZHANG_TOWNSHIP: &str = "东山镇";
const ZHANG_VILLAGE: &str = "张村";

/// A poor village of the report: its name, the year at whose end it exited (the four that
/// have), and its collective income (村集体经济收入, in 万元 × 100: 4_80 is 4.80 万元) of the year before the
/// demo year and of the demo year. The demo year's figures of the eight remaining villages and of
/// 坑上村 are the report's; the others are the demo's own, above the 5 万元 line for the exited.
struct PoorVillage(&'static str, Option<i32>, i64, i64);

const EXITED: Option<i32> = Some(DEMO_YEAR - 1);

/// Townships with their poor villages and how many villages they have in all.
const TOWNSHIPS: &[(&str, usize, &[PoorVillage])] = &[
    ("城关镇", 8, &[PoorVillage("呈阳村", None, 4_80, 12_00), PoorVillage("山口村", None, 9_60, 27_70)]),
    (
        "东山镇",
        7,
        &[
            PoorVillage("东山村", EXITED, 6_80, 8_10),
            PoorVillage("坑上村", EXITED, 18_60, 23_10),
            PoorVillage("张村", None, 4_20, 10_46),
        ],
    ),
    ("石岗乡", 7, &[PoorVillage("石岗村", None, 7_50, 19_50), PoorVillage("石川村", None, 4_90, 12_59)]),
    ("新田镇", 7, &[PoorVillage("新田村", None, 5_60, 14_00), PoorVillage("竦塘村", None, 6_30, 16_20)]),
    ("容溪乡", 7, &[PoorVillage("容溪村", EXITED, 5_90, 6_50)]),
    ("篁墩镇", 6, &[PoorVillage("篁村", None, 4_70, 12_59)]),
    ("罗田乡", 6, &[PoorVillage("罗田村", EXITED, 7_20, 8_40)]),
];

/// Names for the villages that are not poor, taken in order.
const OTHER_VILLAGES: &[&str] = &[
    "富溪村",
    "桃源村",
    "柳塘村",
    "杨林村",
    "枫树村",
    "黄田村",
    "清溪村",
    "龙潭村",
    "湖口村",
    "莲花村",
    "梅林村",
    "竹山村",
    "石门村",
    "官庄村",
    "汪村",
    "程村",
    "方村",
    "江村",
    "西溪村",
    "南坑村",
    "北岸村",
    "上庄村",
    "下洋村",
    "茶园村",
    "金竹村",
    "凤凰村",
    "马鞍村",
    "白沙村",
    "丰乐村",
    "和平村",
    "太平村",
    "长塘村",
    "高桥村",
    "新塘村",
    "岭下村",
    "梓溪村",
];

/// Loads the demo district when the database has no org unit yet; `false` when it had data.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    if org_unit::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    in_txn(db, None, async |txn| {
        let district = insert_unit(txn, None, OrgLevel::District, "xx区", "3410", None).await?;
        demo_villages::settings(txn, DEMO_YEAR).await?;
        let placed = insert_townships(txn, &district).await?;
        let argon2 = Argon2Gate::default();
        for (username, display_name, role, place) in DEMO_USERS {
            let unit = match place {
                None => &district,
                Some(name) => placed
                    .iter()
                    .find(|u| u.name == *name)
                    .ok_or_else(|| AppError::Internal(format!("demo unit {name} missing")))?,
            };
            let username = Username::parse(username).map_err(|e| AppError::Internal(e.0))?;
            users::insert(txn, &argon2, &username, DEMO_PASSWORD, display_name, *role, unit.id).await?;
        }
        Ok((true, Event::new("load_demo", "org_unit", district.id)))
    })
    .await
}

/// The townships of [`TOWNSHIPS`] and their villages, in order.
async fn insert_townships(txn: &impl ConnectionTrait, district: &org_unit::Model) -> AppResult<Vec<org_unit::Model>> {
    let mut others = OTHER_VILLAGES.iter();
    let mut placed = Vec::new();
    for (t, (township_name, villages, poor)) in TOWNSHIPS.iter().enumerate() {
        let t_code = format!("3410{:02}", t + 1);
        let township = insert_unit(txn, Some(district), OrgLevel::Township, township_name, &t_code, None).await?;
        placed.push(township.clone());
        for v in 0..*villages {
            let poor_village = poor.get(v);
            let name = match poor_village {
                Some(PoorVillage(name, ..)) => *name,
                None => *others.next().ok_or_else(|| AppError::Internal("too few village names".into()))?,
            };
            let code = format!("{t_code}{:03}", v + 1);
            let exit_year = poor_village.and_then(|p| p.1);
            let village = insert_unit(txn, Some(&township), OrgLevel::Village, name, &code, exit_year).await?;
            demo_villages::profiles(txn, DEMO_YEAR, &village, poor_village.map(|p| (p.2, p.3)), t * 7 + v).await?;
            placed.push(village);
        }
    }
    Ok(placed)
}

/// On an empty database without the demo: a district to rename and an `admin` account with a
/// generated password, returned so it can be printed once.
pub async fn ensure_initial_admin(db: &DatabaseConnection) -> AppResult<Option<String>> {
    if org_unit::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    in_txn(db, None, async |txn| {
        let district = insert_unit(txn, None, OrgLevel::District, "本区", "district", None).await?;
        let password = format!("{}-{}", crate::random_token(8), crate::random_token(8));
        let username = Username::parse("admin").map_err(|e| AppError::Internal(e.0))?;
        users::insert(txn, &Argon2Gate::default(), &username, &password, "系统管理员", Role::Admin, district.id)
            .await?;
        Ok((Some(password), Event::new("create_initial_admin", "user", "admin")))
    })
    .await
}

async fn insert_unit(
    db: &impl ConnectionTrait,
    parent: Option<&org_unit::Model>,
    level: OrgLevel,
    name: &str,
    code: &str,
    exit_year: Option<i32>,
) -> AppResult<org_unit::Model> {
    let row = org_unit::ActiveModel {
        level: Set(level),
        name: Set(name.to_owned()),
        code: Set(code.to_owned()),
        exit_year: Set(exit_year),
        ..Default::default()
    };
    org_units::insert(db, parent, row).await
}
