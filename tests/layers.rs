//! The module map in `src/lib.rs` is a promise: each module uses only those listed before
//! it (or beside it, on its own line of the map, without a cycle), and within a module no
//! two parts use each other. This reads every source file, resolves `crate::` and `super::`
//! paths, and checks both. Unit tests (`#[cfg(test)]` modules) are left out: a test may
//! reach for anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The map's lines, lowest first: the modules each names.
fn layers() -> Vec<Vec<String>> {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let mut layers = Vec::new();
    for line in lib.lines().take_while(|l| l.starts_with("//!")) {
        let line = line.trim_start_matches("//!").trim_start();
        let Some(rest) = line.strip_prefix("- ") else { continue };
        let names: Vec<String> = rest
            .split("[`")
            .skip(1)
            .filter_map(|part| part.split_once("`]").map(|(name, _)| name.to_string()))
            .take_while(|_| true)
            .collect();
        // Only the names before the colon are the line's modules.
        let head = rest.split(':').next().unwrap_or("");
        let names: Vec<String> = names.into_iter().filter(|n| head.contains(&format!("[`{n}`]"))).collect();
        if !names.is_empty() {
            layers.push(names);
        }
    }
    layers
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The module path of a file under `src/`: `src/pose/parse.rs` is `["pose", "parse"]`,
/// `src/pose/mod.rs` is `["pose"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The file's text without its unit tests.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod ").map_or(text, |at| &text[..at])
}

/// Every path the text names from the crate's root, as segments: `crate::a::b` and the
/// paths inside `use crate::{a::b, c}`, and `super::` paths resolved from `module`.
fn paths(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let word = |c: char| c.is_alphanumeric() || c == '_';
    for (at, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        if at > 0 && code[..at].chars().next_back().is_some_and(|c| word(c) || c == ':') {
            continue;
        }
        let mut rest = &code[at..];
        let mut base: Vec<String> = Vec::new();
        if let Some(r) = rest.strip_prefix("crate::") {
            rest = r;
        } else {
            base = module.to_vec();
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
        }
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for item in inner.split(',') {
                let name: String = item.trim().chars().take_while(|&c| word(c)).collect();
                if !name.is_empty() && name != "self" {
                    out.push([base.clone(), vec![name]].concat());
                }
            }
            continue;
        }
        let name: String = rest.chars().take_while(|&c| word(c)).collect();
        let after = &rest[name.len()..];
        let mut path = [base, vec![name]].concat();
        if let Some(next) = after.strip_prefix("::") {
            let second: String = next.chars().take_while(|&c| word(c)).collect();
            if !second.is_empty() {
                path.push(second);
            }
        }
        out.push(path);
    }
    out
}

#[test]
fn no_module_uses_one_above_it_and_no_two_parts_of_one_use_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layers = layers();
    let layer_of: BTreeMap<&str, usize> =
        layers.iter().enumerate().flat_map(|(i, names)| names.iter().map(move |n| (n.as_str(), i))).collect();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for line in lib.lines() {
        let name = line.trim().trim_start_matches("pub ").trim_start_matches("(crate) ");
        if let Some(module) = name.strip_prefix("mod ").and_then(|m| m.strip_suffix(";")).filter(|m| *m != "tests") {
            assert!(layer_of.contains_key(module), "`{module}` is not on the module map in src/lib.rs");
        }
    }
    let mut upward = Vec::new();
    // Top-level modules that use each other, and parts of one module that do.
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut parts: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in sources(&src) {
        let module = module_of(&src, &file);
        let Some(own) = module.first().filter(|m| layer_of.contains_key(m.as_str())) else { continue };
        let text = std::fs::read_to_string(&file).unwrap();
        for path in paths(without_tests(&text), &module) {
            let Some(target) = path.first() else { continue };
            if target == own {
                // A part of the same module: `pose::parse` using `pose::library`.
                if let (Some(from), Some(to)) = (module.get(1), path.get(1))
                    && from != to
                    && src.join(own).join(format!("{to}.rs")).exists()
                {
                    parts.entry(own.clone()).or_default().entry(from.clone()).or_default().insert(to.clone());
                }
                continue;
            }
            let Some(&to) = layer_of.get(target.as_str()) else { continue };
            let from = layer_of[own.as_str()];
            if to > from {
                upward.push(format!("{} uses `{}` ({})", file.display(), path.join("::"), layers[to].join(", ")));
            }
            if to == from {
                top.entry(own.clone()).or_default().insert(target.clone());
            }
        }
    }
    assert!(upward.is_empty(), "uses of a module listed later in src/lib.rs:\n{}", upward.join("\n"));
    let cycles: Vec<String> = std::iter::once(("crate".to_string(), top))
        .chain(parts)
        .flat_map(|(owner, graph)| cycles_in(&graph).into_iter().map(move |c| format!("{owner}: {}", c.join(" → "))))
        .collect();
    assert!(cycles.is_empty(), "modules that use each other:\n{}", cycles.join("\n"));
}

/// Every cycle in `graph`, once each, as the names around it.
fn cycles_in(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found = BTreeSet::new();
    for start in graph.keys() {
        let mut stack = vec![vec![start.clone()]];
        while let Some(path) = stack.pop() {
            let last = path.last().unwrap();
            for next in graph.get(last).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    // One way to write each cycle: from its least name.
                    let first = cycle.iter().enumerate().min_by_key(|(_, n)| *n).map_or(0, |(i, _)| i);
                    cycle.rotate_left(first);
                    found.insert(cycle);
                } else if !path.contains(next) && path.len() < 8 {
                    stack.push([path.clone(), vec![next.clone()]].concat());
                }
            }
        }
    }
    found
        .into_iter()
        .map(|mut c| {
            c.push(c[0].clone());
            c
        })
        .collect()
}
