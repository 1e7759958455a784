//! The microcredit figures are summed from running tallies that every write keeps in step. Here
//! a few hundred writes of every kind, in an order drawn from a fixed seed, go through the API;
//! then the stored tallies must equal those worked out afresh from the records, and the figures
//! of many dates (month ends, mid-month days, the days around every dated record) must equal the ones a
//! plain reading of every record gives, day by day.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, Months, NaiveDate};
use jingzhun::entities::{
    interest_subsidy_batch, interest_subsidy_line, loan, loan_extension, loan_repayment, loan_return, org_unit,
};
use jingzhun::services::credit::tally;
use jingzhun_shared::credit::{
    BatchStep, CreateExtension, CreateLoan, CreateReturn, CreateSubsidyBatch, CreditFigures, LOAN_COLUMNS, LoanDto,
    LoanEnterprise, LoanMode, LoanQuery, SubsidyBatchStatus, returns_due,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::registry::ImportQuery;
use jingzhun_shared::{Api, Fen, OrgUnitId};
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::api::credit::{day, repay};
use crate::api::registry::{id_card, loaded, new_household, villages};
use crate::helpers::TestApp;

/// A small generator of numbers from a seed, the same on every run.
pub(crate) struct Draw(pub(crate) u64);

impl Draw {
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    pub(crate) fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = u64::try_from((to - from).num_days()).unwrap_or_default();
        from + Duration::days(i64::try_from(self.below(span + 1)).unwrap_or_default())
    }
}

const TODAY: (i32, u32, u32) = (2021, 12, 31);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

/// A loan of `who`, drawn: 1 to 5 万元, 12, 24 or 36 months, either mode, one of two banks.
fn drawn_loan(
    draw: &mut Draw,
    who: (jingzhun_shared::HouseholdId, jingzhun_shared::MemberId),
    issued_on: NaiveDate,
    n: usize,
) -> CreateLoan {
    let enterprise = draw.below(2) == 0;
    CreateLoan {
        household_id: who.0,
        borrower_member_id: who.1,
        bank: ["农商银行", "邮储银行"][usize::try_from(draw.below(2)).unwrap_or_default()].to_owned(),
        contract_no: format!("TALLY-{n:04}"),
        amount_fen: Fen::from_yuan(10_000 * (1 + i64::try_from(draw.below(5)).unwrap_or_default())),
        issued_on,
        term_months: [12, 24, 36][usize::try_from(draw.below(3)).unwrap_or_default()],
        annual_rate_bp: 435,
        mode: if enterprise { LoanMode::EnterpriseUse } else { LoanMode::HouseholdUse },
        enterprise: enterprise.then(|| LoanEnterprise {
            name: "东山茶业有限公司".to_owned(),
            credit_code: "91341004MA2N0X0X0X".to_owned(),
            yearly_return_fen: Fen::from_yuan(3_000),
        }),
    }
}

/// After `loan` is issued: maybe an extension (often near or past the due date, repayments
/// only after it), returns of a 户贷企用 loan, up to four repayments, maybe to the end. Answers
/// the writes made and, when nothing is left owing, the day of the last repayment.
async fn loan_life(district: &Api, draw: &mut Draw, loan: &LoanDto) -> (usize, Option<NaiveDate>) {
    let mut writes = 0;
    let mut balance = loan.amount_fen.fen() / 100;
    let mut on = loan.issued_on;
    if draw.below(2) == 0 {
        let from = (loan.due_on - Duration::days(60)).max(loan.issued_on).min(today());
        let agreed = draw.day_between(from, (loan.due_on + Duration::days(180)).min(today()));
        let new_due_on = loan.due_on.checked_add_months(Months::new(1 + u32::try_from(draw.below(12)).unwrap_or(0)));
        let extension =
            CreateExtension { new_due_on: new_due_on.expect("date"), reason: "受灾".to_owned(), on: agreed };
        district.add_extension(loan.id, &extension).await.expect("extension");
        writes += 1;
        on = agreed;
    }
    if loan.mode == LoanMode::EnterpriseUse {
        for _ in 0..draw.below(3) {
            let paid_on = draw.day_between(loan.issued_on, today());
            district
                .add_return(loan.id, &CreateReturn { amount_fen: Fen::from_yuan(3_000), paid_on })
                .await
                .expect("return");
            writes += 1;
        }
    }
    let pays_off = draw.below(2) == 0;
    for k in 0..4 {
        if on >= today() || balance == 0 {
            break;
        }
        on = draw.day_between(on, (on + Duration::days(200)).min(today()));
        let part =
            if pays_off && k == 3 { balance } else { balance * i64::try_from(1 + draw.below(3)).unwrap_or(1) / 5 };
        if part == 0 {
            continue;
        }
        repay(district, loan, part, on).await.expect("repayment");
        balance -= part;
        writes += 1;
    }
    (writes, (balance == 0).then_some(on))
}

/// A bank's list imported: loans to the households that repaid theirs (`repaid_off`, with the
/// issue day of such a loan), half issued before that loan (so the household's first loans
/// change), and to four households new to credit; then a repayment on each. Answers the writes.
async fn bank_list(
    district: &Api,
    draw: &mut Draw,
    places: [OrgUnitId; 3],
    repaid_off: &[(String, NaiveDate)],
) -> usize {
    let mut rows = Vec::new();
    for (k, (card, issued)) in repaid_off.iter().enumerate() {
        let on = if k % 2 == 0 { *issued - Duration::days(40) } else { draw.day_between(*issued, today()) };
        rows.push((card.clone(), on));
    }
    for (n, village) in (0..4u32).zip(places.into_iter().cycle()) {
        let household = loaded(new_household(village, "汪春生", id_card(800 + n)));
        district.create_household(&household).await.expect("household");
        rows.push((id_card(800 + n), draw.day_between(day(2019, 1, 1), day(2021, 6, 30))));
    }
    let mut text = LOAN_COLUMNS.join(",");
    for (k, (card, on)) in rows.iter().enumerate() {
        let mode = if k % 2 == 0 { "户贷户用,,," } else { "户贷企用,东山茶业,91341004MA2N0X0X0X,3000" };
        text.push_str(&format!("\n{card},邮储银行,IMPORT-{k},20000,{on},24,4.35,{mode}"));
    }
    let query = ImportQuery { format: "csv".into(), commit: true, progress: None, initial_load: false };
    let report = district.import_loans(&query, text.into_bytes()).await.expect("import");
    assert_eq!(report.errors.len(), 0, "the list imports: {:?}", report.errors);
    let query = LoanQuery { q: Some("IMPORT-".to_owned()), per_page: Some(100), ..LoanQuery::default() };
    let listed = district.loans(&query).await.expect("loans");
    assert_eq!(listed.items.len(), rows.len(), "every imported loan listed");
    for loan in &listed.items {
        let on = draw.day_between(loan.issued_on, today());
        repay(district, loan, 5_000, on).await.expect("repayment of an imported loan");
    }
    1 + listed.items.len()
}

/// Writes a drawn history: loans, their lives (a household that repaid may borrow again),
/// a bank's list, and a paid subsidy batch; answers how many writes it made.
async fn history(district: &Api, draw: &mut Draw) -> usize {
    let places = villages(district, ["张村", "呈阳村", "石岗村"]).await;
    let mut writes = 0;
    let mut contracts = 0;
    let mut repaid_off: Vec<(String, NaiveDate)> = Vec::new();
    for (n, village) in (0..18u32).zip(places.into_iter().cycle()) {
        let card = id_card(700 + n);
        let h = district
            .create_household(&loaded(new_household(village, "汪春生", card.clone())))
            .await
            .expect("household");
        let who = (h.id, h.members.first().expect("head").id);
        let mut from = draw.day_between(day(2019, 1, 1), day(2020, 6, 30));
        for _ in 0..=draw.below(2) {
            contracts += 1;
            let loan = district.create_loan(&drawn_loan(draw, who, from, contracts)).await.expect("loan");
            let (made, repaid) = loan_life(district, draw, &loan).await;
            writes += 1 + made;
            repaid_off.retain(|(c, _)| *c != card);
            let Some(last) = repaid else { break };
            repaid_off.push((card.clone(), loan.issued_on));
            from = (last + Duration::days(1 + i64::try_from(draw.below(60)).unwrap_or(0))).min(today());
        }
    }
    writes += bank_list(district, draw, places, &repaid_off).await;
    let batch = district.create_subsidy_batch(&CreateSubsidyBatch { year: 2020, quarter: 1 }).await.expect("batch");
    let step = BatchStep { on: day(2020, 4, 10), version: batch.version };
    let batch = district.approve_subsidy_batch(batch.id, &step).await.expect("approve");
    let step = BatchStep { on: day(2020, 4, 20), version: batch.version };
    district.pay_subsidy_batch(batch.id, &step).await.expect("pay");
    writes + 3
}

/// Everything recorded, read plainly.
struct Records {
    loans: Vec<loan::Model>,
    repayments: HashMap<i64, Vec<(NaiveDate, i64)>>,
    extensions: HashMap<i64, Vec<(NaiveDate, NaiveDate)>>,
    returns: HashMap<i64, Vec<(NaiveDate, i64)>>,
    /// (loan, paid on, subsidy) of paid batches.
    subsidies: Vec<(i64, NaiveDate, i64)>,
}

async fn records(db: &DatabaseConnection) -> Records {
    let mut repayments: HashMap<i64, Vec<(NaiveDate, i64)>> = HashMap::new();
    for r in loan_repayment::Entity::find().all(db).await.expect("repayments") {
        repayments.entry(r.loan_id).or_default().push((r.paid_on, r.principal_fen));
    }
    let mut extensions: HashMap<i64, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
    for e in loan_extension::Entity::find().all(db).await.expect("extensions") {
        extensions.entry(e.loan_id).or_default().push((e.agreed_on, e.new_due_on));
    }
    let mut returns: HashMap<i64, Vec<(NaiveDate, i64)>> = HashMap::new();
    for r in loan_return::Entity::find().all(db).await.expect("returns") {
        returns.entry(r.loan_id).or_default().push((r.paid_on, r.amount_fen));
    }
    let paid: HashMap<i64, NaiveDate> = interest_subsidy_batch::Entity::find()
        .all(db)
        .await
        .expect("batches")
        .into_iter()
        .filter(|b| b.status == SubsidyBatchStatus::Paid)
        .filter_map(|b| b.paid_on.map(|on| (b.id, on)))
        .collect();
    let subsidies = interest_subsidy_line::Entity::find()
        .all(db)
        .await
        .expect("lines")
        .into_iter()
        .filter_map(|l| paid.get(&l.batch_id).map(|on| (l.loan_id, *on, l.subsidy_fen)))
        .collect();
    Records { loans: loan::Entity::find().all(db).await.expect("loans"), repayments, extensions, returns, subsidies }
}

/// The figures that matter here, as the plain reading gives them: (new amount by mode, new
/// households in all and by mode, outstanding by bank, overdue by bank, households that ever
/// borrowed, subsidy paid, loans whose return is late).
type Plain = ([i64; 2], [u64; 3], BTreeMap<String, (i64, i64)>, u64, i64, u64);

fn plain(r: &Records, year: i32, as_of: NaiveDate, path: &str) -> Plain {
    let start = day(year, 1, 1);
    let as_of = as_of.min(day(year, 12, 31));
    let within: HashSet<i64> = r.loans.iter().filter(|l| l.org_path.starts_with(path)).map(|l| l.id).collect();
    let mut lent = [0i64; 2];
    let (mut all, mut by_mode) = (HashSet::new(), [HashSet::new(), HashSet::new()]);
    let mut ever = HashSet::new();
    let mut banks: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut late = 0u64;
    for l in r.loans.iter().filter(|l| l.issued_on <= as_of && within.contains(&l.id)) {
        let mode = usize::from(l.mode == LoanMode::EnterpriseUse);
        ever.insert(l.household_id);
        if l.issued_on >= start {
            lent[mode] += l.amount_fen;
            all.insert(l.household_id);
            by_mode[mode].insert(l.household_id);
        }
        let empty = Vec::new();
        let repaid: i64 =
            r.repayments.get(&l.id).unwrap_or(&empty).iter().filter(|(d, _)| *d <= as_of).map(|(_, f)| f).sum();
        let balance = l.amount_fen - repaid;
        let covered = r.extensions.get(&l.id).is_some_and(|e| e.iter().any(|(a, d)| *a <= as_of && as_of <= *d));
        let open = l.repaid_on.is_none_or(|d| d > as_of);
        let overdue = l.original_due_on < as_of && open && !covered;
        let share = banks.entry(l.bank.clone()).or_default();
        share.0 += balance;
        share.1 += if overdue { balance } else { 0 };
        if l.mode == LoanMode::EnterpriseUse {
            let until = l.repaid_on.filter(|d| *d <= as_of).unwrap_or(as_of).min(as_of).min(l.due_on);
            let owed = i64::from(returns_due(l.issued_on, until)) * l.yearly_return_fen.unwrap_or_default();
            let paid: i64 =
                r.returns.get(&l.id).unwrap_or(&Vec::new()).iter().filter(|(d, _)| *d <= as_of).map(|(_, f)| f).sum();
            late += u64::from(owed > paid);
        }
    }
    let subsidy = r
        .subsidies
        .iter()
        .filter(|(id, on, _)| within.contains(id) && *on >= start && *on <= as_of)
        .map(|(_, _, f)| f)
        .sum();
    let counts = [all.len(), by_mode[0].len(), by_mode[1].len()].map(|n| u64::try_from(n).unwrap_or_default());
    (lent, counts, banks, u64::try_from(ever.len()).unwrap_or_default(), subsidy, late)
}

fn served(f: &CreditFigures) -> Plain {
    let banks =
        f.overdue_by_bank.iter().map(|b| (b.name.clone(), (b.outstanding_fen.fen(), b.overdue_fen.fen()))).collect();
    (
        [f.household_use.amount_fen.fen(), f.enterprise_use.amount_fen.fen()],
        [f.new_households, f.household_use.households, f.enterprise_use.households],
        banks,
        f.borrowing_households,
        f.subsidy_paid_fen.fen(),
        f.returns_late,
    )
}

/// Month ends, mid-month days and the days around each dated record, 2019 to today.
fn dates(r: &Records) -> Vec<NaiveDate> {
    let mut dates = HashSet::new();
    let mut month = day(2019, 1, 1);
    while month <= today() {
        let next = month + Months::new(1);
        dates.extend([month, month + Duration::days(14), next - Duration::days(1)]);
        month = next;
    }
    let mut days: Vec<NaiveDate> = r.extensions.values().flatten().flat_map(|(a, d)| [*a, *d]).collect();
    days.extend(r.returns.values().flatten().map(|(d, _)| *d));
    days.extend(r.repayments.values().flatten().map(|(d, _)| *d));
    days.extend(r.loans.iter().flat_map(|l| [l.original_due_on, l.due_on, l.issued_on + Months::new(12)]));
    for d in days {
        dates.extend([d - Duration::days(1), d, d + Duration::days(1)]);
    }
    let mut dates: Vec<NaiveDate> = dates.into_iter().filter(|d| *d <= today() && d.year() >= 2019).collect();
    dates.sort_unstable();
    dates
}

#[tokio::test]
async fn the_figures_of_any_date_equal_a_plain_reading_of_the_records_after_writes_of_every_kind() {
    let app = TestApp::spawn_on(today()).await;
    let district = app.login("district").await;
    let mut draw = Draw(20_201_231);
    let writes = history(&district, &mut draw).await;
    assert!(writes > 60, "a long enough history: {writes} writes");

    let differences = tally::differences(&app.db).await.expect("differences");
    assert!(differences.is_empty(), "stored tallies differ from the records:\n{}", differences.join("\n"));

    let r = records(&app.db).await;
    let late_extensions = r
        .loans
        .iter()
        .filter(|l| {
            let agreed_late =
                |(a, _): &(NaiveDate, NaiveDate)| *a > l.original_due_on && l.repaid_on.is_none_or(|r| r > *a);
            r.extensions.get(&l.id).is_some_and(|e| e.iter().any(agreed_late))
        })
        .count();
    assert!(late_extensions > 0, "the history has an extension agreed after its loan fell due, still owed");
    let dates = dates(&r);
    assert!(dates.len() > 150, "{} dates", dates.len());
    // The township of 张村, whose subtree is asked too.
    let zhang = r.loans.first().expect("loans").township_id;
    let township = org_unit::Entity::find_by_id(zhang).one(&app.db).await.expect("unit").expect("township");
    let mut seen_overdue = false;
    let mut seen_late = false;
    for (k, as_of) in dates.into_iter().enumerate() {
        // The year of the date; every fifth date also the year before, read as it closed.
        let years = if k % 5 == 0 { vec![as_of.year(), as_of.year() - 1] } else { vec![as_of.year()] };
        for year in years {
            for (unit, path) in [(None, "/"), (Some(OrgUnitId(township.id)), township.path.as_str())] {
                let query = RatesQuery { year, as_of: Some(as_of), org_unit_id: unit };
                let f = district.credit_figures(&query).await.expect("figures");
                let expected = plain(&r, year, as_of, path);
                seen_overdue |= expected.2.values().any(|(_, overdue)| *overdue > 0);
                seen_late |= expected.5 > 0;
                assert_eq!(served(&f), expected, "{year} as of {as_of} under {path}");
            }
        }
    }
    assert!(seen_overdue && seen_late, "the history has overdue loans and late returns");
}

#[tokio::test]
async fn the_tallies_are_filled_from_the_records_when_found_empty_and_a_rebuild_changes_nothing() {
    let app = TestApp::spawn_on(today()).await;
    let district = app.login("district").await;
    let mut draw = Draw(7);
    history(&district, &mut draw).await;
    let query = RatesQuery { year: 2020, as_of: Some(day(2020, 11, 17)), org_unit_id: None };
    let before = district.credit_figures(&query).await.expect("figures");

    use sea_orm::ConnectionTrait;
    app.db.execute_unprepared("DELETE FROM credit_tally").await.expect("emptied");
    let emptied = district.credit_figures(&query).await.expect("figures");
    tally::fill_if_empty(&app.db).await.expect("filled");
    let filled = district.credit_figures(&query).await.expect("figures");

    assert_eq!(emptied.outstanding_fen, Fen::ZERO, "the figures come from the tallies");
    assert_eq!(filled, before);
    assert!(tally::differences(&app.db).await.expect("differences").is_empty());
}
