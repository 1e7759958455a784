//! Files of a record (档案材料): uploading one — a phone's camera straight to the upload for a
//! notice photo, an image or a PDF otherwise — listing those the reader may see, saving one,
//! and saving the record's evidence pack (dossier.zip).

use jingzhun_shared::attachments::{AttachmentDto, AttachmentTarget, Owner, RecordType};
use jingzhun_shared::{Api, ClientError, Page, PageQuery};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::error_text;
use crate::download::{read_file, save};
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// A file input that uploads what is chosen (or photographed) as a `record_type` file of record
/// `record_id`; `reload` bumps after.
#[component]
pub fn AttachmentUpload(record_type: RecordType, record_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input_id = format!("attach-{}-{record_id}", record_type.as_str());
    let upload = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        busy.set(true);
        message.set(None);
        let target = AttachmentTarget { record_type, record_id };
        leptos::task::spawn_local(async move {
            let result = match read_file(&file).await {
                Ok(bytes) => session
                    .api()
                    .upload_attachment(&target, &file.name(), bytes)
                    .await
                    .map_err(|e| error_text(&i18n, &e)),
                Err(e) => Err(e),
            };
            busy.set(false);
            match result {
                Ok(_) => reload.update(|r| *r += 1),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    // A notice is photographed where it hangs: the camera opens at once on a phone.
    let photo = record_type == RecordType::Notice;
    view! {
        <div class="field attachment-upload">
            <label for=input_id.clone()>{move || i18n.t("上传", "Upload ")}{move || i18n.label(record_type)}</label>
            {if photo {
                view! { <input id=input_id type="file" accept="image/*" capture="environment"
                    disabled=move || busy.get() on:change=upload/> }.into_any()
            } else {
                view! { <input id=input_id type="file" accept="image/*,application/pdf"
                    disabled=move || busy.get() on:change=upload/> }.into_any()
            }}
            <span class="field-error" role="alert">{move || message.get().unwrap_or_default()}</span>
        </div>
    }
}

async fn list(api: Api, owner: Owner, id: i64) -> Result<Page<AttachmentDto>, ClientError> {
    let query = PageQuery { page: None, per_page: Some(PageQuery::MAX_PER_PAGE) };
    match owner {
        Owner::Household => api.household_attachments(id, &query).await,
        Owner::Project => api.project_attachments(id, &query).await,
        Owner::Problem => api.problem_attachments(id, &query).await,
    }
}

async fn dossier(api: Api, owner: Owner, id: i64) -> Result<Vec<u8>, ClientError> {
    match owner {
        Owner::Household => api.household_dossier(id).await,
        Owner::Project => api.project_dossier(id).await,
        Owner::Problem => api.problem_dossier(id).await,
    }
}

/// The files of record `id` of `owner` the reader may see, each saved on a tap and removed
/// after a confirmation where the reader may, and the record's evidence pack.
#[component]
pub fn AttachmentList(owner: Owner, id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let message = RwSignal::new(None::<String>);
    let files = LocalResource::new(move || {
        reload.track();
        list(session.api(), owner, id)
    });
    let fail = move |e: ClientError| message.set(Some(error_text(&i18n, &e)));
    let open = move |file: AttachmentDto| {
        leptos::task::spawn_local(async move {
            match session.api().attachment(file.id).await {
                Ok(bytes) => {
                    let name = format!("{}-{}.{}", file.id, file.name, file.kind.extension());
                    if let Err(e) = save(&bytes, &name, file.kind.content_type()) {
                        message.set(Some(e));
                    }
                }
                Err(e) => fail(e),
            }
        });
    };
    let confirm = RwSignal::new(None::<i64>);
    let remove = move |id: i64| {
        confirm.set(None);
        leptos::task::spawn_local(async move {
            match session.api().delete_attachment(id).await {
                Ok(()) => reload.update(|r| *r += 1),
                Err(e) => fail(e),
            }
        });
    };
    let pack = move |_| {
        leptos::task::spawn_local(async move {
            match dossier(session.api(), owner, id).await {
                Ok(bytes) => {
                    if let Err(e) = save(&bytes, &format!("dossier-{id}.zip"), "application/zip") {
                        message.set(Some(e));
                    }
                }
                Err(e) => fail(e),
            }
        });
    };
    view! {
        <div class="attachments">
            <Transition fallback=|| ()>
                {move || files.get().map(|result| match result {
                    Ok(page) if page.items.is_empty() => {
                        view! { <p class="empty"><T zh="尚无档案材料" en="No file yet"/></p> }.into_any()
                    }
                    Ok(page) => view! {
                        <ul class="rows files">{page.items.into_iter().map(|f| {
                            let shown = f.clone();
                            view! { <li class="row">
                                <div class="grow"><strong>{shown.name.clone()}</strong>
                                    <div class="muted small">{i18n.label(shown.record_type)}" · "
                                        {format!("{} KB", shown.size.div_ceil(1024))}" · "{shown.uploaded_by.clone()}" · "
                                        {shown.created_at.format("%Y-%m-%d").to_string()}</div></div>
                                <button type="button" class="small" on:click=move |_| open(f.clone())>
                                    <T zh="查看" en="Open"/></button>
                                {shown.deletable.then(|| remove_buttons(shown.id, confirm, remove))}
                            </li> }
                        }).collect_view()}</ul>
                    }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{error_text(&i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
            <button type="button" class="small" on:click=pack><T zh="下载档案包" en="Download the dossier"/></button>
            <span class="field-error" role="alert">{move || message.get().unwrap_or_default()}</span>
        </div>
    }
}

/// "删除" for file `id`, then "确认删除" and "取消" in its place once tapped.
fn remove_buttons(
    id: i64,
    confirm: RwSignal<Option<i64>>,
    remove: impl Fn(i64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        if confirm.get() == Some(id) {
            view! {
                <span class="muted small"><T zh="删除后无法恢复。" en="This cannot be undone."/></span>
                <button type="button" class="small primary" on:click=move |_| remove(id)>
                    <T zh="确认删除" en="Delete"/></button>
                <button type="button" class="small" on:click=move |_| confirm.set(None)><T zh="取消" en="Cancel"/></button>
            }
            .into_any()
        } else {
            view! { <button type="button" class="small link-button" on:click=move |_| confirm.set(Some(id))>
            <T zh="删除" en="Delete"/></button> }
            .into_any()
        }
    }
}
