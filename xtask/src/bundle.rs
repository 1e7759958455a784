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
    run_cmd(
        cargo()
            .args(["build", "-p", "jingzhun-frontend", "--target", TARGET, "--profile", "wasm-release"])
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", WASM_RUSTFLAGS),
    )?;
    let root = root();
    let staging = target_dir().join("bundle");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| format!("create {}: {e}", staging.display()))?;
    let input = target_dir().join(format!("{TARGET}/wasm-release/jingzhun_frontend.wasm"));
    let out = staging.join("out");
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&input)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .omit_default_module_path(true)
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&out)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    optimize(&out.join("jingzhun_frontend_bg.wasm"))?;
    write_dist(&out, &root.join("dist"))
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
    std::fs::write(wasm, bytes).map_err(|e| format!("write optimized wasm: {e}"))
}

/// Copies the bundle into `dist/assets/` under content-hashed names and writes index.html,
/// so browsers may cache assets forever and still never run a stale one.
fn write_dist(staging: &Path, dist: &Path) -> Result {
    let statics = root().join("frontend/static");
    let _ = std::fs::remove_dir_all(dist);
    let assets = dist.join("assets");
    copy_tree(staging, &assets)?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("read {}: {e}", p.display()));
    let write = |p: &Path, bytes: &[u8]| std::fs::write(p, bytes).map_err(|e| format!("write {}: {e}", p.display()));

    let wasm_bytes = read(&assets.join("jingzhun_frontend_bg.wasm"))?;
    let wasm_name = format!("app-{}.wasm", short_hash(&wasm_bytes));
    std::fs::rename(assets.join("jingzhun_frontend_bg.wasm"), assets.join(&wasm_name)).map_err(|e| e.to_string())?;
    let js_bytes = read(&assets.join("jingzhun_frontend.js"))?;
    let js_name = format!("app-{}.js", short_hash(&js_bytes));
    std::fs::rename(assets.join("jingzhun_frontend.js"), assets.join(&js_name)).map_err(|e| e.to_string())?;

    let boot = String::from_utf8_lossy(&read(&statics.join("boot.js"))?)
        .replace("{{js}}", &js_name)
        .replace("{{wasm}}", &wasm_name);
    let boot_name = format!("boot-{}.js", short_hash(boot.as_bytes()));
    write(&assets.join(&boot_name), boot.as_bytes())?;
    let css = read(&statics.join("app.css"))?;
    let css_name = format!("app-{}.css", short_hash(&css));
    write(&assets.join(&css_name), &css)?;
    let index = String::from_utf8_lossy(&read(&statics.join("index.html"))?)
        .replace("{{css}}", &css_name)
        .replace("{{boot}}", &boot_name);
    write(&dist.join("index.html"), index.as_bytes())?;

    let total: Vec<u8> = [wasm_bytes.as_slice(), js_bytes.as_slice(), css.as_slice()].concat();
    eprintln!(
        "bundle: wasm {} KB ({} KB gzipped), js {} KB, css {} KB; all {} KB gzipped",
        wasm_bytes.len() / 1024,
        gzip_len(&wasm_bytes) / 1024,
        js_bytes.len() / 1024,
        css.len() / 1024,
        gzip_len(&total) / 1024
    );
    Ok(())
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

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    if encoder.write_all(bytes).is_err() {
        return 0;
    }
    encoder.finish().map_or(0, |v| v.len())
}
