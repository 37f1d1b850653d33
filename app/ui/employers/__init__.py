"""The Employers area: the list, the detail pane and its sections, the new-employer dialog."""
