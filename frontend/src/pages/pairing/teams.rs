//! The work teams page (驻村工作队), phone first: a team member marks today's attendance in one
//! tap and asks for leave; the clerk marks a member for them; officials approve or refuse
//! leave; the district sets up teams;
//! everybody reading sees the
//! month's attendance rate per team (cards on a phone, a table on a desktop) and the team log.

use std::sync::Arc;

use jingzhun_shared::pairing::{
    AttendanceQuery, LeaveDto, LeaveQuery, LeaveStatus, MarkAttendance, TeamRate, TeamRateQuery, TeamRates,
    WorkTeamDto, WorkTeamQuery,
};
use jingzhun_shared::{Capability, ClientError, PageQuery, WorkTeamId};
use leptos::prelude::*;

use super::team_forms::{LeaveForm, LeaveToDecide, TeamLog};
use super::team_mark::MarkForMember;
use super::team_setup::TeamSetup;
use crate::components::field::Field;
use crate::components::list::{Column, List, SortKey};
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::T;
use crate::session::use_session;

pub(super) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The teams reached, the teams the caller marked today and leave waiting.
type Data = (Vec<WorkTeamDto>, Vec<WorkTeamId>, Vec<LeaveDto>);

#[component]
pub fn WorkTeamsPage() -> impl IntoView {
    let session = use_session();
    let user = session.user();
    let own_cadre = user.as_ref().and_then(|u| u.cadre_id);
    let approves = user.as_ref().is_some_and(|u| u.role.can(Capability::ApproveLeave));
    let writes = user.as_ref().is_some_and(|u| u.role.can(Capability::RecordAttendance));
    let manages = user.as_ref().is_some_and(|u| u.role.can(Capability::ManageCadres));
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        async move {
            let api = session.api();
            let all = Some(PageQuery::MAX_PER_PAGE);
            let teams = api.work_teams(&WorkTeamQuery { per_page: all, ..Default::default() }).await?.items;
            let mut marked = Vec::new();
            if own_cadre.is_some() {
                let query = AttendanceQuery { cadre_id: own_cadre, per_page: all, ..Default::default() };
                let days = api.team_attendance(&query).await?.items;
                marked = days.into_iter().filter(|d| d.date == today()).map(|d| d.team_id).collect();
            }
            let mut waiting = Vec::new();
            if approves {
                let query = LeaveQuery { status: Some(LeaveStatus::Pending), per_page: all, ..Default::default() };
                waiting = api.leave_requests(&query).await?.items;
            }
            Ok::<Data, ClientError>((teams, marked, waiting))
        }
    });
    view! {
        <section class="page work-teams">
            <h1><T zh="驻村工作队" en="Work teams"/></h1>
            <Loaded resource=data children=move |(teams, marked, waiting): Data| view! {
                {own_cadre.is_some().then(|| view! {
                    <MyTeams teams=teams.clone() marked reload/>
                    {(!teams.is_empty()).then(|| view! { <LeaveForm teams=teams.clone() reload/> })}
                })}
                {(writes && own_cadre.is_none() && !teams.is_empty()).then(|| view! {
                    <MarkForMember teams=teams.clone() reload/>
                })}
                {approves.then(|| view! { <LeaveToDecide waiting reload/> })}
                {manages.then(|| view! { <TeamSetup teams=teams.clone() reload/> })}
            }/>
            <Rates reload/>
            <Loaded resource=data children=move |(teams, _, _): Data| {
                (!teams.is_empty()).then(|| view! { <TeamLog teams writes reload/> })
            }/>
        </section>
    }
}

/// The caller's teams, each with the one-tap button for today.
#[component]
fn MyTeams(teams: Vec<WorkTeamDto>, marked: Vec<WorkTeamId>, reload: RwSignal<u32>) -> impl IntoView {
    if teams.is_empty() {
        return view! { <p class="empty"><T zh="您尚未编入驻村工作队" en="You are on no work team"/></p> }.into_any();
    }
    view! { <div class="my-teams">{teams.into_iter().map(|t| {
        let done = marked.contains(&t.id);
        view! { <MyTeam team=t done reload/> }
    }).collect_view()}</div> }
    .into_any()
}

#[component]
fn MyTeam(team: WorkTeamDto, done: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let save = use_save(
        move |id: WorkTeamId| async move {
            session.api().mark_attendance(id, &MarkAttendance { cadre_id: None, date: today() }).await
        },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let id = team.id;
    let names: Vec<String> =
        team.members.iter().map(|m| if m.leader { format!("{}（队长）", m.name) } else { m.name.clone() }).collect();
    view! {
        <div class="card my-team">
            <p class="big">{team.village.name.clone()}<T zh=" 驻村工作队" en=" work team"/></p>
            <p class="muted small">{names.join("、")}</p>
            {if done {
                view! { <p><span class="badge ok checked-in"><T zh="今日已在岗签到" en="At the post today"/></span></p> }.into_any()
            } else {
                view! { <button type="button" class="primary check-in" disabled=move || save.pending()
                    on:click=move |_| save.dispatch(id)><T zh="今日在岗签到" en="At the post today"/></button> }.into_any()
            }}
            <p class="form-error" role="alert">{move || save.summary()}</p>
        </div>
    }
}

/// The month's rate per team, the month chosen above the table.
#[component]
fn Rates(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let this_month = today().format("%Y-%m").to_string();
    let month = RwSignal::new(this_month.clone());
    // A month half typed asks nothing new: the table stays on this month until it is whole.
    let valid = Memo::new(move |_| {
        let text = month.get().trim().to_owned();
        let whole = chrono::NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").is_ok();
        if whole { text } else { this_month.clone() }
    });
    let rates = LocalResource::new(move || {
        reload.track();
        let month = valid.get();
        async move { session.api().team_rates(&TeamRateQuery { month: Some(month), org_unit: None }).await }
    });
    view! {
        <h2><T zh="出勤率" en="Attendance rate"/></h2>
        <Field label=("统计月份（YYYY-MM）", "Month (YYYY-MM)") name="rate-month" value=month inputmode="numeric"/>
        <Loaded resource=rates children=move |rates: TeamRates| view! {
            <List items=rates.teams class="team-rates" columns=columns()
                card=Arc::new(rate_card) empty=("暂无工作队", "No work team")/>
        }/>
    }
}

fn percent(rate: Option<i64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |bp| format!("{}.{:02}%", bp / 100, bp % 100))
}

fn rate_card(r: TeamRate) -> AnyView {
    view! { <div class="grow">
        <strong>{r.village.name.clone()}</strong>
        <div class="muted small">{r.members}<T zh=" 人 · 在岗 " en=" people · present "/>{r.present_days}
            " / "{r.expected_days}<T zh=" 天" en=" days"/></div>
    </div><span class="amount team-rate">{percent(r.rate_bp)}</span> }
    .into_any()
}

fn columns() -> Vec<Column<TeamRate>> {
    vec![
        Column::new(("村", "Village"), |r: &TeamRate| r.village.name.clone().into_any())
            .sort(|r| SortKey::Text(r.village.name.clone())),
        Column::new(("队员", "Members"), |r: &TeamRate| r.members.into_any()),
        Column::new(("在岗天数", "Days present"), |r: &TeamRate| r.present_days.into_any()),
        Column::new(("应在岗天数", "Days expected"), |r: &TeamRate| r.expected_days.into_any()),
        Column::new(("出勤率", "Rate"), |r: &TeamRate| percent(r.rate_bp).into_any())
            .sort(|r| SortKey::Number(r.rate_bp.unwrap_or(-1))),
    ]
}
