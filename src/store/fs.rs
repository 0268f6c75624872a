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
    /// Copies a file's contents to a new file and flushes it to disk.
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
