//! Who may read what: every readable route of the OpenAPI document, as every role, for a record
//! in the caller's scope and one outside it, against one table of expectations; and a crawl
//! of everything `enterprise`, `auditor` and `cadre` can read for personal data (the cadre's
//! own household cards among them).

use std::collections::{BTreeMap, BTreeSet};

use jingzhun_shared::{Capability, Role};
use serde_json::Value;

use crate::api::privacy::{assert_no_personal_data, assert_no_personal_data_in_xlsx};
use crate::helpers::TestApp;

/// Who may call a route.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Who {
    /// Any logged-in user.
    User,
    /// Roles with this capability.
    Can(Capability),
    /// Roles that handle some stage of an application (whether this one's is theirs depends
    /// on where it stands).
    Stage,
    /// The household card: registry readers in their scope, and a cadre for the households it
    /// is responsible for (404 for any other).
    Card,
}

/// The one table: every GET route of the API with who may read it. A route the document
/// describes and this table lacks fails the test.
const READS: &[(&str, Who)] = &[
    ("/api/v1/auth/me", Who::User),
    ("/api/v1/org-units", Who::User),
    ("/api/v1/reports/annual?year=2020", Who::User),
    ("/api/v1/reports/annual.xlsx?year=2020", Who::User),
    ("/api/v1/org-units/{id}", Who::User),
    ("/api/v1/users", Who::Can(Capability::ManageUsers)),
    ("/api/v1/audit-events", Who::Can(Capability::ReadAudit)),
    ("/api/v1/households", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/households/{id}", Who::Card),
    ("/api/v1/households/{id}/members", Who::Card),
    ("/api/v1/households/{id}/income-records", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/households/import-progress/{token}", Who::User),
    ("/api/v1/households/import-template.xlsx", Who::Can(Capability::EditRegistry)),
    ("/api/v1/households/export.xlsx", Who::Can(Capability::ExportRegistry)),
    ("/api/v1/registry/overview", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/registry/changes?from=2020-08-01&to=2020-08-31", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/settings/poverty-lines", Who::User),
    ("/api/v1/applications", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/applications/{id}", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/applications/{id}/photos/{photo}", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/fund-batches", Who::Can(Capability::ReadFunds)),
    ("/api/v1/fund-batches/{id}", Who::Can(Capability::ReadFunds)),
    ("/api/v1/fund-batches/{id}/ledger.xlsx", Who::Can(Capability::ReadFunds)),
    ("/api/v1/projects", Who::Can(Capability::ReadFunds)),
    ("/api/v1/projects/{id}", Who::Can(Capability::ReadFunds)),
    ("/api/v1/projects/{id}/expenditures", Who::Can(Capability::ReadFunds)),
    ("/api/v1/expenditures/import-template.xlsx", Who::Can(Capability::EditFunds)),
    ("/api/v1/funds/rates?year=2020", Who::Can(Capability::ReadFunds)),
    ("/api/v1/funds/rates?year=2020&as_of=2020-09-30", Who::Can(Capability::ReadFunds)),
    ("/api/v1/funds/by-kind?year=2020", Who::Can(Capability::ReadFunds)),
    ("/api/v1/subsidy-menu", Who::Can(Capability::ReadFunds)),
    ("/api/v1/industry-subsidies", Who::Can(Capability::ReadFunds)),
    ("/api/v1/business-entities", Who::Can(Capability::ReadFunds)),
    ("/api/v1/business-entities/{id}", Who::Can(Capability::ReadFunds)),
    ("/api/v1/pv-stations", Who::Can(Capability::ReadFunds)),
    ("/api/v1/pv-stations/{id}", Who::Can(Capability::ReadFunds)),
    ("/api/v1/pv-stations/{id}/incomes", Who::Can(Capability::ReadFunds)),
    ("/api/v1/pv-stations/{id}/distributions", Who::Can(Capability::ReadFunds)),
    ("/api/v1/villages/{id}/pv-income?year=2020", Who::Can(Capability::ReadFunds)),
    ("/api/v1/industry/year-settings/{year}", Who::Can(Capability::ReadFunds)),
    ("/api/v1/asset-investments?year=2020", Who::Can(Capability::ReadFunds)),
    ("/api/v1/industry/summary?year=2020", Who::Can(Capability::ReadFunds)),
    ("/api/v1/housing-checks", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/housing-checks/{id}/photos/{photo}", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/housing-renovations", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/housing/figures?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/social-security/standards/{year}", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/assistance-payments?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/social-security/shortfalls?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/social-security/figures?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/ecology-compensations", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/ecology/figures?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/households/{id}/benefits", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/infrastructure/figures?year=2020", Who::Can(Capability::ReadFunds)),
    ("/api/v1/villages", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/villages/{id}/profiles", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/villages/{id}/profile-history", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/villages/{id}/exit-check?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/villages/{id}/exits", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/settings/village-exit", Who::User),
    ("/api/v1/student-aid", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/education/year-settings/{year}", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/education/figures?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/education/out-of-school?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/households/{id}/school-evidence?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/employments", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/employment-bases", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/trainings", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/transport-subsidies", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/trainings/import-template.xlsx", Who::Can(Capability::EditRegistry)),
    ("/api/v1/employments/import-template.xlsx", Who::Can(Capability::EditRegistry)),
    ("/api/v1/housing-checks/import-template.xlsx", Who::Can(Capability::EditRegistry)),
    ("/api/v1/ecology-compensations/import-template.xlsx", Who::Can(Capability::EditRegistry)),
    ("/api/v1/housing-renovations/import-template.xlsx", Who::Can(Capability::EditRegistry)),
    ("/api/v1/assistance-payments/import-template.xlsx", Who::Can(Capability::EditRegistry)),
    ("/api/v1/transport-subsidies/import-template.xlsx", Who::Can(Capability::EditRegistry)),
    ("/api/v1/employment/figures?year=2020", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/loans", Who::Can(Capability::ReadFunds)),
    ("/api/v1/loans/{id}", Who::Can(Capability::ReadFunds)),
    ("/api/v1/loans/ledger.xlsx", Who::Can(Capability::ReadFunds)),
    ("/api/v1/loans/import-template.xlsx", Who::Can(Capability::EditFunds)),
    ("/api/v1/interest-subsidy-batches/{id}/ledger.xlsx", Who::Can(Capability::ReadFunds)),
    ("/api/v1/loans/{id}/interest-subsidy?from=2020-01-01&to=2020-04-01", Who::Can(Capability::ReadFunds)),
    ("/api/v1/interest-subsidy-batches", Who::Can(Capability::ReadFunds)),
    ("/api/v1/interest-subsidy-batches/{id}", Who::Can(Capability::ReadFunds)),
    ("/api/v1/interest-subsidy-batches/{id}/lines", Who::Can(Capability::ReadFunds)),
    ("/api/v1/credit-plans", Who::Can(Capability::ReadFunds)),
    ("/api/v1/risk-fund", Who::Can(Capability::ReadFunds)),
    ("/api/v1/credit/figures?year=2020", Who::Can(Capability::ReadFunds)),
    ("/api/v1/health-claims", Who::Can(Capability::ReadHealth)),
    ("/api/v1/health-claims/{id}", Who::Can(Capability::ReadHealth)),
    ("/api/v1/health-claims/import-template.xlsx", Who::Can(Capability::EditHealth)),
    ("/api/v1/health-claims/ledger.xlsx?year=2020", Who::Can(Capability::ReadHealth)),
    ("/api/v1/health-claims/{id}/history", Who::Can(Capability::ReadHealth)),
    ("/api/v1/health-settings/{year}", Who::Can(Capability::ReadHealthFigures)),
    ("/api/v1/health/figures?year=2020", Who::Can(Capability::ReadHealthFigures)),
    ("/api/v1/health/figures?year=2020&as_of=2020-09-30", Who::Can(Capability::ReadHealthFigures)),
    ("/api/v1/households/{id}/health-totals?year=2020", Who::Can(Capability::ReadHealthTotals)),
    ("/api/v1/doctor-signings", Who::Can(Capability::ReadHealth)),
    ("/api/v1/premium-subsidies", Who::Can(Capability::ReadHealth)),
    ("/api/v1/health/people?q=汪", Who::Can(Capability::ReadHealth)),
    ("/api/v1/enterprises", Who::Can(Capability::ReadPairing)),
    ("/api/v1/pairings", Who::Can(Capability::ReadPairing)),
    ("/api/v1/assistance-logs", Who::Can(Capability::ReadPairing)),
    ("/api/v1/assistance-logs/{id}/photos/{photo}", Who::Can(Capability::ReadPairing)),
    ("/api/v1/donations", Who::Can(Capability::ReadPairing)),
    ("/api/v1/pairing/figures?year=2020", Who::Can(Capability::ReadPairing)),
    ("/api/v1/cadres", Who::Can(Capability::ReadCadres)),
    ("/api/v1/cadre-pairings", Who::Can(Capability::ReadCadres)),
    ("/api/v1/visits", Who::Can(Capability::ReadCadres)),
    ("/api/v1/visits/coverage?month=2020-09", Who::Can(Capability::ReadCadres)),
    ("/api/v1/assistance-plans", Who::Can(Capability::ReadCadres)),
    ("/api/v1/work-teams", Who::Can(Capability::ReadCadres)),
    ("/api/v1/work-teams/attendance", Who::Can(Capability::ReadCadres)),
    ("/api/v1/work-teams/leave", Who::Can(Capability::ReadCadres)),
    ("/api/v1/work-teams/log", Who::Can(Capability::ReadCadres)),
    ("/api/v1/work-teams/rates?month=2020-09", Who::Can(Capability::ReadCadres)),
    ("/api/v1/inspections", Who::Can(Capability::ReadRectification)),
    ("/api/v1/problems", Who::Can(Capability::ReadRectification)),
    ("/api/v1/problems/{id}", Who::Can(Capability::ReadRectification)),
    ("/api/v1/problems/{id}/measures", Who::Can(Capability::ReadRectification)),
    ("/api/v1/attachments/{id}", Who::User),
    ("/api/v1/households/{id}/attachments", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/households/{id}/dossier.zip", Who::Can(Capability::ReadRegistry)),
    ("/api/v1/projects/{id}/attachments", Who::Can(Capability::ReadFunds)),
    ("/api/v1/projects/{id}/dossier.zip", Who::Can(Capability::ReadFunds)),
    ("/api/v1/problems/{id}/attachments", Who::Can(Capability::ReadRectification)),
    ("/api/v1/problems/{id}/dossier.zip", Who::Can(Capability::ReadRectification)),
    ("/api/v1/accountability", Who::Can(Capability::ReadRectification)),
    ("/api/v1/oversight/board", Who::Can(Capability::ReadRectification)),
    ("/api/v1/oversight/figures?year=2020", Who::Can(Capability::ReadRectification)),
    ("/api/v1/oversight/figures?year=2020&as_of=2020-09-30", Who::Can(Capability::ReadRectification)),
    ("/api/v1/warnings", Who::Can(Capability::ReadWarnings)),
    ("/api/v1/warnings/figures?year=2020", Who::Can(Capability::ReadWarnings)),
    ("/api/v1/warnings/figures?year=2020&as_of=2020-09-30", Who::Can(Capability::ReadWarnings)),
    ("/api/v1/warning-settings/{year}", Who::Can(Capability::ReadWarnings)),
    ("/api/v1/disaster-reports", Who::Can(Capability::ReadWarnings)),
];

/// Demo accounts by role.
pub(super) const ACCOUNTS: [(&str, Role); 8] = [
    ("admin", Role::Admin),
    ("district", Role::DistrictOfficial),
    ("township", Role::TownshipOfficial),
    ("clerk", Role::VillageClerk),
    ("health", Role::HealthOfficer),
    ("enterprise", Role::Enterprise),
    ("auditor", Role::Auditor),
    ("cadre", Role::Cadre),
];

/// An id no record has.
pub(super) const MISSING: i64 = 2_147_483_000;

pub(super) struct Caller {
    pub(super) role: Role,
    pub(super) token: String,
}

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Vec<u8>) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("server answers");
    let status = response.status().as_u16();
    (status, response.bytes().await.map(|b| b.to_vec()).unwrap_or_default())
}

/// The ids listed at `list` for `token`, or none when the caller may not list it.
async fn listed(app: &TestApp, token: &str, list: &str) -> Vec<i64> {
    let (status, body) = get(app, token, &format!("{list}?per_page=200")).await;
    if status != 200 {
        return Vec::new();
    }
    let value: Value = serde_json::from_slice(&body).unwrap_or_default();
    let items = match &value {
        Value::Object(page) => page.get("items").and_then(Value::as_array).cloned().unwrap_or_default(),
        _ => Vec::new(),
    };
    items.iter().filter_map(|item| item.get("id").and_then(Value::as_i64)).collect()
}

/// For an item route, a record the clerk's village holds (or, failing that, the township's or
/// the district's) and one outside the township; [`MISSING`] where there is none.
pub(super) async fn scoped_ids(app: &TestApp, callers: &BTreeMap<&str, Caller>, path: &str) -> (i64, i64) {
    let token = |name: &str| callers.get(name).map(|c| c.token.clone()).unwrap_or_default();
    if path.starts_with("/api/v1/org-units/") {
        let units = |api: jingzhun_shared::Api| async move {
            api.org_tree().await.map(|t| t.flatten().iter().map(|u| u.id.0).collect::<Vec<_>>()).unwrap_or_default()
        };
        let clerk = units(app.api.with_token(token("clerk"))).await;
        let township = units(app.api.with_token(token("township"))).await;
        let admin = units(app.api.with_token(token("admin"))).await;
        let out = admin.iter().find(|id| !township.contains(id)).copied().unwrap_or(MISSING);
        return (clerk.last().copied().unwrap_or(MISSING), out);
    }
    if path.starts_with("/api/v1/members/") {
        // Members have no list of their own: the first member of a household on each side.
        let (inside, outside) = inside_and_outside(app, &token, "/api/v1/households").await;
        let first = async |household: i64| {
            let members = listed(app, &token("admin"), &format!("/api/v1/households/{household}/members")).await;
            members.first().copied().unwrap_or(MISSING)
        };
        return (first(inside).await, first(outside).await);
    }
    let list = path.split(['{', '?']).next().unwrap_or(path).trim_end_matches('/');
    inside_and_outside(app, &token, list).await
}

/// The first record at `list` the clerk (or, failing that, the township or the district) sees,
/// and one neither the township nor the clerk sees.
async fn inside_and_outside(app: &TestApp, token: &impl Fn(&str) -> String, list: &str) -> (i64, i64) {
    let admin = listed(app, &token("admin"), list).await;
    let township = listed(app, &token("township"), list).await;
    let clerk = listed(app, &token("clerk"), list).await;
    let inside = clerk.first().or(township.first()).or(admin.first()).copied().unwrap_or(MISSING);
    let outside = admin.iter().find(|id| !township.contains(id) && !clerk.contains(id)).copied().unwrap_or(MISSING);
    (inside, outside)
}

pub(super) fn permitted(who: Who, role: Role) -> bool {
    match who {
        Who::User => true,
        Who::Can(capability) => role.can(capability),
        Who::Stage => jingzhun_shared::ApplicationStage::ALL.iter().any(|s| s.handled_by(role)),
        Who::Card => role.can(Capability::ReadRegistry) || role == Role::Cadre,
    }
}

/// The households the demo `cadre` is responsible for.
pub(super) async fn cadre_households(app: &TestApp, callers: &BTreeMap<&str, Caller>) -> Vec<i64> {
    let token = callers.get("cadre").map(|c| c.token.clone()).unwrap_or_default();
    let (_, body) = get(app, &token, "/api/v1/cadre-pairings?per_page=200").await;
    let value: Value = serde_json::from_slice(&body).unwrap_or_default();
    let items = value.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
    items.iter().filter_map(|item| item.get("household_id").and_then(Value::as_i64)).collect()
}

/// What `role` should get for a record `inside` its scope or not.
fn expected(who: Who, role: Role, id: Option<i64>, inside: bool) -> u16 {
    if !permitted(who, role) {
        return 403;
    }
    match id {
        None => 200,
        Some(MISSING) => 404,
        Some(_) if inside => 200,
        Some(_) => match role {
            Role::VillageClerk | Role::TownshipOfficial => 404,
            _ => 200,
        },
    }
}

/// Every demo account logged in.
pub(super) async fn callers(app: &TestApp) -> BTreeMap<&'static str, Caller> {
    let mut callers = BTreeMap::new();
    for (name, role) in ACCOUNTS {
        let api = app.login(name).await;
        callers.insert(name, Caller { role, token: api.token().unwrap_or_default().to_owned() });
    }
    callers
}

#[tokio::test]
async fn every_role_reads_exactly_what_the_table_allows_in_and_out_of_scope() {
    let app = TestApp::spawn_full().await;
    let callers = callers(&app).await;
    let doc = app.api.openapi().await.expect("document");
    let described: BTreeSet<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(_, item)| item.get("get").is_some())
        .map(|(path, _)| path.clone())
        .filter(|path| path.starts_with("/api/v1/") && path != "/api/v1/openapi.json")
        .collect();
    // A row may add the query a route needs (`?year=`); the route is the part before it.
    let table: BTreeSet<String> =
        READS.iter().map(|(path, _)| path.split('?').next().unwrap_or(path).to_owned()).collect();
    let missing: Vec<_> = described.difference(&table).collect();
    assert!(missing.is_empty(), "GET routes the access table does not cover: {missing:?}");
    let stale: Vec<_> = table.difference(&described).collect();
    assert!(stale.is_empty(), "access table rows for routes that do not exist: {stale:?}");

    let own = cadre_households(&app, &callers).await;
    assert!(!own.is_empty(), "the demo cadre is responsible for households");
    let mut wrong = Vec::new();
    let mut both_sides = 0;
    for (path, who) in READS {
        // Routes of a record within a record (a photo of an application) are asked for one that
        // does not exist: 403 without the right, 404 with it; `notice_photos` reads real ones.
        let cases: Vec<(Option<i64>, bool)> = if path.contains("{token}") || path.contains("{photo}") {
            vec![(Some(MISSING), true)]
        } else if path.contains("{id}") {
            let (inside, outside) = scoped_ids(&app, &callers, path).await;
            both_sides += usize::from(inside != MISSING && outside != MISSING);
            let mut cases = vec![(Some(inside), true), (Some(outside), false)];
            if *who == Who::Card {
                cases.push((Some(own[0]), true));
            }
            cases
        } else {
            vec![(None, true)]
        };
        for (id, inside) in cases {
            let url = match id {
                Some(id) => path
                    .replace("{id}", &id.to_string())
                    .replace("{token}", "no-such-import")
                    .replace("{photo}", &MISSING.to_string()),
                None => path.replace("{year}", "2020"),
            };
            for caller in callers.values() {
                let want = match (who, caller.role, id) {
                    (Who::Card, Role::Cadre, Some(id)) => {
                        if own.contains(&id) {
                            200
                        } else {
                            404
                        }
                    }
                    _ => expected(*who, caller.role, id, inside),
                };
                let (got, _) = get(&app, &caller.token, &url).await;
                if got != want {
                    wrong.push(format!("{:?} GET {url}: {got}, expected {want}", caller.role));
                }
            }
        }
    }
    assert!(both_sides >= 8, "only {both_sides} item routes had a record on each side of the scope");
    assert!(wrong.is_empty(), "{} answers differ from the table:\n{}", wrong.len(), wrong.join("\n"));
}

#[tokio::test]
async fn nothing_the_enterprise_the_auditor_or_the_cadre_can_read_holds_personal_data() {
    let app = TestApp::spawn_full().await;
    crate::api::privacy::leave_personal_data_in_the_trail(&app).await;
    crate::api::health::leave_a_claim_in_the_trail(&app).await;
    let callers = callers(&app).await;
    // The cadre's own households, whose cards it opens: the crawl reads every one of them.
    let own = cadre_households(&app, &callers).await;
    let mut read = 0;
    for name in ["enterprise", "auditor", "cadre"] {
        let Some(caller) = callers.get(name) else { continue };
        for (path, who) in READS {
            if !permitted(*who, caller.role) {
                continue;
            }
            let urls: Vec<String> = if path.contains("{id}") {
                let (inside, outside) = scoped_ids(&app, &callers, path).await;
                let mut ids = vec![inside, outside];
                if *who == Who::Card && caller.role == Role::Cadre {
                    ids.extend(own.iter().copied());
                }
                ids.iter().map(|id| path.replace("{id}", &id.to_string())).collect()
            } else {
                vec![(*path).to_owned()]
            };
            for url in urls {
                read += crawl(&app, &caller.token, &url, name).await;
            }
        }
    }
    assert!(read >= 20 + 2 * own.len(), "the crawl read {read} answers");
}

/// Reads `url` (every page of a list) as `token`, asserting no answer holds personal data;
/// the number of answers read.
async fn crawl(app: &TestApp, token: &str, url: &str, who: &str) -> usize {
    if url.ends_with(".xlsx") {
        let (status, body) = get(app, token, url).await;
        if status == 200 {
            assert_no_personal_data_in_xlsx(&body, url);
        }
        return usize::from(status == 200);
    }
    let mut read = 0;
    for page in 1..=50 {
        let joiner = if url.contains('?') { '&' } else { '?' };
        let (status, body) = get(app, token, &format!("{url}{joiner}page={page}&per_page=200")).await;
        if status != 200 {
            break;
        }
        read += 1;
        let value: Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_no_personal_data(&value, &format!("{who} {url} page {page}"));
        crate::api::health::assert_no_health_data(&value, &format!("{who} {url} page {page}"));
        if value.get("items").and_then(Value::as_array).map_or(0, Vec::len) < 200 {
            break;
        }
    }
    read
}
