//! Student aid from the education bureau's spreadsheet (`STUDENT_AID_COLUMNS`), matched to
//! members by ID card, on the import machinery every per-member record shares
//! ([`crate::services::registry::record_import`]); each row is held to the form's rules.

use std::collections::HashMap;

use jingzhun_shared::education::{STUDENT_AID_COLUMNS, StudentAidInput, aid_amount};
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::text::NAME_MAX;
use jingzhun_shared::{Capability, Fen, MemberId};
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait};

use super::student_aid::new_row;
use crate::actor::CurrentUser;
use crate::entities::{education_year_setting, student_aid};
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::bulk;
use crate::services::registry::record_import::{
    Cells, MemberRow, RecordImport, Steps, import as run, keys_on_file, once,
};
use crate::services::sheet::{RawRow, RowErrors};
use crate::services::txn::Db;

/// A row's aid: the input as the form would send it, with its amount and school.
type Aid = (StudentAidInput, Fen, String);

fn parse(r: &RawRow, errors: &mut RowErrors, supplements: &HashMap<i32, Fen>, today: chrono::NaiveDate) -> Option<Aid> {
    let before = errors.count;
    let mut c = Cells { row: r, errors };
    let stage = c.label(1, "学段");
    let school = c.text(2).to_owned();
    if school.is_empty() || school.chars().count() > NAME_MAX {
        c.add(2, format!("请填写学校（最多 {NAME_MAX} 个字）"));
    }
    let year = c.number(3, "年度").filter(|y| (2000..=2100).contains(y));
    let term = c.label(4, "学期");
    let in_district = c.yes_no(5);
    let programme = c.label(6, "资助项目");
    let typed = c.yuan(7, true);
    let paid_on = c.date(8, today, false).flatten();
    let via_card = c.yes_no(9);
    let mut amount = None;
    if let (Some(stage), Some(programme), Some(typed), Some(year)) = (stage, programme, typed, year) {
        match aid_amount(stage, programme, typed, supplements.get(&year).copied(), year) {
            Ok(fen) => amount = Some(fen),
            Err((field, message)) => c.add(if field == "programme" { 6 } else { 7 }, message),
        }
    }
    if c.errors.count > before {
        return None;
    }
    let input = StudentAidInput {
        member_id: MemberId(0),
        stage: stage?,
        school: school.clone(),
        year: year?,
        term: term?,
        in_district: in_district?,
        programme: programme?,
        amount_fen: typed?,
        paid_on: paid_on?,
        via_card: via_card?,
    };
    Some((input, amount?, school))
}

/// A member has a programme's aid once a term: a row repeating another row of the file, or aid
/// on file, is an error on its programme.
async fn once_a_term(db: &impl ConnectionTrait, rows: &[MemberRow<Aid>], errors: &mut RowErrors) -> AppResult<()> {
    let on_file = keys_on_file::<student_aid::Entity, _, _>(
        db,
        rows,
        |r| r.member.0.id,
        student_aid::Column::MemberId,
        |a| (a.member_id, a.year, a.term, a.programme),
    )
    .await?;
    let key = |r: &MemberRow<Aid>| (r.member.0.id, r.value.0.year, r.value.0.term, r.value.0.programme);
    once(rows, on_file, key, errors, 6, "该学生本学期已有此项资助（文件中重复或已登记）");
    Ok(())
}

/// Checks the file and, with `commit`, writes every record in one transaction, or nothing.
pub async fn import(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<RecordImportReport> {
    user.require(Capability::EditRegistry)?;
    let supplements: HashMap<i32, Fen> = education_year_setting::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.year, Fen::new(s.supplement_fen)))
        .collect();
    let today = user.today;
    let parse = |r: &RawRow, e: &mut RowErrors| parse(r, e, &supplements, today);
    let spec =
        RecordImport { columns: &STUDENT_AID_COLUMNS, entity: "student_aid", commit: query.commit, parse: &parse };
    let write = async |txn: &DatabaseTransaction, rows: Vec<MemberRow<Aid>>| {
        let rows = rows.into_iter().map(|r| new_row(&r.member, &r.value.0, r.value.2, r.value.1)).collect();
        bulk::insert(txn, rows).await
    };
    let check = async |rows: &[MemberRow<Aid>], errors: &mut RowErrors| once_a_term(db, rows, errors).await;
    run(db, user, raw, spec, ticket, Steps { check, write }).await
}
