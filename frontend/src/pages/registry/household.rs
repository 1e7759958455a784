//! The household card: members (numbers masked or not, as the server decides for the role;
//! those who left apart), the category's history, income by year against the poverty line, the
//! history of its applications, monitoring, what it has received, and the forms of those who
//! may write. A cadre opens the card of its own households without the registry's other
//! records (income, applications, benefits, files): members masked, its visits and plan.

use jingzhun_shared::PageQuery;
use jingzhun_shared::applications::{ApplicationDto, ApplicationQuery, StepRecords};
use jingzhun_shared::registry::{HouseholdDto, IncomeRecordDto};
use jingzhun_shared::{ApplicationKind, ApplicationStatus, Capability, ClientError, HouseholdId, HouseholdStatus};
use leptos::prelude::*;

use crate::components::loaded::Loaded;
use crate::components::photos::NoticePhotos;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::pages::registry::benefits::Benefits;
use crate::pages::registry::category::{CategoryForm, CategoryHistory};
use crate::pages::registry::household_forms::{AddMemberForm, EntryForm, ExitForm, IncomeForm};
use crate::pages::registry::households::status_badge;
use crate::pages::registry::members::Members;
use crate::pages::registry::monitoring::Monitoring;
use crate::session::use_session;

type Card = (HouseholdDto, Vec<IncomeRecordDto>, Vec<ApplicationDto>);

#[component]
pub fn HouseholdPage() -> impl IntoView {
    let session = use_session();
    let id = route_id(HouseholdId);
    let reload = RwSignal::new(0u32);
    let registry = session.user().is_some_and(|u| u.role.can(Capability::ReadRegistry));
    let card = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            let api = session.api();
            let id = id.ok_or_else(|| ClientError::Decode("bad id".into()))?;
            let household = api.household(id).await?;
            if !registry {
                return Ok::<Card, ClientError>((household, Vec::new(), Vec::new()));
            }
            let income =
                api.income_records(id, &PageQuery { per_page: Some(PageQuery::MAX_PER_PAGE), page: None }).await?.items;
            let apps = api.applications(&ApplicationQuery { household_id: Some(id), ..Default::default() }).await?;
            Ok::<Card, ClientError>((household, income, apps.items))
        }
    });
    view! {
        <section class="page">
            <Loaded resource=card children=move |(h, income, apps): Card| view! { <CardView h income apps reload/> }/>
        </section>
    }
}

#[component]
fn CardView(
    h: HouseholdDto,
    income: Vec<IncomeRecordDto>,
    apps: Vec<ApplicationDto>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let role = use_session().user().map(|u| u.role);
    let writes = role.is_some_and(|r| r.can(Capability::EditRegistry));
    let registry = role.is_some_and(|r| r.can(Capability::ReadRegistry));
    let may_apply = role.is_some_and(|r| r.can(Capability::FileApplication))
        && apps.iter().all(|a| a.status != ApplicationStatus::InProgress);
    let latest_year = income.first().map(|r| r.year).filter(|_| may_apply);
    let (id, status) = (h.id, h.status);
    view! {
        <Header h=h.clone()/>
        <CategoryHistory history=h.category_history.clone()/>
        {writes.then(|| view! { <CategoryForm household=h.clone() reload/> })}
        <Members h=h.clone() writes reload/>
        {registry.then(|| view! { <Income income/><Applications apps/> })}
        <Monitoring household_id=h.id periods=h.monitoring.clone() reload/>
        {registry.then(|| view! { <Benefits household_id=h.id writes/> })}
        <crate::pages::credit::HouseholdLoans household_id=h.id/>
        <crate::pages::pairing::HouseholdPairing household_id=h.id/>
        <crate::pages::pairing::HouseholdPlan household_id=h.id/>
        <crate::pages::health::HouseholdHealth household_id=h.id/>
        {registry.then(|| view! { <HouseholdFiles household_id=h.id.0 writes/> })}
        {writes.then(|| view! {
            <AddMemberForm household_id=h.id reload/>
            <IncomeForm household_id=h.id reload/>
        })}
        {latest_year.map(|year| match status {
            HouseholdStatus::Registered => view! { <ExitForm household_id=id year reload/> }.into_any(),
            HouseholdStatus::Pending => view! { <EntryForm household_id=id kind=ApplicationKind::Entry year reload/> }.into_any(),
            HouseholdStatus::Exited => view! { <EntryForm household_id=id kind=ApplicationKind::Return year reload/> }.into_any(),
            HouseholdStatus::Removed => ().into_any(),
        })}
    }
}

#[component]
fn Header(h: HouseholdDto) -> impl IntoView {
    let i18n = use_i18n();
    let head = h.members.iter().find(|m| Some(m.id) == h.head_member_id).map(|m| m.name.clone()).unwrap_or_default();
    let category = h.category;
    let monitored = h.monitoring.iter().find(|m| m.cleared_on.is_none()).map(|m| m.kind);
    view! {
        <div class="card">
            <p class="big">{head}" "{status_badge(i18n, h.status)}
                {monitored.map(|kind| view! { " "<span class="badge warn">{move || i18n.label(kind)}</span> })}
                <crate::pages::warnings::HouseholdWarnings household_id=h.id/></p>
            <p class="muted">{h.number.clone()}" · "{h.village.name.clone()}" · "{move || i18n.label(category)}
                " · "<span class="household-people">{h.people}</span><T zh=" 人" en=" people"/>
                {h.exit_year.map(|y| format!(" · {y}"))}</p>
        </div>
    }
}

#[component]
fn Income(income: Vec<IncomeRecordDto>) -> impl IntoView {
    let rows = income.into_iter().map(|r| {
        let line = r.poverty_line_fen.map(|l| l.to_yuan_string()).unwrap_or_else(|| "—".into());
        let below = r.above_line == Some(false);
        view! { <li class="row"><div>
            <strong>{r.year}</strong>" "
            <T zh="人均纯收入 " en="Per capita "/>{r.per_capita_net_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/>
            <div class="muted small"><T zh="贫困线 " en="Line "/>{line}" · "{r.members}<T zh=" 人" en=" people"/></div>
        </div><span class=if below { "badge warn" } else { "badge ok" }>{if below { "↓" } else { "↑" }}</span></li> }
    });
    let rows = rows.collect::<Vec<_>>();
    view! {
        <h2><T zh="年度收入" en="Income by year"/></h2>
        {if rows.is_empty() {
            view! { <p class="empty"><T zh="尚无收入记录" en="No income recorded"/></p> }.into_any()
        } else {
            view! { <ul class="rows">{rows}</ul> }.into_any()
        }}
    }
}

/// What a step recorded, as the card shows it: the comparison, the notice's days, the exit's
/// verification and acknowledgement.
fn records_text(r: &StepRecords) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &r.comparison {
        let sources: Vec<&str> = c.sources.iter().map(|s| s.zh()).collect();
        let outcome = if c.passed { "通过" } else { "未通过" };
        parts.push(format!("比对 {}：{outcome}，{}", sources.join("、"), c.finding));
    }
    if let Some(n) = &r.notice {
        parts.push(format!("公示 {} 至 {}", n.start_on, n.end_on));
    }
    if let Some(v) = &r.verification {
        parts.push(format!(
            "{} 由 {} 核实：{}；{} 本户签字认可",
            v.verified_on, v.verified_by, v.finding, v.acknowledged_on
        ));
    }
    parts.join("；")
}

#[component]
fn Applications(apps: Vec<ApplicationDto>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = apps.into_iter().map(|a| {
        let (kind, stage, status, id) = (a.kind, a.stage, a.status, a.id);
        view! { <li class="row"><div>
            <strong>{move || i18n.label(kind)}</strong>" · "{move || i18n.label(stage)}" · "{move || i18n.label(status)}
            <ol class="history small muted">{a.history.into_iter().map(|s| {
                let stage = s.stage;
                let records = records_text(&s.records);
                view! { <li>{s.on.to_string()}" "{move || i18n.label(stage)}" · "{s.username}{s.note.map(|n| format!(" · {n}"))}
                    {(!records.is_empty()).then(|| view! { <br/><span class="records">{records}</span> })}</li> }
            }).collect_view()}</ol>
            <NoticePhotos id photos=a.photos/>
        </div></li> }
    });
    let rows = rows.collect::<Vec<_>>();
    view! {
        <h2><T zh="识别退出记录" en="Applications"/></h2>
        {if rows.is_empty() {
            view! { <p class="empty"><T zh="暂无申请" en="No applications"/></p> }.into_any()
        } else {
            view! { <ul class="rows">{rows}</ul> }.into_any()
        }}
    }
}

/// The household's files (公示照片, 脱贫确认书, documents): the list and the evidence pack for
/// readers, and for writers a camera upload of a notice photo and an acknowledgement upload.
#[component]
fn HouseholdFiles(household_id: i64, writes: bool) -> impl IntoView {
    use crate::components::attachments::{AttachmentList, AttachmentUpload};
    use jingzhun_shared::attachments::{Owner, RecordType};
    let files = RwSignal::new(0u32);
    view! {
        <h2><T zh="档案材料" en="Files"/></h2>
        <AttachmentList owner=Owner::Household id=household_id reload=files/>
        {writes.then(|| view! {
            <AttachmentUpload record_type=RecordType::Notice record_id=household_id reload=files/>
            <AttachmentUpload record_type=RecordType::ExitAcknowledgement record_id=household_id reload=files/>
        })}
    }
}
