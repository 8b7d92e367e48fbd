"""/notice: an association director's announcement to many members, and its delivery report."""
