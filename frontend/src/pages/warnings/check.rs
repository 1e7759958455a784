//! One warning's check: two buttons (排除风险 / 纳入监测); the chosen one asks for the reason
//! (or the monitoring plan), checked next to its field as the server checks it, and a last
//! confirmation before it is sent.

use jingzhun_shared::VisitId;
use jingzhun_shared::text::NOTE_MAX;
use jingzhun_shared::warnings::{CheckOutcome, CheckWarning, WarningDto};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// What is wrong with `reason`, if anything: the rule of `jingzhun_shared::text::required`.
fn reason_error(reason: &str, outcome: CheckOutcome) -> Option<String> {
    let text = reason.trim();
    if text.is_empty() {
        return Some(match outcome {
            CheckOutcome::Clear => "请填写排除理由".to_owned(),
            CheckOutcome::Monitor => "请填写监测帮扶计划".to_owned(),
        });
    }
    (text.chars().count() > NOTE_MAX).then(|| format!("最多 {NOTE_MAX} 个字"))
}

/// The label of the reason's field for `outcome`, (中文, English).
fn reason_label(outcome: CheckOutcome) -> (&'static str, &'static str) {
    match outcome {
        CheckOutcome::Monitor => ("监测帮扶计划", "Monitoring plan"),
        CheckOutcome::Clear => ("排除理由（入户核查情况）", "Why the risk is ruled out"),
    }
}

#[component]
pub fn Check(
    warning: WarningDto,
    reload: RwSignal<u32>,
    place: &'static str,
    /// The visit the check is made on, when it is made on the visit form.
    #[prop(optional, into)]
    visit_id: Option<VisitId>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id = warning.id;
    let chosen = RwSignal::new(None::<CheckOutcome>);
    let reason = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let save = use_save(
        move |body: CheckWarning| async move { session.api().check_warning(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let instant = move || match (chosen.get(), touched.get()) {
        (Some(outcome), true) => reason_error(&reason.get(), outcome),
        _ => None,
    };
    let server = save.field("reason");
    let error = Signal::derive(move || instant().or_else(|| server.get()));
    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if let Some(outcome) = chosen.get_untracked() {
            confirming.set(reason_error(&reason.get_untracked(), outcome).is_none());
        }
    };
    let send = move |_| {
        if let Some(outcome) = chosen.get_untracked() {
            save.dispatch(CheckWarning {
                outcome,
                reason: reason.get_untracked().trim().to_owned(),
                monitoring_kind: None,
                visit_id,
            });
            confirming.set(false);
        }
    };
    let pick = move |outcome: CheckOutcome| {
        move |_| {
            chosen.set(Some(outcome));
            touched.set(false);
            confirming.set(false);
        }
    };
    let name = format!("check-reason-{place}-{id}");
    view! {
        <div class="warning-check">
            <div class="buttons">
                <button type="button" class="small check-clear" class:primary=move || chosen.get() == Some(CheckOutcome::Clear)
                    on:click=pick(CheckOutcome::Clear)><T zh="已核查：排除" en="Checked: clear"/></button>
                <button type="button" class="small check-monitor" class:primary=move || chosen.get() == Some(CheckOutcome::Monitor)
                    on:click=pick(CheckOutcome::Monitor)><T zh="已核查：纳入监测" en="Checked: monitor"/></button>
            </div>
            {move || chosen.get().map(|outcome| {
                let (zh, en) = reason_label(outcome);
                let name = name.clone();
                view! {
                    <form class="form check-form" on:submit=review novalidate>
                        <Field label=(zh, en) name value=reason error/>
                        <p class="form-error" role="alert">{move || save.summary()}</p>
                        {move || confirming.get().then(|| view! {
                            <div class="card confirm" role="alertdialog">
                                <p><T zh="确认核查结果：" en="Confirm: "/>{i18n.label(outcome)}</p>
                                <div class="buttons">
                                    <button type="button" class="primary confirm-check" disabled=move || save.pending()
                                        on:click=send><T zh="确认" en="Confirm"/></button>
                                    <button type="button" class="small" on:click=move |_| confirming.set(false)>
                                        <T zh="取消" en="Cancel"/></button>
                                </div>
                            </div>
                        })}
                        <button type="submit" class="primary save-check" disabled=move || confirming.get()>
                            <T zh="提交核查" en="Submit the check"/></button>
                    </form>
                }
            })}
        </div>
    }
}
