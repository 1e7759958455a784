//! Importing households from a spreadsheet: template download, a check that lists every row
//! error, then the import itself, with progress while the server works.

use std::time::Duration;

use jingzhun_shared::Capability;
use jingzhun_shared::registry::{ImportProgress, ImportQuery, ImportReport};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::error_text;
use crate::download::{XLSX, read_file, save};
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// Checks (`false`) or imports (`true`) the chosen file, asking the server how far it has got
/// while the upload and the import run.
fn import_action(
    file: RwSignal<Option<web_sys::File>, LocalStorage>,
    progress: RwSignal<Option<ImportProgress>>,
    initial_load: RwSignal<bool>,
) -> Action<bool, Result<ImportReport, String>> {
    let session = use_session();
    let i18n = use_i18n();
    Action::new_local(move |commit: &bool| {
        let commit = *commit;
        let chosen = file.get_untracked();
        let initial_load = initial_load.get_untracked();
        async move {
            let Some(chosen) = chosen else {
                return Err(i18n.t("请先选择文件", "Choose a file first").to_owned());
            };
            let name = chosen.name().to_lowercase();
            let format = if name.ends_with(".csv") { "csv" } else { "xlsx" };
            let bytes = read_file(&chosen).await?;
            let token = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
            let query = ImportQuery { format: format.to_owned(), commit, progress: Some(token.clone()), initial_load };
            // Ask how far the server has got while the upload and the import run.
            let api = session.api();
            let poll = set_interval_with_handle(
                move || {
                    let (api, token) = (api.clone(), token.clone());
                    leptos::task::spawn_local(async move {
                        if let Ok(p) = api.import_progress(&token).await {
                            progress.set(Some(p));
                        }
                    });
                },
                Duration::from_millis(500),
            )
            .ok();
            let result = session.api().import_households(&query, bytes).await;
            if let Some(poll) = poll {
                poll.clear();
            }
            result.map_err(|e| error_text(&i18n, &e))
        }
    })
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let file = RwSignal::new_local(None::<web_sys::File>);
    let report = RwSignal::new(None::<ImportReport>);
    let progress = RwSignal::new(None::<ImportProgress>);
    let message = RwSignal::new(None::<String>);
    let initial_load = RwSignal::new(false);
    let may_load = session.user().is_some_and(|u| u.role.can(Capability::InitialLoad));
    let run = import_action(file, progress, initial_load);
    Effect::new(move |_| match run.value().get() {
        Some(Ok(r)) => {
            message.set(None);
            report.set(Some(r));
        }
        Some(Err(e)) => message.set(Some(e)),
        None => {}
    });
    let template = move |_| {
        leptos::task::spawn_local(async move {
            match session.api().import_template().await {
                Ok(bytes) => {
                    let _ = save(&bytes, "农户导入模板.xlsx", XLSX);
                }
                Err(e) => message.set(Some(error_text(&i18n, &e))),
            }
        });
    };
    view! {
        <section class="page">
            <h1><T zh="批量导入农户" en="Import households"/></h1>
            <div class="card form">
                <p class="muted"><T zh="每行一位家庭成员；户主身份证号已在册的户将被更新。新增的户为“待识别”，须经识别程序公告后才成为贫困户。" en="One row per member; a known head updates that household. New households are pending until their entry application is announced."/></p>
                <button type="button" on:click=template><T zh="下载导入模板" en="Download the template"/></button>
                <div class="field">
                    <label for="field-import-file"><T zh="选择文件（xlsx 或 csv）" en="File (xlsx or csv)"/></label>
                    <input id="field-import-file" type="file" accept=".xlsx,.csv" on:change=move |ev| {
                        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
                        file.set(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
                        report.set(None);
                    }/>
                </div>
                {may_load.then(|| view! { <InitialLoad checked=initial_load/> })}
                <div class="buttons">
                    <button type="button" disabled=move || run.pending().get() on:click=move |_| { run.dispatch(false); }>
                        <T zh="检查" en="Check"/>
                    </button>
                    <button type="button" class="primary" disabled=move || run.pending().get() on:click=move |_| { run.dispatch(true); }>
                        <T zh="导入" en="Import"/>
                    </button>
                </div>
                <Show when=move || run.pending().get()>
                    <div class="progress" role="status">
                        <progress max=move || progress.get().map_or(1, |p| p.total.max(1)) value=move || progress.get().map_or(0, |p| p.processed)></progress>
                        <span class="muted small">{move || progress.get().map(|p| format!("{} {} / {}", p.phase, p.processed, p.total))}</span>
                    </div>
                </Show>
                <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
            </div>
            {move || report.get().map(|r| view! { <Report r/> })}
        </section>
    }
}

/// The district's initial load from the national system: new households registered at once.
#[component]
pub fn InitialLoad(checked: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=move || checked.get() on:change=move |ev| checked.set(event_target_checked(&ev))/>
            <T zh="国家系统初始导入：新增户直接登记为贫困户（未脱贫）" en="Initial load from the national system: register new households at once"/>
        </label>
    }
}

#[component]
fn Report(r: ImportReport) -> impl IntoView {
    let summary = format!(
        "{} 行 · 新增 {} 户 {} 人 · 更新 {} 户 {} 人",
        r.rows, r.households_new, r.members_new, r.households_updated, r.members_updated
    );
    let outcome = match (r.committed, r.error_count) {
        (true, _) => view! { <p class="badge ok"><T zh="已导入" en="Imported"/></p> }.into_any(),
        (false, 0) => {
            view! { <p class="badge ok"><T zh="检查通过，可以导入" en="No errors: ready to import"/></p> }.into_any()
        }
        (false, n) => {
            view! { <p class="badge warn">{n}<T zh=" 处错误，未导入任何数据" en=" errors: nothing imported"/></p> }
                .into_any()
        }
    };
    view! {
        <div class="card report">
            {outcome}
            <p>{summary}</p>
            {(!r.errors.is_empty()).then(|| view! {
                <table class="errors">
                    <thead><tr><th><T zh="行" en="Row"/></th><th><T zh="列" en="Column"/></th><th><T zh="问题" en="Problem"/></th></tr></thead>
                    <tbody>{r.errors.into_iter().map(|e| view! {
                        <tr><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
        </div>
    }
}
