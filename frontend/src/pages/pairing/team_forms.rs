//! The work teams page's forms: a member's leave request, the official's decision on leave
//! waiting, and the team log with its entry form.

use jingzhun_shared::pairing::{AskLeave, CreateTeamLog, DecideLeave, LeaveDto, TeamLogDto, TeamLogQuery, WorkTeamDto};
use jingzhun_shared::{ClientError, LeaveRequestId, WorkTeamId};
use leptos::prelude::*;

use super::teams::today;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::T;
use crate::session::use_session;

type Entries = Vec<TeamLogDto>;

fn date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A select of the teams (shown when there is more than one).
#[component]
fn TeamPicker(teams: Vec<WorkTeamDto>, team: RwSignal<Option<WorkTeamId>>, id: &'static str) -> impl IntoView {
    (teams.len() > 1).then(|| view! {
        <div class="field"><label for=id><T zh="工作队" en="Team"/></label>
            <select id=id on:change=move |ev| team.set(event_target_value(&ev).parse().ok().map(WorkTeamId))>
                {teams.iter().map(|t| view! { <option value=t.id.0.to_string()>{t.village.name.clone()}</option> }).collect_view()}
            </select>
        </div>
    })
}

/// A member asks for leave from a day to a day.
#[component]
pub fn LeaveForm(teams: Vec<WorkTeamDto>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let team = RwSignal::new(teams.first().map(|t| t.id));
    let (from, to, reason) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let save = use_save(
        move |(id, body): (WorkTeamId, AskLeave)| async move { session.api().ask_leave(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            Some("请假申请已提交，待审批".to_owned())
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(id), Some(first), Some(last)) =
            (team.get_untracked(), date(&from.get_untracked()), date(&to.get_untracked()))
        else {
            save.errors.set([("from".to_owned(), vec!["请选择请假起止日期".to_owned()])].into_iter().collect());
            return;
        };
        save.dispatch((id, AskLeave { cadre_id: None, from: first, to: last, reason: reason.get_untracked() }));
    };
    view! {
        <details class="card leave-form"><summary><T zh="请假" en="Ask for leave"/></summary>
            <form class="form" on:submit=submit>
                <TeamPicker teams team id="leave-team"/>
                <Field label=("开始日期", "From") name="leave-from" value=from kind="date" error=save.field("from")/>
                <Field label=("结束日期", "To") name="leave-to" value=to kind="date" error=save.field("to")/>
                <Field label=("请假事由", "Reason") name="leave-reason" value=reason error=save.field("reason")/>
                <p class="form-error" role="alert">{move || save.summary()}</p>
                <button type="submit" class="primary" disabled=move || save.pending()><T zh="提交请假" en="Ask"/></button>
            </form>
        </details>
    }
}

/// Leave waiting for the official's decision.
#[component]
pub fn LeaveToDecide(waiting: Vec<LeaveDto>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let save = use_save(
        move |(id, body): (LeaveRequestId, DecideLeave)| async move { session.api().decide_leave(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    view! {
        <h2><T zh="待审批请假" en="Leave to decide"/></h2>
        {if waiting.is_empty() {
            view! { <p class="empty"><T zh="暂无待审批的请假" en="No leave waiting"/></p> }.into_any()
        } else {
            view! { <ul class="rows leave-waiting">{waiting.into_iter().map(|l| {
                let id = l.id;
                view! { <li class="row"><div class="grow">
                    <strong>{l.cadre_name.clone()}</strong>" · "{l.village.name.clone()}
                    <div class="muted small">{l.from.to_string()}" – "{l.to.to_string()}" · "{l.reason.clone()}</div>
                </div><div class="buttons">
                    <button type="button" class="primary approve" disabled=move || save.pending()
                        on:click=move |_| save.dispatch((id, DecideLeave { approve: true, note: None }))><T zh="批准" en="Approve"/></button>
                    <button type="button" class="refuse" disabled=move || save.pending()
                        on:click=move |_| save.dispatch((id, DecideLeave { approve: false, note: None }))><T zh="不批准" en="Refuse"/></button>
                </div></li> }
            }).collect_view()}</ul> }.into_any()
        }}
        <p class="form-error" role="alert">{move || save.summary()}</p>
    }
}

/// The latest entries of the team log and, for those who write, a new entry for today.
#[component]
pub fn TeamLog(teams: Vec<WorkTeamDto>, writes: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let team = RwSignal::new(teams.first().map(|t| t.id));
    let text = RwSignal::new(String::new());
    let entries = LocalResource::new(move || {
        reload.track();
        let team_id = team.get();
        async move {
            let query = TeamLogQuery { team_id, per_page: Some(20), ..Default::default() };
            Ok::<Entries, ClientError>(session.api().team_log(&query).await?.items)
        }
    });
    let save = use_save(
        move |(id, body): (WorkTeamId, CreateTeamLog)| async move { session.api().add_team_log(id, &body).await },
        move |_| {
            text.set(String::new());
            reload.update(|r| *r += 1);
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(id) = team.get_untracked() {
            save.dispatch((id, CreateTeamLog { date: today(), text: text.get_untracked() }));
        }
    };
    view! {
        <h2><T zh="工作日志" en="Team log"/></h2>
        <TeamPicker teams team id="log-team"/>
        {writes.then(|| view! {
            <form class="form team-log-form" on:submit=submit>
                <Field label=("今日工作", "Today's work") name="log-text" value=text error=save.field("text")/>
                <p class="form-error" role="alert">{move || save.summary()}</p>
                <button type="submit" disabled=move || save.pending()><T zh="记日志" en="Add entry"/></button>
            </form>
        })}
        <Loaded resource=entries children=move |entries: Entries| if entries.is_empty() {
            view! { <p class="empty"><T zh="暂无日志" en="No entry yet"/></p> }.into_any()
        } else {
            view! { <ul class="rows team-log">{entries.into_iter().map(|e| view! {
                <li class="row"><div class="grow"><div class="muted small">{e.date.to_string()}" · "{e.author.clone()}</div>
                    <p>{e.text.clone()}</p></div></li>
            }).collect_view()}</ul> }.into_any()
        }/>
    }
}
