//! Training subsidies (培训台账) and transport subsidies (交通补助发放表) from the
//! human-resources bureau's spreadsheets, matched to members by ID card on the import machinery
//! every per-member record shares ([`crate::services::registry::record_import`]); each row is
//! held to the form's rules, and a file commits whole or not at all.

use std::collections::HashSet;

use chrono::NaiveDate;
use jingzhun_shared::employment::{TRAINING_COLUMNS, TRANSPORT_COLUMNS, TrainingInput, TransportSubsidyInput};
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::{Capability, MemberId};
use sea_orm::DatabaseTransaction;

use super::{training, transport};
use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::bulk;
use crate::services::registry::record_import::{
    Cells, MemberRow, RecordImport, Steps, import as run, keys_on_file, once,
};
use crate::services::sheet::{self, RawRow, RowErrors};
use crate::services::txn::Db;

/// The training import's template, with one example row.
pub fn training_template() -> AppResult<Vec<u8>> {
    sheet::template("培训", &TRAINING_COLUMNS, &["34100419800101001X", "电工", "2020-05-20", "10", "2330.00"], &[])
}

/// The transport-subsidy import's template, with one example row.
pub fn transport_template() -> AppResult<Vec<u8>> {
    sheet::template("交通补助", &TRANSPORT_COLUMNS, &["34100419800101001X", "2020", "289.00", "2020-06-01"], &[])
}

fn training_row(r: &RawRow, errors: &mut RowErrors, today: NaiveDate) -> Option<(TrainingInput, String)> {
    let before = errors.count;
    let mut c = Cells { row: r, errors };
    let course = c.text(1).to_owned();
    let ended_on = c.date(2, today, false).flatten();
    let days = c.number(3, "培训天数");
    let subsidy = c.yuan(4, false).flatten();
    let (Some(ended_on), Some(days), Some(subsidy_fen)) = (ended_on, days, subsidy) else {
        return None;
    };
    let input = TrainingInput { member_id: MemberId(0), course, ended_on, days, subsidy_fen };
    let column = |field: &str| match field {
        "course" => 1,
        "ended_on" => 2,
        "days" => 3,
        _ => 4,
    };
    let course = training::check_fields(&mut |field, message| c.add(column(field), message), &input, today);
    (c.errors.count == before).then_some((input, course))
}

/// Checks a training file and, with `commit`, writes every course in one transaction, or nothing.
pub async fn import_trainings(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<RecordImportReport> {
    user.require(Capability::EditRegistry)?;
    let today = user.today;
    let parse = |r: &RawRow, e: &mut RowErrors| training_row(r, e, today);
    let spec = RecordImport { columns: &TRAINING_COLUMNS, entity: "training", commit: query.commit, parse: &parse };
    let write = async |txn: &DatabaseTransaction, rows: Vec<MemberRow<(TrainingInput, String)>>| {
        let rows = rows.into_iter().map(|r| training::new_row(&r.member, &r.value.0, r.value.1)).collect();
        bulk::insert(txn, rows).await
    };
    // A person may attend several courses, each once.
    let check = async |rows: &[MemberRow<(TrainingInput, String)>], errors: &mut RowErrors| {
        let on_file = keys_on_file::<crate::entities::training::Entity, _, _>(
            db,
            rows,
            |r| r.member.0.id,
            crate::entities::training::Column::MemberId,
            |t| (t.member_id, t.course, t.ended_on),
        )
        .await?;
        let key = |r: &MemberRow<(TrainingInput, String)>| (r.member.0.id, r.value.1.clone(), r.value.0.ended_on);
        once(rows, on_file, key, errors, 1, "该成员的这期培训已登记（文件中重复或已登记）");
        Ok(())
    };
    run(db, user, raw, spec, ticket, Steps { check, write }).await
}

fn transport_row(r: &RawRow, errors: &mut RowErrors, today: NaiveDate) -> Option<TransportSubsidyInput> {
    let before = errors.count;
    let mut c = Cells { row: r, errors };
    let year = c.number(1, "年度");
    let amount = c.yuan(2, false).flatten();
    let paid_on = c.date(3, today, false).flatten();
    let (Some(year), Some(amount_fen), Some(paid_on)) = (year, amount, paid_on) else {
        return None;
    };
    let input = TransportSubsidyInput { member_id: MemberId(0), year, amount_fen, paid_on };
    let column = |field: &str| match field {
        "year" => 1,
        "amount_fen" => 2,
        _ => 3,
    };
    transport::check_fields(&mut |field, message| c.add(column(field), message), &input, today);
    (c.errors.count == before).then_some(input)
}

/// Checks a transport-subsidy file — each member with a migrant job in the year, paid once a
/// year on file and in the file — and, with `commit`, writes every row in one transaction, or
/// nothing.
pub async fn import_transport(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<RecordImportReport> {
    user.require(Capability::EditRegistry)?;
    let today = user.today;
    let parse = |r: &RawRow, e: &mut RowErrors| transport_row(r, e, today);
    let spec =
        RecordImport { columns: &TRANSPORT_COLUMNS, entity: "transport_subsidy", commit: query.commit, parse: &parse };
    let check = async |rows: &[MemberRow<TransportSubsidyInput>], errors: &mut RowErrors| {
        let mut seen = HashSet::new();
        let mut by_year: std::collections::BTreeMap<i32, Vec<i64>> = std::collections::BTreeMap::new();
        for r in rows {
            by_year.entry(r.value.year).or_default().push(r.member.0.id);
        }
        let mut standing = std::collections::HashMap::new();
        for (year, members) in by_year {
            standing.insert(year, transport::standing(db, &members, year).await?);
        }
        for r in rows {
            let (member, year) = (r.member.0.id, r.value.year);
            if !seen.insert((member, year)) {
                errors.add(r.line, 1, format!("该成员 {year} 年的交通补助在文件中出现了两次"));
            }
            let (migrant, paid) =
                standing.get(&year).map_or((false, false), |(m, p)| (m.contains(&member), p.contains(&member)));
            for (field, message) in transport::refusal_messages(year, migrant, paid) {
                errors.add(r.line, if field == "year" { 1 } else { 0 }, message);
            }
        }
        Ok(())
    };
    let write = async |txn: &DatabaseTransaction, rows: Vec<MemberRow<TransportSubsidyInput>>| {
        bulk::insert(txn, rows.iter().map(|r| transport::new_row(&r.member, &r.value)).collect()).await
    };
    run(db, user, raw, spec, ticket, Steps { check, write }).await
}
