pub fn run(_files: Vec<std::path::PathBuf>) -> anyhow::Result<()> {
    Ok(())
}
