//! The district sets up the work teams: a team for a village without one, and a cadre (found
//! by name or unit) added to a team, perhaps as its leader.

use jingzhun_shared::org::OrgUnitDto;
use jingzhun_shared::pairing::{AddTeamMember, CadreDto, CadreQuery, CreateWorkTeam, WorkTeamDto};
use jingzhun_shared::{CadreId, ClientError, OrgLevel, OrgUnitId, WorkTeamId};
use leptos::prelude::*;

use super::teams::today;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::T;
use crate::session::use_session;

type Villages = Vec<OrgUnitDto>;
type Cadres = Vec<CadreDto>;

fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").unwrap_or_else(|_| today())
}

/// Both forms, folded away until opened.
#[component]
pub fn TeamSetup(teams: Vec<WorkTeamDto>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let taken: Vec<OrgUnitId> = teams.iter().map(|t| t.village.id).collect();
    let villages = LocalResource::new(move || {
        let taken = taken.clone();
        async move {
            let tree = session.api().org_tree().await?;
            let free = tree.flatten().into_iter().filter(|u| u.level == OrgLevel::Village && !taken.contains(&u.id));
            Ok::<Villages, ClientError>(free.cloned().collect())
        }
    });
    view! {
        <details class="card team-setup"><summary><T zh="组建工作队" en="Set up teams"/></summary>
            <h3><T zh="新建工作队" en="New team"/></h3>
            <Loaded resource=villages children=move |villages: Villages| view! { <NewTeam villages reload/> }/>
            <h3><T zh="添加队员" en="Add a member"/></h3>
            <AddMember teams=teams.clone() reload/>
        </details>
    }
}

#[component]
fn NewTeam(villages: Villages, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let village = RwSignal::new(villages.first().map(|v| v.id));
    let since = RwSignal::new(today().to_string());
    let save = use_save(
        move |body: CreateWorkTeam| async move { session.api().create_work_team(&body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(village_id) = village.get_untracked() {
            save.dispatch(CreateWorkTeam { village_id, since: date(&since.get_untracked()) });
        }
    };
    if villages.is_empty() {
        return view! { <p class="empty"><T zh="每个村都已有工作队" en="Every village has a team"/></p> }.into_any();
    }
    view! {
        <form class="form new-team" on:submit=submit>
            <div class="field"><label for="team-village"><T zh="派驻村" en="Village"/></label>
                <select id="team-village" on:change=move |ev| village.set(event_target_value(&ev).parse().ok().map(OrgUnitId))>
                    {villages.iter().map(|v| view! { <option value=v.id.0.to_string()>{v.name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <Field label=("进驻日期", "Since") name="team-since" value=since kind="date" error=save.field("since")/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" disabled=move || save.pending()><T zh="新建工作队" en="Create team"/></button>
        </form>
    }
    .into_any()
}

#[component]
fn AddMember(teams: Vec<WorkTeamDto>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let team = RwSignal::new(teams.first().map(|t| t.id));
    let q = RwSignal::new(String::new());
    let cadre = RwSignal::new(None::<CadreId>);
    let leader = RwSignal::new(false);
    let since = RwSignal::new(today().to_string());
    // A new search shows a new list: nothing is chosen from it yet.
    Effect::new(move |_| {
        q.track();
        cadre.set(None);
    });
    let found = LocalResource::new(move || {
        let q = q.get();
        async move {
            let query = CadreQuery { q: Some(q), per_page: Some(20), ..Default::default() };
            Ok::<Cadres, ClientError>(session.api().cadres(&query).await?.items)
        }
    });
    let save = use_save(
        move |(id, body): (WorkTeamId, AddTeamMember)| async move { session.api().add_team_member(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            Some("已加入工作队".to_owned())
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(id), Some(cadre_id)) = (team.get_untracked(), cadre.get_untracked()) else {
            save.errors.set([("cadre_id".to_owned(), vec!["请选择干部".to_owned()])].into_iter().collect());
            return;
        };
        let since = date(&since.get_untracked());
        save.dispatch((id, AddTeamMember { cadre_id, leader: leader.get_untracked(), since }));
    };
    view! {
        <form class="form add-member" on:submit=submit>
            <div class="field"><label for="member-team"><T zh="工作队" en="Team"/></label>
                <select id="member-team" on:change=move |ev| team.set(event_target_value(&ev).parse().ok().map(WorkTeamId))>
                    {teams.iter().map(|t| view! { <option value=t.id.0.to_string()>{t.village.name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <Field label=("查找干部（姓名或单位）", "Find a cadre (name or unit)") name="member-q" value=q/>
            <Loaded resource=found children=move |cadres: Cadres| view! {
                <div class="field"><label for="member-cadre"><T zh="干部" en="Cadre"/></label>
                    <select id="member-cadre" on:change=move |ev| cadre.set(event_target_value(&ev).parse().ok().map(CadreId))>
                        <option value="">"—"</option>
                        {cadres.iter().map(|c| view! { <option value=c.id.0.to_string()>{format!("{}（{}）", c.name, c.unit)}</option> }).collect_view()}
                    </select>
                </div>
            }/>
            <p class="field-error" role="alert">{move || save.field("cadre_id").get()}</p>
            <label class="check"><input type="checkbox" on:change=move |ev| leader.set(event_target_checked(&ev))/>
                <T zh="任工作队长" en="Team leader"/></label>
            <Field label=("入队日期", "Since") name="member-since" value=since kind="date" error=save.field("since")/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" disabled=move || save.pending()><T zh="加入工作队" en="Add to team"/></button>
        </form>
    }
}
