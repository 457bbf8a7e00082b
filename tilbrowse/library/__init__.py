"""The loaded corpus: records, the on-disk cache, background loading, the folder watcher."""
