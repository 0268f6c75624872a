//! The few file-system operations a save needs, behind a trait so that tests can make any
//! one of them fail (or "kill" the save there) and check that the case on disk survives.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// The operations of an atomic save, in the order [`super::save_with`] uses them.
pub trait FileSystem {
    type File;
    /// Creates (or truncates) a file for writing.
    fn create(&self, path: &Path) -> io::Result<Self::File>;
    fn write_all(&self, file: &mut Self::File, bytes: &[u8]) -> io::Result<()>;
    /// Flushes the file's data to the disk (fsync).
    fn sync(&self, file: &mut Self::File) -> io::Result<()>;
    /// Makes a new file `to` with the contents of `from`, on disk (a hard link or a copy).
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Replaces `to` with `from` in one step.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// Flushes a folder's entries (so that a rename survives a power cut); best effort.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn exists(&self, path: &Path) -> bool;
}

/// The real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct StdFs;

impl FileSystem for StdFs {
    type File = File;
    fn create(&self, path: &Path) -> io::Result<File> {
        File::create(path)
    }
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
    fn sync(&self, file: &mut File) -> io::Result<()> {
        file.sync_all()
    }
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        // A hard link costs nothing and is safe here: a save never writes a case file in
        // place, it renames a new one over it, so the linked contents never change.
        // Where links are not supported (FAT, some network folders), a real copy.
        if std::fs::hard_link(from, to).is_ok() {
            return Ok(());
        }
        std::fs::copy(from, to)?;
        File::open(to)?.sync_all()
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        // Opening a folder for fsync works on Unix; elsewhere it fails harmlessly.
        File::open(dir)?.sync_all()
    }
    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }
}
