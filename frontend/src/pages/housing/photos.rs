//! The photos of a house's appraisal in a list row: how many, showing them (fetched with the
//! token, shown from `blob:` addresses), and for those who enter data, taking another with the
//! phone's camera. No element ids: a row is drawn both as a table row and as a card.

use jingzhun_shared::housing::HousingCheckDto;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::error_text;
use crate::download::{object_url, read_file};
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

#[component]
pub fn CheckPhotos(check: HousingCheckDto, writes: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let (id, photos) = (check.id, check.photo_ids.clone());
    let count = photos.len();
    let shown = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let show = move |_| {
        let photos = photos.clone();
        leptos::task::spawn_local(async move {
            let mut urls = Vec::new();
            for photo in photos {
                match session.api().housing_photo(id, photo).await {
                    Ok(bytes) => urls.extend(object_url(&bytes, "image/jpeg").ok()),
                    Err(e) => message.set(Some(error_text(&i18n, &e))),
                }
            }
            shown.set(urls);
        });
    };
    let upload = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match read_file(&file).await {
                Ok(bytes) => session.api().add_housing_photo(id, bytes).await.map_err(|e| error_text(&i18n, &e)),
                Err(e) => Err(e),
            };
            busy.set(false);
            match result {
                Ok(_) => reload.update(|r| *r += 1),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <div class="check-photos small">
            {(count > 0).then(|| view! {
                <button type="button" class="small" on:click=show><T zh="查看照片" en="Photos"/>{format!(" ({count})")}</button>
            })}
            {writes.then(|| view! {
                <label class="photo-upload"><T zh="拍照上传 " en="Add a photo "/>
                    <input type="file" accept="image/jpeg,image/png,image/webp" capture="environment"
                        disabled=move || busy.get() on:change=upload/>
                </label>
            })}
            <div class="thumbs">
                {move || shown.get().into_iter().map(|url| { let link = url.clone(); view! {
                    <a href=link target="_blank" rel="noopener">
                        <img src=url alt=move || i18n.t("房屋照片", "Photo of the house")/>
                    </a>
                }}).collect_view()}
            </div>
            <span class="field-error" role="alert">{move || message.get().unwrap_or_default()}</span>
        </div>
    }
}
