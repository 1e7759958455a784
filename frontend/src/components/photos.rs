//! Photos of an application's posted notices: taking one with the phone's camera (or choosing
//! a file) while a notice stands, and looking at them, fetched with the token and shown from
//! `blob:` addresses.

use jingzhun_shared::ApplicationId;
use jingzhun_shared::applications::{NoticePhoto, PHOTOS_PER_NOTICE};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::error_text;
use crate::download::{object_url, read_file};
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// A button that takes or chooses a photo of the notice and uploads it; `reload` bumps after.
#[component]
pub fn NoticePhotoUpload(id: ApplicationId, taken: usize, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input_id = format!("notice-photo-{}", id.0);
    let upload = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            let result = match read_file(&file).await {
                Ok(bytes) => session.api().add_notice_photo(id, bytes).await.map_err(|e| error_text(&i18n, &e)),
                Err(e) => Err(e),
            };
            busy.set(false);
            match result {
                Ok(_) => reload.update(|r| *r += 1),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    let full = taken >= PHOTOS_PER_NOTICE;
    view! {
        <div class="field photo-upload">
            <label for=input_id.clone()>
                <T zh="公示照片" en="Photo of the notice"/>{format!(" {taken}/{PHOTOS_PER_NOTICE}")}
            </label>
            <input id=input_id type="file" accept="image/jpeg,image/png,image/webp" capture="environment"
                disabled=move || full || busy.get() on:change=upload/>
            <span class="field-error" role="alert">{move || message.get().unwrap_or_default()}</span>
        </div>
    }
}

/// The application's notice photos, each fetched and shown when asked for.
#[component]
pub fn NoticePhotos(id: ApplicationId, photos: Vec<NoticePhoto>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let shown = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(None::<String>);
    let count = photos.len();
    let show = move |_| {
        let photos = photos.clone();
        leptos::task::spawn_local(async move {
            let mut urls = Vec::new();
            for photo in &photos {
                match session.api().notice_photo(id, photo.id).await {
                    Ok(bytes) => urls.extend(object_url(&bytes, "image/jpeg").ok()),
                    Err(e) => message.set(Some(error_text(&i18n, &e))),
                }
            }
            shown.set(urls);
        });
    };
    (count > 0).then(|| {
        view! {
            <div class="notice-photos">
                <button type="button" class="small" on:click=show>
                    <T zh="查看公示照片" en="Show notice photos"/>{format!(" ({count})")}
                </button>
                <div class="thumbs">
                    {move || shown.get().into_iter().map(|url| {
                        let link = url.clone();
                        view! {
                            <a href=link target="_blank" rel="noopener">
                                <img src=url alt=move || i18n.t("公示照片", "Notice photo")/>
                            </a>
                        }
                    }).collect_view()}
                </div>
                <span class="field-error" role="alert">{move || message.get().unwrap_or_default()}</span>
            </div>
        }
    })
}
