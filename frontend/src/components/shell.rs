//! The frame around every page after login: a top bar with the user, a side bar on desktops
//! that becomes a drawer on phones, and the language switch.

use jingzhun_shared::Role;
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
    move || match session.user() {
        None => view! { <Redirect path=Page::Login.path()/> }.into_any(),
        Some(user) => {
            let role = user.role;
            let links = move || {
                let mut links =
                    vec![(Page::Home, i18n.t("首页", "Home")), (Page::OrgUnits, i18n.t("行政区划", "Org units"))];
                if role != Role::Enterprise {
                    links.push((Page::Funds, i18n.t("资金项目", "Funds")));
                }
                if role == Role::Admin {
                    links.push((Page::Users, i18n.t("用户管理", "Users")));
                }
                if matches!(role, Role::Admin | Role::Auditor) {
                    links.push((Page::Audit, i18n.t("操作日志", "Audit trail")));
                }
                links.into_iter().map(|(page, label)| view! { <A href=page.path()>{label}</A> }).collect_view()
            };
            view! {
                <div class="app" class:drawer-open=move || drawer_open.get()>
                    <header class="topbar">
                        <button type="button" class="menu-button" aria-label="menu"
                            on:click=move |_| drawer_open.update(|o| *o = !*o)>"☰"</button>
                        <span class="brand"><T zh="精准扶贫" en="Jingzhun"/></span>
                        <span class="who">
                            <span class="who-name">{user.display_name.clone()}</span>
                            <span class="who-role">{move || i18n.role(role)}</span>
                            <span class="who-unit">{user.org_unit.name.clone()}</span>
                        </span>
                    </header>
                    <nav class="sidebar" aria-label="main">
                        {links}
                        <hr/>
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
