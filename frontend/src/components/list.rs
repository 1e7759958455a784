//! The list every list page uses: cards on a phone, a table with sortable columns from
//! 1024 px (the switch is a media query in app.css; both are in the page), an empty state,
//! and with [`PagedList`] the pager under a server page.

use std::sync::Arc;

use jingzhun_shared::{ClientError, Page, StringEnum};
use leptos::prelude::*;

use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::i18n::{T, use_i18n};

/// What a column sorts by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Number(i64),
    Text(String),
}

type Cell<R> = Arc<dyn Fn(&R) -> AnyView + Send + Sync>;
type Key<R> = Arc<dyn Fn(&R) -> SortKey + Send + Sync>;

/// A table column: its header, its cell and, when sortable, what it sorts by.
pub struct Column<R> {
    label: (&'static str, &'static str),
    cell: Cell<R>,
    key: Option<Key<R>>,
}

impl<R> Clone for Column<R> {
    fn clone(&self) -> Self {
        Column { label: self.label, cell: self.cell.clone(), key: self.key.clone() }
    }
}

impl<R> Column<R> {
    pub fn new(label: (&'static str, &'static str), cell: impl Fn(&R) -> AnyView + Send + Sync + 'static) -> Self {
        Column { label, cell: Arc::new(cell), key: None }
    }

    /// Makes the column sortable by `key` (within the page shown).
    pub fn sort(mut self, key: impl Fn(&R) -> SortKey + Send + Sync + 'static) -> Self {
        self.key = Some(Arc::new(key));
        self
    }
}

/// Cards (`card` renders one row's content) and the same rows as a table of `columns`.
#[component]
pub fn List<R>(
    items: Vec<R>,
    columns: Vec<Column<R>>,
    card: Arc<dyn Fn(R) -> AnyView + Send + Sync>,
    /// Names the list for styles and tests, e.g. `households`.
    class: &'static str,
    /// Shown instead of an empty list, (中文, English).
    empty: (&'static str, &'static str),
) -> impl IntoView
where
    R: Clone + Send + Sync + 'static,
{
    if items.is_empty() {
        return view! { <p class="empty"><T zh=empty.0 en=empty.1/></p> }.into_any();
    }
    view! {
        <div class=format!("list {class}")>
            <ul class="rows cards">
                {items.iter().cloned().map(|r| view! { <li class="row">{card(r)}</li> }).collect_view()}
            </ul>
            <Table items columns/>
        </div>
    }
    .into_any()
}

/// The rows as a table whose sortable columns sort on a click of their header.
#[component]
pub fn Table<R>(items: Vec<R>, columns: Vec<Column<R>>) -> impl IntoView
where
    R: Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    // (column, ascending); `None` keeps the server's order.
    let sort = RwSignal::new(None::<(usize, bool)>);
    let columns = StoredValue::new(columns);
    let items = StoredValue::new(items);
    let rows = move || {
        let mut rows = items.get_value();
        if let Some((i, ascending)) = sort.get()
            && let Some(key) = columns.with_value(|c| c.get(i).and_then(|c| c.key.clone()))
        {
            rows.sort_by(|a, b| {
                let order = key(a).cmp(&key(b));
                if ascending { order } else { order.reverse() }
            });
        }
        rows.into_iter()
            .map(|r| {
                let cells = columns.with_value(|c| c.iter().map(|c| view! { <td>{(c.cell)(&r)}</td> }).collect_view());
                view! { <tr>{cells}</tr> }
            })
            .collect_view()
    };
    let header = move |(i, c): (usize, &Column<R>)| {
        let label = c.label;
        let state = move || match sort.get() {
            Some((j, true)) if j == i => ("ascending", " ▲"),
            Some((j, false)) if j == i => ("descending", " ▼"),
            _ => ("none", " ↕"),
        };
        let flip = move |_| sort.update(|s| *s = Some((i, !matches!(*s, Some((j, true)) if j == i))));
        match c.key.is_some() {
            true => view! {
                <th aria-sort=move || state().0>
                    <button type="button" class="sort" on:click=flip>{move || i18n.t(label.0, label.1)}{move || state().1}</button>
                </th>
            }
            .into_any(),
            false => view! { <th>{move || i18n.t(label.0, label.1)}</th> }.into_any(),
        }
    };
    view! {
        <table class="table">
            <thead><tr>{columns.with_value(|c| c.iter().enumerate().map(header).collect_view())}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A server page of rows as a [`List`] with its pager.
#[component]
pub fn PagedList<R>(
    resource: LocalResource<Result<Page<R>, ClientError>>,
    page: RwSignal<u64>,
    per_page: u64,
    columns: Vec<Column<R>>,
    card: Arc<dyn Fn(R) -> AnyView + Send + Sync>,
    class: &'static str,
    empty: (&'static str, &'static str),
) -> impl IntoView
where
    R: Clone + Send + Sync + 'static,
{
    let loaded = move || resource.get().and_then(Result::ok);
    let total = Signal::derive(move || loaded().map_or(0, |p| p.total));
    let exact = Signal::derive(move || loaded().is_none_or(|p| p.total_exact));
    let columns = StoredValue::new(columns);
    let card = StoredValue::new(card);
    view! {
        <Loaded resource=resource children=move |p| view! {
            <List items=p.items columns=columns.get_value() card=card.get_value() class empty/>
        }/>
        <Pager page total per_page exact/>
    }
}

/// Sorts enum values in their declared order (stages, statuses).
pub fn order<E: StringEnum>(value: E) -> SortKey {
    let at = E::ALL.iter().position(|v| *v == value).unwrap_or_default();
    SortKey::Number(i64::try_from(at).unwrap_or(i64::MAX))
}

/// A text sort key.
pub fn text(s: &str) -> SortKey {
    SortKey::Text(s.to_owned())
}
