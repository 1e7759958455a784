//! The import card every spreadsheet import shares: template download, a file, "检查" (a
//! check that lists every row error and writes nothing), "导入" (all rows or nothing), and
//! progress while the server works. Each page gives the call that uploads and what its
//! report says.

use std::future::Future;
use std::time::Duration;

use jingzhun_shared::ClientError;
use jingzhun_shared::registry::{ImportReport, RecordImportReport, RowError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::error_text;
use crate::download::{XLSX, read_file, save};
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// What an import's answer tells the user.
pub trait ImportOutcome: Clone + Send + Sync + 'static {
    fn committed(&self) -> bool;
    fn error_count(&self) -> u64;
    fn errors(&self) -> Vec<RowError>;
    /// One line: rows read and what they make.
    fn summary(&self) -> String;
}

impl ImportOutcome for ImportReport {
    fn committed(&self) -> bool {
        self.committed
    }
    fn error_count(&self) -> u64 {
        self.error_count
    }
    fn errors(&self) -> Vec<RowError> {
        self.errors.clone()
    }
    fn summary(&self) -> String {
        format!(
            "{} 行 · 新增 {} 户 {} 人 · 更新 {} 户 {} 人",
            self.rows, self.households_new, self.members_new, self.households_updated, self.members_updated
        )
    }
}

impl ImportOutcome for RecordImportReport {
    fn committed(&self) -> bool {
        self.committed
    }
    fn error_count(&self) -> u64 {
        self.error_count
    }
    fn errors(&self) -> Vec<RowError> {
        self.errors.clone()
    }
    fn summary(&self) -> String {
        format!("{} 行 · {} 条记录", self.rows, self.records)
    }
}

impl ImportOutcome for jingzhun_shared::ecology::EcologyImportReport {
    fn committed(&self) -> bool {
        self.committed
    }
    fn error_count(&self) -> u64 {
        self.error_count
    }
    fn errors(&self) -> Vec<RowError> {
        self.errors.clone()
    }
    fn summary(&self) -> String {
        format!("{} 行 · {} 户 · {} 元", self.rows, self.households, self.amount_fen.to_yuan_string())
    }
}

/// One upload: check (`commit` false) or import, the file's format (`xlsx` / `csv`), the
/// progress token the server reports under, and the bytes.
pub struct Upload {
    pub commit: bool,
    pub format: String,
    pub progress: String,
    pub bytes: Vec<u8>,
}

/// Checks (`false`) or imports (`true`) the chosen file, asking the server how far it has got
/// while the upload and the import run.
fn import_action<R, U, UF>(
    file: RwSignal<Option<web_sys::File>, LocalStorage>,
    progress: RwSignal<Option<jingzhun_shared::registry::ImportProgress>>,
    upload: U,
) -> Action<bool, Result<R, String>>
where
    R: ImportOutcome,
    U: Fn(Upload) -> UF + Clone + 'static,
    UF: Future<Output = Result<R, ClientError>> + 'static,
{
    let session = use_session();
    let i18n = use_i18n();
    Action::new_local(move |commit: &bool| {
        let (commit, chosen, upload) = (*commit, file.get_untracked(), upload.clone());
        async move {
            let Some(chosen) = chosen else {
                return Err(i18n.t("请先选择文件", "Choose a file first").to_owned());
            };
            let format = if chosen.name().to_lowercase().ends_with(".csv") { "csv" } else { "xlsx" };
            let bytes = read_file(&chosen).await?;
            let token = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
            // Ask how far the server has got while the upload and the import run.
            let api = session.api();
            let polled = token.clone();
            let poll = set_interval_with_handle(
                move || {
                    let (api, token) = (api.clone(), polled.clone());
                    leptos::task::spawn_local(async move {
                        if let Ok(p) = api.import_progress(&token).await {
                            progress.set(Some(p));
                        }
                    });
                },
                Duration::from_millis(500),
            )
            .ok();
            let result = upload(Upload { commit, format: format.to_owned(), progress: token, bytes }).await;
            if let Some(poll) = poll {
                poll.clear();
            }
            result.map_err(|e| error_text(&i18n, &e))
        }
    })
}

/// The import card. `upload` sends one [`Upload`]; `template` fetches the template saved as
/// `template_name`; `children` are the page's own options (shown above the buttons).
#[component]
pub fn FileImport<R, U, UF, TP, TF>(
    /// What a row is and what happens to it, one sentence.
    intro: &'static str,
    upload: U,
    template: TP,
    template_name: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    R: ImportOutcome,
    U: Fn(Upload) -> UF + Clone + 'static,
    UF: Future<Output = Result<R, ClientError>> + 'static,
    TP: Fn() -> TF + Clone + 'static,
    TF: Future<Output = Result<Vec<u8>, ClientError>> + 'static,
{
    let i18n = use_i18n();
    let file = RwSignal::new_local(None::<web_sys::File>);
    let report = RwSignal::new(None::<R>);
    let progress = RwSignal::new(None::<jingzhun_shared::registry::ImportProgress>);
    let message = RwSignal::new(None::<String>);
    let run = import_action(file, progress, upload);
    Effect::new(move |_| match run.value().get() {
        Some(Ok(r)) => {
            message.set(None);
            report.set(Some(r));
        }
        Some(Err(e)) => message.set(Some(e)),
        None => {}
    });
    let download = move |_| {
        let template = template.clone();
        leptos::task::spawn_local(async move {
            match template().await {
                Ok(bytes) => {
                    let _ = save(&bytes, template_name, XLSX);
                }
                Err(e) => message.set(Some(error_text(&i18n, &e))),
            }
        });
    };
    view! {
        <div class="card form">
            <p class="muted">{intro}</p>
            <button type="button" on:click=download><T zh="下载导入模板" en="Download the template"/></button>
            <div class="field">
                <label for="field-import-file"><T zh="选择文件（xlsx 或 csv）" en="File (xlsx or csv)"/></label>
                <input id="field-import-file" type="file" accept=".xlsx,.csv" on:change=move |ev| {
                    let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
                    file.set(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
                    report.set(None);
                }/>
            </div>
            {children.map(|c| c())}
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
    }
}

#[component]
fn Report<R: ImportOutcome>(r: R) -> impl IntoView {
    let outcome = match (r.committed(), r.error_count()) {
        (true, _) => view! { <p class="badge ok"><T zh="已导入" en="Imported"/></p> }.into_any(),
        (false, 0) => {
            view! { <p class="badge ok"><T zh="检查通过，可以导入" en="No errors: ready to import"/></p> }.into_any()
        }
        (false, n) => {
            view! { <p class="badge warn">{n}<T zh=" 处错误，未导入任何数据" en=" errors: nothing imported"/></p> }
                .into_any()
        }
    };
    let errors = r.errors();
    view! {
        <div class="card report">
            {outcome}
            <p>{r.summary()}</p>
            {(!errors.is_empty()).then(|| view! {
                <table class="errors">
                    <thead><tr><th><T zh="行" en="Row"/></th><th><T zh="列" en="Column"/></th><th><T zh="问题" en="Problem"/></th></tr></thead>
                    <tbody>{errors.into_iter().map(|e| view! {
                        <tr><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
        </div>
    }
}
