//! The clerk (or an official) marks a team member at the post for them (代为签到): the team, the
//! member, the day (today unless changed, never after it); a second mark of the same day is
//! refused by the server with its message.

use jingzhun_shared::pairing::{MarkAttendance, WorkTeamDto};
use jingzhun_shared::{CadreId, WorkTeamId};
use leptos::prelude::*;

use super::teams::today;
use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::T;
use crate::session::use_session;

#[component]
pub fn MarkForMember(teams: Vec<WorkTeamDto>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let teams = StoredValue::new(teams);
    let team = RwSignal::new(teams.with_value(|t| t.first().map(|t| t.id)));
    let member = RwSignal::new(None::<CadreId>);
    let day = RwSignal::new(today().to_string());
    let save = use_save(
        move |(id, body): (WorkTeamId, MarkAttendance)| async move { session.api().mark_attendance(id, &body).await },
        move |marked| {
            reload.update(|r| *r += 1);
            Some(format!("已为 {} 登记 {} 在岗", marked.cadre_name, marked.date))
        },
    );
    let members = move || {
        let id = team.get();
        teams.with_value(|all| all.iter().find(|t| Some(t.id) == id).map(|t| t.members.clone()).unwrap_or_default())
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = chrono::NaiveDate::parse_from_str(day.get_untracked().trim(), "%Y-%m-%d");
        match (team.get_untracked(), member.get_untracked(), date) {
            (Some(id), Some(cadre), Ok(date)) => save.dispatch((id, MarkAttendance { cadre_id: Some(cadre), date })),
            (_, None, _) => {
                save.errors.set([("cadre_id".to_owned(), vec!["请选择队员".to_owned()])].into_iter().collect())
            }
            _ => save.errors.set([("date".to_owned(), vec!["请选择日期".to_owned()])].into_iter().collect()),
        }
    };
    view! {
        <details class="card mark-for-member"><summary><T zh="代队员签到" en="Mark a member at the post"/></summary>
            <form class="form" on:submit=submit>
                {teams.with_value(|all| (all.len() > 1).then(|| view! {
                    <div class="field"><label for="mark-team"><T zh="工作队" en="Team"/></label>
                        <select id="mark-team" on:change=move |ev| {
                            team.set(event_target_value(&ev).parse().ok().map(WorkTeamId));
                            member.set(None);
                        }>
                            {all.iter().map(|t| view! { <option value=t.id.0.to_string()>{t.village.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                }))}
                <div class="field"><label for="mark-member"><T zh="队员" en="Member"/></label>
                    <select id="mark-member" on:change=move |ev| member.set(event_target_value(&ev).parse().ok().map(CadreId))>
                        <option value="">"—"</option>
                        {move || members().into_iter().map(|m| view! {
                            <option value=m.cadre_id.0.to_string()>{m.name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <p class="field-error">{move || save.field("cadre_id").get()}</p>
                </div>
                <Field label=("日期", "Day") name="mark-date" value=day kind="date" error=save.field("date")/>
                <p class="form-error" role="alert">{move || save.summary()}</p>
                <button type="submit" class="primary" disabled=move || save.pending()><T zh="登记在岗" en="Mark present"/></button>
            </form>
        </details>
    }
}
