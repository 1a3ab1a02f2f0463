"""Which files a folder and its ``articles.csv`` manifest give, and what is left out and why."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .report import ArticleLoadError, Report

MANIFEST_COLUMNS = ["file", "outlet", "published", "language", "url", "label", "note"]


def read_manifest(path: Path, report: Report) -> pd.DataFrame:
    """Read and check ``articles.csv``. A broken manifest raises, naming file and line."""
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.ParserError as exc:
        raise ArticleLoadError(f"{path}: broken manifest: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ArticleLoadError(f"{path}: manifest is not UTF-8: {exc}") from None
    except pd.errors.EmptyDataError:
        raise ArticleLoadError(f"{path}: manifest is empty") from None
    manifest.columns = [c.strip() for c in manifest.columns]
    if "file" not in manifest.columns:
        raise ArticleLoadError(
            f"{path}: manifest has no 'file' column (columns: {', '.join(manifest.columns)})"
        )
    for col in MANIFEST_COLUMNS:
        if col not in manifest.columns:
            manifest[col] = ""
    unknown = [c for c in manifest.columns if c not in MANIFEST_COLUMNS]
    if unknown:
        report.add(path, "warning", f"unknown manifest columns ignored: {', '.join(unknown)}", 1)
    manifest = manifest.apply(lambda col: col.str.strip())
    manifest["line"] = range(2, len(manifest) + 2)   # header is line 1
    dup = manifest["file"].duplicated(keep="first") & (manifest["file"] != "")
    for row in manifest[dup].itertuples():
        report.add(path, "warning", f"second manifest row for {row.file!r} ignored", row.line)
    for row in manifest[manifest["file"] == ""].itertuples():
        report.add(path, "warning", "manifest row without a file name ignored", row.line)
    return manifest[~dup & (manifest["file"] != "")]


def manifest_entries(manifest_path: Path, resolved: dict[Path, Path], report: Report, *, folder_load: bool) -> dict:
    """Manifest rows by the resolved path of the file they describe (``resolved``: each file
    being loaded and its resolved path). A row describes a file being loaded and never adds
    one; a row naming a path outside the manifest's folder (absolute, ``..``, or a link leading
    out) is rejected by name."""
    table = read_manifest(manifest_path, report)
    base = manifest_path.parent
    inside = base.resolve()
    loaded = {str(r): f for f, r in resolved.items()}
    by_name = {f.name: f for f in resolved}
    entries: dict[str, dict] = {}
    for row in table.to_dict("records"):
        name, line = row["file"], row["line"]
        named = Path(name)
        if named.is_absolute() or ".." in named.parts:
            report.add(manifest_path, "rejected", f"manifest row names {name!r}: only paths inside {base} are read", line)
            continue
        candidates = [by_name.get(named.name), base / named, base / "articles" / named]
        found = next((c for c in candidates if c is not None and c.is_file()), None)
        if found is None:
            if folder_load:
                report.add(manifest_path, "warning", f"manifest row names {name!r}, which does not exist", line)
            continue
        target = resolved.get(found) or found.resolve()
        if not target.is_relative_to(inside):
            report.add(manifest_path, "rejected", f"manifest row names {name!r}, a link to {target} outside {base}; not read", line)
            continue
        if str(target) not in loaded:
            if folder_load:
                report.add(manifest_path, "warning", f"manifest row names {name!r}, which is not among the files "
                           "loaded (only .txt files in the folder are read)", line)
            continue
        if str(target) in entries:
            first = entries[str(target)]
            report.add(manifest_path, "warning", f"manifest row names {name!r}, the file of line {first['line']} "
                       f"({first['file']!r}); this row is ignored", line)
            continue
        entries[str(target)] = row
    return entries


def discover(path: Path, manifest, report: Report) -> tuple[list[Path], Path | None]:
    """Files to load and the manifest that describes them; every other folder entry is named
    in the load report with the reason it is not read."""
    if path.is_file():
        files = [path]
        folder = path.parent
    else:
        folder = path / "articles" if (path / "articles").is_dir() else path
        files = []
        for entry in sorted(folder.iterdir()):
            if entry.is_file() and entry.suffix.lower() == ".txt":
                files.append(entry)
            elif entry.name != "articles.csv" and not entry.name.startswith("."):
                report.add(entry, "warning", f"not read: {kind_of(entry)}")
        if folder != path:
            # beside articles/: files are named (a page left outside it); sub-folders are other
            # material of the project (training labels, documents) and are not articles
            for entry in sorted(path.iterdir()):
                if entry.name not in ("articles", "articles.csv") and not entry.name.startswith(".") \
                        and not (entry.is_dir() and not entry.is_symlink()):
                    what = "a file" if entry.is_file() else kind_of(entry)
                    report.add(entry, "warning", f"not read: {what} beside the articles/ folder (only files in it are read)")
    if manifest is not None:
        return files, Path(manifest)
    for candidate in (path / "articles.csv", folder / "articles.csv", folder.parent / "articles.csv"):
        if candidate.is_file():
            return files, candidate
    return files, None


def kind_of(entry: Path) -> str:
    if entry.is_symlink() and not entry.exists():
        return "a broken symbolic link"
    if entry.is_dir():
        return "a sub-folder (sub-folders are not searched)"
    if not entry.is_file():
        return "not a regular file (a pipe, socket or device)"
    return f"not a .txt file ({entry.suffix or 'no suffix'})"
