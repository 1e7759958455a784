//! `<Loaded>`: what every page shows around a resource — a loading line, then the data, or the
//! error in the user's language (a 401 also ends the session).

use jingzhun_shared::ClientError;
use leptos::prelude::*;

use crate::components::failed;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

#[component]
pub fn Loaded<D, F, V>(
    resource: LocalResource<Result<D, ClientError>>,
    /// What the data looks like once it is there.
    children: F,
    /// Nothing while loading (for secondary data such as a filter's options).
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView
where
    D: Clone + 'static,
    F: Fn(D) -> V + Send + Sync + 'static,
    V: IntoView + Send + 'static,
{
    let session = use_session();
    let i18n = use_i18n();
    let fallback =
        move || (!quiet).then(|| view! { <p class="muted loading" role="status"><T zh="加载中…" en="Loading…"/></p> });
    view! {
        <Transition fallback>
            {move || resource.get().map(|result| match result {
                Ok(data) => children(data).into_any(),
                Err(e) if quiet => { session.check(&e); ().into_any() }
                Err(e) => failed(&session, &i18n, &e),
            })}
        </Transition>
    }
}
