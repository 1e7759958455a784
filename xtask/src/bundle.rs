//! The browser bundle: wasm32 release build → wasm-opt when installed → wasm-bindgen (as a
//! library, the same version as the frontend's) → content-hashed files in dist/.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::{Result, cargo, root, run_cmd, target_dir};

const TARGET: &str = "wasm32-unknown-unknown";

/// `erase_components` type-erases Leptos views, which makes the bundle markedly smaller.
pub const WASM_RUSTFLAGS: &str = "--cfg erase_components";

pub fn build_frontend() -> Result {
    ensure_target()?;
    let staging = target_dir().join("bundle");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| format!("create {}: {e}", staging.display()))?;
    let out = staging.join("out");
    // The app first: it depends on the login crate without `entry`, so the login module's own
    // build (with it) comes second and its output is the one kept.
    module("jingzhun-frontend", "jingzhun_frontend", &[], &out)?;
    module("jingzhun-login", "jingzhun_login", &["--features", "entry"], &out)?;
    write_dist(&out, &root().join("dist"))
}

/// One wasm module: built, bound (`LIB.js` and `LIB_bg.wasm` in `out`) and optimised.
fn module(package: &str, lib: &str, features: &[&str], out: &Path) -> Result {
    run_cmd(
        cargo()
            .args(["build", "-p", package, "--target", TARGET, "--profile", "wasm-release"])
            .args(features)
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", WASM_RUSTFLAGS),
    )?;
    let input = target_dir().join(format!("{TARGET}/wasm-release/{lib}.wasm"));
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&input)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .omit_default_module_path(true)
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    optimize(&out.join(format!("{lib}_bg.wasm")))
}

fn ensure_target() -> Result {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match installed {
        Ok(out) if String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == TARGET) => Ok(()),
        Ok(_) => run_cmd(Command::new("rustup").args(["target", "add", TARGET])),
        // Without rustup the target must come with the toolchain; cargo will say if it does not.
        Err(_) => Ok(()),
    }
}

fn optimize(wasm: &Path) -> Result {
    let available = Command::new("wasm-opt").arg("--version").output().is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("note: wasm-opt not found (apt-get install binaryen); the bundle is larger without it");
        return Ok(());
    }
    let optimized = wasm.with_extension("opt.wasm");
    // The features Rust's wasm32 target emits by default; wasm-opt must accept them.
    let features = [
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-multivalue",
        "--enable-reference-types",
    ];
    let mut cmd = Command::new("wasm-opt");
    cmd.arg("-Oz").args(features).arg(wasm).arg("-o").arg(&optimized);
    run_cmd(&mut cmd)?;
    let mut bytes = std::fs::read(&optimized).map_err(|e| format!("read optimized wasm: {e}"))?;
    crate::wasm_fix::repoint_externref_export(&mut bytes)?;
    // Only the final wasm goes into dist/.
    std::fs::remove_file(&optimized).map_err(|e| format!("remove {}: {e}", optimized.display()))?;
    std::fs::write(wasm, bytes).map_err(|e| format!("write optimized wasm: {e}"))
}

/// Copies the bundle into `dist/assets/` under content-hashed names and writes `index.html`
/// (the app) and `login.html` (the login module), so browsers may cache assets forever and still
/// never run a stale one.
fn write_dist(staging: &Path, dist: &Path) -> Result {
    let statics = root().join("frontend/static");
    let _ = std::fs::remove_dir_all(dist);
    let assets = dist.join("assets");
    copy_tree(staging, &assets)?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("read {}: {e}", p.display()));
    let write = |p: &Path, bytes: &[u8]| std::fs::write(p, bytes).map_err(|e| format!("write {}: {e}", p.display()));
    // Renames a bound file to `PREFIX-HASH.EXT`, returning the new name.
    let hashed = |from: &str, prefix: &str, ext: &str| -> Result<String> {
        let name = format!("{prefix}-{}.{ext}", short_hash(&read(&assets.join(from))?));
        std::fs::rename(assets.join(from), assets.join(&name)).map_err(|e| format!("rename {from}: {e}"))?;
        Ok(name)
    };
    // A file of `frontend/static` with each `{{key}}` replaced by its value.
    let template = |file: &str, fill: &[(&str, &str)]| -> Result<String> {
        let text = String::from_utf8_lossy(&read(&statics.join(file))?).into_owned();
        Ok(fill.iter().fold(text, |text, (key, value)| text.replace(&format!("{{{{{key}}}}}"), value)))
    };
    // A filled boot script, written under its content hash.
    let boot_asset = |file: &str, text: String| -> Result<String> {
        let name = format!("{}-{}.js", file.trim_end_matches(".js"), short_hash(text.as_bytes()));
        write(&assets.join(&name), text.as_bytes())?;
        Ok(name)
    };

    let app_wasm = hashed("jingzhun_frontend_bg.wasm", "app", "wasm")?;
    let app_js = hashed("jingzhun_frontend.js", "app", "js")?;
    let login_wasm = hashed("jingzhun_login_bg.wasm", "login", "wasm")?;
    let login_js = hashed("jingzhun_login.js", "login", "js")?;
    let css = read(&statics.join("app.css"))?;
    let css_name = format!("app-{}.css", short_hash(&css));
    write(&assets.join(&css_name), &css)?;

    let boot = boot_asset("boot.js", template("boot.js", &[("js", &app_js), ("wasm", &app_wasm)])?)?;
    let login_boot = boot_asset(
        "login-boot.js",
        template(
            "login-boot.js",
            &[("js", &login_js), ("wasm", &login_wasm), ("app_js", &app_js), ("app_wasm", &app_wasm)],
        )?,
    )?;
    let index = template("index.html", &[("css", &css_name), ("boot", &boot)])?;
    write(&dist.join("index.html"), index.as_bytes())?;
    let login =
        template("login.html", &[("css", &css_name), ("boot", &login_boot), ("js", &login_js), ("wasm", &login_wasm)])?;
    write(&dist.join("login.html"), login.as_bytes())?;

    let sizes = precompress(&assets)?;
    report(
        &sizes,
        &[
            ("the app (goal: 350 KB)", &index, &[&css_name, &boot, &app_js, &app_wasm]),
            ("the login page (goal: 150 KB)", &login, &[&css_name, &login_boot, &login_js, &login_wasm]),
        ],
    )
}

/// One file of the bundle and what travels for it: raw, gzip -9 and brotli -11 sizes in bytes.
struct Sizes {
    name: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

/// Writes `NAME.br` (brotli, quality 11) and `NAME.gz` (gzip, level 9) beside every file of
/// `assets`: the server sends the smallest one the browser accepts instead of compressing on
/// the fly at a low level.
fn precompress(assets: &Path) -> Result<Vec<Sizes>> {
    let mut sizes = Vec::new();
    let entries = std::fs::read_dir(assets).map_err(|e| format!("read {}: {e}", assets.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
        let (gz, br) = (gzip(&bytes)?, brotli(&bytes)?);
        let beside = |ext: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(ext);
            std::path::PathBuf::from(name)
        };
        std::fs::write(beside(".gz"), &gz).map_err(|e| format!("write gzip copy: {e}"))?;
        std::fs::write(beside(".br"), &br).map_err(|e| format!("write brotli copy: {e}"))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        sizes.push(Sizes { name, raw: bytes.len(), gzip: gz.len(), brotli: br.len() });
    }
    sizes.sort_by_key(|s| std::cmp::Reverse(s.raw));
    Ok(sizes)
}

/// A page and the assets it loads with an empty cache.
type PageLoad<'a> = (&'a str, &'a str, &'a [&'a String]);

/// Prints each file's sizes, then what each page transfers with an empty cache: its HTML and
/// the brotli copy of each asset it loads (every browser in use accepts brotli).
fn report(sizes: &[Sizes], pages: &[PageLoad<'_>]) -> Result {
    let kb = |n: usize| format!("{:.1}", n as f64 / 1024.0);
    eprintln!("bundle (KB)                  raw     gzip   brotli");
    for s in sizes {
        eprintln!("  {:<24} {:>8} {:>8} {:>8}", s.name, kb(s.raw), kb(s.gzip), kb(s.brotli));
    }
    let sum = |f: fn(&Sizes) -> usize| sizes.iter().map(f).sum::<usize>();
    eprintln!(
        "  {:<24} {:>8} {:>8} {:>8}",
        "all assets",
        kb(sum(|s| s.raw)),
        kb(sum(|s| s.gzip)),
        kb(sum(|s| s.brotli))
    );
    for (page, html, loads) in pages {
        let mut brotli = 0;
        for asset in *loads {
            let size = sizes.iter().find(|s| &s.name == *asset).ok_or(format!("{asset} is not in the bundle"))?;
            brotli += size.brotli;
        }
        eprintln!(
            "{page}: {} KB transferred with an empty cache (brotli assets + the HTML, {} B)",
            kb(brotli + html.len()),
            html.len()
        );
    }
    Ok(())
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    encoder.finish().map_err(|e| format!("gzip: {e}"))
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

fn copy_tree(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("read {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| format!("copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// FNV-1a, 32 bits in hex: enough to tell bundle versions apart.
fn short_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193));
    format!("{hash:08x}")
}
