//! The year's exit check (each 出列 criterion with its figure, threshold and pass or fail), the
//! recorded checks or the completed infrastructure project that answers one, and the exit
//! procedure: file, village notice, district announcement.

use jingzhun_shared::page::PageQuery;
use jingzhun_shared::villages::{
    AnnounceVillageExit, CheckKind, CriterionResult, ExitCheck, ExitCriterion, FileVillageExit, RecordVillageCheck,
    RejectVillageExit, VillageExit, VillageExitNotice, YearQuery,
};
use jingzhun_shared::{ApplicationStatus, Capability, Fen, OrgUnitId};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::components::wan;
use crate::i18n::{T, use_i18n};
use crate::pages::funds::percent;
use crate::session::use_session;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

fn date(text: &RwSignal<String>) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.get_untracked().trim(), "%Y-%m-%d").ok()
}

#[component]
pub fn ExitSection(id: OrgUnitId, year: RwSignal<i32>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let data = LocalResource::new(move || {
        reload.track();
        let (api, year) = (session.api(), year.get());
        async move {
            let check = api.village_exit_check(id, &YearQuery { year: Some(year) }).await?;
            let exits = api.village_exits(id, &PageQuery { page: None, per_page: Some(20) }).await?;
            Ok::<_, jingzhun_shared::ClientError>((check, exits.items))
        }
    });
    let role = session.user().map(|u| u.role);
    let edits = role.is_some_and(|r| r.can(Capability::EditVillages));
    let files = role.is_some_and(|r| r.can(Capability::FileVillageExit));
    view! {
        <h2><T zh="出列核查 " en="Exit check "/>{move || year.get()}</h2>
        <Loaded resource=data children=move |(check, exits): (ExitCheck, Vec<VillageExit>)| view! {
            <Criteria check=check.clone()/>
            {edits.then(|| view! { <CheckForm id year reload/> })}
            <Procedure id year exits check files edits reload/>
        }/>
    }
}

#[component]
fn Criteria(check: ExitCheck) -> impl IntoView {
    let i18n = use_i18n();
    let figure = |c: &CriterionResult| match c.criterion {
        ExitCriterion::Incidence => {
            format!(
                "{} / 低于 {}",
                c.figure.map_or("—".to_owned(), percent),
                c.threshold.map_or("—".to_owned(), percent)
            )
        }
        ExitCriterion::CollectiveIncome => {
            let w = |f: Option<i64>| f.map_or("—".to_owned(), |f| format!("{} 万元", wan(Fen::new(f))));
            format!("{} / 至少 {}", w(c.figure), w(c.threshold))
        }
        _ => c
            .check
            .as_ref()
            .map_or_else(String::new, |k| format!("{} · {} · {}", k.checked_on, k.evidence, k.recorded_by)),
    };
    let rows = check
        .criteria
        .iter()
        .map(|c| {
            let (criterion, passed) = (c.criterion, c.passed);
            view! {
                <li class="row">
                    <span class=if passed { "badge ok" } else { "badge warn" }>{if passed { "✓ 达标" } else { "✗ 未达标" }}</span>
                    <div class="grow small">
                        <strong>{move || i18n.label(criterion)}</strong>" "{figure(c)}
                        {c.project.clone().map(|p| view! { <div class="muted">
                            <T zh="依据项目：" en="Project: "/><A href=Page::Project(p.project_id).href()>{p.name}</A>
                            {format!(" · {} {} · {} 完工", p.quantity, p.unit, p.completed_on)}
                        </div> })}
                        {c.problem.clone().map(|p| view! { <div class="field-error">{p}</div> })}
                    </div>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <p>
            <T zh="未脱贫人口 " en="Remaining poor "/>{check.poor_people}
            <T zh=" 人 · 农村人口 " en=" · rural population "/>{check.rural_population.map_or("—".to_owned(), |p| p.to_string())}
            <T zh=" · 贫困发生率 " en=" · incidence "/>{check.incidence_bp.map_or("—".to_owned(), percent)}
        </p>
        <ul class="rows">{rows}</ul>
        <p class="big">{if check.passes { "全部达标，可以申报出列" } else { "尚未全部达标" }}</p>
    }
}

/// Records a check of the selected year (admin, district office).
#[component]
fn CheckForm(id: OrgUnitId, year: RwSignal<i32>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let kind = RwSignal::new(CheckKind::Road);
    let passed = RwSignal::new(true);
    let on = RwSignal::new(today());
    let evidence = RwSignal::new(String::new());
    let save = use_save(
        move |body: RecordVillageCheck| async move { session.api().record_village_check(id, &body).await },
        move |_| {
            evidence.set(String::new());
            reload.update(|r| *r += 1);
            Some("已记录".to_owned())
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(checked_on) = date(&on) else {
            save.message.set(Some(i18n.t("日期格式为 2020-06-30", "Date as 2020-06-30").to_owned()));
            return;
        };
        save.dispatch(RecordVillageCheck {
            year: year.get_untracked(),
            kind: kind.get_untracked(),
            passed: passed.get_untracked(),
            checked_on,
            evidence: evidence.get_untracked(),
        });
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h3><T zh="记录核查" en="Record a check"/></h3>
            <div class="field">
                <label for="field-check-kind"><T zh="项目" en="Check"/></label>
                <select id="field-check-kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(k) = CheckKind::ALL.iter().find(|k| k.as_str() == v) { kind.set(*k); }
                }>
                    {CheckKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{move || i18n.label(*k)}</option> }).collect_view()}
                </select>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || passed.get() on:change=move |ev| passed.set(event_target_checked(&ev))/>
                <T zh="达标" en="Passed"/>
            </label>
            <Field label=("核查日期", "Checked on") name="checked-on" value=on kind="date" error=save.field("checked_on")/>
            <Field label=("核查依据", "Evidence") name="evidence" value=evidence error=save.field("evidence")/>
            <p class="muted" role="status">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="记录" en="Record"/></button>
        </form>
    }
}

/// The exit applications and the next step of the one in progress.
#[component]
fn Procedure(
    id: OrgUnitId,
    year: RwSignal<i32>,
    exits: Vec<VillageExit>,
    check: ExitCheck,
    files: bool,
    edits: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let open = exits.iter().find(|e| e.status == ApplicationStatus::InProgress).cloned();
    let (first, second) = (RwSignal::new(today()), RwSignal::new(today()));
    let bump = move |_: VillageExit| {
        reload.update(|r| *r += 1);
        None
    };
    let file =
        use_save(move |body: FileVillageExit| async move { session.api().file_village_exit(id, &body).await }, bump);
    let notice = use_save(
        move |body: VillageExitNotice| async move { session.api().notice_village_exit(id, &body).await },
        bump,
    );
    let announce = use_save(
        move |body: AnnounceVillageExit| async move { session.api().announce_village_exit(id, &body).await },
        bump,
    );
    let bad_date = move || Some(i18n.t("日期格式为 2020-06-30", "Date as 2020-06-30").to_owned());
    let rows = exits
        .iter()
        .map(|e| {
            let status = e.status;
            let notice = match (e.notice_start, e.notice_end) {
                (Some(s), Some(t)) => format!(" · 公示 {s} 至 {t}"),
                _ => String::new(),
            };
            let announced = e.announced_on.map(|d| format!(" · 公告 {d}")).unwrap_or_default();
            let reason = e.reason.as_ref().map(|r| format!(" · 驳回：{r}")).unwrap_or_default();
            view! { <li class="row small">{e.year}<T zh=" 年出列 · " en=" exit · "/>{move || i18n.label(status)}
            " · 申请 "{e.applied_on.to_string()}{notice}{announced}{reason}</li> }
        })
        .collect::<Vec<_>>();
    let step = match open.clone() {
        None if files && check.passes => view! {
            <form class="card form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                match date(&first) {
                    Some(applied_on) => file.dispatch(FileVillageExit { year: year.get_untracked(), applied_on }),
                    None => file.message.set(bad_date()),
                }
            }>
                <Field label=("申请日期", "Applied on") name="applied-on" value=first kind="date"/>
                <p class="form-error" role="alert">{move || file.summary()}</p>
                <button type="submit" class="primary"><T zh="申报出列" en="File the exit"/></button>
            </form>
        }.into_any(),
        Some(e) if e.notice_end.is_none() && files => view! {
            <form class="card form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                match (date(&first), date(&second)) {
                    (Some(notice_start), Some(notice_end)) =>
                        notice.dispatch(VillageExitNotice { notice_start, notice_end, version: e.version }),
                    _ => notice.message.set(bad_date()),
                }
            }>
                <h3><T zh="村级公示（不少于 7 天）" en="Village notice (7 days or more)"/></h3>
                <Field label=("公示开始", "Notice from") name="notice-start" value=first kind="date" error=notice.field("notice_start")/>
                <Field label=("公示结束", "Notice until") name="notice-end" value=second kind="date" error=notice.field("notice_end")/>
                <p class="form-error" role="alert">{move || notice.summary()}</p>
                <button type="submit" class="primary"><T zh="记录公示" en="Record the notice"/></button>
            </form>
        }.into_any(),
        Some(e) if e.notice_end.is_some() && edits => view! {
            <form class="card form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                match date(&first) {
                    Some(announced_on) => announce.dispatch(AnnounceVillageExit { announced_on, version: e.version }),
                    None => announce.message.set(bad_date()),
                }
            }>
                <h3><T zh="区级审核公告" en="District announcement"/></h3>
                <Field label=("公告日期", "Announced on") name="announced-on" value=first kind="date" error=announce.field("announced_on")/>
                <p class="form-error" role="alert">{move || announce.summary()}</p>
                <button type="submit" class="primary"><T zh="公告出列" en="Announce"/></button>
            </form>
        }.into_any(),
        _ => ().into_any(),
    };
    let rejecting = open.filter(|_| files).map(|e| view! { <RejectForm id exit=e reload/> });
    view! {
        <h2><T zh="出列程序" en="Exit procedure"/></h2>
        {if rows.is_empty() {
            view! { <p class="empty"><T zh="尚无出列申请" en="No exit filed"/></p> }.into_any()
        } else {
            view! { <ul class="rows">{rows}</ul> }.into_any()
        }}
        {step}
        {rejecting}
    }
}

/// Closes the exit in progress as rejected, with the reason.
#[component]
fn RejectForm(id: OrgUnitId, exit: VillageExit, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let reject = use_save(
        move |body: RejectVillageExit| async move { session.api().reject_village_exit(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        reject.dispatch(RejectVillageExit { reason: reason.get_untracked(), version: exit.version });
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h3><T zh="驳回出列申请" en="Reject the exit"/></h3>
            <Field label=("驳回理由", "Reason") name="reject-reason" value=reason error=reject.field("reason")/>
            <p class="form-error" role="alert">{move || reject.summary()}</p>
            <button type="submit" disabled=move || reject.pending()><T zh="驳回" en="Reject"/></button>
        </form>
    }
}
