"""Talent requests: the NGO director's form, posting, editing and closing them, and what an
association director can do to any request from its card."""
