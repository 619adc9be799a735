//! Writing dossier's own files safely: an exclusive lock per folder, held while a file is
//! re-read, changed and written, and an atomic write (a temporary file renamed over the old
//! one), so two processes never leave a file half-written or lose each other's change.

use std::path::Path;

/// Holds an exclusive lock on the folder a file (a catalog, a bookmarks file) is in while it
/// lives. No lock file is made, so none appears beside a catalog inside the corpus.
pub struct Lock(std::fs::File);

impl Lock {
    /// Locks the folder `file` is in (created if missing): every process changing that file,
    /// whatever its settings, takes the same lock.
    pub fn take(file: &Path) -> Result<Self, String> {
        let real = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = real.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let f = std::fs::File::open(dir).map_err(|e| format!("cannot open {} to lock it: {e}", dir.display()))?;
        f.lock().map_err(|e| format!("cannot lock {}: {e}", dir.display()))?;
        Ok(Self(f))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Writes a file atomically: a temporary file in the same folder, renamed over it.
/// A symbolic link is followed (the file it points to is replaced, the link stays) and the
/// file's permissions are kept.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let path = real.as_path();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.dossier-{}.tmp", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    if let Ok(m) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, m.permissions());
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot replace {}: {e}", path.display())
    })
}
