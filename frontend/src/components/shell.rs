//! The frame around every page after login: a top bar with the user, a side bar on desktops
//! that becomes a drawer on phones, and the language switch.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_location;

use crate::Page;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let drawer_open = RwSignal::new(false);
    let location = use_location();
    // Following a link closes the drawer.
    Effect::new(move |_| {
        location.pathname.track();
        drawer_open.set(false);
    });
    let children = StoredValue::new(children);
    // The frame and the page in it are rebuilt when the user changes, not when only the token
    // does (a password change renews it while its page shows the result).
    let user = Memo::new(move |_| session.user());
    move || match user.get() {
        None => view! { <Redirect path=Page::Login.href()/> }.into_any(),
        Some(user) => {
            let role = user.role;
            // Every page the role may use, by the same rule the server checks.
            let links = Page::NAV
                .into_iter()
                .filter(|page| page.allowed(role))
                .map(|page| {
                    let (zh, en) = page.title();
                    view! { <A href=page.href()><T zh en/></A> }
                })
                .collect_view();
            view! {
                <div class="app" class:drawer-open=move || drawer_open.get()>
                    <header class="topbar">
                        <button type="button" class="menu-button" aria-label="menu"
                            on:click=move |_| drawer_open.update(|o| *o = !*o)>"☰"</button>
                        <span class="brand"><T zh="精准扶贫" en="Jingzhun"/></span>
                        <span class="who">
                            <span class="who-name">{user.display_name.clone()}</span>
                            <span class="who-role">{move || i18n.label(role)}</span>
                            <span class="who-unit">{user.org_unit.name.clone()}</span>
                        </span>
                    </header>
                    <nav class="sidebar" aria-label="main">
                        {links}
                        <hr/>
                        <A href=Page::Password.href()><T zh="修改密码" en="Change password"/></A>
                        <button type="button" class="link-button" on:click=move |_| i18n.toggle()>
                            <T zh="English" en="中文"/>
                        </button>
                        <button type="button" class="link-button" on:click=move |_| session.end()>
                            <T zh="退出登录" en="Log out"/>
                        </button>
                    </nav>
                    <div class="scrim" on:click=move |_| drawer_open.set(false)></div>
                    <main class="content">{children.with_value(|c| c())}</main>
                </div>
            }
            .into_any()
        }
    }
}
