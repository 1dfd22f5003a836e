"""Jobs: long work with progress, cancel and resume, shared by the CLI and the GUI."""
