//! Where a login leads: the page the user asked for before being sent to log in (`?next=`), when
//! it is a page of this site, else the home page. The login module follows it; the app's
//! `boot.js` writes it.

/// The login page's own path (a login never leads back to it).
pub const LOGIN_PATH: &str = "/login";

/// `next` when it is a path of this site, else `/`. A path starts with exactly one `/`: `//host`
/// and `/\host` are read by browsers as another site, and a scheme (`https:`, `javascript:`)
/// does not start with `/` at all. Control characters (which browsers strip, joining what they
/// separated) and the login page itself are refused too.
pub fn after_login(next: Option<&str>) -> &str {
    next.filter(|path| is_own_path(path)).unwrap_or("/")
}

fn is_own_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !path.chars().any(char::is_control)
        && path.split(['?', '#']).next() != Some(LOGIN_PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_this_site_is_followed() {
        assert_eq!(after_login(Some("/households/42?tab=members#top")), "/households/42?tab=members#top");
        assert_eq!(after_login(Some("/")), "/");
        assert_eq!(after_login(Some("/login-help")), "/login-help");
    }

    #[test]
    fn anything_else_leads_home() {
        for next in [
            None,
            Some(""),
            Some("households"),
            Some("//evil.example/x"),
            Some("/\\evil.example"),
            Some("https://evil.example/"),
            Some("javascript:alert(1)"),
            Some("/\t/evil.example"),
            Some("/\n/evil.example"),
            Some("/login"),
            Some("/login?next=/users"),
            Some("/login#x"),
        ] {
            assert_eq!(after_login(next), "/", "{next:?}");
        }
    }
}
