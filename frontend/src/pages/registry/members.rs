//! The household's members on its card: the people who count, each with an edit form and a
//! leave form (减员, confirmed before it is saved) for those who write, and apart from them
//! the people who left (已减员) with the reason and date. One form is open at a time.

use chrono::NaiveDate;
use jingzhun_shared::registry::{HouseholdDto, LeaveMember, LeaveReason, MemberDto, UpdateMember};
use jingzhun_shared::{HealthStatus, IdCardNo, MemberId, Relation};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// Which member's form is open.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Edit(MemberId),
    Leave(MemberId),
}

#[component]
pub fn Members(h: HouseholdDto, writes: bool, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(None::<Open>);
    let (present, left): (Vec<MemberDto>, Vec<MemberDto>) = h.members.into_iter().partition(|m| m.left_on.is_none());
    let head = h.head_member_id;
    let rows = present.iter().cloned().map(|m| {
        let others: Vec<MemberDto> = present.iter().filter(|o| o.id != m.id).cloned().collect();
        let is_head = Some(m.id) == head;
        view! { <MemberRow m others is_head writes open reload/> }
    });
    let rows = rows.collect_view();
    let gone = left.into_iter().map(|m| {
        let reason = m.leave_reason;
        view! { <li class="row"><div>
            <strong>{m.name.clone()}</strong>" "<span class="badge warn"><T zh="已减员" en="Left"/></span>
            <div class="muted small left-reason">{m.left_on.map(|d| d.to_string())}" · "
                {move || reason.map(|r| i18n.label(r))}</div>
        </div></li> }
    });
    let gone = gone.collect::<Vec<_>>();
    view! {
        <h2><T zh="家庭成员" en="Members"/>" "
            <span class="muted small people-count">{h.people}<T zh=" 人" en=" people"/></span></h2>
        <ul class="rows members">{rows}</ul>
        {(!gone.is_empty()).then(|| view! {
            <h3><T zh="已减员" en="Left the household"/></h3>
            <ul class="rows members-left">{gone}</ul>
        })}
    }
}

#[component]
fn MemberRow(
    m: MemberDto,
    others: Vec<MemberDto>,
    is_head: bool,
    writes: bool,
    open: RwSignal<Option<Open>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id, relation, health) = (m.id, m.relation, m.health);
    // Absent for readers who see the registry masked.
    let born = m.birth_date.map(|d| format!(" · {d}"));
    let joined = m.joined_on.map(|d| d.to_string());
    let join_reason = m.join_reason;
    let toggle = move |want: Open| open.update(|o| *o = if *o == Some(want) { None } else { Some(want) });
    view! {
        <li class="row member"><div>
            <strong>{m.name.clone()}</strong>" "
            <span class="muted small relation">{move || i18n.label(relation)}</span>
            <div class="muted small id-card">{m.id_card_no.clone()}{born}
                {move || health.map(|h| format!(" · {}", i18n.label(h)))}
            </div>
            {joined.map(|d| view! { <div class="muted small">{d}" "
                {move || join_reason.map(|r| i18n.label(r))}<T zh="增员" en=" joined"/></div> })}
            {writes.then(|| view! {
                <div class="buttons">
                    <button type="button" class="small edit" on:click=move |_| toggle(Open::Edit(id))>
                        <T zh="编辑" en="Edit"/></button>
                    <button type="button" class="small leave" on:click=move |_| toggle(Open::Leave(id))>
                        <T zh="减员" en="Leaves"/></button>
                </div>
            })}
            {move || match open.get() {
                Some(Open::Edit(which)) if which == id => {
                    view! { <EditMemberForm m=m.clone() is_head open reload/> }.into_any()
                }
                Some(Open::Leave(which)) if which == id => {
                    view! { <LeaveForm m=m.clone() others=others.clone() is_head open reload/> }.into_any()
                }
                _ => ().into_any(),
            }}
        </div></li>
    }
}

#[component]
fn EditMemberForm(m: MemberDto, is_head: bool, open: RwSignal<Option<Open>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let id = m.id;
    let name = RwSignal::new(m.name.clone());
    let id_card = RwSignal::new(m.id_card_no.clone());
    let relation = RwSignal::new(m.relation);
    let health = RwSignal::new(m.health.unwrap_or(HealthStatus::Healthy));
    let labour = RwSignal::new(m.labour);
    let save = use_save(
        move |body: UpdateMember| async move { session.api().update_member(id, &body).await },
        move |_| {
            open.set(None);
            reload.update(|r| *r += 1);
            None
        },
    );
    let server_id_error = save.field("id_card_no");
    let id_error = Signal::derive(move || {
        let text = id_card.get();
        let local = if text.trim().is_empty() { None } else { IdCardNo::parse(&text).err().map(|e| e.0) };
        local.or_else(|| server_id_error.get())
    });
    let version = m.version;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = UpdateMember {
            name: name.get_untracked(),
            id_card_no: id_card.get_untracked(),
            relation: relation.get_untracked(),
            health: health.get_untracked(),
            labour: labour.get_untracked(),
            version,
        };
        save.dispatch_parsed(body, UpdateMember::parse);
    };
    view! {
        <form class="form edit-member" on:submit=submit novalidate>
            <Field label=("姓名", "Name") name="edit-member-name" value=name error=save.field("name")/>
            <Field label=("身份证号", "ID-card number") name="edit-member-id-card" value=id_card error=id_error/>
            {(!is_head).then(|| view! {
                <EnumSelect label=("与户主关系", "Relation") id="edit-member-relation" value=relation
                    only=|r| r != Relation::Head/>
            })}
            <EnumSelect label=("健康状况", "Health") id="edit-member-health" value=health/>
            <EnumSelect label=("劳动能力", "Labour") id="edit-member-labour" value=labour/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存" en="Save"/></button>
        </form>
    }
}

#[component]
fn LeaveForm(
    m: MemberDto,
    others: Vec<MemberDto>,
    is_head: bool,
    open: RwSignal<Option<Open>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id = m.id;
    let reason = RwSignal::new(LeaveReason::Death);
    let on = RwSignal::new(chrono::Local::now().date_naive().to_string());
    let new_head = RwSignal::new(None::<MemberId>);
    // The request waiting for the clerk's confirmation.
    let pending = RwSignal::new(None::<LeaveMember>);
    let save = use_save(
        move |body: LeaveMember| async move { session.api().leave_member(id, &body).await },
        move |_| {
            open.set(None);
            reload.update(|r| *r += 1);
            None
        },
    );
    let version = m.version;
    let needs_head = is_head && !others.is_empty();
    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(left_on) = NaiveDate::parse_from_str(on.get_untracked().trim(), "%Y-%m-%d") else {
            save.message.set(Some(i18n.t("请填写减员日期", "Enter the date").to_owned()));
            return;
        };
        if needs_head && new_head.get_untracked().is_none() {
            save.message.set(Some(i18n.t("户主减员时，请指定新户主", "Choose the new head").to_owned()));
            return;
        }
        save.message.set(None);
        pending.set(Some(LeaveMember {
            reason: reason.get_untracked(),
            left_on,
            new_head_id: new_head.get_untracked(),
            version,
        }));
    };
    let name = m.name.clone();
    let confirm = move || {
        pending.get().map(|p| {
            let text = format!("{} · {} · {}", name, p.left_on, i18n.label(p.reason));
            view! {
                <div class="card confirm" role="alertdialog">
                    <p><T zh="确认减员：" en="Confirm: "/>{text}</p>
                    <p class="muted small"><T zh="减员后此人保留在档，但不再计入家庭人口。"
                        en="The person stays on file but no longer counts among the household's people."/></p>
                    <div class="buttons">
                        <button type="button" class="primary confirm-leave" disabled=move || save.pending()
                            on:click=move |_| save.dispatch(p.clone())><T zh="确认减员" en="Confirm"/></button>
                        <button type="button" class="small" on:click=move |_| pending.set(None)>
                            <T zh="取消" en="Cancel"/></button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <form class="form leave-member" on:submit=review novalidate>
            <EnumSelect label=("减员原因", "Reason") id="leave-reason" value=reason/>
            <Field label=("减员日期", "Date") name="leave-on" value=on error=save.field("left_on") kind="date"/>
            {needs_head.then(|| view! {
                <div class="field">
                    <label for="leave-new-head"><T zh="新户主" en="New head"/></label>
                    <select id="leave-new-head" on:change=move |ev| {
                        new_head.set(event_target_value(&ev).parse().ok().map(MemberId));
                    }>
                        <option value=""><T zh="请选择" en="Choose"/></option>
                        {others.iter().map(|o| view! { <option value=o.id.0.to_string()>{o.name.clone()}</option> })
                            .collect_view()}
                    </select>
                </div>
            })}
            <p class="form-error" role="alert">{move || save.summary()}</p>
            {confirm}
            <button type="submit" class="primary" disabled=move || pending.get().is_some()>
                <T zh="减员" en="Record leaving"/></button>
        </form>
    }
}
